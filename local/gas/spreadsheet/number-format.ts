/**
 * Number formats: what a cell displays (getDisplayValues, FORMATTED_VALUE) and whether a number is a
 * date (getValues returns a Date only for date/time formats). Implements the pattern language of
 * Sheets (which follows Excel's) far enough for the formats Hubsheet uses: General, "@", date/time
 * patterns, "0", "0.00", "#,##0.00", percentages, quoted and [$€] currency, scientific, sections.
 */
import type { LocaleInfo } from "./locale.js";
import { serialToWallClock } from "./serial-dates.js";
import type { CellScalar } from "./workbook-state.js";

/**
 * What Range.getNumberFormat returns for a cell whose format was never set. Obs: gas-fakes
 * oddities.md ("getNumberFormat() returns '0.###############'"); UNCONFIRMED beyond that report.
 */
export const DEFAULT_NUMBER_FORMAT = "0.###############";

export type FormatKind = "general" | "text" | "date" | "number";

type Token =
	| { t: "lit"; text: string }
	| { t: "digit"; ch: "0" | "#" | "?" }
	| { t: "point" }
	| { t: "comma" }
	| { t: "percent" }
	| { t: "exp"; plus: boolean }
	| { t: "text" }
	| { t: "general" }
	| { t: "date"; code: string };

interface Section {
	tokens: Token[];
	kind: FormatKind;
}

interface Compiled {
	sections: Section[];
	kind: FormatKind;
}

const DATE_LETTERS = new Set(["y", "m", "d", "h", "s"]);

/** Automatic ("General") is both the absent format and anything spelled "general". */
export function isAutomaticFormat(pattern: string | undefined | null): boolean {
	return pattern === undefined || pattern === null || pattern === "" || /^general$/i.test(pattern.trim());
}

function splitSections(pattern: string): string[] {
	const sections: string[] = [];
	let current = "";
	let quoted = false;
	let bracket = false;
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i] as string;
		if (ch === "\\" && !quoted && i + 1 < pattern.length) {
			current += ch + pattern[i + 1];
			i++;
			continue;
		}
		if (ch === '"' && !bracket) quoted = !quoted;
		else if (ch === "[" && !quoted) bracket = true;
		else if (ch === "]" && !quoted) bracket = false;
		if (ch === ";" && !quoted && !bracket) {
			sections.push(current);
			current = "";
			continue;
		}
		current += ch;
	}
	sections.push(current);
	return sections;
}

function tokenize(section: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const lower = section.toLowerCase();
	while (i < section.length) {
		const ch = section[i] as string;
		const lc = ch.toLowerCase();
		if (ch === '"') {
			const end = section.indexOf('"', i + 1);
			const stop = end < 0 ? section.length : end;
			tokens.push({ t: "lit", text: section.slice(i + 1, stop) });
			i = stop + 1;
		} else if (ch === "\\") {
			tokens.push({ t: "lit", text: section[i + 1] ?? "" });
			i += 2;
		} else if (ch === "[") {
			const end = section.indexOf("]", i + 1);
			const stop = end < 0 ? section.length : end;
			const content = section.slice(i + 1, stop);
			if (/^(h+|m+|s+)$/i.test(content)) tokens.push({ t: "date", code: `[${content[0]?.toLowerCase()}]` });
			// [$€] and [$€-407]: the currency text before any "-locale" part.
			else if (content.startsWith("$")) tokens.push({ t: "lit", text: content.slice(1).split("-")[0] ?? "" });
			// Colours ([Red]) and conditions ([>100]) change nothing in the text.
			i = stop + 1;
		} else if (ch === "_") {
			tokens.push({ t: "lit", text: " " });
			i += 2;
		} else if (ch === "*") {
			i += 2;
		} else if (lower.startsWith("general", i)) {
			tokens.push({ t: "general" });
			i += 7;
		} else if (lower.startsWith("am/pm", i)) {
			tokens.push({ t: "date", code: "ampm" });
			i += 5;
		} else if (lower.startsWith("a/p", i)) {
			tokens.push({ t: "date", code: "ap" });
			i += 3;
		} else if (DATE_LETTERS.has(lc)) {
			let j = i;
			while (j < section.length && (section[j] as string).toLowerCase() === lc) j++;
			tokens.push({ t: "date", code: lc.repeat(j - i) });
			i = j;
		} else if (ch === "0" || ch === "#" || ch === "?") {
			tokens.push({ t: "digit", ch });
			i++;
		} else if (ch === ".") {
			const previous = [...tokens].reverse().find((token) => token.t === "date" || token.t === "digit");
			if (previous?.t === "date" && previous.code.startsWith("s") && section[i + 1] === "0") {
				let j = i + 1;
				while (section[j] === "0") j++;
				tokens.push({ t: "date", code: `.${"0".repeat(j - i - 1)}` });
				i = j;
			} else {
				tokens.push({ t: "point" });
				i++;
			}
		} else if (ch === ",") {
			tokens.push({ t: "comma" });
			i++;
		} else if (ch === "%") {
			tokens.push({ t: "percent" });
			i++;
		} else if ((ch === "E" || ch === "e") && (section[i + 1] === "+" || section[i + 1] === "-")) {
			tokens.push({ t: "exp", plus: section[i + 1] === "+" });
			i += 2;
		} else if (ch === "@") {
			tokens.push({ t: "text" });
			i++;
		} else {
			tokens.push({ t: "lit", text: ch });
			i++;
		}
	}
	markMinutes(tokens);
	return tokens;
}

/** "m" and "mm" mean minutes right after an hour or right before a second, else month. */
function markMinutes(tokens: Token[]): void {
	const dates = tokens.filter((token): token is { t: "date"; code: string } => token.t === "date");
	dates.forEach((token, index) => {
		if (token.code !== "m" && token.code !== "mm") return;
		const before = dates[index - 1]?.code ?? "";
		const after = dates[index + 1]?.code ?? "";
		if (before.startsWith("h") || before === "[h]" || after.startsWith("s") || after === "[s]") {
			token.code = token.code === "m" ? "M" : "MM";
		}
	});
}

function sectionKind(tokens: Token[]): FormatKind {
	if (tokens.some((token) => token.t === "date")) return "date";
	if (tokens.some((token) => token.t === "general")) return "general";
	if (tokens.some((token) => token.t === "digit" || token.t === "point" || token.t === "percent")) return "number";
	if (tokens.some((token) => token.t === "text")) return "text";
	return "number";
}

const compiledCache = new Map<string, Compiled>();

function compile(pattern: string): Compiled {
	let compiled = compiledCache.get(pattern);
	if (!compiled) {
		const sections = splitSections(pattern).map((text) => {
			const tokens = tokenize(text);
			return { tokens, kind: sectionKind(tokens) };
		});
		const first = sections[0] as Section;
		compiled = { sections, kind: first.kind };
		compiledCache.set(pattern, compiled);
	}
	return compiled;
}

export function formatKind(pattern: string | undefined | null): FormatKind {
	if (isAutomaticFormat(pattern)) return "general";
	return compile(pattern as string).kind;
}

/** True for formats under which Apps Script returns a number as a Date. */
export function isDateTimeFormat(pattern: string | undefined | null): boolean {
	return formatKind(pattern) === "date";
}

/** Plain text "@": strings written into such a cell are never parsed. */
export function isPlainTextFormat(pattern: string | undefined | null): boolean {
	return pattern !== undefined && pattern !== null && pattern.trim() === "@";
}

// ----- rendering -----

/** Rounds half away from zero at `decimals` places, avoiding 1.005 -> 1.00 binary surprises. */
function roundHalfAway(value: number, decimals: number): number {
	if (!Number.isFinite(value)) return value;
	const sign = value < 0 ? -1 : 1;
	const abs = Math.abs(value);
	// Shifting the decimal point in the text ("1.005e2") avoids the binary error of 1.005 * 100;
	// numbers already printed with an exponent are far from any shown decimal and use plain maths.
	const text = String(abs);
	const shifted = text.includes("e") ? abs * 10 ** decimals : Number(`${text}e${decimals}`);
	if (!Number.isFinite(shifted)) return value;
	return (sign * Math.round(shifted)) / 10 ** decimals;
}

/** Like toFixed, but never switches to exponent notation for large numbers. */
function toPlainFixed(value: number, decimals: number): string {
	if (Math.abs(value) < 1e21) return value.toFixed(decimals);
	const [mantissa = "0", exponentText = "0"] = value.toExponential().split("e");
	const exponent = Number(exponentText);
	const [whole = "0", fraction = ""] = mantissa.split(".");
	const digits = whole + fraction;
	const integer = digits.padEnd(exponent + 1, "0");
	return decimals > 0 ? `${integer}.${"0".repeat(decimals)}` : integer;
}

function group(integer: string, separator: string): string {
	let out = "";
	for (let i = 0; i < integer.length; i++) {
		if (i > 0 && (integer.length - i) % 3 === 0) out += separator;
		out += integer[i];
	}
	return out;
}

/** Scientific text as General shows it: 6 significant digits, "1.23457E+23". */
function scientific(value: number, locale: LocaleInfo, mantissaDecimals = 5, trim = true, exponentDigits = 2): string {
	if (value === 0) return `0${mantissaDecimals > 0 && !trim ? locale.decimal + "0".repeat(mantissaDecimals) : ""}E+00`;
	let exponent = Math.floor(Math.log10(Math.abs(value)));
	let mantissa = roundHalfAway(value / 10 ** exponent, mantissaDecimals);
	if (Math.abs(mantissa) >= 10) {
		exponent += 1;
		mantissa = roundHalfAway(value / 10 ** exponent, mantissaDecimals);
	}
	let text = Math.abs(mantissa).toFixed(mantissaDecimals);
	if (trim && text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
	text = text.replace(".", locale.decimal);
	const sign = exponent < 0 ? "-" : "+";
	return `${mantissa < 0 ? "-" : ""}${text}E${sign}${String(Math.abs(exponent)).padStart(exponentDigits, "0")}`;
}

/**
 * The automatic format: up to 15 significant digits and 10 decimals; scientific from 1e15 up and
 * below 1e-10. Sheets' exact thresholds are UNCONFIRMED; keep them here.
 */
export function formatGeneral(value: number, locale: LocaleInfo): string {
	if (Number.isNaN(value)) return "#NUM!";
	if (value === 0) return "0";
	const abs = Math.abs(value);
	// Integers below 1e15 are shown whole: the common case, kept cheap.
	if (Number.isInteger(value) && abs < 1e15) return String(value);
	if (abs >= 1e15 || abs < 1e-10) return scientific(value, locale);
	const rounded = roundHalfAway(Number(value.toPrecision(15)), 10);
	if (rounded === 0) return scientific(value, locale);
	let text = toPlainFixed(rounded, 10);
	if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
	return text.replace(".", locale.decimal);
}

function renderNumberSection(value: number, tokens: Token[], locale: LocaleInfo): string {
	let v = value;
	const percentCount = tokens.filter((token) => token.t === "percent").length;
	v *= 100 ** percentCount;

	const expIndex = tokens.findIndex((token) => token.t === "exp");
	const mainEnd = expIndex < 0 ? tokens.length : expIndex;
	const pointIndex = tokens.findIndex((token, index) => token.t === "point" && index < mainEnd);
	const intEnd = pointIndex < 0 ? mainEnd : pointIndex;
	const intDigitIndexes: number[] = [];
	const fracDigits: Array<"0" | "#" | "?"> = [];
	tokens.forEach((token, index) => {
		if (token.t !== "digit") return;
		if (index < intEnd) intDigitIndexes.push(index);
		else if (index < mainEnd) fracDigits.push(token.ch);
	});
	const firstInt = intDigitIndexes[0] ?? -1;
	const lastInt = intDigitIndexes[intDigitIndexes.length - 1] ?? -1;
	let grouping = false;
	let scale = 0;
	tokens.forEach((token, index) => {
		if (token.t !== "comma" || index >= intEnd) return;
		if (index > firstInt && index < lastInt) grouping = true;
		else if (index > lastInt && lastInt >= 0) scale += 1;
	});
	v /= 1000 ** scale;

	const minInt = intDigitIndexes.filter((index) => (tokens[index] as { ch: string }).ch === "0").length;
	const maxFrac = fracDigits.length;
	const minFrac = fracDigits.filter((ch) => ch === "0").length;

	let exponentText = "";
	if (expIndex >= 0) {
		const expToken = tokens[expIndex] as { t: "exp"; plus: boolean };
		const expDigits = tokens.slice(expIndex + 1).filter((token) => token.t === "digit").length || 1;
		let exponent = v === 0 ? 0 : Math.floor(Math.log10(v));
		let mantissa = v === 0 ? 0 : roundHalfAway(v / 10 ** exponent, maxFrac);
		if (mantissa >= 10) {
			exponent += 1;
			mantissa = roundHalfAway(v / 10 ** exponent, maxFrac);
		}
		v = mantissa;
		const sign = exponent < 0 ? "-" : expToken.plus ? "+" : "";
		exponentText = `E${sign}${String(Math.abs(exponent)).padStart(expDigits, "0")}`;
	}

	const rounded = roundHalfAway(v, maxFrac);
	const fixed = toPlainFixed(rounded, maxFrac);
	let [intPart = "0", fracPart = ""] = fixed.split(".");
	while (fracPart.length > minFrac && fracPart.endsWith("0")) fracPart = fracPart.slice(0, -1);
	if (fracDigits.includes("?")) fracPart = fracPart.padEnd(maxFrac, " ");
	if (intPart === "0" && minInt === 0) intPart = "";
	intPart = intPart.padStart(minInt, "0");
	if (grouping) intPart = group(intPart, locale.group);

	let out = "";
	let intWritten = false;
	let fracWritten = false;
	tokens.forEach((token, index) => {
		if (index === expIndex) {
			out += exponentText;
			return;
		}
		switch (token.t) {
			case "lit":
				out += token.text;
				break;
			case "percent":
				out += "%";
				break;
			case "digit":
				// Exponent digits were rendered with the exponent.
				if (index > mainEnd) break;
				if (index < intEnd) {
					if (!intWritten) out += intPart;
					intWritten = true;
				} else if (!fracWritten) {
					out += fracPart;
					fracWritten = true;
				}
				break;
			case "point":
				if (!intWritten) {
					out += intPart;
					intWritten = true;
				}
				if (fracPart.length > 0) out += locale.decimal;
				break;
			case "general":
				out += formatGeneral(v, locale);
				break;
			default:
				break;
		}
	});
	return out;
}

const nameCache = new Map<string, string[]>();

function names(tag: string, kind: "month" | "weekday", width: "short" | "long"): string[] {
	const key = `${tag}|${kind}|${width}`;
	let list = nameCache.get(key);
	if (!list) {
		const formatter = new Intl.DateTimeFormat(tag, { [kind]: width, timeZone: "UTC" });
		list =
			kind === "month"
				? Array.from({ length: 12 }, (_, m) => formatter.format(Date.UTC(2021, m, 1)))
				: Array.from({ length: 7 }, (_, d) => formatter.format(Date.UTC(2021, 0, 3 + d)));
		nameCache.set(key, list);
	}
	return list;
}

function renderDateSection(serial: number, tokens: Token[], locale: LocaleInfo): string {
	const fractionDigits = Math.max(
		0,
		...tokens.map((token) => (token.t === "date" && token.code.startsWith(".") ? token.code.length - 1 : 0)),
	);
	// Sheets rounds to the shown precision, so 10:59:59.7 shows as 11:00:00, not 10:59:59.
	const unit = 86_400 * 10 ** fractionDigits;
	const rounded = Math.round(serial * unit) / unit;
	const clock = serialToWallClock(rounded);
	const twelveHour = tokens.some((token) => token.t === "date" && (token.code === "ampm" || token.code === "ap"));
	const pad = (n: number, width = 2) => String(n).padStart(width, "0");
	let out = "";
	for (const token of tokens) {
		if (token.t === "lit") {
			out += token.text;
			continue;
		}
		if (token.t !== "date") {
			// In a date pattern "." and "," are separators ("dd.MM.yyyy", "mmm d, yyyy"), not number parts.
			if (token.t === "point") out += ".";
			else if (token.t === "comma") out += ",";
			else if (token.t === "percent") out += "%";
			else if (token.t === "digit") out += token.ch;
			continue;
		}
		const code = token.code;
		const hours12 = clock.hours % 12 === 0 ? 12 : clock.hours % 12;
		const hour = twelveHour ? hours12 : clock.hours;
		switch (code) {
			case "y":
			case "yy":
				out += pad(((clock.year % 100) + 100) % 100);
				break;
			case "m":
				out += String(clock.month);
				break;
			case "mm":
				out += pad(clock.month);
				break;
			case "mmm":
				out += names(locale.tag, "month", "short")[clock.month - 1];
				break;
			case "mmmmm":
				out += (names(locale.tag, "month", "long")[clock.month - 1] ?? "").slice(0, 1);
				break;
			case "d":
				out += String(clock.day);
				break;
			case "dd":
				out += pad(clock.day);
				break;
			case "ddd":
				out += names(locale.tag, "weekday", "short")[clock.weekday];
				break;
			case "h":
				out += String(hour);
				break;
			case "hh":
				out += pad(hour);
				break;
			case "M":
				out += String(clock.minutes);
				break;
			case "MM":
				out += pad(clock.minutes);
				break;
			case "s":
				out += String(clock.seconds);
				break;
			case "ss":
				out += pad(clock.seconds);
				break;
			case "ampm":
				out += clock.hours < 12 ? "AM" : "PM";
				break;
			case "ap":
				out += clock.hours < 12 ? "A" : "P";
				break;
			case "[h]":
				out += String(Math.floor(rounded * 24));
				break;
			case "[m]":
				out += String(Math.floor(rounded * 1440));
				break;
			case "[s]":
				out += String(Math.floor(rounded * 86_400));
				break;
			default:
				if (code.startsWith(".")) {
					out += locale.decimal + pad(clock.milliseconds, 3).slice(0, code.length - 1);
				} else if (code.startsWith("y")) {
					out += pad(clock.year, 4);
				} else if (code.startsWith("m")) {
					out += names(locale.tag, "month", "long")[clock.month - 1];
				} else if (code.startsWith("d")) {
					out += names(locale.tag, "weekday", "long")[clock.weekday];
				} else if (code.startsWith("h")) {
					out += pad(hour);
				} else if (code.startsWith("s")) {
					out += pad(clock.seconds);
				}
		}
	}
	return out;
}

/** The text a number shows under a format, as getDisplayValues and FORMATTED_VALUE return it. */
export function formatNumber(value: number, pattern: string | undefined | null, locale: LocaleInfo): string {
	if (isAutomaticFormat(pattern) || isPlainTextFormat(pattern)) return formatGeneral(value, locale);
	const { sections } = compile(pattern as string);
	const numeric = sections.filter((section, index) => index < 3 && section.kind !== "text");
	let section = numeric[0] ?? (sections[0] as Section);
	let magnitude = value;
	let autoMinus = false;
	if (value < 0 && numeric[1]) {
		section = numeric[1];
		magnitude = -value;
	} else if (value === 0 && numeric[2]) {
		section = numeric[2];
	} else if (value < 0) {
		autoMinus = section.kind !== "date";
		magnitude = autoMinus ? -value : value;
	}
	let text: string;
	if (section.kind === "date") text = renderDateSection(magnitude, section.tokens, locale);
	else if (section.kind === "general") text = formatGeneral(magnitude, locale);
	else text = renderNumberSection(magnitude, section.tokens, locale);
	// No minus on a value that rounds to zero: -0.001 under "0.00" shows "0.00".
	if (autoMinus && /[1-9]/.test(text)) text = `-${text}`;
	return text;
}

function formatText(text: string, pattern: string | undefined | null): string {
	if (isAutomaticFormat(pattern)) return text;
	const { sections } = compile(pattern as string);
	const textSection = sections[3] ?? sections.find((section) => section.kind === "text");
	if (!textSection) return text;
	return textSection.tokens.map((token) => (token.t === "text" ? text : token.t === "lit" ? token.text : "")).join("");
}

/** Display text of any cell value; errors show as their code, booleans as TRUE/FALSE. */
export function formatCellValue(
	value: CellScalar | { error: string } | null,
	pattern: string | undefined | null,
	locale: LocaleInfo,
): string {
	if (value === null) return "";
	if (typeof value === "object") return value.error;
	if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
	if (typeof value === "string") return formatText(value, pattern);
	return formatNumber(value, pattern, locale);
}
