/**
 * Keeps the Sync log's Time column formatted as a date and time. Set up sheets formats the rows the
 * sheet has; rows the log grows past them (Values.append adds bare rows) and rows left after
 * trimming would otherwise show serial numbers (46330.178). The last formatted row is remembered in
 * a script property, so a run formats only rows it appended past it: most runs cost no call.
 */
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";

export const SYNC_LOG_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
const FORMATTED_THROUGH = "hubsheet.syncLogFormattedThrough";

/** Set-up formatted rows 2..lastRow. */
export function noteSyncLogFormatted(lastRow: number): void {
	PropertiesService.getScriptProperties().setProperty(FORMATTED_THROUGH, String(lastRow));
}

/** After rows firstRow..lastRow were appended: formats those past the formatted ones. */
export function formatAppendedSyncLog(firstRow: number, lastRow: number): void {
	const properties = PropertiesService.getScriptProperties();
	const through = Number(properties.getProperty(FORMATTED_THROUGH) ?? 0) || 0;
	if (lastRow <= through) return;
	const from = Math.max(firstRow, through + 1);
	SpreadsheetApp.getActiveSpreadsheet()
		.getSheetByName(SYNC_LOG_SHEET)
		?.getRange(from, 1, lastRow - from + 1, 1)
		.setNumberFormat(SYNC_LOG_TIME_FORMAT);
	properties.setProperty(FORMATTED_THROUGH, String(lastRow));
}

/** After `deleted` rows were deleted from the log: the formatted rows moved up with their content. */
export function noteSyncLogTrimmed(lastRowBefore: number, deleted: number): void {
	noteSyncLogFormatted(Math.max(1, lastRowBefore - deleted));
}
