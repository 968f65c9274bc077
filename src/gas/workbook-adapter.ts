/**
 * The Workbook port on Apps Script: the Sheets values API reads several sheets in one call and
 * writes RAW (strings stay exactly as given, never parsed as formulas, numbers or dates);
 * SpreadsheetApp adds what the values API cannot, rich-text links.
 */
import { fitCell } from "../core/cell-fit.js";
import { a1Range, columnLetters, quoteSheet } from "../sheet/a1-notation.js";
import { fitRows } from "../sheet/fit-rows.js";
import type { CellBlock, LinkCell, RawCell, Workbook } from "../sheet/workbook.js";
import { spreadsheetAppWorkbook } from "./spreadsheet-app-workbook.js";

function sheetsApi(): GoogleAppsScript.Sheets {
	if (typeof Sheets === "undefined" || !Sheets) {
		throw new Error(
			"The Google Sheets API advanced service is not enabled for this script: add it under Services in the Apps Script editor, or push the manifest from `npm run deploy`.",
		);
	}
	return Sheets;
}

/** Splits links into runs of neighbouring rows in one column, one SpreadsheetApp call each. */
export function linkRuns(links: readonly LinkCell[]): LinkCell[][] {
	const sorted = [...links].sort((a, b) => a.column - b.column || a.row - b.row);
	const runs: LinkCell[][] = [];
	for (const link of sorted) {
		const run = runs[runs.length - 1];
		const last = run?.[run.length - 1];
		if (run && last && last.column === link.column && last.row + 1 === link.row) run.push(link);
		else runs.push([link]);
	}
	return runs;
}

/** Rich-text links: SpreadsheetApp, whichever way values are read and written. */
function writeLinksWith(
	spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
	sheetName: string,
	links: readonly LinkCell[],
): void {
	if (links.length === 0) return;
	const sheet = spreadsheet.getSheetByName(sheetName);
	if (!sheet) throw new Error(`There is no sheet named "${sheetName}"; run Hubsheet > Set up sheets.`);
	for (const run of linkRuns(links)) {
		const first = run[0] as LinkCell;
		const values = run.map((link) => [
			SpreadsheetApp.newRichTextValue().setText(fitCell(link.text)).setLinkUrl(link.url).build(),
		]);
		sheet.getRange(first.row, first.column, run.length, 1).setRichTextValues(values);
	}
}

/**
 * The workbook on the Sheets values API; on SpreadsheetApp alone when the advanced service is not
 * enabled (a manifest limited to `spreadsheets.currentonly`; README: least privilege, measured).
 */
export function createWorkbook(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Workbook {
	if (typeof Sheets === "undefined" || !Sheets) {
		return spreadsheetAppWorkbook(spreadsheet, fitRows, (sheetName, links) =>
			writeLinksWith(spreadsheet, sheetName, links),
		);
	}
	const spreadsheetId = spreadsheet.getId();
	let timeZone: string | undefined;
	return {
		get timeZone() {
			timeZone ??= spreadsheet.getSpreadsheetTimeZone();
			return timeZone;
		},
		readSheets(names) {
			const read = (wanted: readonly string[]) =>
				sheetsApi().Spreadsheets?.Values?.batchGet(spreadsheetId, {
					ranges: wanted.map(quoteSheet),
					valueRenderOption: "UNFORMATTED_VALUE",
					dateTimeRenderOption: "SERIAL_NUMBER",
				});
			let present = [...names];
			let response: GoogleAppsScript.Sheets.Schema.BatchGetValuesResponse | undefined;
			try {
				response = read(present);
			} catch (error) {
				// The values API fails a whole batch on one missing sheet; only then look up which exist.
				present = names.filter((name) => spreadsheet.getSheetByName(name) !== null);
				if (present.length === names.length) throw error;
				response = present.length === 0 ? undefined : read(present);
			}
			const result: Record<string, RawCell[][] | null> = {};
			for (const name of names) {
				const index = present.indexOf(name);
				result[name] = index < 0 ? null : ((response?.valueRanges?.[index]?.values as RawCell[][] | undefined) ?? []);
			}
			return result;
		},
		readKeyColumn(sheet, column) {
			const letters = columnLetters(column);
			const response = sheetsApi().Spreadsheets?.Values?.batchGet(spreadsheetId, {
				ranges: [`${quoteSheet(sheet)}!1:1`, `${quoteSheet(sheet)}!${letters}:${letters}`],
				valueRenderOption: "UNFORMATTED_VALUE",
				dateTimeRenderOption: "SERIAL_NUMBER",
			});
			const header = (response?.valueRanges?.[0]?.values?.[0] as RawCell[] | undefined) ?? [];
			const keys = ((response?.valueRanges?.[1]?.values as RawCell[][] | undefined) ?? []).map((row) => row[0] ?? "");
			return { header, keys };
		},
		writeBlocks(blocks: readonly CellBlock[]) {
			if (blocks.length === 0) return;
			sheetsApi().Spreadsheets?.Values?.batchUpdate(
				{
					valueInputOption: "RAW",
					data: blocks.map((block) => ({
						range: a1Range(block.sheet, block.row, block.column, block.values.length, block.values[0]?.length ?? 1),
						values: fitRows(block.sheet, block.values),
					})),
				},
				spreadsheetId,
			);
		},
		appendRows(sheet, rows, afterRow) {
			const response = sheetsApi().Spreadsheets?.Values?.append(
				{ values: fitRows(sheet, rows) },
				spreadsheetId,
				`${quoteSheet(sheet)}!A${afterRow === undefined ? 1 : afterRow + 1}`,
				// OVERWRITE fills the empty rows set-up formatted (dates, text) instead of inserting bare ones.
				{ valueInputOption: "RAW", insertDataOption: "OVERWRITE" },
			);
			const updated = response?.updates?.updatedRange ?? "";
			const firstRow = /![A-Z]+(\d+)/.exec(updated)?.[1];
			if (!firstRow) throw new Error(`Appending to ${sheet} returned no range (${updated || "nothing"}).`);
			return Number(firstRow);
		},
		writeLinks: (sheetName, links) => writeLinksWith(spreadsheet, sheetName, links),
	};
}
