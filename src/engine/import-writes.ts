/**
 * Writes an import's upsert plan (core/order-upsert.ts) to the Orders sheet in a constant number of
 * batched calls: changed cells placed by order id right before writing, new rows appended below
 * every row read or seen, then their order links. An order the sheet refuses costs only itself: it
 * is named with the reason, and every other order is written.
 */

import { wasCut } from "../core/cell-fit.js";
import type { RowCells, UpsertPlan } from "../core/order-upsert.js";
import { ORDER_COLUMNS } from "../core/orders-layout.js";
import type { Log } from "../ports.js";
import { type KeyedWrite, readPlaces, type SheetPlaces, writeByKey } from "../sheet/keyed-writes.js";
import { ORDERS_SHEET, type OrdersTable, toRaw } from "../sheet/orders-table.js";
import type { RawCell, Workbook } from "../sheet/workbook.js";

/** Orders written with a text cut to fit its cell (core/cell-fit.ts), and the columns' headers. */
export type CutTexts = Array<{ orderId: string; columns: string[] }>;

export interface PlanWritten {
	/** Orders Google refused to take, with its reason. */
	unwritten: Map<string, string>;
	cut: CutTexts;
}

function rowValues(columns: OrdersTable["columns"], cells: RowCells, timeZone: string): RawCell[] {
	const width = Math.max(...Object.values(columns).map((column) => column ?? 0));
	const row: RawCell[] = new Array(width).fill("");
	for (const spec of ORDER_COLUMNS) {
		const column = columns[spec.key];
		const value = cells[spec.key];
		if (column !== undefined && value !== undefined) row[column - 1] = toRaw(spec.key, value, timeZone);
	}
	return row;
}

/**
 * Writes every order's cells at once; if the sheet refuses, once per order, so that one order it
 * refuses costs only itself. Orders already unwritten are skipped; orders that still fail go into
 * `unwritten` with the reason.
 */
function writeEachOrderAlone(
	workbook: Workbook,
	writes: readonly KeyedWrite[],
	orderColumn: number,
	places: SheetPlaces | undefined,
	unwritten: Map<string, string>,
): void {
	const pending = writes.filter((write) => !unwritten.has(write.orderId));
	if (pending.length === 0) return;
	try {
		writeByKey(workbook, pending, orderColumn, places);
	} catch {
		for (const orderId of new Set(pending.map((write) => write.orderId))) {
			try {
				writeByKey(
					workbook,
					pending.filter((write) => write.orderId === orderId),
					orderColumn,
					places,
				);
			} catch (error) {
				unwritten.set(orderId, messageOf(error));
			}
		}
	}
}

/** Which orders this import wrote with a cut text, by column header, in plan order. */
function cutTexts(plan: UpsertPlan, unwritten: ReadonlyMap<string, string>): CutTexts {
	const byOrder = new Map<string, Set<string>>();
	const note = (orderId: string, key: string, value: unknown) => {
		if (typeof value !== "string" || !wasCut(value) || unwritten.has(orderId)) return;
		const header = ORDER_COLUMNS.find((spec) => spec.key === key)?.header ?? key;
		byOrder.set(orderId, (byOrder.get(orderId) ?? new Set()).add(header));
	};
	for (const row of plan.newRows) for (const [key, value] of Object.entries(row.cells)) note(row.orderId, key, value);
	for (const update of plan.updates) note(update.orderId, update.key, update.value);
	return [...byOrder].map(([orderId, columns]) => ({ orderId, columns: [...columns] }));
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export function writeUpsertPlan(workbook: Workbook, table: OrdersTable, plan: UpsertPlan, log: Log): PlanWritten {
	const timeZone = workbook.timeZone;
	const orderColumn = table.columns.order as number;
	// Orders Google refused to take: named in the summary, while every other order is written.
	const unwritten = new Map<string, string>();
	if (plan.newRows.length > 0 || plan.updates.length > 0) {
		// Rows are found again by order id right before writing: the owner may have sorted meanwhile.
		const places = readPlaces(workbook, orderColumn);
		const updates: KeyedWrite[] = plan.updates.map((update) => ({
			orderId: update.orderId,
			key: update.key,
			value: toRaw(update.key, update.value, timeZone),
		}));
		writeEachOrderAlone(workbook, updates, orderColumn, places, unwritten);
		if (plan.newRows.length > 0) {
			// Columns as they are now (the owner may have inserted one); below every row read or seen.
			const values = plan.newRows.map((row) => rowValues(places.columns, row.cells, timeZone));
			let after = Math.max(places.lastRow, table.lastRow);
			try {
				workbook.appendRows(ORDERS_SHEET, values, after);
			} catch (error) {
				// Google refuses a whole append for one bad cell: append one order at a time, so only
				// the bad one is left out (and named).
				log.warn(`Appending ${values.length} orders failed (${messageOf(error)}); appending them one by one.`);
				plan.newRows.forEach((row, index) => {
					try {
						after = workbook.appendRows(ORDERS_SHEET, [values[index] as RawCell[]], after);
					} catch (rowError) {
						unwritten.set(row.orderId, messageOf(rowError));
					}
				});
			}
			const links: KeyedWrite[] = plan.newRows
				.filter((row) => !unwritten.has(row.orderId))
				.map((row) => ({ orderId: row.orderId, key: "order", value: { text: row.orderId, url: row.orderUrl } }));
			// The rows just appended move the places: the links' write finds them again.
			writeEachOrderAlone(workbook, links, orderColumn, undefined, unwritten);
		}
	}
	for (const [orderId, reason] of unwritten) {
		log.warn(`Order ${orderId} could not be written to the sheet: ${reason}`);
	}
	const cut = cutTexts(plan, unwritten);
	for (const { orderId, columns } of cut) {
		log.warn(`Order ${orderId}: ${columns.join(", ")} longer than a cell holds, cut to fit.`);
	}
	return { unwritten, cut };
}
