/**
 * Writing one setting's value on the Settings sheet, where the owner sees and may change it. Which
 * row holds it: sheet/settings-setup.ts (`settingRow`).
 */
import { SETTINGS_SHEET } from "../core/settings.js";
import { settingSpecs } from "../platforms/catalog.js";
import { settingRow } from "../sheet/settings-setup.js";

/** Sets the value of the setting with this key, adding its row if set-up has not. */
export function writeSetting(key: string, value: string, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	const spec = settingSpecs().find((candidate) => candidate.key === key);
	if (!spec) throw new Error(`Unknown setting ${key}`);
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) throw new Error(`There is no "${SETTINGS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const labels = sheet
		.getDataRange()
		.getValues()
		.map((row) => row[0]);
	const row = settingRow(labels, spec.label, sheet.getLastRow());
	// Text format: "10" stays the text the owner would type, never a date or a formula.
	sheet
		.getRange(row, 1, 1, 2)
		.setNumberFormat("@")
		.setValues([[spec.label, value]]);
}
