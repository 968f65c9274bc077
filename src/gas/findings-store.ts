/**
 * The findings of the last sync, kept for the sidebar in a hidden sheet "Hubsheet findings": one row
 * per order, its findings as JSON. Not PropertiesService: a busy shop's findings outgrow its 9 KB
 * per value. Not the "Hubsheet state" sheet either: that one is the engine's bookkeeping, and the
 * findings are replaced as a whole after every sync.
 */
import type { Finding } from "../core/findings.js";
import {
	FINDINGS_DIGEST_KEY,
	FINDINGS_HEADER,
	FINDINGS_SHEET,
	findingsDigest,
	findingsRows,
	parseFindingsRows,
} from "../sheet/findings-rows.js";
import { engineStore } from "./apps-script-ports.js";

function findingsSheet(
	spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
	create: boolean,
): GoogleAppsScript.Spreadsheet.Sheet | null {
	const existing = spreadsheet.getSheetByName(FINDINGS_SHEET);
	if (existing || !create) return existing;
	// insertSheet activates the new sheet; the owner should stay where they were.
	const active = spreadsheet.getActiveSheet();
	const sheet = spreadsheet.insertSheet(FINDINGS_SHEET, spreadsheet.getNumSheets());
	sheet.getRange(1, 1, sheet.getMaxRows(), FINDINGS_HEADER.length).setNumberFormat("@");
	sheet.getRange(1, 1, 1, FINDINGS_HEADER.length).setValues([[...FINDINGS_HEADER]]);
	sheet.hideSheet();
	spreadsheet.setActiveSheet(active);
	return sheet;
}

/** Saves the findings unless they are what was saved last: an idle sync then touches no sheet. */
export function saveFindingsIfChanged(findings: readonly Finding[]): void {
	if (engineStore().get(FINDINGS_DIGEST_KEY) === findingsDigest(findings)) return;
	saveFindings(findings);
}

/** Replaces the stored findings with these. The sync engine calls it after each run. */
export function saveFindings(findings: readonly Finding[], spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	engineStore().set(FINDINGS_DIGEST_KEY, findingsDigest(findings));
	const rows = findingsRows(findings);
	const sheet = findingsSheet(spreadsheet, rows.length > 0);
	if (!sheet) return;
	const lastRow = sheet.getLastRow();
	if (lastRow > 1) sheet.getRange(2, 1, lastRow - 1, FINDINGS_HEADER.length).clearContent();
	if (rows.length === 0) return;
	const needed = rows.length + 1 - sheet.getMaxRows();
	if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
	// Plain text: JSON starting with "[" or an order id must never be parsed by Sheets.
	sheet.getRange(2, 1, rows.length, FINDINGS_HEADER.length).setNumberFormat("@").setValues(rows);
}

export function loadFindings(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Finding[] {
	const sheet = findingsSheet(spreadsheet, false);
	if (!sheet || sheet.getLastRow() < 2) return [];
	return parseFindingsRows(sheet.getDataRange().getValues(), (orderId) =>
		console.warn(`${FINDINGS_SHEET}: the findings of order ${orderId} are unreadable; skipped.`),
	);
}

/** The rows' format: sheet/findings-rows.ts (shared with the runner); re-exported for this module's importers. */
export { FINDINGS_HEADER, FINDINGS_SHEET, findingsRows, parseFindingsRows };
