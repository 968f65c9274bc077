/** Changes one order's bookkeeping on the hidden state sheet, for the sidebar's fixes. */
import { type Bookkeeping, parseBookkeeping } from "../core/bookkeeping.js";
import { BOOKKEEPING_WORDS, bookkeepingIndex } from "../sheet/order-rows.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";

export function editBookkeeping(orderId: string, change: (books: Bookkeeping) => Bookkeeping): void {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(STATE_SHEET);
	if (!sheet) throw new Error(BOOKKEEPING_WORDS.noStateSheet);
	const values = sheet.getDataRange().getValues();
	const index = bookkeepingIndex(values, orderId);
	if (index < 0) throw new Error(BOOKKEEPING_WORDS.noRecord(orderId));
	const next = change(parseBookkeeping(values[index]?.[1]));
	sheet
		.getRange(index + 1, 2)
		.setNumberFormat("@")
		.setValue(JSON.stringify(next));
}
