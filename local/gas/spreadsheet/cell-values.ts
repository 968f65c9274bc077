/**
 * Reading and writing cell values, shared by SpreadsheetApp and the Sheets advanced service:
 * what a cell holds (its formula computed), what `getValues` / UNFORMATTED_VALUE return, what it
 * displays, and how a written value (string, number, boolean, Date) is stored.
 */
import { MESSAGES } from "./errors.js";
import { evaluateFormula, type FormulaEnvironment, type FormulaValue } from "./formula.js";
import { compactCell, ensureCell, getCell } from "./grid.js";
import type { LocaleInfo } from "./locale.js";
import { formatCellValue, isAutomaticFormat, isDateTimeFormat } from "./number-format.js";
import { epochMsToSerial, serialToEpochMs } from "./serial-dates.js";
import { parseUserEntered } from "./value-parsing.js";
import type { WorkbookAccess } from "./workbook-access.js";
import type { CellScalar, CellState, GridRange, SheetState } from "./workbook-state.js";

/** What a cell holds once its formula is computed; null when empty. */
export type CellValue = CellScalar | { error: string } | null;

export const MAX_CELL_CHARACTERS = 50_000;

/** Deeper chains of formula references than this are treated as circular (#REF!). */
const MAX_FORMULA_DEPTH = 64;

export function isDateObject(value: unknown): value is Date {
	// Dates from the script's realm fail `instanceof Date` here; their tag does not.
	return Object.prototype.toString.call(value) === "[object Date]";
}

/**
 * Computes cell values, evaluating formulas against the workbook. One reader serves one service
 * call, so a formula referenced by many others is computed once per call.
 */
export class CellReader {
	private readonly cache = new Map<string, CellValue>();
	private readonly evaluating = new Set<string>();
	private readonly locale: LocaleInfo;
	private readonly timeZone: string;

	constructor(private readonly access: WorkbookAccess) {
		this.locale = access.locale;
		this.timeZone = access.timeZone;
	}

	value(sheet: SheetState, row: number, column: number, cell = getCell(sheet, row, column)): CellValue {
		if (!cell) return null;
		if (cell.formula !== undefined) return this.formulaValue(sheet, row, column, cell.formula);
		if (cell.error !== undefined) return { error: cell.error };
		return cell.value ?? null;
	}

	private formulaValue(sheet: SheetState, row: number, column: number, formula: string): CellValue {
		const key = `${sheet.sheetId}:${row}:${column}`;
		const cached = this.cache.get(key);
		if (cached !== undefined) return cached;
		if (this.evaluating.has(key) || this.evaluating.size > MAX_FORMULA_DEPTH) return { error: "#REF!" };
		this.evaluating.add(key);
		try {
			const result = evaluateFormula(formula, this.environment(sheet));
			this.cache.set(key, result);
			return result;
		} finally {
			this.evaluating.delete(key);
		}
	}

	private environment(current: SheetState): FormulaEnvironment {
		const resolve = (name: string | null) => (name === null ? current : this.access.sheetByName(name));
		const read = (target: SheetState, row: number, column: number): FormulaValue => {
			if (row > target.maxRows || column > target.maxColumns) return { error: "#REF!" };
			return this.value(target, row, column);
		};
		return {
			cell: (name, row, column) => {
				const target = resolve(name);
				return target ? read(target, row, column) : { error: "#REF!" };
			},
			range: (name, range) => {
				const target = resolve(name);
				if (!target) return [{ error: "#REF!" }];
				const out: FormulaValue[] = [];
				for (let r = range.row; r < range.row + range.numRows; r++) {
					for (let c = range.column; c < range.column + range.numColumns; c++) out.push(read(target, r, c));
				}
				return out;
			},
		};
	}

	/** The value Apps Script's getValues returns: '' for empty, Date for date/time formats. */
	scriptValue(sheet: SheetState, row: number, column: number): unknown {
		const cell = getCell(sheet, row, column);
		const value = this.value(sheet, row, column, cell);
		if (value === null) return "";
		if (typeof value === "object") return value.error;
		if (typeof value === "number" && isDateTimeFormat(cell?.format)) {
			return this.access.host.realm.newDate(serialToEpochMs(value, this.timeZone));
		}
		return value;
	}

	/** The text the cell shows, as getDisplayValues and FORMATTED_VALUE return it. */
	displayValue(sheet: SheetState, row: number, column: number): string {
		const cell = getCell(sheet, row, column);
		return formatCellValue(this.value(sheet, row, column, cell), cell?.format, this.locale);
	}
}

export type InputMode = "USER_ENTERED" | "RAW";

/** Rejects a whole write before any cell changes, as Sheets rejects the whole call. */
export function checkWritable(access: WorkbookAccess, values: readonly (readonly unknown[])[]): void {
	for (const row of values) {
		for (const value of row) {
			if (typeof value === "string" && value.length > MAX_CELL_CHARACTERS) access.fail(MESSAGES.cellTooLong);
		}
	}
}

export function clearContentFields(cell: CellState): void {
	// `delete` is slow in V8; skipping absent keys keeps a 30,000-cell write fast.
	if (cell.value !== undefined) delete cell.value;
	if (cell.error !== undefined) delete cell.error;
	if (cell.formula !== undefined) delete cell.formula;
	if (cell.links !== undefined) delete cell.links;
}

export type CellWriter = (sheet: SheetState, row: number, column: number, input: unknown) => void;

/**
 * A function that stores written values, for one call. Non-strings are stored as they are (a Date
 * becomes a serial, and gets a date-time format if the cell's format is automatic); strings are
 * parsed as typed (USER_ENTERED) or kept verbatim (RAW). `null` and `undefined` clear the value;
 * the format stays, as in Sheets. Locale and year are looked up once per call, not once per cell.
 */
export function cellWriter(access: WorkbookAccess, mode: InputMode): CellWriter {
	const locale = access.locale;
	const timeZone = access.timeZone;
	let currentYear: number | undefined;
	return (sheet, row, column, input) => {
		const cell = ensureCell(sheet, row, column);
		clearContentFields(cell);
		if (input === null || input === undefined) {
			compactCell(sheet, row, column);
			return;
		}
		if (typeof input === "number") {
			if (Number.isFinite(input)) cell.value = input;
			else cell.error = "#NUM!";
			return;
		}
		if (typeof input === "boolean") {
			cell.value = input;
			return;
		}
		if (isDateObject(input)) {
			const time = input.getTime();
			if (Number.isNaN(time)) {
				cell.value = String(input);
				return;
			}
			cell.value = epochMsToSerial(time, timeZone);
			if (isAutomaticFormat(cell.format)) cell.format = locale.dateTimeFormat;
			return;
		}
		const text = typeof input === "string" ? input : String(input);
		if (mode === "RAW") {
			if (text !== "") cell.value = text;
			else compactCell(sheet, row, column);
			return;
		}
		if (currentYear === undefined) currentYear = access.currentYear();
		const parsed = parseUserEntered(text, { locale, currentYear, cellFormat: cell.format });
		switch (parsed.kind) {
			case "empty":
				compactCell(sheet, row, column);
				return;
			case "formula":
				cell.formula = parsed.formula;
				return;
			case "error":
				cell.error = parsed.code;
				return;
			case "value":
				cell.value = parsed.value;
				if (parsed.format !== undefined && isAutomaticFormat(cell.format)) cell.format = parsed.format;
				return;
		}
	};
}

/** Formats, as Range.clearFormat removes them; validation and notes are not formats. */
export function clearFormatFields(cell: CellState): void {
	delete cell.format;
	delete cell.background;
	delete cell.fontColor;
	delete cell.fontWeight;
	delete cell.horizontalAlignment;
	delete cell.verticalAlignment;
	delete cell.wrapStrategy;
}

/** Applies `change` to every existing cell of a rectangle (untouched cells have nothing to clear). */
export function clearCells(sheet: SheetState, range: GridRange, change: (cell: CellState) => void): void {
	for (let r = range.row; r < range.row + range.numRows; r++) {
		const cells = sheet.rows[r - 1];
		if (!cells) continue;
		for (let c = range.column; c < range.column + range.numColumns; c++) {
			const cell = cells[c - 1];
			if (!cell) continue;
			change(cell);
			compactCell(sheet, r, c);
		}
	}
}

/** Clears values, formulas and links of a rectangle; formats, notes and validation stay. */
export function clearContents(sheet: SheetState, range: GridRange): void {
	clearCells(sheet, range, clearContentFields);
}
