/**
 * The cell grid of one sheet and what inserting or deleting rows and columns does to everything
 * anchored to it (protections, conditional formats, the filter, hidden rows, frozen panes, widths).
 * Notes, links, validation and formats live on the cell, so they move with it for free.
 */
import type { CellState, GridRange, SheetState } from "./workbook-state.js";

export function getCell(sheet: SheetState, row: number, column: number): CellState | undefined {
	return sheet.rows[row - 1]?.[column - 1] ?? undefined;
}

export function ensureCell(sheet: SheetState, row: number, column: number): CellState {
	let cells = sheet.rows[row - 1];
	if (!cells) {
		cells = [];
		sheet.rows[row - 1] = cells;
	}
	let cell = cells[column - 1];
	if (!cell) {
		cell = {};
		cells[column - 1] = cell;
	}
	return cell;
}

/** Drops a cell object that no longer holds anything, so saved JSON stays small. */
export function compactCell(sheet: SheetState, row: number, column: number): void {
	const cells = sheet.rows[row - 1];
	const cell = cells?.[column - 1];
	if (cells && cell && Object.keys(cell).length === 0) cells[column - 1] = null;
}

/** "Content" as getLastRow means it: a value or a formula. Formats and notes are not content. */
export function hasContent(cell: CellState | null | undefined): boolean {
	return !!cell && (cell.value !== undefined || cell.formula !== undefined || cell.error !== undefined);
}

export function lastContentRow(sheet: SheetState): number {
	for (let r = Math.min(sheet.rows.length, sheet.maxRows); r >= 1; r--) {
		const cells = sheet.rows[r - 1];
		if (cells?.some((cell) => hasContent(cell))) return r;
	}
	return 0;
}

export function lastContentColumn(sheet: SheetState): number {
	let last = 0;
	for (const cells of sheet.rows) {
		if (!cells) continue;
		for (let c = Math.min(cells.length, sheet.maxColumns); c > last; c--) {
			if (hasContent(cells[c - 1])) {
				last = c;
				break;
			}
		}
	}
	return last;
}

/** Cell properties a newly inserted row or column takes from its neighbour: format, not content. */
function inheritedFormat(cell: CellState | null | undefined): CellState | null {
	if (!cell) return null;
	const copy: CellState = {};
	if (cell.format !== undefined) copy.format = cell.format;
	if (cell.background !== undefined) copy.background = cell.background;
	if (cell.fontColor !== undefined) copy.fontColor = cell.fontColor;
	if (cell.fontWeight !== undefined) copy.fontWeight = cell.fontWeight;
	if (cell.horizontalAlignment !== undefined) copy.horizontalAlignment = cell.horizontalAlignment;
	if (cell.verticalAlignment !== undefined) copy.verticalAlignment = cell.verticalAlignment;
	if (cell.wrapStrategy !== undefined) copy.wrapStrategy = cell.wrapStrategy;
	// UNCONFIRMED: dropdowns extend into inserted rows in the UI; assumed the same for scripts.
	if (cell.validation !== undefined) copy.validation = structuredClone(cell.validation);
	return Object.keys(copy).length > 0 ? copy : null;
}

type Axis = "rows" | "columns";

/** Where a 1-D span [start, start+count) goes when `count2` lines are inserted at line `at`. */
function spanAfterInsert(start: number, count: number, at: number, inserted: number): [number, number] {
	if (at <= start) return [start + inserted, count];
	if (at < start + count) return [start, count + inserted];
	return [start, count];
}

/** ... when lines [at, at+deleted) are deleted; null when the whole span is gone. */
function spanAfterDelete(start: number, count: number, at: number, deleted: number): [number, number] | null {
	const end = start + count - 1;
	const delEnd = at + deleted - 1;
	if (delEnd < start) return [start - deleted, count];
	if (at > end) return [start, count];
	const keptBefore = Math.max(0, at - start);
	const keptAfter = Math.max(0, end - delEnd);
	if (keptBefore + keptAfter === 0) return null;
	return [Math.min(start, at), keptBefore + keptAfter];
}

export function rangeAfterInsert(range: GridRange, axis: Axis, at: number, inserted: number): GridRange {
	if (axis === "rows") {
		const [row, numRows] = spanAfterInsert(range.row, range.numRows, at, inserted);
		return { ...range, row, numRows };
	}
	const [column, numColumns] = spanAfterInsert(range.column, range.numColumns, at, inserted);
	return { ...range, column, numColumns };
}

export function rangeAfterDelete(range: GridRange, axis: Axis, at: number, deleted: number): GridRange | null {
	const span =
		axis === "rows"
			? spanAfterDelete(range.row, range.numRows, at, deleted)
			: spanAfterDelete(range.column, range.numColumns, at, deleted);
	if (!span) return null;
	return axis === "rows"
		? { ...range, row: span[0], numRows: span[1] }
		: { ...range, column: span[0], numColumns: span[1] };
}

function shiftAnchors(sheet: SheetState, axis: Axis, move: (range: GridRange) => GridRange | null): void {
	sheet.protections = sheet.protections.filter((protection) => {
		if (protection.range) {
			const moved = move(protection.range);
			if (!moved) return false;
			protection.range = moved;
		}
		protection.unprotected = protection.unprotected.flatMap((range) => move(range) ?? []);
		return true;
	});
	sheet.conditionalFormatRules = sheet.conditionalFormatRules.filter((rule) => {
		rule.ranges = rule.ranges.flatMap((range) => move(range) ?? []);
		return rule.ranges.length > 0;
	});
	if (sheet.filter) {
		const moved = move(sheet.filter.range);
		if (!moved) sheet.filter = null;
		else {
			if (axis === "columns") {
				const criteria: Record<string, (typeof sheet.filter.criteria)[string]> = {};
				for (const [key, value] of Object.entries(sheet.filter.criteria)) {
					const column = move({ row: 1, column: Number(key), numRows: 1, numColumns: 1 });
					if (column) criteria[String(column.column)] = value;
				}
				sheet.filter.criteria = criteria;
			}
			sheet.filter.range = moved;
		}
	}
	if (sheet.activeRange) sheet.activeRange = move(sheet.activeRange);
}

function shiftLines(lines: number[], at: number, delta: number, deletedCount = 0): number[] {
	return lines.flatMap((line) => {
		if (deletedCount > 0 && line >= at && line < at + deletedCount) return [];
		return line >= at ? [line + delta] : [line];
	});
}

/**
 * A validation rule shared by the cells on both sides of an insertion. Sheets keeps rules per range,
 * so lines inserted inside a validated span (a Status column's dropdown) fall under the rule.
 */
function spanningRule(before: CellState | null | undefined, after: CellState | null | undefined): CellState | null {
	const rule = before?.validation;
	if (!rule || !after?.validation || JSON.stringify(rule) !== JSON.stringify(after.validation)) return null;
	return { validation: structuredClone(rule) };
}

/**
 * Inserts `count` empty rows so that the first new row is `at`. `inheritFrom` donates formats (and
 * validation); without a donor, new cells still fall under a validation rule spanning the insertion.
 */
export function insertRows(sheet: SheetState, at: number, count: number, inheritFrom: number | null): void {
	const donor = inheritFrom === null ? null : sheet.rows[inheritFrom - 1];
	const above = sheet.rows[at - 2];
	const below = sheet.rows[at - 1];
	const template = donor
		? donor.map((cell) => inheritedFormat(cell))
		: above && below
			? above.map((cell, c) => spanningRule(cell, below[c]))
			: null;
	const useful = template?.some((cell) => cell !== null) ? template : null;
	const fresh = Array.from({ length: count }, () =>
		useful ? useful.map((cell) => (cell ? structuredClone(cell) : null)) : null,
	);
	if (sheet.rows.length >= at) sheet.rows.splice(at - 1, 0, ...fresh);
	else if (useful) {
		for (let i = 0; i < count; i++) sheet.rows[at - 1 + i] = fresh[i] ?? null;
	}
	sheet.maxRows += count;
	if (at <= sheet.frozenRows) sheet.frozenRows += count;
	sheet.hiddenRows = shiftLines(sheet.hiddenRows, at, count);
	shiftAnchors(sheet, "rows", (range) => rangeAfterInsert(range, "rows", at, count));
}

export function deleteRows(sheet: SheetState, at: number, count: number): void {
	if (sheet.rows.length >= at) sheet.rows.splice(at - 1, count);
	sheet.maxRows -= count;
	if (at <= sheet.frozenRows) sheet.frozenRows = Math.max(at - 1, sheet.frozenRows - count);
	sheet.hiddenRows = shiftLines(sheet.hiddenRows, at, -count, count);
	shiftAnchors(sheet, "rows", (range) => rangeAfterDelete(range, "rows", at, count));
}

export function insertColumns(sheet: SheetState, at: number, count: number, inheritFrom: number | null): void {
	sheet.rows.forEach((cells) => {
		if (!cells) return;
		const donor = inheritFrom === null ? null : cells[inheritFrom - 1];
		const template = inheritFrom === null ? spanningRule(cells[at - 2], cells[at - 1]) : inheritedFormat(donor);
		const fresh = Array.from({ length: count }, () => (template ? structuredClone(template) : null));
		if (cells.length >= at) cells.splice(at - 1, 0, ...fresh);
		else if (template) {
			for (let i = 0; i < count; i++) cells[at - 1 + i] = fresh[i] ?? null;
		}
	});
	sheet.maxColumns += count;
	if (at <= sheet.frozenColumns) sheet.frozenColumns += count;
	sheet.hiddenColumns = shiftLines(sheet.hiddenColumns, at, count);
	const widths: Record<string, number> = {};
	for (const [key, width] of Object.entries(sheet.columnWidths)) {
		const column = Number(key);
		widths[String(column >= at ? column + count : column)] = width;
	}
	sheet.columnWidths = widths;
	shiftAnchors(sheet, "columns", (range) => rangeAfterInsert(range, "columns", at, count));
}

export function deleteColumns(sheet: SheetState, at: number, count: number): void {
	for (const cells of sheet.rows) if (cells && cells.length >= at) cells.splice(at - 1, count);
	sheet.maxColumns -= count;
	if (at <= sheet.frozenColumns) sheet.frozenColumns = Math.max(at - 1, sheet.frozenColumns - count);
	sheet.hiddenColumns = shiftLines(sheet.hiddenColumns, at, -count, count);
	const widths: Record<string, number> = {};
	for (const [key, width] of Object.entries(sheet.columnWidths)) {
		const column = Number(key);
		if (column >= at && column < at + count) continue;
		widths[String(column >= at ? column - count : column)] = width;
	}
	sheet.columnWidths = widths;
	shiftAnchors(sheet, "columns", (range) => rangeAfterDelete(range, "columns", at, count));
}

export function totalCells(sheets: SheetState[]): number {
	return sheets.reduce((sum, sheet) => sum + sheet.maxRows * sheet.maxColumns, 0);
}
