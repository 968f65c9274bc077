/**
 * The sidebar's "Make the Design folder" for the order on the selected row (issue 14, item 5): the
 * same folder the sync makes when an order reaches Design (engine/order-folders.ts), made now, once,
 * and linked from the Design cell. A link the owner typed there is kept and no folder is made.
 */
import { type Bookkeeping, parseBookkeeping } from "../core/bookkeeping.js";
import { DRIVE_ORIGINS, isTrustedLink } from "../core/link-policy.js";
import { DESIGN_LINK_TEXT } from "../core/order-links.js";
import { columnSpec } from "../core/orders-layout.js";
import { ensureOrderFolders, ORDERS_FOLDER } from "../engine/order-folders.js";
import { ORDERS_SHEET } from "../sheet/orders-table.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";
import type { DesignFolderResult } from "../ui/sidebar-api.js";
import { appsScriptDrive, appsScriptLog } from "./apps-script-ports.js";
import { editBookkeeping } from "./bookkeeping-edit.js";
import { columnOf, findOrderRow, ORDER_HEADER } from "./order-rows.js";

const DESIGN_HEADER = columnSpec("design").header;
const BUYER_HEADER = columnSpec("buyer").header;

const SELECT_FIRST = "Click a cell in an order's row on the Orders sheet first, then press the button again.";

export function makeDesignFolder(): DesignFolderResult {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const active = spreadsheet.getActiveSheet();
	const range = active.getActiveRange();
	if (active.getName() !== ORDERS_SHEET || !range || range.getRow() < 2) return { made: false, message: SELECT_FIRST };
	const header = active.getRange(1, 1, 1, Math.max(1, active.getLastColumn())).getDisplayValues()[0] ?? [];
	const orderColumn = columnOf(
		header.map((text) => text.trim().replace(/\s+/g, " ").toLowerCase()),
		ORDER_HEADER,
	);
	const orderId = orderColumn > 0 ? active.getRange(range.getRow(), orderColumn).getDisplayValue().trim() : "";
	if (orderId === "") return { made: false, message: SELECT_FIRST };
	// A sync running now would write its own copy of the order's bookkeeping back when it ends.
	const lock = LockService.getScriptLock();
	if (!lock.tryLock(0)) return { made: false, message: "A sync is running right now: try again in a minute." };
	try {
		const found = findOrderRow(orderId, spreadsheet);
		if (!found) return { made: false, message: `Order ${orderId} is not on the Orders sheet.` };
		const designColumn = columnOf(found.header, DESIGN_HEADER);
		if (designColumn === 0)
			return {
				made: false,
				message: `The ${ORDERS_SHEET} sheet has no "${DESIGN_HEADER}" column: run Hubsheet > Set up sheets.`,
			};
		const design = found.sheet.getRange(found.row, designColumn);
		const typed = design.getDisplayValue().trim();
		if (typed !== "" && typed !== DESIGN_LINK_TEXT)
			return { made: false, message: `Order ${orderId} already has your own link in Design: kept, no folder made.` };
		const books = new Map<string, Bookkeeping>([[orderId, readBooks(orderId)]]);
		const buyerColumn = columnOf(found.header, BUYER_HEADER);
		const buyer = buyerColumn > 0 ? found.sheet.getRange(found.row, buyerColumn).getDisplayValue() : "";
		ensureOrderFolders(books, [{ orderId, buyer }], {
			drive: appsScriptDrive,
			log: appsScriptLog,
			saveBooks: () => editBookkeeping(orderId, () => books.get(orderId) ?? {}),
		});
		const folder = books.get(orderId)?.folder;
		if (!folder?.url || !isTrustedLink(folder.url, DRIVE_ORIGINS))
			return { made: false, message: "Google Drive did not make the folder this time: try again in a minute." };
		editBookkeeping(orderId, () => books.get(orderId) ?? {});
		design.setRichTextValue(SpreadsheetApp.newRichTextValue().setText(DESIGN_LINK_TEXT).setLinkUrl(folder.url).build());
		SpreadsheetApp.flush();
		return {
			made: true,
			url: folder.url,
			message: `Order ${orderId}'s Design folder is in your Drive: ${ORDERS_FOLDER} > ${folder.name}. The Design cell links it.`,
		};
	} finally {
		lock.releaseLock();
	}
}

/** The order's bookkeeping; the sync keeps it, so an order never synced has none yet. */
function readBooks(orderId: string): Bookkeeping {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(STATE_SHEET);
	const values = sheet ? sheet.getDataRange().getValues() : [];
	const row = values.find((line, index) => index > 0 && String(line[0]).trim() === orderId);
	if (!row) throw new Error(`Hubsheet has no record of order ${orderId} yet: press Sync now first.`);
	return parseBookkeeping(row[1]);
}
