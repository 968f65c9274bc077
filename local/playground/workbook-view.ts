/**
 * The workbook as the playground's grid draws it, read from the saved local state: display values,
 * links, notes, colours, the frozen header, dropdowns of list validations, which cells the owner
 * may edit, and each sheet's active selection.
 */
import { normaliseHeader, ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import { SETTINGS_SHEET } from "../../src/core/settings.js";
import { ORDERS_SHEET } from "../../src/sheet/orders-table.js";
import { sheetDisplayValues } from "../gas/spreadsheet/display-values.js";
import { getCell, lastContentColumn, lastContentRow } from "../gas/spreadsheet/grid.js";
import type { GridRange, SheetState, WorkbookState } from "../gas/spreadsheet/workbook-state.js";
import type { LocalState } from "../gas/state.js";
import { CHART_HEIGHT, CHART_WIDTH, chartData, chartSvg } from "./chart-svg.js";
import { conditionalPaint } from "./conditional-tint.js";

/** The grid stops here: a playground shop never needs more, and the page stays quick. */
const MAX_ROWS = 400;
/** Empty rows drawn below the last one, as a spreadsheet shows them. */
const SPARE_ROWS = 3;

export interface LinkSpan {
	text: string;
	url?: string;
}

export interface CellView {
	text: string;
	/** Present when part of the text is linked: the text cut into linked and plain spans. */
	spans?: LinkSpan[];
	note?: string;
	background?: string;
	color?: string;
	bold?: boolean;
	align?: string;
	/** The dropdown's choices of a list validation. */
	options?: string[];
	/** The owner may type here (the Work columns of Orders, the values of Settings). */
	editable?: boolean;
}

export interface SheetView {
	sheetId: number;
	name: string;
	hidden: boolean;
	tabColor: string | null;
	frozenRows: number;
	frozenColumns: number;
	/** Pixels, one per drawn column. */
	columnWidths: number[];
	/** 1-based numbers of the drawn rows and columns (hidden ones are skipped). */
	rowNumbers: number[];
	columnNumbers: number[];
	cells: CellView[][];
	activeRange: GridRange | null;
	/** Embedded charts, each drawn from its cells now, placed at its anchor cell. */
	charts: ChartView[];
}

export interface ChartView {
	chartId: number;
	title: string;
	type: string;
	/** The anchor cell (1-based) and the offset from its top left corner, in pixels. */
	row: number;
	column: number;
	offsetX: number;
	offsetY: number;
	width: number;
	height: number;
	svg: string;
}

export interface WorkbookView {
	name: string;
	timeZone: string;
	/** The local clock, ISO. */
	clock: string;
	activeSheetId: number | null;
	sheets: SheetView[];
}

const WORK_HEADERS = new Set(
	ORDER_COLUMNS.filter((spec) => spec.group === "Work").map((spec) => normaliseHeader(spec.header)),
);

/**
 * The columns the owner edits: Work on Orders; on Settings every column after the names, because
 * the tables below the settings (Parcel sizes, Definition of done) have their values in B to E.
 */
export function editableColumns(sheet: SheetState, header: readonly string[]): Set<number> {
	const columns = new Set<number>();
	const wanted = sheet.name === ORDERS_SHEET ? WORK_HEADERS : new Set<string>();
	header.forEach((text, index) => {
		if (wanted.has(normaliseHeader(text)) || (sheet.name === SETTINGS_SHEET && index > 0)) columns.add(index + 1);
	});
	return columns;
}

function spansOf(text: string, links: Array<{ start: number; end: number; url: string }>): LinkSpan[] {
	const spans: LinkSpan[] = [];
	let at = 0;
	for (const link of links) {
		if (link.start > at) spans.push({ text: text.slice(at, link.start) });
		spans.push({ text: text.slice(link.start, link.end), url: link.url });
		at = link.end;
	}
	if (at < text.length) spans.push({ text: text.slice(at) });
	return spans;
}

function listOptions(cell: ReturnType<typeof getCell>): string[] | undefined {
	const rule = cell?.validation;
	if (rule?.criteria !== "VALUE_IN_LIST") return undefined;
	const [values, showDropdown] = rule.values;
	if (showDropdown === false || !Array.isArray(values)) return undefined;
	return values.map((value) => String(value));
}

export function sheetView(workbook: WorkbookState, sheet: SheetState, now: number): SheetView {
	// A state saved before charts existed has none.
	const charts = sheet.charts ?? [];
	// The grid reaches under every chart, as far as a chart of the default size covers.
	const chartRows = Math.max(0, ...charts.map((chart) => chart.position.row + 17));
	const chartColumns = Math.max(0, ...charts.map((chart) => chart.position.column + 5));
	const lastRow = Math.min(
		MAX_ROWS,
		Math.max(lastContentRow(sheet) + SPARE_ROWS, sheet.frozenRows + SPARE_ROWS, 1 + SPARE_ROWS, chartRows),
		sheet.maxRows,
	);
	const lastColumn = Math.min(Math.max(lastContentColumn(sheet), 1, chartColumns), sheet.maxColumns);
	const display = sheetDisplayValues(workbook, sheet, { rows: lastRow, columns: lastColumn, now });
	const header = display[0] ?? [];
	const editable = editableColumns(sheet, header);
	const paint = conditionalPaint(sheet.conditionalFormatRules, (row, column) => display[row - 1]?.[column - 1] ?? "");
	const hiddenRows = new Set(sheet.hiddenRows);
	const hiddenColumns = new Set(sheet.hiddenColumns);
	const rowNumbers = Array.from({ length: lastRow }, (_, index) => index + 1).filter((row) => !hiddenRows.has(row));
	const columnNumbers = Array.from({ length: lastColumn }, (_, index) => index + 1).filter(
		(column) => !hiddenColumns.has(column),
	);
	const cells = rowNumbers.map((row) =>
		columnNumbers.map((column) => {
			const cell = getCell(sheet, row, column);
			const view: CellView = { text: display[row - 1]?.[column - 1] ?? "" };
			if (cell?.links && cell.links.length > 0 && typeof cell.value === "string")
				view.spans = spansOf(cell.value, cell.links);
			if (cell?.note) view.note = cell.note;
			if (cell?.background) view.background = cell.background;
			if (cell?.fontColor) view.color = cell.fontColor;
			if (cell?.fontWeight === "bold") view.bold = true;
			if (cell?.horizontalAlignment) view.align = cell.horizontalAlignment;
			// Conditional formatting paints over the cell's own format, as in Sheets.
			const painted = paint(row, column);
			if (painted?.background) view.background = painted.background;
			if (painted?.color) view.color = painted.color;
			if (painted?.bold) view.bold = true;
			const options = listOptions(cell);
			if (options) view.options = options;
			if (row > 1 && editable.has(column)) view.editable = true;
			return view;
		}),
	);
	return {
		sheetId: sheet.sheetId,
		name: sheet.name,
		hidden: sheet.hidden,
		tabColor: sheet.tabColor,
		frozenRows: sheet.frozenRows,
		frozenColumns: sheet.frozenColumns,
		columnWidths: columnNumbers.map((column) => sheet.columnWidths[String(column)] ?? 100),
		rowNumbers,
		columnNumbers,
		cells,
		activeRange: sheet.activeRange,
		charts: charts.map((chart) => ({
			chartId: chart.chartId,
			title: typeof chart.options.title === "string" ? chart.options.title : "",
			type: chart.type,
			row: chart.position.row,
			column: chart.position.column,
			offsetX: chart.position.offsetX,
			offsetY: chart.position.offsetY,
			width: CHART_WIDTH,
			height: CHART_HEIGHT,
			svg: chartSvg(chart, chartData(workbook, chart, now)),
		})),
	};
}

export function workbookView(state: LocalState): WorkbookView {
	const workbook = state.workbook;
	return {
		name: workbook.name,
		timeZone: workbook.timeZone,
		clock: new Date(state.clock).toISOString(),
		activeSheetId: workbook.activeSheetId,
		sheets: workbook.sheets.map((sheet) => sheetView(workbook, sheet, state.clock)),
	};
}
