/**
 * The sidebar's "show me this order" and the strip's "show me these": reads the Orders sheet and
 * the last sync's findings for sheet/order-selection.ts, and activates the row it picks so the
 * owner sees it beside the sidebar.
 */

import { orderSelection, stripSelection } from "../sheet/order-selection.js";
import type { SelectOrderResult } from "../ui/sidebar-api.js";
import { loadFindings } from "./findings-store.js";
import { findOrderRow, ordersSheet } from "./order-rows.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function showRow(spreadsheet: Spreadsheet, sheet: Sheet, row: number, columns: number): void {
	spreadsheet.setActiveSheet(sheet);
	sheet.setActiveSelection(sheet.getRange(row, 1, 1, columns));
}

export function selectOrder(orderId: unknown): SelectOrderResult {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	let sheet: Sheet | undefined;
	return orderSelection(orderId, {
		find(id) {
			const found = findOrderRow(id, spreadsheet);
			sheet = found?.sheet;
			return found && { row: found.row, columns: found.header.length };
		},
		show: (row, columns) => showRow(spreadsheet, sheet ?? ordersSheet(spreadsheet), row, columns),
	});
}

export function selectOrders(which: { status?: unknown; late?: unknown }, afterRow?: unknown): SelectOrderResult {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	let sheet: Sheet | undefined;
	return stripSelection(which, afterRow, {
		values() {
			sheet = ordersSheet(spreadsheet);
			return sheet.getDataRange().getDisplayValues();
		},
		findings: () => loadFindings(spreadsheet),
		show: (row, columns) => showRow(spreadsheet, sheet ?? ordersSheet(spreadsheet), row, columns),
	});
}
