/**
 * Finding one order's row, for the sidebar's selection, fixes and Design folders: on Orders by the
 * Order column's text, on the hidden state sheet by its first cell, never by a remembered row number
 * (the owner sorts and inserts). And what the owner is told when a sheet or column is not there.
 */
import { columnSpec, normaliseHeader } from "../core/orders-layout.js";
import { ORDERS_SHEET } from "../core/sheet-names.js";

/** The Orders sheet's Order header, from its layout (core/orders-layout.ts). */
export const ORDER_HEADER = columnSpec("order").header;

/** The 1-based column whose header is `name` (any case and spacing), or 0. */
export function columnOf(header: readonly string[], name: string): number {
	return header.indexOf(normaliseHeader(name)) + 1;
}

/** The 1-based row of the first line whose order cell is `orderId`, or 0. Row 1 is the header. */
export function rowOfOrder(orderCells: readonly unknown[], orderId: string): number {
	const wanted = orderId.trim();
	const index = orderCells.findIndex((cell) => String(cell).trim() === wanted);
	return index < 0 ? 0 : index + 2;
}

/** The index in the state sheet's values of the order's bookkeeping line (index 0 is the header), or -1. */
export function bookkeepingIndex(values: readonly (readonly unknown[])[], orderId: string): number {
	return values.findIndex((row, position) => position > 0 && String(row[0]).trim() === orderId);
}

/** The owner's words when Orders cannot be read for a row. */
export const ORDERS_ROW_WORDS = {
	noSheet: `There is no "${ORDERS_SHEET}" sheet: run Hubsheet > Set up sheets.`,
	noHeaderRow: `The "${ORDERS_SHEET}" sheet has no header row: run Hubsheet > Set up sheets.`,
	noOrderColumn: `The "${ORDERS_SHEET}" sheet has no "${ORDER_HEADER}" column: run Hubsheet > Set up sheets.`,
} as const;

/** The owner's words when a fix finds no bookkeeping to change. */
export const BOOKKEEPING_WORDS = {
	noStateSheet: "Hubsheet's state sheet is missing: run Hubsheet > Set up sheets, then Sync now.",
	noRecord: (orderId: string) => `Hubsheet has no record of order ${orderId} yet: press Sync now first.`,
} as const;
