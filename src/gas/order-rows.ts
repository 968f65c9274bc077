/**
 * Finding one order's row on Orders through SpreadsheetApp, for the sidebar's selection and fixes.
 * How a row is found and the owner's words when it cannot be: sheet/order-rows.ts.
 */
import { normaliseHeader } from "../core/orders-layout.js";
import { columnOf, ORDER_HEADER, ORDERS_ROW_WORDS, rowOfOrder } from "../sheet/order-rows.js";
import { ORDERS_SHEET } from "../sheet/orders-table.js";

export interface OrderRow {
	sheet: GoogleAppsScript.Spreadsheet.Sheet;
	/** 1-based. */
	row: number;
	/** The header row's texts, normalised (trimmed, lower case). */
	header: string[];
}

export function ordersSheet(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): GoogleAppsScript.Spreadsheet.Sheet {
	const sheet = spreadsheet.getSheetByName(ORDERS_SHEET);
	if (!sheet) throw new Error(ORDERS_ROW_WORDS.noSheet);
	return sheet;
}

/** The order's row, or null when no row holds it. Throws when the sheet or its Order column is missing. */
export function findOrderRow(orderId: string, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): OrderRow | null {
	const sheet = ordersSheet(spreadsheet);
	const lastColumn = sheet.getLastColumn();
	const lastRow = sheet.getLastRow();
	if (lastColumn === 0) throw new Error(ORDERS_ROW_WORDS.noHeaderRow);
	const header = (sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0] ?? []).map(normaliseHeader);
	const orderColumn = columnOf(header, ORDER_HEADER);
	if (orderColumn === 0) throw new Error(ORDERS_ROW_WORDS.noOrderColumn);
	if (lastRow < 2) return null;
	// Display values: the cell shows the order id as text whatever its format.
	const cells = sheet
		.getRange(2, orderColumn, lastRow - 1, 1)
		.getDisplayValues()
		.map((line) => line[0]);
	const row = rowOfOrder(cells, orderId);
	return row === 0 ? null : { sheet, row, header };
}
