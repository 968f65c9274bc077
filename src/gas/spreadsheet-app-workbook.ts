/**
 * The Workbook port on SpreadsheetApp alone, for a script without the Sheets advanced service (a
 * manifest limited to `spreadsheets.currentonly`, which the values API cannot use). One
 * getValues per sheet read, one setValues per block written. setValues parses strings as if typed
 * (a leading `=` is a formula, by Google's documentation), so text stays exact and inert only
 * where Set up sheets formatted the column as text (`@`): a column the owner reformats loses that.
 * The values API's RAW writes need no such care, one reason the README keeps the values API. Dates come back as Date objects and are turned into the serial
 * numbers the engine reads from the values API.
 */
import { epochToSerial } from "../sheet/serial-date.js";
import type { CellBlock, RawCell, Workbook } from "../sheet/workbook.js";

export function spreadsheetAppWorkbook(
	spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
	fitRows: (sheet: string, rows: readonly (readonly RawCell[])[]) => RawCell[][],
	writeLinks: Workbook["writeLinks"],
): Workbook {
	let timeZone: string | undefined;
	const zone = () => {
		timeZone ??= spreadsheet.getSpreadsheetTimeZone();
		return timeZone;
	};
	const raw = (value: unknown): RawCell =>
		value instanceof Date ? epochToSerial(value.getTime(), zone()) : (value as RawCell);
	const sheets = new Map<string, GoogleAppsScript.Spreadsheet.Sheet>();
	const sheetNamed = (name: string) => {
		const sheet = sheets.get(name) ?? spreadsheet.getSheetByName(name);
		if (!sheet) throw new Error(`There is no sheet named "${name}"; run Hubsheet > Set up sheets.`);
		sheets.set(name, sheet);
		return sheet;
	};
	return {
		get timeZone() {
			return zone();
		},
		readSheets(names) {
			const result: Record<string, RawCell[][] | null> = {};
			for (const name of names) {
				const sheet = spreadsheet.getSheetByName(name);
				result[name] = sheet
					? sheet
							.getDataRange()
							.getValues()
							.map((row) => row.map(raw))
					: null;
			}
			return result;
		},
		readKeyColumn(sheetName, column) {
			const sheet = sheetNamed(sheetName);
			const lastRow = Math.max(1, sheet.getLastRow());
			const lastColumn = Math.max(1, sheet.getLastColumn());
			const header = (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []).map(raw);
			const keys = sheet
				.getRange(1, column, lastRow, 1)
				.getValues()
				.map((row) => raw(row[0] ?? ""));
			return { header, keys };
		},
		writeBlocks(blocks: readonly CellBlock[]) {
			// No batch update without the values API: neighbouring cells of one column are merged
			// into one setValues, the rest cost a call each.
			for (const block of mergeColumnRuns(blocks)) {
				const values = fitRows(block.sheet, block.values);
				sheetNamed(block.sheet)
					.getRange(block.row, block.column, values.length, values[0]?.length ?? 1)
					.setValues(values);
			}
		},
		appendRows(sheetName, rows, afterRow) {
			const sheet = sheetNamed(sheetName);
			const first = (afterRow ?? sheet.getLastRow()) + 1;
			const width = Math.max(1, ...rows.map((row) => row.length));
			const values = fitRows(sheetName, rows).map((row) => [...row, ...new Array(width - row.length).fill("")]);
			// The values API's append grows the grid; SpreadsheetApp refuses a range past its last row.
			const missing = first + values.length - 1 - sheet.getMaxRows();
			if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
			if (values.length > 0) sheet.getRange(first, 1, values.length, width).setValues(values);
			return first;
		},
		writeLinks,
	};
}

/** Single-cell-wide blocks of one sheet and column on consecutive rows, merged into one block each. */
function mergeColumnRuns(blocks: readonly CellBlock[]): CellBlock[] {
	const merged: CellBlock[] = [];
	const narrow = blocks
		.filter((block) => (block.values[0]?.length ?? 1) === 1)
		.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.column - b.column || a.row - b.row);
	for (const block of narrow) {
		const last = merged[merged.length - 1];
		if (
			last &&
			last.sheet === block.sheet &&
			last.column === block.column &&
			last.row + last.values.length === block.row
		) {
			merged[merged.length - 1] = { ...last, values: [...last.values, ...block.values] };
		} else merged.push({ ...block, values: [...block.values] });
	}
	return [...merged, ...blocks.filter((block) => (block.values[0]?.length ?? 1) !== 1)];
}
