/**
 * Persisted shape of the emulated spreadsheet. Owned by the SpreadsheetApp emulation; the runtime
 * only creates it with `newWorkbookState` and saves it as JSON.
 *
 * Cells are modelled the way Sheets stores them, not the way Apps Script returns them: a typed value
 * (number, string, boolean or error), an optional formula, and a number format. A date is a number
 * (serial days since 1899-12-30 in the spreadsheet's time zone) whose number format is a date format;
 * `getValues` turns it into a Date only because of that format, exactly as Sheets does.
 */
import type { ChartState } from "./charts.js";

/** A typed cell value. Errors are kept apart (`CellState.error`) so that the text "#N/A" stays text. */
export type CellScalar = number | string | boolean;

/** A link on the characters [start, end) of a text cell; 0-based offsets, end exclusive, like RichTextValue. */
export interface LinkRun {
	start: number;
	end: number;
	url: string;
}

/**
 * A criteria argument in JSON form. Apps Script hands back Dates and Ranges from getCriteriaValues, so
 * those are tagged; everything else is plain JSON.
 */
export type CriteriaArg =
	| string
	| number
	| boolean
	| null
	| CriteriaArg[]
	| { $date: number }
	| { $range: { sheetId: number } & GridRange };

export interface DataValidationState {
	/** A SpreadsheetApp.DataValidationCriteria name, e.g. "VALUE_IN_LIST". */
	criteria: string;
	/** As returned by getCriteriaValues; for VALUE_IN_LIST: [values, showDropdown]. */
	values: CriteriaArg[];
	allowInvalid: boolean;
	helpText: string | null;
}

export interface CellState {
	/** Absent when the cell has no value (empty, or a formula whose result is computed on read). */
	value?: CellScalar;
	/** An error value such as "#NAME?" that is not the result of a formula. */
	error?: string;
	/** The formula as entered, with its leading "=". Its value is computed when read. */
	formula?: string;
	/** Number format pattern; absent means automatic (what a new cell has). */
	format?: string;
	/** Links of a rich-text cell, sorted, non-overlapping; only on string values. */
	links?: LinkRun[];
	note?: string;
	/** Colours normalised to "#rrggbb"; absent means the default (white background, black text). */
	background?: string;
	fontColor?: string;
	fontWeight?: "bold";
	horizontalAlignment?: string;
	verticalAlignment?: string;
	wrapStrategy?: "WRAP" | "OVERFLOW" | "CLIP";
	validation?: DataValidationState;
}

/** A rectangle of one sheet, 1-based like Apps Script. */
export interface GridRange {
	row: number;
	column: number;
	numRows: number;
	numColumns: number;
}

export interface ProtectionState {
	id: number;
	type: "RANGE" | "SHEET";
	/** The protected range; null for a sheet protection (it covers the whole sheet). */
	range: GridRange | null;
	description: string;
	warningOnly: boolean;
	editors: string[];
	domainEdit: boolean;
	/** Sheet protections only: ranges left editable. */
	unprotected: GridRange[];
}

export interface ConditionalFormatRuleState {
	ranges: GridRange[];
	/** A SpreadsheetApp.BooleanCriteria name and its arguments, e.g. CUSTOM_FORMULA ["=$A1>0"]. */
	condition: { type: string; values: CriteriaArg[] } | null;
	format: {
		background?: string | null;
		fontColor?: string | null;
		bold?: boolean | null;
		italic?: boolean | null;
		strikethrough?: boolean | null;
		underline?: boolean | null;
	};
}

export interface FilterCriteriaState {
	hiddenValues?: string[];
	visibleValues?: string[];
	condition?: { type: string; values: CriteriaArg[] };
}

export interface FilterState {
	range: GridRange;
	/** Keyed by 1-based column position in the sheet. */
	criteria: Record<string, FilterCriteriaState>;
}

export interface SheetState {
	sheetId: number;
	name: string;
	hidden: boolean;
	maxRows: number;
	maxColumns: number;
	frozenRows: number;
	frozenColumns: number;
	tabColor: string | null;
	/** Pixel widths of columns that are not the default, keyed by 1-based column. */
	columnWidths: Record<string, number>;
	/** 1-based rows and columns hidden by the user (not by a filter), ascending. */
	hiddenRows: number[];
	hiddenColumns: number[];
	/**
	 * Cells, `rows[row - 1][column - 1]`. Rows and cells that were never touched are null (or holes,
	 * which JSON writes as null), so a 1,000 x 30 sheet is a flat array walk, never a search.
	 */
	rows: Array<Array<CellState | null> | null>;
	protections: ProtectionState[];
	conditionalFormatRules: ConditionalFormatRuleState[];
	filter: FilterState | null;
	activeRange: GridRange | null;
	/** Embedded charts in insertion order (local/gas/spreadsheet/charts.ts). */
	charts: ChartState[];
}

export interface WorkbookState {
	id: string;
	name: string;
	timeZone: string;
	locale: string;
	/** Sheets in tab order. */
	sheets: SheetState[];
	activeSheetId: number | null;
	/** Next value of the generator of sheet and protection ids, so that ids are stable between runs. */
	idSeed: number;
}

/** A new sheet's grid, as Google creates it. */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

export function newSheetState(
	sheetId: number,
	name: string,
	rows = DEFAULT_ROWS,
	columns = DEFAULT_COLUMNS,
): SheetState {
	return {
		sheetId,
		name,
		hidden: false,
		maxRows: rows,
		maxColumns: columns,
		frozenRows: 0,
		frozenColumns: 0,
		tabColor: null,
		columnWidths: {},
		hiddenRows: [],
		hiddenColumns: [],
		rows: [],
		protections: [],
		conditionalFormatRules: [],
		filter: null,
		activeRange: null,
		charts: [],
	};
}

/** A new spreadsheet holds one empty "Sheet1" whose id is 0, like one made in Drive. */
export function newWorkbookState(init: { id: string; name: string; timeZone: string; locale: string }): WorkbookState {
	return { ...init, sheets: [newSheetState(0, "Sheet1")], activeSheetId: 0, idSeed: 1 };
}

/**
 * Fills fields missing from a workbook saved by an older version of the emulator, in place. A
 * spreadsheet always has at least one sheet, so an empty one gets "Sheet1".
 */
export function upgradeWorkbookState(workbook: WorkbookState): WorkbookState {
	const loose = workbook as Partial<WorkbookState> & WorkbookState;
	if (!Array.isArray(loose.sheets)) loose.sheets = [];
	if (loose.sheets.length === 0) loose.sheets.push(newSheetState(0, "Sheet1"));
	if (typeof loose.idSeed !== "number") loose.idSeed = 1;
	if (loose.activeSheetId === undefined) loose.activeSheetId = loose.sheets[0]?.sheetId ?? null;
	for (const sheet of loose.sheets) {
		const defaults = newSheetState(sheet.sheetId, sheet.name);
		for (const key of Object.keys(defaults) as Array<keyof SheetState>) {
			if (sheet[key] === undefined) (sheet as unknown as Record<string, unknown>)[key] = defaults[key];
		}
	}
	return workbook;
}
