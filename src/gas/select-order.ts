/** The sidebar's "show me this order": activates the order's row so the owner sees it beside the sidebar. */

import { STATUS_HEADER } from "../core/fix-plans.js";
import type { SelectOrderResult } from "../ui/sidebar-api.js";
import { loadFindings } from "./findings-store.js";
import { columnOf, findOrderRow, ORDER_HEADER, ordersSheet } from "./order-rows.js";

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

/**
 * The strip's "show me these": the next row after `afterRow` with that Status (or late), so each
 * click on a count moves on to the next of its orders.
 */
export function selectOrders(which: { status?: unknown; late?: unknown }, afterRow?: unknown): SelectOrderResult {
	const status = typeof which?.status === "string" ? which.status.trim().toLowerCase() : "";
	const late = which?.late === true;
	if (status === "" && !late) return { found: false, message: "No status was named." };
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const sheet = ordersSheet(spreadsheet);
	const values = sheet.getDataRange().getDisplayValues();
	const header = (values[0] ?? []).map((cell) => cell.trim().replace(/\s+/g, " ").toLowerCase());
	const column = columnOf(header, late ? ORDER_HEADER : STATUS_HEADER) - 1;
	const lateOrders = late
		? new Set(
				loadFindings(spreadsheet)
					.filter((f) => f.kind === "past-ship-by" && f.severity === "error")
					.map((f) => f.orderId),
			)
		: null;
	const rows: number[] = [];
	values.forEach((line, index) => {
		const cell = String(line[column] ?? "").trim();
		if (index > 0 && column >= 0 && (lateOrders ? lateOrders.has(cell) : cell.toLowerCase() === status))
			rows.push(index + 1);
	});
	const what = late ? "late orders" : `orders in ${String(which.status).trim()}`;
	if (rows.length === 0) return { found: false, message: `There are no ${what} on the Orders sheet now.` };
	const after = Number(afterRow) || 0;
	const row = rows.find((candidate) => candidate > after) ?? (rows[0] as number);
	spreadsheet.setActiveSheet(sheet);
	sheet.setActiveSelection(sheet.getRange(row, 1, 1, Math.max(1, header.length)));
	return { found: true, row, message: `${rows.indexOf(row) + 1} of ${rows.length} ${what}: row ${row}.` };
}
