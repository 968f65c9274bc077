/**
 * "Set up sheets": creates or repairs Orders, Settings, Sync log and the hidden state sheet.
 * Safe to run on a sheet full of data: it adds what is missing and never deletes or moves anything.
 */

import { type HubsheetSettings, SETTINGS_HEADER } from "../core/settings.js";
import {
	ORDERS_SHEET,
	SETTINGS_SHEET,
	STATE_HEADER,
	STATE_SHEET,
	SYNC_LOG_HEADER,
	SYNC_LOG_SHEET,
} from "../core/sheet-names.js";
import { statusChoices } from "../core/statuses.js";
import { SYNC_LOG_TIME_FORMAT, syncLogRowsToAdd } from "../engine/sync-log.js";
import { CATALOG, readSettings } from "../platforms/catalog.js";
import { columnLetters } from "../sheet/a1-notation.js";
import {
	ETSY_PROTECTION,
	isSeverityTintRule,
	issuesColumn,
	ordersColumnDressing,
	ordersFrozenColumns,
	planOrdersSetup,
	STATUS_HELP,
	severityTintRules,
} from "../sheet/orders-setup.js";
import { planSettingsSetup } from "../sheet/settings-setup.js";
import { describeSetup, emptySetupReport, isUntouchedDefaultSheet, type SetupReport } from "../sheet/setup-report.js";
import { offerStoredEtsyCarriers } from "./carrier-choices.js";
import { setUpDashboard } from "./dashboard-setup.js";
import { noteSyncLogFormatted } from "./sync-log-format.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What set-up did, in sheet/setup-report.ts (with its words for the owner); re-exported for main.ts. */
export { describeSetup, type SetupReport };

const HEADER_TINT = "#f3f3f3";

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

	const header = headerRowOf(sheet);
	const maxRows = sheet.getMaxRows();
	const dataRows = Math.max(1, maxRows - 1);
	for (const protection of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
		if (protection.getDescription() === ETSY_PROTECTION) protection.remove();
	}
	for (const dressing of ordersColumnDressing(header, statusChoices(customStatuses))) {
		const { column } = dressing;
		sheet.getRange(1, column).setBackground(dressing.background).setFontWeight("bold").setNote(dressing.note);
		const body = sheet.getRange(2, column, dataRows, 1);
		body.setNumberFormat(dressing.format);
		if (dressing.choices) {
			body.setDataValidation(
				SpreadsheetApp.newDataValidation()
					.requireValueInList([...dressing.choices], true)
					.setAllowInvalid(false)
					.setHelpText(STATUS_HELP)
					.build(),
			);
		}
		if (dressing.protect) {
			sheet.getRange(1, column, maxRows, 1).protect().setDescription(ETSY_PROTECTION).setWarningOnly(true);
		}
	}
	if (sheet.getFrozenRows() !== 1) sheet.setFrozenRows(1);
	const frozen = ordersFrozenColumns(header, isNew);
	if (frozen !== undefined) sheet.setFrozenColumns(frozen);
	tintBySeverity(sheet, issuesColumn(header));
}

/** Sets the severity tints on the rows (sheet/orders-setup.ts: severityTintRules), keeping the owner's own rules. */
function tintBySeverity(sheet: Sheet, issues: number): void {
	if (issues === 0) return;
	const kept = sheet
		.getConditionalFormatRules()
		.filter((rule) => !isSeverityTintRule(rule.getBooleanCondition()?.getCriteriaValues()[0]));
	const rows = sheet.getRange(2, 1, Math.max(1, sheet.getMaxRows() - 1), sheet.getMaxColumns());
	const tints = severityTintRules(columnLetters(issues)).map(({ formula, background }) =>
		SpreadsheetApp.newConditionalFormatRule()
			.whenFormulaSatisfied(formula)
			.setBackground(background)
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
	plan.columnWidths.forEach((width, index) => {
		sheet.setColumnWidth(index + 1, width);
	});
	const reading = readSettings(sheet.getDataRange().getValues());
	report.problems.push(...reading.problems);
	return reading.settings;
}

export function setUpSheets(spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SetupReport {
	const report = emptySetupReport();
	const settings = setUpSettings(spreadsheet, report);
	offerStoredEtsyCarriers(spreadsheet);
	setUpOrders(spreadsheet, settings.customStatuses, report);
	const log = setUpTable(spreadsheet, SYNC_LOG_SHEET, SYNC_LOG_HEADER, report);
	// Rows for the whole log the owner keeps, formatted now (engine/sync-log.ts, sync-log-format.ts).
	const missing = syncLogRowsToAdd(log.getMaxRows(), settings.syncLogLength);
	if (missing > 0) log.insertRowsAfter(log.getMaxRows(), missing);
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

/** Removes the first sheet when it is the untouched default one (sheet/setup-report.ts says when). */
function removeUntouchedDefaultSheet(spreadsheet: Spreadsheet, report: SetupReport): void {
	const first = spreadsheet.getSheets()[0];
	if (!first) return;
	const name = first.getName();
	const facts = {
		name,
		lastRow: first.getLastRow(),
		lastColumn: first.getLastColumn(),
		frozenRows: first.getFrozenRows(),
		frozenColumns: first.getFrozenColumns(),
		conditionalRules: first.getConditionalFormatRules().length,
		protections:
			first.getProtections(SpreadsheetApp.ProtectionType.RANGE).length +
			first.getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
		note: first.getRange(1, 1).getNote(),
	};
	if (!isUntouchedDefaultSheet(facts)) return;
	spreadsheet.deleteSheet(first);
	report.removed.push(name);
}
