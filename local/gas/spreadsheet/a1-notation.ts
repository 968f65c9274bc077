/**
 * A1 notation, shared by SpreadsheetApp (`getRange("Orders!A2:C")`) and the Sheets advanced service
 * (`"'Order hub'!A1:Z"`), so both read the same text the same way.
 */
import type { GridRange } from "./workbook-state.js";

export function columnToLetters(column: number): string {
	let letters = "";
	let n = column;
	while (n > 0) {
		const rem = (n - 1) % 26;
		letters = String.fromCharCode(65 + rem) + letters;
		n = Math.floor((n - 1) / 26);
	}
	return letters;
}

export function lettersToColumn(letters: string): number {
	let column = 0;
	for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
	return column;
}

/** A parsed A1 range; a null bound is open (whole column "A:A", whole row "2:2", or "A2:C"). */
export interface A1Range {
	startRow: number | null;
	startColumn: number | null;
	endRow: number | null;
	endColumn: number | null;
}

export interface A1Reference {
	/** The sheet name with quotes removed, or null when the text names no sheet. */
	sheetName: string | null;
	/** Null when the text is only a sheet name (the Sheets API reads that as the whole sheet). */
	range: A1Range | null;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseEndpoint(text: string): { row: number | null; column: number | null } | null {
	const match = CELL.exec(text);
	if (!match || (match[1] === undefined && match[2] === undefined)) return null;
	const row = match[2] === undefined ? null : Number(match[2]);
	if (row === 0) return null;
	return { row, column: match[1] === undefined ? null : lettersToColumn(match[1]) };
}

/** Parses "A1", "A1:B2", "A:C", "2:5", "A2:C" (no sheet part). Null when it is not A1 notation. */
export function parseA1Range(text: string): A1Range | null {
	const parts = text.trim().split(":");
	if (parts.length > 2 || parts[0] === undefined) return null;
	const start = parseEndpoint(parts[0]);
	if (!start) return null;
	if (parts.length === 1) {
		// A lone column ("A") or row ("3") is not a range in A1 notation.
		if (start.row === null || start.column === null) return null;
		return { startRow: start.row, startColumn: start.column, endRow: start.row, endColumn: start.column };
	}
	const end = parseEndpoint(parts[1] ?? "");
	if (!end) return null;
	// "A:3", "3:A" and "A1:3" mix a column with a row and mean nothing.
	if ((start.column === null) !== (end.column === null)) return null;
	if (start.row === null && end.row !== null) return null;
	const range: A1Range = {
		startRow: start.row,
		startColumn: start.column,
		endRow: end.row,
		endColumn: end.column,
	};
	return normaliseOrder(range);
}

function normaliseOrder(range: A1Range): A1Range {
	const out = { ...range };
	if (out.startRow !== null && out.endRow !== null && out.endRow < out.startRow) {
		[out.startRow, out.endRow] = [out.endRow, out.startRow];
	}
	if (out.startColumn !== null && out.endColumn !== null && out.endColumn < out.startColumn) {
		[out.startColumn, out.endColumn] = [out.endColumn, out.startColumn];
	}
	return out;
}

/**
 * Splits "Sheet!A1:B2", "'My sheet'!A1", "'It''s'!A:A" or "Sheet" into its parts. Text without "!"
 * is a range if it parses as one, else a sheet name (the Sheets API's reading; SpreadsheetApp
 * rejects a bare sheet name as "Range not found").
 */
export function parseA1Reference(text: string): A1Reference | null {
	const trimmed = text.trim();
	if (trimmed === "") return null;
	if (trimmed.startsWith("'")) {
		let i = 1;
		let name = "";
		while (i < trimmed.length) {
			const ch = trimmed[i];
			if (ch === "'") {
				if (trimmed[i + 1] === "'") {
					name += "'";
					i += 2;
					continue;
				}
				break;
			}
			name += ch;
			i += 1;
		}
		if (i >= trimmed.length) return null;
		const rest = trimmed.slice(i + 1);
		if (rest === "") return { sheetName: name, range: null };
		if (!rest.startsWith("!")) return null;
		const range = parseA1Range(rest.slice(1));
		return range ? { sheetName: name, range } : null;
	}
	const bang = trimmed.lastIndexOf("!");
	if (bang >= 0) {
		const name = trimmed.slice(0, bang);
		const rangeText = trimmed.slice(bang + 1);
		if (name === "") return null;
		if (rangeText === "") return { sheetName: name, range: null };
		const range = parseA1Range(rangeText);
		return range ? { sheetName: name, range } : null;
	}
	const range = parseA1Range(trimmed);
	return range ? { sheetName: null, range } : { sheetName: trimmed, range: null };
}

/** Fills the open bounds of a parsed range with the sheet's dimensions. */
export function resolveA1Range(range: A1Range | null, maxRows: number, maxColumns: number): GridRange {
	const startRow = range?.startRow ?? 1;
	const startColumn = range?.startColumn ?? 1;
	// "A:A" has no row at either end and "A2:C" none at the end: both run to the last row.
	const endRow = range?.endRow ?? maxRows;
	const endColumn = range?.endColumn ?? maxColumns;
	return {
		row: startRow,
		column: startColumn,
		numRows: Math.max(1, endRow - startRow + 1),
		numColumns: Math.max(1, endColumn - startColumn + 1),
	};
}

export function cellA1(row: number, column: number): string {
	return `${columnToLetters(column)}${row}`;
}

/** "B3" for one cell, "A1:C10" otherwise, as Range.getA1Notation returns. */
export function gridRangeToA1(range: GridRange): string {
	const start = cellA1(range.row, range.column);
	if (range.numRows === 1 && range.numColumns === 1) return start;
	return `${start}:${cellA1(range.row + range.numRows - 1, range.column + range.numColumns - 1)}`;
}

/**
 * Quotes a sheet name for A1 notation when Sheets would: anything but a plain identifier, and
 * identifiers that read as a cell ("A1") or R1C1 reference. (Sheets' exact rule is UNCONFIRMED.)
 */
export function quoteSheetName(name: string): string {
	const plain =
		/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
	return plain ? name : `'${name.replaceAll("'", "''")}'`;
}

export function qualifiedA1(sheetName: string, range: GridRange): string {
	return `${quoteSheetName(sheetName)}!${gridRangeToA1(range)}`;
}
