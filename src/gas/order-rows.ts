/**
 * Finding one order's row on Orders by its id, for the sidebar's selection and fixes. Rows are
 * found by the Order column's text, never by a remembered row number: the owner sorts and inserts.
 */
import { columnSpec, normaliseHeader } from "../core/orders-layout.js";
import { ORDERS_SHEET } from "../sheet/orders-table.js";

export interface OrderRow {
	sheet: GoogleAppsScript.Spreadsheet.Sheet;
	/** 1-based. */
	row: number;
	/** The header row's texts, normalised (trimmed, lower case). */
	header: string[];
}

/** The Orders sheet's header names, from its layout (core/orders-layout.ts). */
export const ORDER_HEADER = columnSpec("order").header;

/** The 1-based column whose header is `name` (any case and spacing), or 0. */
export function columnOf(header: readonly string[], name: string): number {
	return header.indexOf(normaliseHeader(name)) + 1;
}

/** Pure: the 1-based row of the first line whose order cell is `orderId`, or 0. Row 1 is the header. */
export function rowOfOrder(orderCells: readonly unknown[], orderId: string): number {
	const wanted = orderId.trim();
	const index = orderCells.findIndex((cell) => String(cell).trim() === wanted);
	return index < 0 ? 0 : index + 2;
}

export function ordersSheet(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): GoogleAppsScript.Spreadsheet.Sheet {
	const sheet = spreadsheet.getSheetByName(ORDERS_SHEET);
	if (!sheet) throw new Error(`There is no "${ORDERS_SHEET}" sheet: run Hubsheet > Set up sheets.`);
	return sheet;
}

/** The order's row, or null when no row holds it. Throws when the sheet or its Order column is missing. */
export function findOrderRow(orderId: string, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): OrderRow | null {
	const sheet = ordersSheet(spreadsheet);
	const lastColumn = sheet.getLastColumn();
	const lastRow = sheet.getLastRow();
	if (lastColumn === 0) throw new Error(`The "${ORDERS_SHEET}" sheet has no header row: run Hubsheet > Set up sheets.`);
	const header = (sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0] ?? []).map(normaliseHeader);
	const orderColumn = columnOf(header, ORDER_HEADER);
	if (orderColumn === 0)
		throw new Error(`The "${ORDERS_SHEET}" sheet has no "${ORDER_HEADER}" column: run Hubsheet > Set up sheets.`);
	if (lastRow < 2) return null;
	// Display values: the cell shows the order id as text whatever its format.
	const cells = sheet
		.getRange(2, orderColumn, lastRow - 1, 1)
		.getDisplayValues()
		.map((line) => line[0]);
	const row = rowOfOrder(cells, orderId);
	return row === 0 ? null : { sheet, row, header };
}
