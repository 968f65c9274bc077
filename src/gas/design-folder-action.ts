/**
 * The sidebar's "Make the Design folder" on the selected row, on Apps Script: the selection, the
 * Orders and state sheets, the script lock and the Design cell's link, for engine/order-folders.ts
 * (`makeDesignFolder`), which decides what is made and what the owner is told.
 */
import { type Bookkeeping, parseBookkeeping } from "../core/bookkeeping.js";
import { DESIGN_LINK_TEXT } from "../core/order-links.js";
import { columnSpec, normaliseHeader } from "../core/orders-layout.js";
import { makeSelectedDesignFolder } from "../engine/order-folders.js";
import { bookkeepingIndex, columnOf, ORDER_HEADER } from "../sheet/order-rows.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";
import type { DesignFolderResult } from "../ui/sidebar-api.js";
import { appsScriptDrive, appsScriptLog } from "./apps-script-ports.js";
import { editBookkeeping } from "./bookkeeping-edit.js";
import { findOrderRow } from "./order-rows.js";

const DESIGN_HEADER = columnSpec("design").header;
const BUYER_HEADER = columnSpec("buyer").header;

export function makeDesignFolder(): DesignFolderResult {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const active = spreadsheet.getActiveSheet();
	const lock = LockService.getScriptLock();
	let design: GoogleAppsScript.Spreadsheet.Range | undefined;
	return makeSelectedDesignFolder(
		{
			selection() {
				const range = active.getActiveRange();
				return range && { sheet: active.getName(), row: range.getRow() };
			},
			orderIdOnRow(row) {
				const header = active.getRange(1, 1, 1, Math.max(1, active.getLastColumn())).getDisplayValues()[0] ?? [];
				const column = columnOf(header.map(normaliseHeader), ORDER_HEADER);
				return column > 0 ? active.getRange(row, column).getDisplayValue() : "";
			},
			tryLock: () => lock.tryLock(0),
			releaseLock: () => lock.releaseLock(),
			orderCells(orderId) {
				const found = findOrderRow(orderId, spreadsheet);
				if (!found) return null;
				const designColumn = columnOf(found.header, DESIGN_HEADER);
				const buyerColumn = columnOf(found.header, BUYER_HEADER);
				design = designColumn > 0 ? found.sheet.getRange(found.row, designColumn) : undefined;
				return {
					design: design?.getDisplayValue() ?? null,
					buyer: buyerColumn > 0 ? found.sheet.getRange(found.row, buyerColumn).getDisplayValue() : "",
				};
			},
			readBooks,
			writeBooks: (orderId, books) => editBookkeeping(orderId, () => books),
			linkDesign(url) {
				design?.setRichTextValue(SpreadsheetApp.newRichTextValue().setText(DESIGN_LINK_TEXT).setLinkUrl(url).build());
				SpreadsheetApp.flush();
			},
		},
		{ drive: appsScriptDrive, log: appsScriptLog },
	);
}

/** The order's bookkeeping row on the state sheet; null when there is none (the sync keeps it). */
function readBooks(orderId: string): Bookkeeping | null {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(STATE_SHEET);
	const values = sheet ? sheet.getDataRange().getValues() : [];
	const index = bookkeepingIndex(values, orderId);
	return index < 0 ? null : parseBookkeeping(values[index]?.[1]);
}
