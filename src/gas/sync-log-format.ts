/**
 * Keeps the Sync log's Time column formatted as a date and time. Rows the log grows past the
 * formatted ones (Values.append adds bare rows) would show serial numbers (46330.178). So Set up
 * sheets gives the log rows for all it keeps, formatted; trimming adds back as many formatted rows
 * as it deleted; and the last formatted row is remembered in a script property, so a run that still
 * appends past it (the owner raised *Sync log rows*) formats just those. Most runs cost no call.
 */
import { FORMATTED_THROUGH_KEY, rowsToFormat, SYNC_LOG_TIME_FORMAT } from "../engine/sync-log.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import { engineStore } from "./apps-script-ports.js";

/** Set-up formatted rows 2..lastRow. */
export function noteSyncLogFormatted(lastRow: number): void {
	engineStore().set(FORMATTED_THROUGH_KEY, String(lastRow));
}

/** After rows firstRow..lastRow were appended: formats those past the formatted ones. */
export function formatAppendedSyncLog(firstRow: number, lastRow: number): void {
	const store = engineStore();
	const rows = rowsToFormat(firstRow, lastRow, Number(store.get(FORMATTED_THROUGH_KEY) ?? 0) || 0);
	if (!rows) return;
	SpreadsheetApp.getActiveSpreadsheet()
		.getSheetByName(SYNC_LOG_SHEET)
		?.getRange(rows.from, 1, rows.count, 1)
		.setNumberFormat(SYNC_LOG_TIME_FORMAT);
	store.set(FORMATTED_THROUGH_KEY, String(lastRow));
}

/**
 * Deletes the oldest `excess` entries and adds as many formatted rows at the end, so the grid keeps
 * its formatted size (a rare run: trimming waits until the log is a tenth over).
 */
export function trimSyncLogRows(excess: number): void {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SYNC_LOG_SHEET);
	if (!sheet) return;
	sheet.deleteRows(2, excess);
	const rows = sheet.getMaxRows();
	sheet.insertRowsAfter(rows, excess);
	sheet.getRange(2, 1, rows + excess - 1, 1).setNumberFormat(SYNC_LOG_TIME_FORMAT);
	noteSyncLogFormatted(rows + excess);
}
