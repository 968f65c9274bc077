/** The sidebar's "show me this order": activates the order's row so the owner sees it beside the sidebar. */
import type { SelectOrderResult } from "../ui/sidebar-api.js";
import { findOrderRow } from "./order-rows.js";

export function selectOrder(orderId: unknown): SelectOrderResult {
	const id = typeof orderId === "string" ? orderId.trim() : "";
	if (id === "") return { found: false, message: "No order was named." };
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const found = findOrderRow(id, spreadsheet);
	if (!found) return { found: false, message: `Order ${id} is not on the Orders sheet.` };
	const { sheet, row, header } = found;
	spreadsheet.setActiveSheet(sheet);
	// The whole row of the table, so every column of the order is highlighted, not only its id.
	sheet.setActiveSelection(sheet.getRange(row, 1, 1, Math.max(1, header.length)));
	return { found: true, row, message: `Order ${id} is on row ${row}.` };
}
