/**
 * "Set up sheets": creates or repairs Orders, Settings, Sync log and the hidden state sheet.
 * Safe to run on a sheet full of data: it adds what is missing and never deletes or moves anything.
 */

import { type ColumnSpec, GROUP_COLOURS, normaliseHeader, ORDER_COLUMNS } from "../core/orders-layout.js";
import { SEVERITY_SYMBOL, SEVERITY_TINT } from "../core/reconcile/reconcile.js";
import { type HubsheetSettings, SETTINGS_HEADER, SETTINGS_SHEET } from "../core/settings.js";
import { statusChoices } from "../core/statuses.js";
import { syncLogRowsWanted } from "../engine/sync-log.js";
import { CATALOG, readSettings } from "../platforms/catalog.js";
import { columnLetters } from "../sheet/a1-notation.js";
import { ordersFrozenColumns, planOrdersSetup } from "../sheet/orders-setup.js";
import { ORDERS_SHEET } from "../sheet/orders-table.js";
import { planSettingsSetup } from "../sheet/settings-setup.js";
import { STATE_HEADER, STATE_SHEET, SYNC_LOG_HEADER, SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import { offerStoredEtsyCarriers } from "./carrier-choices.js";
import { setUpDashboard } from "./dashboard-setup.js";
import { noteSyncLogFormatted, SYNC_LOG_TIME_FORMAT } from "./sync-log-format.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
	created: string[];
	/** What set-up added to sheets that existed, e.g. 'Orders: column "Notes"'. */
	repaired: string[];
	/** The untouched default sheet a new spreadsheet starts with, when set-up removed it. */
	removed: string[];
	problems: string[];
}

export const ETSY_PROTECTION = "Hubsheet: mirrored from Etsy — edits are overwritten at the next sync";
const HEADER_TINT = "#f3f3f3";

const NUMBER_FORMATS: Record<ColumnSpec["kind"], string> = {
	text: "@",
	link: "@",
	status: "@",
	datetime: "yyyy-mm-dd hh:mm",
	date: "yyyy-mm-dd",
	money: "#,##0.00",
};

function ensureSheet(spreadsheet: Spreadsheet, name: string, report: SetupReport): Sheet {
	const existing = spreadsheet.getSheetByName(name);
	if (existing) return existing;
	report.created.push(name);
	return spreadsheet.insertSheet(name);
}

function headerRowOf(sheet: Sheet): unknown[] {
	const lastColumn = sheet.getLastColumn();
	return lastColumn === 0 ? [] : (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []);
}

function setUpOrders(spreadsheet: Spreadsheet, customStatuses: string[], report: SetupReport): void {
	const sheet = ensureSheet(spreadsheet, ORDERS_SHEET, report);
	const isNew = report.created.includes(ORDERS_SHEET);
	const hasOrders = sheet.getLastRow() > 1;
	const plan = planOrdersSetup(headerRowOf(sheet) as string[], hasOrders, isNew);
	report.problems.push(...plan.problems);
	report.repaired.push(...plan.repaired);
	if (plan.blank) {
		// A blank sheet: lay the header out in one write instead of inserting column by column.
		const headers = plan.insertions.map(({ spec }) => spec.header);
		if (sheet.getMaxColumns() < headers.length) {
			sheet.insertColumnsAfter(sheet.getMaxColumns(), headers.length - sheet.getMaxColumns());
		}
		sheet.getRange(1, 1, 1, headers.length).setNumberFormat("@").setValues([headers]);
		plan.insertions.forEach(({ spec }, index) => {
			sheet.setColumnWidth(index + 1, spec.width);
		});
	} else {
		for (const { spec, after } of plan.insertions) {
			if (after === 0) sheet.insertColumnBefore(1);
			else sheet.insertColumnAfter(after);
			sheet
				.getRange(1, after + 1)
				.setNumberFormat("@")
				.setValue(spec.header);
			sheet.setColumnWidth(after + 1, spec.width);
		}
	}

	const header = headerRowOf(sheet).map(normaliseHeader);
	const maxRows = sheet.getMaxRows();
	const dataRows = Math.max(1, maxRows - 1);
	for (const protection of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
		if (protection.getDescription() === ETSY_PROTECTION) protection.remove();
	}
	for (const spec of ORDER_COLUMNS) {
		const column = header.indexOf(normaliseHeader(spec.header)) + 1;
		if (column === 0) continue;
		const title = sheet.getRange(1, column);
		title.setBackground(GROUP_COLOURS[spec.group]).setFontWeight("bold").setNote(`${spec.group} · ${spec.note}`);
		const body = sheet.getRange(2, column, dataRows, 1);
		body.setNumberFormat(NUMBER_FORMATS[spec.kind]);
		if (spec.kind === "status") {
			body.setDataValidation(
				SpreadsheetApp.newDataValidation()
					.requireValueInList(statusChoices(customStatuses), true)
					.setAllowInvalid(false)
					.setHelpText("Choose a status. Add your own on the Settings sheet (Custom statuses).")
					.build(),
			);
		}
		if (spec.owner === "etsy") {
			sheet.getRange(1, column, maxRows, 1).protect().setDescription(ETSY_PROTECTION).setWarningOnly(true);
		}
	}
	if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
	// Whose order a row is stays in view while the owner scrolls right to Status and Issues. Only on
	// a sheet set-up made: an owner's own arrangement of an existing sheet is theirs.
	const frozen = isNew ? ordersFrozenColumns(header) : undefined;
	if (frozen !== undefined) sheet.setFrozenColumns(frozen);
	tintBySeverity(sheet, header.indexOf(normaliseHeader("Issues")) + 1);
}

/** The rules Hubsheet owns are recognised by their formula, so the owner's own rules stay. */
const TINT_FORMULA = /^=LEFT\(\$[A-Z]+2,1\)="(✖|⚠|ℹ)"$/;

/**
 * Tints each order's row by the worst severity in its Issues cell, which starts with that
 * severity's symbol: conditional formatting does it, so a sync writes no background at all.
 */
function tintBySeverity(sheet: Sheet, issuesColumn: number): void {
	if (issuesColumn === 0) return;
	const own = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) =>
		TINT_FORMULA.test(String(rule.getBooleanCondition()?.getCriteriaValues()[0] ?? ""));
	const kept = sheet.getConditionalFormatRules().filter((rule) => !own(rule));
	const rows = sheet.getRange(2, 1, Math.max(1, sheet.getMaxRows() - 1), sheet.getMaxColumns());
	const letter = columnLetters(issuesColumn);
	const tints = (["error", "warning", "info"] as const).map((severity) =>
		SpreadsheetApp.newConditionalFormatRule()
			.whenFormulaSatisfied(`=LEFT($${letter}2,1)="${SEVERITY_SYMBOL[severity]}"`)
			.setBackground(SEVERITY_TINT[severity])
			.setRanges([rows])
			.build(),
	);
	sheet.setConditionalFormatRules([...kept, ...tints]);
}

function setUpTable(spreadsheet: Spreadsheet, name: string, header: readonly string[], report: SetupReport): Sheet {
	const sheet = ensureSheet(spreadsheet, name, report);
	if (sheet.getLastRow() === 0) {
		sheet
			.getRange(1, 1, 1, header.length)
			.setNumberFormat("@")
			.setValues([[...header]]);
	}
	sheet.getRange(1, 1, 1, header.length).setFontWeight("bold").setBackground(HEADER_TINT);
	if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
	return sheet;
}

function setUpSettings(spreadsheet: Spreadsheet, report: SetupReport): HubsheetSettings {
	const sheet = setUpTable(spreadsheet, SETTINGS_SHEET, SETTINGS_HEADER, report);
	const plan = planSettingsSetup(sheet.getDataRange().getValues(), report.created.includes(SETTINGS_SHEET), CATALOG);
	// The setting rows after the last row, then the mapping tables below them, each after a blank row.
	const start = plan.firstRow;
	if (plan.settingRows.length > 0) {
		sheet
			.getRange(start, 1, plan.settingRows.length, SETTINGS_HEADER.length)
			.setNumberFormat("@")
			.setValues(plan.settingRows);
	}
	if (plan.tableRows.length > 0) {
		const width = plan.tableRows[0]?.length ?? 1;
		sheet
			.getRange(start + plan.settingRows.length, 1, plan.tableRows.length, width)
			.setNumberFormat("@")
			.setValues(plan.tableRows);
		for (const row of plan.titleRows) sheet.getRange(row, 1).setFontWeight("bold");
	}
	report.repaired.push(...plan.repaired);
	if (report.created.includes(SETTINGS_SHEET)) {
		sheet.setColumnWidth(1, 180).setColumnWidth(2, 200).setColumnWidth(3, 420);
	}
	const reading = readSettings(sheet.getDataRange().getValues());
	report.problems.push(...reading.problems);
	return reading.settings;
}

export function setUpSheets(spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SetupReport {
	const report: SetupReport = { created: [], repaired: [], removed: [], problems: [] };
	const settings = setUpSettings(spreadsheet, report);
	offerStoredEtsyCarriers(spreadsheet);
	setUpOrders(spreadsheet, settings.customStatuses, report);
	const log = setUpTable(spreadsheet, SYNC_LOG_SHEET, SYNC_LOG_HEADER, report);
	// Rows for the whole log the owner keeps, formatted now, so that a sync appending to it costs no
	// formatting call (see sync-log-format.ts).
	const wanted = syncLogRowsWanted(settings.syncLogLength);
	if (log.getMaxRows() < wanted) log.insertRowsAfter(log.getMaxRows(), wanted - log.getMaxRows());
	log.getRange(2, 1, Math.max(1, log.getMaxRows() - 1), 1).setNumberFormat(SYNC_LOG_TIME_FORMAT);
	noteSyncLogFormatted(log.getMaxRows());
	log.getRange(2, 2, Math.max(1, log.getMaxRows() - 1), SYNC_LOG_HEADER.length - 1).setNumberFormat("@");
	const state = setUpTable(spreadsheet, STATE_SHEET, STATE_HEADER, report);
	state.getRange(1, 1, state.getMaxRows(), STATE_HEADER.length).setNumberFormat("@");
	if (!state.isSheetHidden()) state.hideSheet();
	setUpDashboard(spreadsheet, statusChoices(settings.customStatuses), report);
	const orders = spreadsheet.getSheetByName(ORDERS_SHEET);
	if (orders && report.created.includes(ORDERS_SHEET)) {
		spreadsheet.setActiveSheet(orders);
		removeUntouchedDefaultSheet(spreadsheet, report);
	}
	return report;
}

/** The names a new spreadsheet's first sheet has, by locale (Google names it in the owner's language). */
const DEFAULT_SHEET_NAME = /^(Sheet|Arkusz|Tabellenblatt|Feuille|Hoja|Foglio|Blad)\s*1$/i;

/**
 * A new spreadsheet starts with an empty "Sheet1" that would stay first, before Orders. It goes
 * only when it is exactly that: the default name, no content, no notes or formats anyone could
 * have set (nothing past A1's emptiness, no frozen rows, no protections, no rules).
 */
function removeUntouchedDefaultSheet(spreadsheet: Spreadsheet, report: SetupReport): void {
	const first = spreadsheet.getSheets()[0];
	const name = first?.getName() ?? "";
	if (!first || !DEFAULT_SHEET_NAME.test(name)) return;
	const untouched =
		first.getLastRow() === 0 &&
		first.getLastColumn() === 0 &&
		first.getFrozenRows() === 0 &&
		first.getFrozenColumns() === 0 &&
		first.getConditionalFormatRules().length === 0 &&
		first.getProtections(SpreadsheetApp.ProtectionType.RANGE).length === 0 &&
		first.getProtections(SpreadsheetApp.ProtectionType.SHEET).length === 0 &&
		first.getRange(1, 1).getNote() === "";
	if (!untouched) return;
	spreadsheet.deleteSheet(first);
	report.removed.push(name);
}

/** The report in words, for the alert after the menu item. */
export function describeSetup(report: SetupReport): string {
	const lines: string[] = [];
	if (report.created.length > 0) lines.push(`Created: ${report.created.join(", ")}.`);
	if (report.repaired.length > 0) lines.push(`Added back: ${report.repaired.join("; ")}.`);
	if (report.removed.length > 0) lines.push(`Removed the empty sheet ${report.removed.join(", ")}.`);
	if (report.created.length === 0 && report.repaired.length === 0) lines.push("All sheets were already in place.");
	if (report.problems.length > 0)
		lines.push("", "Needs your attention:", ...report.problems.map((problem) => `• ${problem}`));
	return lines.join("\n");
}
