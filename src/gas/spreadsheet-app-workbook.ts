/**
 * The Workbook port on SpreadsheetApp alone, for a script without the Sheets advanced service (a
 * manifest limited to `spreadsheets.currentonly`, which the values API cannot use). One
 * getValues per sheet read, one setValues per block written. Strings are written through setValues,
 * so they stay text only where Set up sheets formatted the column as text (`@`); the values API's
 * RAW writes need no such care. Dates come back as Date objects and are turned into the serial
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
	const sheetNamed = (name: string) => {
		const sheet = spreadsheet.getSheetByName(name);
		if (!sheet) throw new Error(`There is no sheet named "${name}"; run Hubsheet > Set up sheets.`);
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
			for (const block of blocks) {
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
			if (values.length > 0) sheet.getRange(first, 1, values.length, width).setValues(values);
			return first;
		},
		writeLinks,
	};
}
