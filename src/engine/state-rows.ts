/**
 * The bookkeeping of every order lives on the hidden state sheet, one JSON cell per order (column
 * A the order id, column B its bookkeeping): read once per run, written back by order id, changed
 * rows in place and new ones appended.
 */

import { type Bookkeeping, bookkeepingJson, parseBookkeeping } from "../core/bookkeeping.js";
import { MAX_CELL_CHARACTERS } from "../core/cell-fit.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";
import type { CellBlock, RawCell, Workbook } from "../sheet/workbook.js";

export interface StateRows {
	books: Map<string, Bookkeeping>;
	rowOf: Map<string, number>;
	lastRow: number;
}

export function readState(values: RawCell[][] | null): StateRows {
	const state: StateRows = { books: new Map(), rowOf: new Map(), lastRow: Math.max(1, values?.length ?? 1) };
	(values ?? []).forEach((row, index) => {
		const orderId = String(row[0] ?? "").trim();
		if (index === 0 || orderId === "") return;
		state.books.set(orderId, parseBookkeeping(row[1]));
		state.rowOf.set(orderId, index + 1);
	});
	return state;
}

/** Writes the bookkeeping of these orders: changed rows in place, new ones appended. */
export function saveState(workbook: Workbook, state: StateRows, orderIds: Iterable<string>): void {
	const blocks: CellBlock[] = [];
	const appended: RawCell[][] = [];
	const appendedIds: string[] = [];
	for (const orderId of new Set(orderIds)) {
		const json = bookkeepingJson(state.books.get(orderId) ?? {}, MAX_CELL_CHARACTERS);
		const row = state.rowOf.get(orderId);
		if (row === undefined) {
			appended.push([orderId, json]);
			appendedIds.push(orderId);
		} else blocks.push({ sheet: STATE_SHEET, row, column: 1, values: [[orderId, json]] });
	}
	if (blocks.length > 0) workbook.writeBlocks(blocks);
	if (appended.length > 0) {
		const first = workbook.appendRows(STATE_SHEET, appended, state.lastRow);
		state.lastRow = first + appended.length - 1;
		appendedIds.forEach((orderId, index) => {
			state.rowOf.set(orderId, first + index);
		});
	}
}
