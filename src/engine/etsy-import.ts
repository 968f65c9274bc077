/**
 * One Etsy import: read the sheet once, pull the orders Etsy changed since the cursor (or every
 * open order, in the full pass), plan, write in a constant number of batched calls, and only then
 * advance the cursor. A failure part-way keeps what was read and leaves the cursor where it was,
 * so the next run reads those orders again and the upsert by order id makes that harmless.
 */

import type { EtsyOrder } from "../core/order.js";
import { planOrderUpsert } from "../core/order-upsert.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { STATE_SHEET } from "../core/sheet-names.js";
import { readSettings } from "../platforms/catalog.js";
import type { Clock, Log, Store } from "../ports.js";
import { missingRequiredMessage } from "../sheet/orders-setup.js";
import { ORDERS_SHEET, type OrdersTable, readOrdersTable } from "../sheet/orders-table.js";
import type { RawCell, Workbook } from "../sheet/workbook.js";
import { writeUpsertPlan } from "./import-writes.js";

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
	/** The full pass only: where the next run goes on, or null once the pass read everything. */
	passPlace?: FullPassPlace | null;
}

/** Where a nightly pass that stopped goes on: which pull, from which creation time (epoch ms). */
export interface FullPassPlace {
	part: "open" | "shipped";
	createdFromMs: number;
}

/** The engine store's key of the full pass underway (absent when the last one finished). */
export const FULL_PASS_KEY = "hubsheet.etsy.fullPass";

/** Where the full pass underway stopped, or null when none is underway. */
function fullPassPlace(store: Store): FullPassPlace | null {
	try {
		const place = JSON.parse(store.get(FULL_PASS_KEY) ?? "null") as FullPassPlace | null;
		return place && (place.part === "open" || place.part === "shipped") && Number.isFinite(place.createdFromMs)
			? place
			: null;
	} catch {
		return null;
	}
}

/** What a continuation runs: a full pass that stopped at its page limit or time goes on first. */
export function continuationMode(store: Store): ImportMode {
	return fullPassPlace(store) ? "full" : "incremental";
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
	/**
	 * Every order not yet shipped, and those shipped that were created since the date, for the full
	 * pass; from `from` on when an earlier pass stopped there.
	 */
	openOrders(shippedSinceMs: number, from?: FullPassPlace | null): FeedResult;
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
	/** Orders, Settings and the state sheet as the import read them, when it wrote no row. */
	sheetsRead?: Record<string, RawCell[][] | null>;
	/** Why the import stopped before reading everything, if it did. */
	stoppedEarly?: string;
	stop?: EtsyStop;
	/** Etsy has more changes than one run reads (page limit): a continuation goes on from the cursor. */
	moreWaiting?: boolean;
	/** Set when the owner must reconnect Etsy (Hubsheet > Settings). */
	reconnect?: string;
	/** The shop and overlap the Settings sheet gave (kept for the quiet check of later runs). */
	shopId?: string;
	overlapMinutes?: number;
	/** Orders written with a text cut to fit its cell (core/cell-fit.ts), and the columns' headers. */
	cut: Array<{ orderId: string; columns: string[] }>;
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

function readTable(workbook: Workbook): {
	table: OrdersTable;
	overlapMinutes: number;
	shopId: string;
	sheets: Record<string, RawCell[][] | null>;
} {
	// The platform phase needs these three too: one read for both when the import writes no row.
	const sheets = workbook.readSheets([ORDERS_SHEET, SETTINGS_SHEET, STATE_SHEET]);
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
	return { table, overlapMinutes: settings.etsyOverlapMinutes, shopId: settings.etsyShopId, sheets };
}

export function runEtsyImport(deps: ImportDeps, mode: ImportMode): ImportSummary {
	const { workbook, feed, store, clock, log } = deps;
	const { table, overlapMinutes, shopId, sheets } = readTable(workbook);
	const shop = feed(shopId);
	const storedCursor = store.get(ETSY_CURSOR_KEY);
	const cursorBefore = storedCursor === null ? null : Number(storedCursor);
	// A pass over more orders than one run reads goes on where the last run stopped, night after night.
	const pulled =
		mode === "full"
			? shop.openOrders(clock.now().getTime() - RECHECK_SHIPPED_DAYS * 86_400_000, fullPassPlace(store))
			: shop.changedSince(cursorBefore, overlapMinutes);
	const { orders, failed } = pulled;

	const plan = planOrderUpsert({ rows: table.rows, orders, now: clock.now().getTime() });
	const { unwritten, cut } = writeUpsertPlan(workbook, table, plan, log);
	const notWritten = [...unwritten].map(([orderId, reason]) => ({
		orderId,
		reason: `Google Sheets refused to write this order (${reason}); the other orders were written, and the next sync tries it again.`,
	}));

	// Where the pass goes on, saved only once its rows are written (null: it read everything).
	if (mode === "full" && pulled.passPlace !== undefined) {
		if (pulled.passPlace === null) store.delete(FULL_PASS_KEY);
		else store.set(FULL_PASS_KEY, JSON.stringify(pulled.passPlace));
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
		created: plan.newRows.map((row) => row.orderId).filter((orderId) => !unwritten.has(orderId)),
		updated: plan.updatedOrders.filter((orderId) => !unwritten.has(orderId)),
		unchanged: plan.unchangedOrders.length,
		failed: [...failed, ...notWritten],
		cut,
		duplicates: plan.duplicateRows,
		pulled: orders,
		cursorBefore,
		cursorAfter,
		shopId,
		overlapMinutes,
	};
	// Nothing written to Orders: the sheets as read are the sheets as they are (the platform phase
	// reads them again otherwise, new rows and all).
	if (plan.newRows.length === 0 && plan.updates.length === 0) summary.sheetsRead = sheets;
	if (pulled.reconnect !== undefined) summary.reconnect = pulled.reconnect;
	if (pulled.moreWaiting) summary.moreWaiting = true;
	if (pulled.stop !== undefined) summary.stop = pulled.stop;
	if (pulled.stopReason !== undefined) {
		summary.stoppedEarly = pulled.stopReason;
		log.warn(`Etsy import stopped early: ${pulled.stopReason}`);
	}
	return summary;
}
