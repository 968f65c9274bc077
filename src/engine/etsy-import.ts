/**
 * One Etsy import: read the sheet once, pull the orders Etsy changed since the cursor (or every
 * open order, in the full pass), plan, write in a constant number of batched calls, and only then
 * advance the cursor. A failure part-way keeps what was read and leaves the cursor where it was,
 * so the next run reads those orders again and the upsert by order id makes that harmless.
 */
import type { EtsyOrder } from "../core/order.js";
import { planOrderUpsert, type RowCells } from "../core/order-upsert.js";
import { ORDER_COLUMNS } from "../core/orders-layout.js";
import { readSettings, SETTINGS_SHEET } from "../core/settings.js";
import type { Clock, Log, Store } from "../ports.js";
import { readPlaces, writeByKey } from "../sheet/keyed-writes.js";
import { missingRequiredMessage } from "../sheet/orders-setup.js";
import { ORDERS_SHEET, type OrdersTable, readOrdersTable, toRaw } from "../sheet/orders-table.js";
import type { RawCell, Workbook } from "../sheet/workbook.js";

export const ETSY_CURSOR_KEY = "hubsheet.etsy.cursor";

/** What one pull from Etsy brought, read page by page before anything is written. */
export interface FeedResult {
	orders: EtsyOrder[];
	/** Receipts that could not be read, with the reason (each names the field). */
	failed: Array<{ orderId: string; reason: string }>;
	/** Why the pull stopped before reading everything, if it did. */
	stopReason?: string;
	/** Why, as a kind the run's summary can put in a plain sentence. */
	stop?: EtsyStop;
	/** The pull stopped at its page limit with more changes waiting: a continuation reads them. */
	moreWaiting?: boolean;
	/**
	 * Epoch ms the cursor may move to once these orders are written, or null when it must stay
	 * (a page failed: the next run reads from the old cursor again).
	 */
	nextCursorMs: number | null;
	/** Set when Etsy refused the saved sign-in: the owner must reconnect Etsy. */
	reconnect?: string;
}

/**
 * Why a pull stopped before reading everything: Etsy's quota nearly spent, the run's time limit, the
 * page limit of one run, Etsy asking to slow down, or a page that failed (`said`: Etsy's words).
 */
export interface EtsyStop {
	kind: "quota-low" | "stopped" | "page-limit" | "rate-limited" | "failed";
	/** Orders read before the stop. */
	read: number;
	said?: string;
}

export interface EtsyOrderFeed {
	/** Orders changed since the cursor minus the overlap, ascending by update time. */
	changedSince(cursorMs: number | null, overlapMinutes: number): FeedResult;
	/** Every order not yet shipped, and those shipped that were created since the date, for the full pass. */
	openOrders(shippedSinceMs: number): FeedResult;
}

export type ImportMode = "incremental" | "full";

/**
 * How far back the nightly pass re-reads shipped orders: refunds and cancellations after shipping
 * change no timestamp Etsy lets us filter on, and Etsy's own refund window for most orders is well
 * within two months.
 */
export const RECHECK_SHIPPED_DAYS = 60;

export interface ImportSummary {
	mode: ImportMode;
	received: number;
	created: string[];
	updated: string[];
	unchanged: number;
	failed: Array<{ orderId: string; reason: string }>;
	duplicates: Record<string, number[]>;
	/** The orders as Etsy sent them in this run, for reconciliation. */
	pulled: EtsyOrder[];
	/** Why the import stopped before reading everything, if it did. */
	stoppedEarly?: string;
	stop?: EtsyStop;
	/** Etsy has more changes than one run reads (page limit): a continuation goes on from the cursor. */
	moreWaiting?: boolean;
	/** Set when the owner must reconnect Etsy (Hubsheet > Settings). */
	reconnect?: string;
	/** Epoch ms of Etsy's last update already imported. */
	cursorBefore: number | null;
	cursorAfter: number | null;
}

export class SetupNeededError extends Error {
	constructor(message: string) {
		super(message);
		this.name = "SetupNeededError";
	}
}

export interface ImportDeps {
	workbook: Workbook;
	/** The feed of the shop named on the Settings sheet. */
	feed: (shopId: string) => EtsyOrderFeed;
	store: Store;
	clock: Clock;
	log: Log;
}

function readTable(workbook: Workbook): { table: OrdersTable; overlapMinutes: number; shopId: string } {
	const sheets = workbook.readSheets([ORDERS_SHEET, SETTINGS_SHEET]);
	const orders = sheets[ORDERS_SHEET];
	if (!orders) throw new SetupNeededError(`There is no "${ORDERS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const table = readOrdersTable(orders, workbook.timeZone);
	const requiredMissing = table.missing.filter((spec) => spec.required);
	if (requiredMissing.length > 0 || orders.length === 0) {
		const reasons = orders.length === 0 ? ["The Orders sheet has no header row: run Hubsheet > Set up sheets."] : [];
		throw new SetupNeededError([...reasons, ...requiredMissing.map(missingRequiredMessage)].join(" "));
	}
	const { settings } = readSettings(sheets[SETTINGS_SHEET] ?? []);
	if (settings.etsyShopId === "") {
		throw new SetupNeededError(
			'Enter your Etsy shop id on the Settings sheet ("Etsy shop id"), or in Hubsheet > Settings.',
		);
	}
	return { table, overlapMinutes: settings.etsyOverlapMinutes, shopId: settings.etsyShopId };
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

export function runEtsyImport(deps: ImportDeps, mode: ImportMode): ImportSummary {
	const { workbook, feed, store, clock, log } = deps;
	const { table, overlapMinutes, shopId } = readTable(workbook);
	const shop = feed(shopId);
	const storedCursor = store.get(ETSY_CURSOR_KEY);
	const cursorBefore = storedCursor === null ? null : Number(storedCursor);
	const pulled =
		mode === "full"
			? shop.openOrders(clock.now().getTime() - RECHECK_SHIPPED_DAYS * 86_400_000)
			: shop.changedSince(cursorBefore, overlapMinutes);
	const { orders, failed } = pulled;

	const plan = planOrderUpsert({ rows: table.rows, orders, now: clock.now().getTime() });
	const timeZone = workbook.timeZone;
	const orderColumn = table.columns.order as number;
	if (plan.newRows.length > 0 || plan.updates.length > 0) {
		// Rows are found again by order id right before writing: the owner may have sorted meanwhile.
		const places = readPlaces(workbook, orderColumn);
		writeByKey(
			workbook,
			plan.updates.map((update) => ({
				orderId: update.orderId,
				key: update.key,
				value: toRaw(update.key, update.value, timeZone),
			})),
			orderColumn,
			places,
		);
		if (plan.newRows.length > 0) {
			workbook.appendRows(
				ORDERS_SHEET,
				// Columns as they are now (the owner may have inserted one); below every row read or seen.
				plan.newRows.map((row) => rowValues(places.columns, row.cells, timeZone)),
				Math.max(places.lastRow, table.lastRow),
			);
			writeByKey(
				workbook,
				plan.newRows.map((row) => ({
					orderId: row.orderId,
					key: "order",
					value: { text: row.orderId, url: row.orderUrl },
				})),
				orderColumn,
			);
		}
	}

	// The cursor moves only after the rows are written, and never past a page that failed.
	let cursorAfter = cursorBefore;
	if (mode === "incremental" && pulled.nextCursorMs !== null && pulled.nextCursorMs > (cursorBefore ?? 0)) {
		cursorAfter = pulled.nextCursorMs;
		store.set(ETSY_CURSOR_KEY, String(cursorAfter));
	}
	const summary: ImportSummary = {
		mode,
		received: orders.length,
		created: plan.newRows.map((row) => row.orderId),
		updated: plan.updatedOrders,
		unchanged: plan.unchangedOrders.length,
		failed,
		duplicates: plan.duplicateRows,
		pulled: orders,
		cursorBefore,
		cursorAfter,
	};
	if (pulled.reconnect !== undefined) summary.reconnect = pulled.reconnect;
	if (pulled.moreWaiting) summary.moreWaiting = true;
	if (pulled.stop !== undefined) summary.stop = pulled.stop;
	if (pulled.stopReason !== undefined) {
		summary.stoppedEarly = pulled.stopReason;
		log.warn(`Etsy import stopped early: ${pulled.stopReason}`);
	}
	return summary;
}
