/** Writing one setting's value on the Settings sheet, where the owner sees and may change it. */
import { SETTINGS_SHEET } from "../core/settings.js";
import { settingSpecs } from "../platforms/catalog.js";

/** Sets the value of the setting with this key, adding its row if set-up has not. */
export function writeSetting(key: string, value: string, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	const spec = settingSpecs().find((candidate) => candidate.key === key);
	if (!spec) throw new Error(`Unknown setting ${key}`);
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) throw new Error(`There is no "${SETTINGS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const values = sheet.getDataRange().getValues();
	const label = spec.label.toLowerCase();
	const index = values.findIndex((row) => String(row[0]).trim().toLowerCase() === label);
	const row = index >= 1 ? index + 1 : sheet.getLastRow() + 1;
	// Text format: "10" stays the text the owner would type, never a date or a formula.
	sheet
		.getRange(row, 1, 1, 2)
		.setNumberFormat("@")
		.setValues([[spec.label, value]]);
}
