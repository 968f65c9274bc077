/**
 * The engine sheet ("Hubsheet engine", sheet/engine-store.ts) through SpreadsheetApp: the bookkeeping
 * Apps Script shares with the runner. Read once per execution; each change written through.
 */
import { ENGINE_HEADER, ENGINE_SHEET, type EngineSheetAccess, EngineSheetStore } from "../sheet/engine-store.js";

function engineSheetAccess(): EngineSheetAccess {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	let sheet: GoogleAppsScript.Spreadsheet.Sheet | null | undefined;
	const found = () => {
		sheet ??= spreadsheet.getSheetByName(ENGINE_SHEET);
		return sheet;
	};
	return {
		readRows() {
			// One call through the values API when the script has it (a missing sheet fails the call).
			if (typeof Sheets !== "undefined" && Sheets) {
				try {
					const range = Sheets.Spreadsheets?.Values?.get(spreadsheet.getId(), `'${ENGINE_SHEET}'!A:B`);
					return ((range?.values ?? []) as unknown[][]).map((row) => row.map((cell) => String(cell)));
				} catch {
					return null;
				}
			}
			const existing = found();
			if (!existing) return null;
			return existing
				.getDataRange()
				.getValues()
				.map((row) => row.map((cell) => String(cell)));
		},
		create() {
			// insertSheet activates the new sheet; the owner should stay where they were.
			const active = spreadsheet.getActiveSheet();
			const made = spreadsheet.insertSheet(ENGINE_SHEET, spreadsheet.getNumSheets());
			// Plain text: a cursor or JSON must never be parsed by Sheets.
			made.getRange(1, 1, made.getMaxRows(), ENGINE_HEADER.length).setNumberFormat("@");
			made.getRange(1, 1, 1, ENGINE_HEADER.length).setValues([[...ENGINE_HEADER]]);
			made.hideSheet();
			spreadsheet.setActiveSheet(active);
			sheet = made;
		},
		writeRow(row, key, value) {
			this.writeRows?.(row, [[key, value]]);
		},
		writeRows(first, rows) {
			const last = first + rows.length - 1;
			// The sheet's A:B is text (made so above): values stay exactly as written.
			if (typeof Sheets !== "undefined" && Sheets) {
				Sheets.Spreadsheets?.Values?.update(
					{ values: rows },
					spreadsheet.getId(),
					`'${ENGINE_SHEET}'!A${first}:B${last}`,
					{
						valueInputOption: "RAW",
					},
				);
				return;
			}
			const target = found();
			if (!target) throw new Error(`There is no sheet named "${ENGINE_SHEET}".`);
			if (last > target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), last - target.getMaxRows() + 50);
			target.getRange(first, 1, rows.length, 2).setValues(rows);
		},
	};
}

let store: EngineSheetStore | undefined;

/** One per execution: Apps Script starts every execution from a fresh global scope. */
export function engineSheetStore(): EngineSheetStore {
	store ??= new EngineSheetStore(engineSheetAccess());
	return store;
}
