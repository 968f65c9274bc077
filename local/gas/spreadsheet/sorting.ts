/**
 * Sorting rows the way Sheets orders values: numbers (and dates) before text (case-insensitive)
 * before booleans before errors, and empty cells last in either direction. Whole cells move, with
 * their formats, notes, links and validation. Formula references are not rewritten.
 */
import type { CellReader, CellValue } from "./cell-values.js";
import type { CellState, GridRange, SheetState } from "./workbook-state.js";

export interface SortSpec {
	/** 1-based sheet column. */
	column: number;
	ascending: boolean;
}

function rank(value: CellValue): number {
	if (value === null || value === "") return 4;
	if (typeof value === "number") return 0;
	if (typeof value === "string") return 1;
	if (typeof value === "boolean") return 2;
	return 3;
}

function compareValues(a: CellValue, b: CellValue, ascending: boolean): number {
	const ra = rank(a);
	const rb = rank(b);
	if (ra === 4 || rb === 4) return ra - rb;
	let result: number;
	if (ra !== rb) result = ra - rb;
	else if (typeof a === "number" && typeof b === "number") result = a - b;
	else if (typeof a === "string" && typeof b === "string")
		result = a.localeCompare(b, undefined, { sensitivity: "base" });
	else if (typeof a === "boolean" && typeof b === "boolean") result = Number(a) - Number(b);
	else result = 0;
	return ascending ? result : -result;
}

/** Sorts the rows of `range` by `specs`; only the range's columns move. */
export function sortRange(sheet: SheetState, range: GridRange, specs: SortSpec[], reader: CellReader): void {
	const first = range.column - 1;
	const width = range.numColumns;
	const rows: Array<{ cells: Array<CellState | null>; keys: CellValue[] }> = [];
	for (let r = range.row; r < range.row + range.numRows; r++) {
		const source = sheet.rows[r - 1];
		const cells = Array.from({ length: width }, (_, i) => source?.[first + i] ?? null);
		rows.push({ cells, keys: specs.map((spec) => reader.value(sheet, r, spec.column)) });
	}
	// Array.prototype.sort is stable, so equal keys keep their order as in Sheets.
	rows.sort((a, b) => {
		for (let i = 0; i < specs.length; i++) {
			const result = compareValues(a.keys[i] ?? null, b.keys[i] ?? null, specs[i]?.ascending ?? true);
			if (result !== 0) return result;
		}
		return 0;
	});
	rows.forEach((row, index) => {
		const r = range.row + index;
		let target = sheet.rows[r - 1];
		if (!target) {
			if (row.cells.every((cell) => cell === null)) return;
			target = [];
			sheet.rows[r - 1] = target;
		}
		for (let i = 0; i < width; i++) target[first + i] = row.cells[i] ?? null;
	});
}
