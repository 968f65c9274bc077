/**
 * Sheet: a handle made of the sheet id. The id and the parent spreadsheet are what the handle is, so
 * getSheetId/getParent are not counted; the name can change under the handle (another user, another
 * execution), so getName reads the document and is counted like every other method.
 */

import { emulatesClass } from "../not-emulated.js";
import { parseA1Reference, resolveA1Range } from "./a1-notation.js";
import type { AppContext } from "./app-context.js";
import { clearCells, clearContentFields, clearContents, clearFormatFields } from "./cell-values.js";
import { chartFromState, chartStateOf, EmbeddedChartBuilderImpl, EmbeddedChartImpl, newDraft } from "./charts.js";
import { normaliseColor } from "./colors.js";
import { ConditionalFormatRuleImpl } from "./conditional-format.js";
import { type EnumMember, enumName, SheetType } from "./enums.js";
import { MESSAGES, signatureMismatch } from "./errors.js";
import { FilterImpl, rowHiddenByFilter } from "./filter.js";
import {
	deleteColumns,
	deleteRows,
	insertColumns,
	insertRows,
	lastContentColumn,
	lastContentRow,
	totalCells,
} from "./grid.js";
import { addProtection, ProtectionImpl } from "./protection.js";
import { checkedGrid, RangeImpl, writeUserValues } from "./range.js";
import { sortRange } from "./sorting.js";
import { SpreadsheetImpl } from "./spreadsheet.js";
import type { SheetState } from "./workbook-state.js";

/** Default column width in pixels of a new sheet. */
export const DEFAULT_COLUMN_WIDTH = 100;
const CELL_LIMIT = 10_000_000;

function isInteger(value: unknown): value is number {
	return typeof value === "number" && Number.isFinite(value);
}

export class SheetImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly sheetId: number,
	) {}

	// ----- identity: not counted -----

	getSheetId(): number {
		return this.sheetId;
	}

	getParent(): SpreadsheetImpl {
		return new SpreadsheetImpl(this.ctx);
	}

	toString(): string {
		return "Sheet";
	}

	// ----- helpers -----

	private begin(method: string): SheetState {
		this.ctx.touch("Sheet", method);
		return this.ctx.sheetState(this.sheetId);
	}

	private changed<T>(value: T): T {
		this.ctx.dirty();
		return value;
	}

	private growBy(cells: number): void {
		if (totalCells(this.ctx.workbook.sheets) + cells > CELL_LIMIT) this.ctx.fail(MESSAGES.cellLimit);
	}

	/** Resolves A1 text on this sheet (a sheet name in it is honoured) to a range. */
	private rangeFromA1(a1: string): RangeImpl {
		const reference = parseA1Reference(a1);
		if (!reference?.range) this.ctx.fail(MESSAGES.rangeNotFound);
		const target =
			reference.sheetName === null ? this.ctx.sheetState(this.sheetId) : this.ctx.sheetByName(reference.sheetName);
		if (!target) return this.ctx.fail(MESSAGES.rangeNotFound);
		const grid = resolveA1Range(reference.range, target.maxRows, target.maxColumns);
		return new RangeImpl(
			this.ctx,
			target.sheetId,
			checkedGrid(this.ctx, target, grid.row, grid.column, grid.numRows, grid.numColumns),
		);
	}

	// ----- name, order, visibility -----

	getName(): string {
		return this.begin("getName").name;
	}

	getSheetName(): string {
		return this.begin("getSheetName").name;
	}

	setName(name: string): SheetImpl {
		const sheet = this.begin("setName");
		const text = String(name);
		if (text.trim() === "") this.ctx.fail(MESSAGES.invalidArgument("name"));
		const other = this.ctx.sheetByName(text);
		if (other && other.sheetId !== sheet.sheetId) this.ctx.fail(MESSAGES.sheetNameTaken(text));
		sheet.name = text;
		return this.changed(this);
	}

	getIndex(): number {
		this.begin("getIndex");
		return this.ctx.workbook.sheets.findIndex((s) => s.sheetId === this.sheetId) + 1;
	}

	getType(): EnumMember {
		this.begin("getType");
		return SheetType.GRID;
	}

	/** "Does not alter the sheet itself, only the parent's notion of the active sheet" (docs). */
	activate(): SheetImpl {
		this.begin("activate");
		this.ctx.workbook.activeSheetId = this.sheetId;
		return this.changed(this);
	}

	hideSheet(): SheetImpl {
		const sheet = this.begin("hideSheet");
		const visible = this.ctx.workbook.sheets.filter((s) => !s.hidden && s.sheetId !== sheet.sheetId);
		if (visible.length === 0) this.ctx.fail(MESSAGES.hideLastSheet);
		sheet.hidden = true;
		if (this.ctx.workbook.activeSheetId === sheet.sheetId)
			this.ctx.workbook.activeSheetId = visible[0]?.sheetId ?? null;
		return this.changed(this);
	}

	showSheet(): SheetImpl {
		this.begin("showSheet").hidden = false;
		return this.changed(this);
	}

	isSheetHidden(): boolean {
		return this.begin("isSheetHidden").hidden;
	}

	getTabColor(): string | null {
		return this.begin("getTabColor").tabColor;
	}

	setTabColor(color: string | null): SheetImpl {
		this.begin("setTabColor").tabColor = normaliseColor(color);
		return this.changed(this);
	}

	// ----- ranges -----

	getRange(...args: unknown[]): RangeImpl {
		const sheet = this.begin("getRange");
		if (args.length === 1 && typeof args[0] === "string") return this.rangeFromA1(args[0]);
		if (args.length < 2 || args.length > 4 || !args.every(isInteger)) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.getRange", args));
		}
		const [row, column, numRows = 1, numColumns = 1] = (args as number[]).map(Math.trunc);
		return new RangeImpl(
			this.ctx,
			this.sheetId,
			checkedGrid(this.ctx, sheet, row as number, column as number, numRows, numColumns),
		);
	}

	/** A1 to the last row and column with content; A1 alone for an empty sheet. */
	getDataRange(): RangeImpl {
		const sheet = this.begin("getDataRange");
		const rows = Math.max(1, lastContentRow(sheet));
		const columns = Math.max(1, lastContentColumn(sheet));
		return new RangeImpl(this.ctx, this.sheetId, { row: 1, column: 1, numRows: rows, numColumns: columns });
	}

	getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
		const sheet = this.begin("getSheetValues");
		const grid = checkedGrid(this.ctx, sheet, startRow, startColumn, numRows, numColumns);
		const reader = this.ctx.reader();
		const out: unknown[][] = [];
		for (let r = grid.row; r < grid.row + grid.numRows; r++) {
			const line: unknown[] = [];
			for (let c = grid.column; c < grid.column + grid.numColumns; c++) line.push(reader.scriptValue(sheet, r, c));
			out.push(line);
		}
		return this.ctx.adopt(out);
	}

	getLastRow(): number {
		return lastContentRow(this.begin("getLastRow"));
	}

	getLastColumn(): number {
		return lastContentColumn(this.begin("getLastColumn"));
	}

	getMaxRows(): number {
		return this.begin("getMaxRows").maxRows;
	}

	getMaxColumns(): number {
		return this.begin("getMaxColumns").maxColumns;
	}

	getActiveRange(): RangeImpl {
		const sheet = this.begin("getActiveRange");
		return new RangeImpl(this.ctx, this.sheetId, activeGrid(sheet));
	}

	getActiveCell(): RangeImpl {
		const sheet = this.begin("getActiveCell");
		const grid = activeGrid(sheet);
		return new RangeImpl(this.ctx, this.sheetId, { row: grid.row, column: grid.column, numRows: 1, numColumns: 1 });
	}

	setActiveSelection(range: RangeImpl | string): RangeImpl {
		this.begin("setActiveSelection");
		const target = typeof range === "string" ? this.rangeFromA1(range) : range;
		return this.select(target, "setActiveSelection");
	}

	setActiveRange(range: RangeImpl): RangeImpl {
		this.begin("setActiveRange");
		return this.select(range, "setActiveRange");
	}

	private select(range: unknown, method: string): RangeImpl {
		if (!(range instanceof RangeImpl))
			return this.ctx.fail(signatureMismatch(`SpreadsheetApp.Sheet.${method}`, [range]));
		const sheet = this.ctx.sheetState(range.sheetId);
		sheet.activeRange = { ...range.grid };
		this.ctx.workbook.activeSheetId = range.sheetId;
		return this.changed(range);
	}

	// ----- inserting and deleting -----

	private checkRows(sheet: SheetState, position: number, howMany: number): void {
		if (!isInteger(position) || !isInteger(howMany) || howMany < 1 || position < 1 || position > sheet.maxRows) {
			this.ctx.fail(MESSAGES.rowsOutOfBounds);
		}
	}

	private checkColumns(sheet: SheetState, position: number, howMany: number): void {
		if (!isInteger(position) || !isInteger(howMany) || howMany < 1 || position < 1 || position > sheet.maxColumns) {
			this.ctx.fail(MESSAGES.columnsOutOfBounds);
		}
	}

	/** New rows take the formats of row `afterPosition` (UNCONFIRMED details: see grid.ts). */
	insertRowsAfter(afterPosition: number, howMany: number): SheetImpl {
		const sheet = this.begin("insertRowsAfter");
		this.checkRows(sheet, afterPosition, howMany);
		this.growBy(howMany * sheet.maxColumns);
		insertRows(sheet, afterPosition + 1, howMany, afterPosition);
		return this.changed(this);
	}

	insertRowsBefore(beforePosition: number, howMany: number): SheetImpl {
		const sheet = this.begin("insertRowsBefore");
		this.checkRows(sheet, beforePosition, howMany);
		this.growBy(howMany * sheet.maxColumns);
		insertRows(sheet, beforePosition, howMany, beforePosition);
		return this.changed(this);
	}

	insertRowAfter(afterPosition: number): SheetImpl {
		const sheet = this.begin("insertRowAfter");
		this.checkRows(sheet, afterPosition, 1);
		this.growBy(sheet.maxColumns);
		insertRows(sheet, afterPosition + 1, 1, afterPosition);
		return this.changed(this);
	}

	insertRowBefore(beforePosition: number): SheetImpl {
		const sheet = this.begin("insertRowBefore");
		this.checkRows(sheet, beforePosition, 1);
		this.growBy(sheet.maxColumns);
		insertRows(sheet, beforePosition, 1, beforePosition);
		return this.changed(this);
	}

	insertRows(rowIndex: number, numRows = 1): void {
		const sheet = this.begin("insertRows");
		this.checkRows(sheet, rowIndex, numRows);
		this.growBy(numRows * sheet.maxColumns);
		insertRows(sheet, rowIndex, numRows, rowIndex);
		this.ctx.dirty();
	}

	insertColumnsAfter(afterPosition: number, howMany: number): SheetImpl {
		const sheet = this.begin("insertColumnsAfter");
		this.checkColumns(sheet, afterPosition, howMany);
		this.growBy(howMany * sheet.maxRows);
		insertColumns(sheet, afterPosition + 1, howMany, afterPosition);
		return this.changed(this);
	}

	insertColumnsBefore(beforePosition: number, howMany: number): SheetImpl {
		const sheet = this.begin("insertColumnsBefore");
		this.checkColumns(sheet, beforePosition, howMany);
		this.growBy(howMany * sheet.maxRows);
		insertColumns(sheet, beforePosition, howMany, beforePosition);
		return this.changed(this);
	}

	insertColumnAfter(afterPosition: number): SheetImpl {
		const sheet = this.begin("insertColumnAfter");
		this.checkColumns(sheet, afterPosition, 1);
		this.growBy(sheet.maxRows);
		insertColumns(sheet, afterPosition + 1, 1, afterPosition);
		return this.changed(this);
	}

	insertColumnBefore(beforePosition: number): SheetImpl {
		const sheet = this.begin("insertColumnBefore");
		this.checkColumns(sheet, beforePosition, 1);
		this.growBy(sheet.maxRows);
		insertColumns(sheet, beforePosition, 1, beforePosition);
		return this.changed(this);
	}

	insertColumns(columnIndex: number, numColumns = 1): void {
		const sheet = this.begin("insertColumns");
		this.checkColumns(sheet, columnIndex, numColumns);
		this.growBy(numColumns * sheet.maxRows);
		insertColumns(sheet, columnIndex, numColumns, columnIndex);
		this.ctx.dirty();
	}

	private removeRows(sheet: SheetState, position: number, howMany: number): void {
		this.checkRows(sheet, position, howMany);
		if (position + howMany - 1 > sheet.maxRows) this.ctx.fail(MESSAGES.rowsOutOfBounds);
		if (sheet.maxRows - howMany < 1 || sheet.maxRows - howMany <= sheet.frozenRows)
			this.ctx.fail(MESSAGES.deleteAllRows);
		deleteRows(sheet, position, howMany);
		this.ctx.dirty();
	}

	private removeColumns(sheet: SheetState, position: number, howMany: number): void {
		this.checkColumns(sheet, position, howMany);
		if (position + howMany - 1 > sheet.maxColumns) this.ctx.fail(MESSAGES.columnsOutOfBounds);
		if (sheet.maxColumns - howMany < 1 || sheet.maxColumns - howMany <= sheet.frozenColumns) {
			this.ctx.fail(MESSAGES.deleteAllColumns);
		}
		deleteColumns(sheet, position, howMany);
		this.ctx.dirty();
	}

	deleteRow(rowPosition: number): SheetImpl {
		this.removeRows(this.begin("deleteRow"), rowPosition, 1);
		return this;
	}

	deleteRows(rowPosition: number, howMany: number): void {
		this.removeRows(this.begin("deleteRows"), rowPosition, howMany);
	}

	deleteColumn(columnPosition: number): SheetImpl {
		this.removeColumns(this.begin("deleteColumn"), columnPosition, 1);
		return this;
	}

	deleteColumns(columnPosition: number, howMany: number): void {
		this.removeColumns(this.begin("deleteColumns"), columnPosition, howMany);
	}

	/**
	 * Writes one row after the last row with content, parsed as typed, growing the sheet by a row
	 * (and by columns) when it is full, as Apps Script does.
	 */
	appendRow(rowContents: unknown[]): SheetImpl {
		appendRowTo(this.ctx, this.begin("appendRow"), rowContents, "SpreadsheetApp.Sheet.appendRow");
		return this;
	}

	// ----- frozen panes, sizes, hidden rows -----

	getFrozenRows(): number {
		return this.begin("getFrozenRows").frozenRows;
	}

	setFrozenRows(rows: number): void {
		const sheet = this.begin("setFrozenRows");
		if (!isInteger(rows) || rows < 0 || rows >= sheet.maxRows) this.ctx.fail(MESSAGES.invalidArgument("rows"));
		sheet.frozenRows = rows;
		this.ctx.dirty();
	}

	getFrozenColumns(): number {
		return this.begin("getFrozenColumns").frozenColumns;
	}

	setFrozenColumns(columns: number): void {
		const sheet = this.begin("setFrozenColumns");
		if (!isInteger(columns) || columns < 0 || columns >= sheet.maxColumns)
			this.ctx.fail(MESSAGES.invalidArgument("columns"));
		sheet.frozenColumns = columns;
		this.ctx.dirty();
	}

	getColumnWidth(columnPosition: number): number {
		return this.begin("getColumnWidth").columnWidths[String(columnPosition)] ?? DEFAULT_COLUMN_WIDTH;
	}

	setColumnWidth(columnPosition: number, width: number): SheetImpl {
		const sheet = this.begin("setColumnWidth");
		this.checkColumns(sheet, columnPosition, 1);
		sheet.columnWidths[String(columnPosition)] = width;
		return this.changed(this);
	}

	setColumnWidths(startColumn: number, numColumns: number, width: number): SheetImpl {
		const sheet = this.begin("setColumnWidths");
		this.checkColumns(sheet, startColumn, numColumns);
		for (let c = startColumn; c < startColumn + numColumns; c++) sheet.columnWidths[String(c)] = width;
		return this.changed(this);
	}

	/** No layout engine: widths stay as they are, but the call is counted like the real one. */
	autoResizeColumns(startColumn: number, numColumns: number): SheetImpl {
		this.checkColumns(this.begin("autoResizeColumns"), startColumn, numColumns);
		return this;
	}

	autoResizeColumn(columnPosition: number): SheetImpl {
		this.checkColumns(this.begin("autoResizeColumn"), columnPosition, 1);
		return this;
	}

	hideRows(rowIndex: number, numRows = 1): void {
		const sheet = this.begin("hideRows");
		this.checkRows(sheet, rowIndex, numRows);
		const hidden = new Set(sheet.hiddenRows);
		for (let r = rowIndex; r < rowIndex + numRows; r++) hidden.add(r);
		sheet.hiddenRows = [...hidden].sort((a, b) => a - b);
		this.ctx.dirty();
	}

	showRows(rowIndex: number, numRows = 1): void {
		const sheet = this.begin("showRows");
		this.checkRows(sheet, rowIndex, numRows);
		sheet.hiddenRows = sheet.hiddenRows.filter((r) => r < rowIndex || r >= rowIndex + numRows);
		this.ctx.dirty();
	}

	hideRow(row: RangeImpl): void {
		const sheet = this.begin("hideRow");
		const hidden = new Set(sheet.hiddenRows);
		for (let r = row.grid.row; r < row.grid.row + row.grid.numRows; r++) hidden.add(r);
		sheet.hiddenRows = [...hidden].sort((a, b) => a - b);
		this.ctx.dirty();
	}

	unhideRow(row: RangeImpl): void {
		const sheet = this.begin("unhideRow");
		sheet.hiddenRows = sheet.hiddenRows.filter((r) => r < row.grid.row || r >= row.grid.row + row.grid.numRows);
		this.ctx.dirty();
	}

	isRowHiddenByUser(rowPosition: number): boolean {
		return this.begin("isRowHiddenByUser").hiddenRows.includes(rowPosition);
	}

	isRowHiddenByFilter(rowPosition: number): boolean {
		const sheet = this.begin("isRowHiddenByFilter");
		return rowHiddenByFilter(sheet, rowPosition, this.ctx.reader());
	}

	hideColumns(columnIndex: number, numColumns = 1): void {
		const sheet = this.begin("hideColumns");
		this.checkColumns(sheet, columnIndex, numColumns);
		const hidden = new Set(sheet.hiddenColumns);
		for (let c = columnIndex; c < columnIndex + numColumns; c++) hidden.add(c);
		sheet.hiddenColumns = [...hidden].sort((a, b) => a - b);
		this.ctx.dirty();
	}

	showColumns(columnIndex: number, numColumns = 1): void {
		const sheet = this.begin("showColumns");
		this.checkColumns(sheet, columnIndex, numColumns);
		sheet.hiddenColumns = sheet.hiddenColumns.filter((c) => c < columnIndex || c >= columnIndex + numColumns);
		this.ctx.dirty();
	}

	isColumnHiddenByUser(columnPosition: number): boolean {
		return this.begin("isColumnHiddenByUser").hiddenColumns.includes(columnPosition);
	}

	// ----- protection, filter, formatting rules -----

	/** Returns the existing sheet protection if there is one, as documented. */
	protect(): ProtectionImpl {
		const sheet = this.begin("protect");
		const existing = sheet.protections.find((p) => p.type === "SHEET");
		const id = existing?.id ?? addProtection(this.ctx, this.sheetId, { type: "SHEET", range: null });
		return new ProtectionImpl(this.ctx, this.sheetId, id);
	}

	getProtections(type: unknown): ProtectionImpl[] {
		const sheet = this.begin("getProtections");
		const name = enumName(type);
		if (name !== "RANGE" && name !== "SHEET")
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.getProtections", [type]));
		return this.ctx.array(
			sheet.protections.filter((p) => p.type === name).map((p) => new ProtectionImpl(this.ctx, this.sheetId, p.id)),
		);
	}

	// ----- embedded charts -----

	/** A builder only: nothing on the sheet changes until insertChart (not counted). */
	newChart(): EmbeddedChartBuilderImpl {
		return new EmbeddedChartBuilderImpl(this.ctx, newDraft());
	}

	getCharts(): EmbeddedChartImpl[] {
		const sheet = this.begin("getCharts");
		return this.ctx.array(sheet.charts.map((chart) => chartFromState(this.ctx, chart)));
	}

	insertChart(chart: unknown): void {
		const sheet = this.begin("insertChart");
		if (!(chart instanceof EmbeddedChartImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.insertChart", [chart]));
		const taken = (id: number) => this.ctx.workbook.sheets.some((s) => s.charts.some((c) => c.chartId === id));
		const chartId = this.ctx.nextId(taken);
		sheet.charts.push(chartStateOf(chart.draft, chartId));
		this.changed(undefined);
	}

	updateChart(chart: unknown): void {
		const sheet = this.begin("updateChart");
		if (!(chart instanceof EmbeddedChartImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.updateChart", [chart]));
		const at = sheet.charts.findIndex((held) => held.chartId === chart.draft.chartId);
		if (at < 0) this.ctx.fail(MESSAGES.chartNotFound);
		sheet.charts[at] = chartStateOf(chart.draft, chart.draft.chartId as number);
		this.changed(undefined);
	}

	removeChart(chart: unknown): void {
		const sheet = this.begin("removeChart");
		if (!(chart instanceof EmbeddedChartImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.removeChart", [chart]));
		const at = sheet.charts.findIndex((held) => held.chartId === chart.draft.chartId);
		if (at < 0) this.ctx.fail(MESSAGES.chartNotFound);
		sheet.charts.splice(at, 1);
		this.changed(undefined);
	}

	getFilter(): FilterImpl | null {
		return this.begin("getFilter").filter ? new FilterImpl(this.ctx, this.sheetId) : null;
	}

	getConditionalFormatRules(): ConditionalFormatRuleImpl[] {
		const sheet = this.begin("getConditionalFormatRules");
		return this.ctx.array(
			sheet.conditionalFormatRules.map(
				(rule) => new ConditionalFormatRuleImpl(this.ctx, structuredClone(rule), this.sheetId),
			),
		);
	}

	/** Replaces all rules of the sheet, as the real method does. */
	setConditionalFormatRules(rules: ConditionalFormatRuleImpl[]): void {
		const sheet = this.begin("setConditionalFormatRules");
		if (!Array.isArray(rules) || rules.some((rule) => !(rule instanceof ConditionalFormatRuleImpl))) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Sheet.setConditionalFormatRules", [rules]));
		}
		sheet.conditionalFormatRules = rules.map((rule) => structuredClone(rule.state));
		this.ctx.dirty();
	}

	clearConditionalFormatRules(): void {
		this.begin("clearConditionalFormatRules").conditionalFormatRules = [];
		this.ctx.dirty();
	}

	// ----- clearing and sorting -----

	clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): SheetImpl {
		const sheet = this.begin("clear");
		const whole = { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
		const contents = !options?.formatOnly || options.contentsOnly;
		const formats = !options?.contentsOnly || options.formatOnly;
		// Contents and formats go; notes and validation stay (UNCONFIRMED, as Range.clear).
		clearCells(sheet, whole, (cell) => {
			if (contents) clearContentFields(cell);
			if (formats) clearFormatFields(cell);
		});
		return this.changed(this);
	}

	clearContents(): SheetImpl {
		const sheet = this.begin("clearContents");
		clearContents(sheet, { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns });
		return this.changed(this);
	}

	clearFormats(): SheetImpl {
		const sheet = this.begin("clearFormats");
		clearCells(sheet, { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns }, clearFormatFields);
		return this.changed(this);
	}

	clearNotes(): SheetImpl {
		const sheet = this.begin("clearNotes");
		for (const cells of sheet.rows) for (const cell of cells ?? []) if (cell) delete cell.note;
		return this.changed(this);
	}

	/** Sorts the rows below the frozen rows by one column; whole rows move. */
	sort(columnPosition: number, ascending = true): SheetImpl {
		const sheet = this.begin("sort");
		this.checkColumns(sheet, columnPosition, 1);
		const first = sheet.frozenRows + 1;
		const last = lastContentRow(sheet);
		if (last >= first) {
			sortRange(
				sheet,
				{ row: first, column: 1, numRows: last - first + 1, numColumns: sheet.maxColumns },
				[{ column: columnPosition, ascending: ascending !== false }],
				this.ctx.reader(),
			);
		}
		return this.changed(this);
	}
}

/** appendRow of Sheet and of Spreadsheet (the active sheet): one implementation, one counted call. */
export function appendRowTo(ctx: AppContext, sheet: SheetState, rowContents: unknown[], method: string): void {
	if (!Array.isArray(rowContents)) ctx.fail(signatureMismatch(method, [rowContents]));
	const row = lastContentRow(sheet) + 1;
	const width = Math.max(1, rowContents.length);
	const grow = (cells: number) => {
		if (totalCells(ctx.workbook.sheets) + cells > CELL_LIMIT) ctx.fail(MESSAGES.cellLimit);
	};
	if (row > sheet.maxRows) {
		grow(sheet.maxColumns);
		insertRows(sheet, sheet.maxRows + 1, row - sheet.maxRows, null);
	}
	if (width > sheet.maxColumns) {
		grow((width - sheet.maxColumns) * sheet.maxRows);
		insertColumns(sheet, sheet.maxColumns + 1, width - sheet.maxColumns, null);
	}
	writeUserValues(ctx, sheet, { row, column: 1, numRows: 1, numColumns: width }, (_i, j) => rowContents[j]);
}

/** The sheet's selection, or A1 when nothing was ever selected (UNCONFIRMED for trigger runs). */
export function activeGrid(sheet: SheetState) {
	return sheet.activeRange ?? { row: 1, column: 1, numRows: 1, numColumns: 1 };
}

emulatesClass(SheetImpl, "Sheet");
