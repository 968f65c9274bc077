/**
 * Plans how Etsy orders land on the Orders sheet: a new order becomes a new row, a known order
 * updates only those Etsy-owned cells whose value changed. Rows are matched by order id, never by
 * position, and owner cells are never part of an update.
 */
import { FULL_TEXT_ON_ETSY, fitCell } from "./cell-fit.js";
import type { EtsyOrder } from "./order.js";
import { ETSY_COLUMN_KEYS, type EtsyColumnKey, type OrderColumnKey } from "./orders-layout.js";
import { initialStatus } from "./statuses.js";

/** A cell as the core sees it: empty is null; date and datetime columns hold epoch ms. */
export type CellValue = string | number | boolean | null;
export type RowCells = Partial<Record<OrderColumnKey, CellValue>>;

export interface SheetRow {
	/** 1-based row number on the sheet as read; only valid until the sheet changes. */
	rowNumber: number;
	cells: RowCells;
}

export interface NewRow {
	orderId: string;
	orderUrl: string;
	cells: RowCells;
}

export interface CellUpdate {
	orderId: string;
	rowNumber: number;
	key: EtsyColumnKey | "synced";
	value: CellValue;
	previous: CellValue;
}

export interface UpsertPlan {
	newRows: NewRow[];
	updates: CellUpdate[];
	/** Order ids whose rows get at least one changed cell. */
	updatedOrders: string[];
	unchangedOrders: string[];
	/** Orders found on more than one row: only the first row is updated; the rest is a finding. */
	duplicateRows: Record<string, number[]>;
}

/**
 * What the Order column group should show for an order. Every text is cut to what a cell holds
 * (cell-fit.ts), here, so that the sheet's cell and the plan compare equal on the next sync.
 */
export function etsyCells(order: EtsyOrder): Record<EtsyColumnKey, CellValue> {
	const toCell = (text: string) => fitCell(text, FULL_TEXT_ON_ETSY);
	return {
		order: order.orderId,
		ordered: order.orderedAt,
		buyer: toCell(order.buyer),
		email: toCell(order.email),
		shipTo: toCell(order.shipTo),
		items: toCell(order.items),
		buyerNote: toCell(order.buyerNote),
		total: order.total,
		currency: toCell(order.currency),
		shipBy: order.shipBy,
		etsyStatus: toCell(order.etsyStatus),
	};
}

const DATE_KEYS = new Set<OrderColumnKey>(["ordered", "shipBy", "synced"]);

/** Equal as far as the sheet can tell: dates to the second (serial numbers round), empties alike. */
export function sameCell(key: OrderColumnKey, a: CellValue, b: CellValue): boolean {
	const emptyA = a === null || a === "";
	const emptyB = b === null || b === "";
	if (emptyA || emptyB) return emptyA && emptyB;
	if (typeof a === "number" && typeof b === "number") {
		if (DATE_KEYS.has(key)) return Math.round(a / 1000) === Math.round(b / 1000);
		return Math.abs(a - b) < 1e-9;
	}
	return a === b;
}

/** The row's order id as text; a number typed by hand (1234) still matches "1234". */
export function orderIdOf(row: SheetRow): string {
	const id = row.cells.order;
	if (id === null || id === undefined) return "";
	return String(id).trim();
}

/** The latest version of each order, in first-seen order (pages overlap by design). */
function latestById(orders: readonly EtsyOrder[]): EtsyOrder[] {
	const byId = new Map<string, EtsyOrder>();
	for (const order of orders) {
		const known = byId.get(order.orderId);
		if (!known || order.updatedAt >= known.updatedAt) byId.set(order.orderId, order);
	}
	return [...byId.values()];
}

export function planOrderUpsert(input: {
	rows: readonly SheetRow[];
	orders: readonly EtsyOrder[];
	now: number;
}): UpsertPlan {
	const rowsById = new Map<string, SheetRow[]>();
	for (const row of input.rows) {
		const id = orderIdOf(row);
		if (id === "") continue;
		const list = rowsById.get(id);
		if (list) list.push(row);
		else rowsById.set(id, [row]);
	}
	const plan: UpsertPlan = { newRows: [], updates: [], updatedOrders: [], unchangedOrders: [], duplicateRows: {} };
	for (const [id, rows] of rowsById) {
		if (rows.length > 1) plan.duplicateRows[id] = rows.map((row) => row.rowNumber);
	}
	for (const order of latestById(input.orders)) {
		const wanted = etsyCells(order);
		const row = rowsById.get(order.orderId)?.[0];
		if (!row) {
			plan.newRows.push({
				orderId: order.orderId,
				orderUrl: order.orderUrl,
				cells: { ...wanted, status: initialStatus(order), synced: input.now },
			});
			continue;
		}
		const changes: CellUpdate[] = [];
		for (const key of ETSY_COLUMN_KEYS) {
			const previous = row.cells[key] ?? null;
			if (!sameCell(key, previous, wanted[key])) {
				changes.push({ orderId: order.orderId, rowNumber: row.rowNumber, key, value: wanted[key], previous });
			}
		}
		if (changes.length === 0) {
			plan.unchangedOrders.push(order.orderId);
			continue;
		}
		changes.push({
			orderId: order.orderId,
			rowNumber: row.rowNumber,
			key: "synced",
			value: input.now,
			previous: row.cells.synced ?? null,
		});
		plan.updates.push(...changes);
		plan.updatedOrders.push(order.orderId);
	}
	return plan;
}
