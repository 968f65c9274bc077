/** Changes one order's bookkeeping on the hidden state sheet, for the sidebar's fixes. */
import { type Bookkeeping, parseBookkeeping } from "../core/bookkeeping.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";

export function editBookkeeping(orderId: string, change: (books: Bookkeeping) => Bookkeeping): void {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(STATE_SHEET);
	if (!sheet) throw new Error("Hubsheet's state sheet is missing: run Hubsheet > Set up sheets, then Sync now.");
	const values = sheet.getDataRange().getValues();
	const index = values.findIndex((row, position) => position > 0 && String(row[0]).trim() === orderId);
	if (index < 0) throw new Error(`Hubsheet has no record of order ${orderId} yet: press Sync now first.`);
	const next = change(parseBookkeeping(values[index]?.[1]));
	sheet
		.getRange(index + 1, 2)
		.setNumberFormat("@")
		.setValue(JSON.stringify(next));
}
