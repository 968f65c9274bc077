/**
 * The port through which the engine reads and writes the spreadsheet. `src/gas/` implements it
 * with the Sheets values API (one call reads several sheets; strings are written RAW so Sheets
 * never parses them) and SpreadsheetApp (rich-text links).
 */

/** A cell as the values API carries it unformatted: '' when empty, dates as serial numbers. */
export type RawCell = string | number | boolean;

export interface CellBlock {
	sheet: string;
	/** 1-based. */
	row: number;
	column: number;
	values: RawCell[][];
}

export interface LinkCell {
	row: number;
	column: number;
	text: string;
	url: string;
}

export interface Workbook {
	readonly timeZone: string;
	/** The named sheets' values in one call; a sheet that does not exist reads as null. */
	readSheets(names: readonly string[]): Record<string, RawCell[][] | null>;
	/**
	 * The header row and one column's values in one call (cheap: two thin ranges). Writes are placed
	 * by re-reading where each order's row is right before them, because the owner may sort, insert
	 * or delete rows (and insert columns) while a sync runs.
	 */
	readKeyColumn(sheet: string, column: number): { header: RawCell[]; keys: RawCell[] };
	/** Writes the blocks in one call; strings are stored exactly as given, never parsed. */
	writeBlocks(blocks: readonly CellBlock[]): void;
	/**
	 * Appends rows in one call and returns the first new row's number. `afterRow` is the last row the
	 * caller read: the rows go below it even if the sheet has a blank row higher up (values.append
	 * alone would fill that gap and overwrite the rows below it).
	 */
	appendRows(sheet: string, rows: readonly RawCell[][], afterRow?: number): number;
	/** Makes cells show `text` linked to `url`, batching neighbouring cells into one call. */
	writeLinks(sheet: string, links: readonly LinkCell[]): void;
}
