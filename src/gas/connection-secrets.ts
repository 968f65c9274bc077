/**
 * The CRM and courier part of the settings dialog: the owner's choice and the non-secret settings go to
 * the Settings sheet, the secrets to script properties. Only the chosen platforms' whitelisted fields are
 * saved; an empty secret keeps the saved one; secrets are never sent back, quoted in errors or logged.
 * What the form means (choices, checks, which Sender rows change) is engine/connection-save.ts; this
 * file reads and writes.
 */

import { SETTINGS_SHEET } from "../core/settings.js";
import {
	checkedSender,
	connectionView,
	planConnectionSave,
	type SenderEdit,
	senderEdits,
} from "../engine/connection-save.js";
import type { ConnectionSecretsView } from "../ui/sidebar-api.js";
import { scriptStore } from "./apps-script-ports.js";
import { testConnections } from "./connection-test.js";
import { writeSetting } from "./settings-sheet.js";

const isSavedInStore = (key: string): boolean => Boolean(scriptStore().get(key));

/** Applies the Sender edits; text format, so a postcode such as 01-234 or a phone with a leading + stays as typed. */
function writeSender(sheet: GoogleAppsScript.Spreadsheet.Sheet, edits: readonly SenderEdit[]): void {
	for (const edit of edits) {
		if (edit.kind === "set") {
			sheet.getRange(edit.row, 2).setNumberFormat("@").setValue(edit.value);
		} else {
			sheet.insertRowBefore(edit.row);
			sheet
				.getRange(edit.row, 1, 1, 2)
				.setNumberFormat("@")
				.setValues([[edit.label, edit.value]]);
		}
	}
}

export function connectionSecretsView(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ConnectionSecretsView {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	return connectionView(sheet ? sheet.getDataRange().getValues() : [], isSavedInStore);
}

/** Saves the form, then tries each chosen platform with one cheap request and says how it went. */
export function saveConnectionSecrets(form: unknown): ConnectionSecretsView {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) throw new Error(`There is no "${SETTINGS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const plan = planConnectionSave(form, isSavedInStore);
	// Checked before anything is written, so a wrong field saves nothing.
	const sender = checkedSender(form);
	const store = scriptStore();
	for (const [key, value] of plan.properties) store.set(key, value);
	writeSetting("crm", plan.crm, spreadsheet);
	writeSetting("courier", plan.courier, spreadsheet);
	for (const [key, value] of plan.settings) writeSetting(key, value, spreadsheet);
	if (Object.keys(sender).length > 0) writeSender(sheet, senderEdits(sheet.getDataRange().getValues(), sender));
	return { ...connectionSecretsView(spreadsheet), tests: testConnections(spreadsheet) };
}
