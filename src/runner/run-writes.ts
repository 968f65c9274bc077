/**
 * What a runner's sync writes after its cycles, through the Sheets API: the findings for the
 * sidebar and the Sync log's rows, as Apps Script keeps them (engine/after-run.ts decides which and
 * when). The runner keeps its Sync log whole: no trimming.
 */
import type { Finding } from "../core/findings.js";
import { FORMATTED_THROUGH_KEY, rowsToFormat, SYNC_LOG_TIME_FORMAT } from "../engine/sync-log.js";
import { quoteSheet } from "../sheet/a1-notation.js";
import { FINDINGS_DIGEST_KEY, FINDINGS_HEADER, FINDINGS_SHEET, findingsRows } from "../sheet/findings-rows.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { RawCell, Workbook } from "../sheet/workbook.js";
import type { RunnerContext } from "./runner-context.js";

/**
 * The findings for the sidebar, in the hidden "Hubsheet findings" sheet as Apps Script keeps them
 * (sheet/findings-rows.ts). The digest Apps Script uses to skip an unchanged save is dropped, so its
 * next run saves its own findings over these.
 */
export function saveFindings(context: RunnerContext, findings: readonly Finding[]): void {
	const { api } = context;
	const rows = findingsRows(findings);
	const sheets = api.spreadsheet().sheets;
	const sheet = sheets.find((candidate) => candidate.title === FINDINGS_SHEET);
	context.store.delete(FINDINGS_DIGEST_KEY);
	if (!sheet && rows.length === 0) return;
	if (!sheet) {
		api.batchUpdate([{ addSheet: { properties: { title: FINDINGS_SHEET, hidden: true } } }]);
		api.call("spreadsheets.values.update", {
			range: `${quoteSheet(FINDINGS_SHEET)}!A1:B1`,
			valueInputOption: "RAW",
			requestBody: { values: [[...FINDINGS_HEADER]] },
		});
	} else api.call("spreadsheets.values.clear", { range: `${quoteSheet(FINDINGS_SHEET)}!A2:B` });
	if (rows.length === 0) return;
	api.call("spreadsheets.values.append", {
		range: `${quoteSheet(FINDINGS_SHEET)}!A2`,
		valueInputOption: "RAW",
		insertDataOption: "OVERWRITE",
		requestBody: { values: rows },
	});
}

/** Appends the run's lines to the Sync log and gives new rows past the formatted ones the time format; returns the first row (0: none). */
export function writeSyncLog(context: RunnerContext, workbook: Workbook, entries: RawCell[][]): number {
	if (entries.length === 0) return 0;
	const first = workbook.appendRows(SYNC_LOG_SHEET, entries);
	const last = first + entries.length - 1;
	const rows = rowsToFormat(first, last, Number(context.store.get(FORMATTED_THROUGH_KEY) ?? 0) || 0);
	if (!rows) return first;
	const sheet = context.api.spreadsheet().sheets.find((candidate) => candidate.title === SYNC_LOG_SHEET);
	if (!sheet) return first;
	context.api.batchUpdate([
		{
			repeatCell: {
				range: {
					sheetId: sheet.sheetId,
					startRowIndex: rows.from - 1,
					endRowIndex: last,
					startColumnIndex: 0,
					endColumnIndex: 1,
				},
				cell: { userEnteredFormat: { numberFormat: { type: "DATE_TIME", pattern: SYNC_LOG_TIME_FORMAT } } },
				fields: "userEnteredFormat.numberFormat",
			},
		},
	]);
	context.store.set(FORMATTED_THROUGH_KEY, String(last));
	return first;
}
