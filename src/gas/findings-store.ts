/**
 * The findings of the last sync, kept for the sidebar in a hidden sheet "Hubsheet findings": one row
 * per order, its findings as JSON. Not PropertiesService: a busy shop's findings outgrow its 9 KB
 * per value. Not the "Hubsheet state" sheet either: that one is the engine's bookkeeping, and the
 * findings are replaced as a whole after every sync.
 */
import { type Finding, SEVERITY_ORDER, sortFindings } from "../core/findings.js";
import { FINDINGS_SHEET } from "../core/sheet-names.js";
import { engineStore } from "./apps-script-ports.js";

export const FINDINGS_HEADER = ["Order", "Findings"] as const;
/** Sheets refuses a cell over 50,000 characters; quoted platform text is cut well before. */
const MAX_QUOTED_LENGTH = 2_000;

function cut(text: string): string {
	return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH - 1)}…` : text;
}

/** Pure: the sheet's rows (without the header), one per order, in the order of the sorted findings. */
export function findingsRows(findings: readonly Finding[]): string[][] {
	const byOrder = new Map<string, Finding[]>();
	for (const finding of sortFindings(findings)) {
		const compact: Finding = {
			...finding,
			message: cut(finding.message),
			values: Object.fromEntries(Object.entries(finding.values).map(([key, value]) => [key, cut(String(value))])),
		};
		const list = byOrder.get(finding.orderId) ?? [];
		list.push(compact);
		byOrder.set(finding.orderId, list);
	}
	return [...byOrder].map(([orderId, list]) => [orderId, JSON.stringify(list)]);
}

function isFix(value: unknown): boolean {
	if (!value || typeof value !== "object") return false;
	const fix = value as Record<string, unknown>;
	return (
		typeof fix.action === "string" &&
		typeof fix.label === "string" &&
		typeof fix.confirm === "string" &&
		(fix.value === undefined || typeof fix.value === "string")
	);
}

function isFinding(value: unknown): value is Finding {
	if (!value || typeof value !== "object") return false;
	const candidate = value as Record<string, unknown>;
	return (
		typeof candidate.orderId === "string" &&
		typeof candidate.kind === "string" &&
		typeof candidate.severity === "string" &&
		candidate.severity in SEVERITY_ORDER &&
		typeof candidate.message === "string" &&
		typeof candidate.values === "object" &&
		candidate.values !== null &&
		(candidate.fix === undefined || isFix(candidate.fix)) &&
		(candidate.alternatives === undefined ||
			(Array.isArray(candidate.alternatives) && candidate.alternatives.every(isFix))) &&
		(candidate.summary === undefined || typeof candidate.summary === "string") &&
		["details", "buyer", "cause"].every((key) => candidate[key] === undefined || typeof candidate[key] === "string")
	);
}

/**
 * Pure: the findings from the sheet's values (header first). A row someone edited into something
 * unreadable is skipped, not fatal: the next sync rewrites the sheet anyway.
 */
export function parseFindingsRows(values: readonly (readonly unknown[])[]): Finding[] {
	const findings: Finding[] = [];
	for (const row of values.slice(1)) {
		const text = row[1];
		if (typeof text !== "string" || text.trim() === "") continue;
		try {
			const parsed: unknown = JSON.parse(text);
			if (Array.isArray(parsed)) findings.push(...parsed.filter(isFinding));
		} catch {
			console.warn(`${FINDINGS_SHEET}: the findings of order ${String(row[0])} are unreadable; skipped.`);
		}
	}
	return sortFindings(findings);
}

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

const FINDINGS_DIGEST_KEY = "hubsheet.findings.digest";

/** A short digest (FNV-1a) of the findings, to tell whether they changed since they were saved. */
function digest(findings: readonly Finding[]): string {
	const text = JSON.stringify(findings);
	let value = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		value ^= text.charCodeAt(index);
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return `${text.length}:${value.toString(16)}`;
}

/** Saves the findings unless they are what was saved last: an idle sync then touches no sheet. */
export function saveFindingsIfChanged(findings: readonly Finding[]): void {
	if (engineStore().get(FINDINGS_DIGEST_KEY) === digest(findings)) return;
	saveFindings(findings);
}

/** Replaces the stored findings with these. The sync engine calls it after each run. */
export function saveFindings(findings: readonly Finding[], spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	engineStore().set(FINDINGS_DIGEST_KEY, digest(findings));
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
	return parseFindingsRows(sheet.getDataRange().getValues());
}

/** Defined once in core/sheet-names.ts; re-exported for this module's importers. */
export { FINDINGS_SHEET };
