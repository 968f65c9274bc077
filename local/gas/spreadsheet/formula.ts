/**
 * A deliberately tiny formula evaluator. The emulator stores every formula as typed and only
 * computes what is trivial (arithmetic, comparisons, "&", cell references, SUM, IF, HYPERLINK and a
 * few text functions); any other function evaluates to #NAME?. In particular IMPORTXML, IMPORTDATA,
 * IMAGE and friends are never executed: text from the outside must not be able to fetch anything.
 */
import { lettersToColumn } from "./a1-notation.js";
import type { GridRange } from "./workbook-state.js";

export type FormulaError = { error: string };
export type FormulaValue = number | string | boolean | FormulaError | null;

export interface FormulaEnvironment {
	/** Value of one cell; null when empty. The environment guards against circular references. */
	cell(sheetName: string | null, row: number, column: number): FormulaValue;
	/** Values of a rectangle, row by row. */
	range(sheetName: string | null, range: GridRange): FormulaValue[];
}

type Token =
	| { t: "num"; value: number }
	| { t: "str"; value: string }
	| { t: "ref"; sheet: string | null; row: number; column: number; row2?: number; column2?: number }
	| { t: "name"; value: string }
	| { t: "op"; value: string };

const PARSE_ERROR: FormulaError = { error: "#ERROR!" };

function tokenize(text: string): Token[] | null {
	const tokens: Token[] = [];
	let i = 0;
	const cellAt = (from: number) => /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(text.slice(from));
	while (i < text.length) {
		const ch = text[i] as string;
		if (/\s/.test(ch)) {
			i++;
			continue;
		}
		if (/[0-9.]/.test(ch)) {
			const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
			if (!match) return null;
			tokens.push({ t: "num", value: Number(match[0]) });
			i += match[0].length;
			continue;
		}
		if (ch === '"') {
			let value = "";
			i++;
			while (i < text.length) {
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					break;
				}
				value += text[i];
				i++;
			}
			if (i >= text.length) return null;
			i++;
			tokens.push({ t: "str", value });
			continue;
		}
		let sheet: string | null = null;
		let start = i;
		if (ch === "'") {
			const end = text.indexOf("'!", i + 1);
			if (end < 0) return null;
			sheet = text.slice(i + 1, end).replaceAll("''", "'");
			start = end + 2;
		} else {
			const named = /^([A-Za-z_][A-Za-z0-9_]*)!/.exec(text.slice(i));
			if (named) {
				sheet = named[1] as string;
				start = i + named[0].length;
			}
		}
		const cell = cellAt(start);
		const after = cell ? text[start + cell[0].length] : undefined;
		if (cell && (after === undefined || !/[A-Za-z0-9_(]/.test(after))) {
			const token: Token = {
				t: "ref",
				sheet,
				row: Number(cell[2]),
				column: lettersToColumn(cell[1] as string),
			};
			i = start + cell[0].length;
			if (text[i] === ":") {
				const second = cellAt(i + 1);
				if (!second) return null;
				token.row2 = Number(second[2]);
				token.column2 = lettersToColumn(second[1] as string);
				i += 1 + second[0].length;
			}
			tokens.push(token);
			continue;
		}
		if (sheet !== null) return null;
		const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
		if (name) {
			tokens.push({ t: "name", value: name[0].toUpperCase() });
			i += name[0].length;
			continue;
		}
		const op = /^(<>|<=|>=|[-+*/^&=<>(),%])/.exec(text.slice(i));
		if (!op) return null;
		tokens.push({ t: "op", value: op[0] });
		i += op[0].length;
	}
	return tokens;
}

type Node =
	| { k: "lit"; value: FormulaValue }
	| { k: "ref"; token: Extract<Token, { t: "ref" }> }
	| { k: "call"; name: string; args: Node[] }
	| { k: "unary"; op: string; arg: Node }
	| { k: "binary"; op: string; left: Node; right: Node };

class Parser {
	private index = 0;
	constructor(private readonly tokens: Token[]) {}

	parse(): Node {
		const node = this.comparison();
		if (this.index < this.tokens.length) throw PARSE_ERROR;
		return node;
	}

	private peekOp(...ops: string[]): string | null {
		const token = this.tokens[this.index];
		return token?.t === "op" && ops.includes(token.value) ? token.value : null;
	}

	private binary(next: () => Node, ops: string[]): Node {
		let left = next();
		for (let op = this.peekOp(...ops); op !== null; op = this.peekOp(...ops)) {
			this.index++;
			left = { k: "binary", op, left, right: next() };
		}
		return left;
	}

	private comparison = (): Node => this.binary(this.concat, ["=", "<>", "<", ">", "<=", ">="]);
	private concat = (): Node => this.binary(this.additive, ["&"]);
	private additive = (): Node => this.binary(this.multiplicative, ["+", "-"]);
	private multiplicative = (): Node => this.binary(this.power, ["*", "/"]);
	private power = (): Node => this.binary(this.unary, ["^"]);

	private unary = (): Node => {
		const op = this.peekOp("-", "+");
		if (op) {
			this.index++;
			return { k: "unary", op, arg: this.unary() };
		}
		let node = this.primary();
		while (this.peekOp("%")) {
			this.index++;
			node = { k: "unary", op: "%", arg: node };
		}
		return node;
	};

	private primary(): Node {
		const token = this.tokens[this.index++];
		if (!token) throw PARSE_ERROR;
		if (token.t === "num" || token.t === "str") return { k: "lit", value: token.value };
		if (token.t === "ref") return { k: "ref", token };
		if (token.t === "name") {
			if (this.peekOp("(")) {
				this.index++;
				const args: Node[] = [];
				if (!this.peekOp(")")) {
					for (;;) {
						args.push(this.comparison());
						if (this.peekOp(",")) {
							this.index++;
							continue;
						}
						break;
					}
				}
				if (!this.peekOp(")")) throw PARSE_ERROR;
				this.index++;
				return { k: "call", name: token.value, args };
			}
			if (token.value === "TRUE" || token.value === "FALSE") return { k: "lit", value: token.value === "TRUE" };
			// A bare name would be a named range; the emulator has none.
			return { k: "lit", value: { error: "#NAME?" } };
		}
		if (token.value === "(") {
			const node = this.comparison();
			if (!this.peekOp(")")) throw PARSE_ERROR;
			this.index++;
			return node;
		}
		throw PARSE_ERROR;
	}
}

function isError(value: unknown): value is FormulaError {
	return typeof value === "object" && value !== null && "error" in value;
}

function toNumber(value: FormulaValue): number | FormulaError {
	if (value === null) return 0;
	if (isError(value)) return value;
	if (typeof value === "number") return value;
	if (typeof value === "boolean") return value ? 1 : 0;
	const trimmed = value.trim();
	if (trimmed === "") return 0;
	const n = Number(trimmed);
	return Number.isFinite(n) ? n : { error: "#VALUE!" };
}

function toText(value: FormulaValue): string | FormulaError {
	if (value === null) return "";
	if (isError(value)) return value;
	if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
	return String(value);
}

function compare(left: FormulaValue, right: FormulaValue): number {
	const rank = (v: FormulaValue) => (typeof v === "number" || v === null ? 0 : typeof v === "string" ? 1 : 2);
	const l = left ?? (typeof right === "string" ? "" : 0);
	const r = right ?? (typeof left === "string" ? "" : 0);
	if (rank(l) !== rank(r)) return rank(l) - rank(r);
	if (typeof l === "string" && typeof r === "string") return l.toLowerCase().localeCompare(r.toLowerCase());
	return Number(l) - Number(r);
}

function evaluate(node: Node, env: FormulaEnvironment): FormulaValue {
	switch (node.k) {
		case "lit":
			return node.value;
		case "ref": {
			const { token } = node;
			if (token.row2 !== undefined) return { error: "#VALUE!" };
			return env.cell(token.sheet, token.row, token.column);
		}
		case "unary": {
			const value = toNumber(evaluate(node.arg, env));
			if (isError(value)) return value;
			return node.op === "-" ? -value : node.op === "%" ? value / 100 : value;
		}
		case "binary": {
			const left = evaluate(node.left, env);
			const right = evaluate(node.right, env);
			if (isError(left)) return left;
			if (isError(right)) return right;
			if (node.op === "&") return `${toText(left)}${toText(right)}`;
			if (["=", "<>", "<", ">", "<=", ">="].includes(node.op)) {
				const c = compare(left, right);
				return { "=": c === 0, "<>": c !== 0, "<": c < 0, ">": c > 0, "<=": c <= 0, ">=": c >= 0 }[node.op] ?? false;
			}
			const a = toNumber(left);
			const b = toNumber(right);
			if (isError(a)) return a;
			if (isError(b)) return b;
			if (node.op === "+") return a + b;
			if (node.op === "-") return a - b;
			if (node.op === "*") return a * b;
			if (node.op === "/") return b === 0 ? { error: "#DIV/0!" } : a / b;
			return a ** b;
		}
		case "call":
			return callFunction(node.name, node.args, env);
	}
}

function values(node: Node, env: FormulaEnvironment): FormulaValue[] {
	if (node.k === "ref") {
		const { row, column, row2, column2, sheet } = node.token;
		if (row2 !== undefined && column2 !== undefined) {
			return env.range(sheet, {
				row: Math.min(row, row2),
				column: Math.min(column, column2),
				numRows: Math.abs(row2 - row) + 1,
				numColumns: Math.abs(column2 - column) + 1,
			});
		}
	}
	return [evaluate(node, env)];
}

function callFunction(name: string, args: Node[], env: FormulaEnvironment): FormulaValue {
	const text = (index: number): string | FormulaError => {
		const node = args[index];
		return node ? toText(evaluate(node, env)) : "";
	};
	switch (name) {
		case "SUM": {
			let total = 0;
			for (const arg of args) {
				for (const value of values(arg, env)) {
					if (isError(value)) return value;
					// SUM skips text and booleans inside ranges, as Sheets does.
					if (typeof value === "number") total += value;
				}
			}
			return total;
		}
		case "CONCATENATE":
		case "CONCAT": {
			let out = "";
			for (const arg of args) {
				for (const value of values(arg, env)) {
					const part = toText(value);
					if (isError(part)) return part;
					out += part;
				}
			}
			return out;
		}
		case "IF": {
			if (args.length < 2 || args.length > 3) return { error: "#N/A" };
			const condition = evaluate(args[0] as Node, env);
			if (isError(condition)) return condition;
			const truthy = typeof condition === "string" ? condition !== "" : Boolean(condition);
			const branch = truthy ? args[1] : args[2];
			return branch ? evaluate(branch, env) : false;
		}
		case "HYPERLINK": {
			const url = text(0);
			if (isError(url)) return url;
			if (args.length < 2) return url;
			return text(1);
		}
		case "LEN": {
			const value = text(0);
			return isError(value) ? value : value.length;
		}
		case "UPPER":
		case "LOWER":
		case "TRIM": {
			const value = text(0);
			if (isError(value)) return value;
			if (name === "UPPER") return value.toUpperCase();
			if (name === "LOWER") return value.toLowerCase();
			return value.trim().replace(/ +/g, " ");
		}
		default:
			return { error: "#NAME?" };
	}
}

/** Evaluates "=…" text; the result is what the cell holds. Parse failures are #ERROR! as in Sheets. */
export function evaluateFormula(formula: string, env: FormulaEnvironment): Exclude<FormulaValue, null> {
	const tokens = tokenize(formula.replace(/^=/, ""));
	if (!tokens) return PARSE_ERROR;
	let tree: Node;
	try {
		tree = new Parser(tokens).parse();
	} catch {
		return PARSE_ERROR;
	}
	const result = evaluate(tree, env);
	if (typeof result === "number" && !Number.isFinite(result)) return { error: "#NUM!" };
	// A formula pointing at an empty cell shows 0.
	return result ?? 0;
}
