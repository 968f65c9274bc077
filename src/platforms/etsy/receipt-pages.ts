/**
 * Paging through receipts, handing each page to the caller in order. The first page is read alone;
 * once its count tells how many follow, the next ones are read together (fetchAll, as many as Etsy
 * allows per second: shop-receipts.ts) and still handed over one by one, in offset order. A page that
 * failed ends the pull there: the pages after it in the same batch are dropped, so nothing is handed
 * over twice or out of order. The caller writes the pages' rows and only then advances its cursor, so
 * a failure on page 3 costs nothing from pages 1 and 2, and the cursor never passes a receipt that
 * was not written.
 *
 * Two pulls:
 * - changed since the cursor (`sort_on=updated`, ascending, `min_last_modified` = cursor minus an
 *   overlap): every sync run. The overlap re-reads a few receipts so that one updated in the same
 *   second as the cursor, or indexed late by Etsy, is not missed; rows are keyed by order id, so
 *   reading a receipt twice is harmless.
 * - not yet shipped (`was_shipped=false`, by creation time): the nightly full pass, because
 *   `min_last_modified` is known to miss some changes (cancellations).
 *
 * Etsy pages by offset, so a receipt that changes during the pull moves to the end of the updated
 * order and may shift another one back past the offset read. That one still has an update time at
 * or after the high-water mark, so the next run (starting at the mark minus the overlap) reads it.
 */
import type { PlatformError } from "../../core/connector-contracts.js";
import type { EtsyOrder } from "../../core/order.js";
import type { EtsyApi, EtsyId } from "./client.js";
import { DEFAULT_MIN_REMAINING_TODAY } from "./rate-limit.js";
import { receiptToOrder } from "./receipt-mapping.js";
import { ETSY_REQUESTS_PER_SECOND } from "./request-pacing.js";
import type { EtsyReceipt } from "./schemas.js";
import { type InvalidReceipt, type PageReader, readPages, type ShopReceiptsQuery } from "./shop-receipts.js";

/** Etsy's maximum page size. */
export const RECEIPT_PAGE_SIZE = 100;
/** Re-read receipts changed up to this long before the cursor. */
export const DEFAULT_OVERLAP_SECONDS = 15 * 60;
/** Enough for 5,000 receipts in one run; a first import of a larger shop continues next run. */
export const DEFAULT_MAX_PAGES = 50;
/** Etsy refuses `min_last_modified` before 2000-01-01. */
const EARLIEST_TIMESTAMP = 946_684_800;

/** What paging needs from the API: pages (the ones after the first together when it can) and the quota. */
export type ReceiptSource = PageReader & Pick<EtsyApi, "isQuotaLow" | "quota">;

export interface ReceiptPage {
	/** 1 for the first page of this pull. */
	pageNumber: number;
	/** The offset this page was read from. */
	offset: number;
	receipts: EtsyReceipt[];
	/** `receipts` mapped, in the same order. */
	orders: EtsyOrder[];
	/** Receipts on this page that did not match the schema; each message names the field. */
	invalid: InvalidReceipt[];
	/** Etsy's count of matching receipts when this page was read. */
	count: number;
	/**
	 * Epoch ms: the latest `updated_timestamp` of the valid receipts on this and earlier pages, or the
	 * starting cursor when none was later. For the changed-since pull, the cursor to save once this
	 * page is written. Meaningless for the unshipped pass, which is ordered by creation time.
	 */
	highWaterMarkMs: number | null;
}

/** Return "stop" to end the pull after this page (the run's time budget is nearly spent, say). */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing must type-check; `undefined` would refuse it.
export type PageHandler = (page: ReceiptPage) => void | "stop";

export type PullStatus =
	/** Every matching receipt was read. */
	| "complete"
	/** Stopped before the next page because Etsy's daily quota is nearly spent. */
	| "quota-low"
	/** The page handler asked to stop. */
	| "stopped"
	/** `maxPages` pages were read; the rest waits for the next run. */
	| "page-limit"
	/** A page could not be read; `error` says why, `failedOffset` where. */
	| "failed";

export interface PullOutcome {
	status: PullStatus;
	pagesRead: number;
	/** Receipts delivered to the handler, valid or not. */
	receiptsRead: number;
	/** Where the next page would have started. */
	nextOffset: number;
	/** As on the last page delivered (or the starting cursor when none was). */
	highWaterMarkMs: number | null;
	/** Etsy's daily quota left after the last answer, when Etsy said. */
	remainingToday: number | null;
	/** Only for "failed": the offset of the page that failed. */
	failedOffset: number | null;
	/** Only for "failed". An EtsySignInError with `reconnect` means the owner must reconnect Etsy. */
	error: PlatformError | null;
	/** One plain-language sentence for the audit log and the sidebar. */
	summary: string;
}

export interface ChangedReceiptsOptions {
	shopId: EtsyId;
	/** Epoch ms of the latest receipt update already written, or null on the very first run (reads everything). */
	cursorMs: number | null;
	overlapSeconds?: number;
	maxPages?: number;
	onPage: PageHandler;
}

/** Receipts changed since the cursor, oldest change first. */
export function pullChangedReceipts(source: ReceiptSource, options: ChangedReceiptsOptions): PullOutcome {
	const overlap = options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
	const query: ShopReceiptsQuery = { sort_on: "updated", sort_order: "asc" };
	if (options.cursorMs !== null) {
		query.min_last_modified = Math.max(EARLIEST_TIMESTAMP, Math.floor(options.cursorMs / 1000) - overlap);
	}
	return pullPages(source, {
		shopId: options.shopId,
		query,
		startMarkMs: options.cursorMs,
		maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
		onPage: options.onPage,
		what: "changed Etsy orders",
	});
}

export interface UnshippedReceiptsOptions {
	shopId: EtsyId;
	/** Epoch ms: only receipts created since then (where a pass that stopped goes on). */
	createdSinceMs?: number;
	/** Only receipts Etsy has been paid for (`was_paid=true`). */
	paidOnly?: boolean;
	maxPages?: number;
	onPage: PageHandler;
}

/**
 * Every receipt not yet shipped, oldest first (including cancelled ones, which is the point). Not
 * being listed here proves nothing about a receipt: one shipped during the pass shifts the offsets.
 */
export function pullUnshippedReceipts(source: ReceiptSource, options: UnshippedReceiptsOptions): PullOutcome {
	const filter: ShopReceiptsQuery = options.paidOnly ? { was_shipped: false, was_paid: true } : { was_shipped: false };
	if (options.createdSinceMs !== undefined) {
		filter.min_created = Math.max(EARLIEST_TIMESTAMP, Math.floor(options.createdSinceMs / 1000));
	}
	return pullOldestFirst(source, options, filter, "unshipped Etsy orders");
}

export interface RecentlyShippedReceiptsOptions {
	shopId: EtsyId;
	/** Epoch ms: receipts created since then. */
	createdSinceMs: number;
	maxPages?: number;
	onPage: PageHandler;
}

/**
 * Shipped receipts created since a date, oldest first. Etsy does not bump `updated_timestamp` for a
 * refund (NOTES.md, Incremental import), so a refund or cancellation after shipping is seen only by
 * reading such receipts again.
 */
export function pullRecentlyShippedReceipts(
	source: ReceiptSource,
	options: RecentlyShippedReceiptsOptions,
): PullOutcome {
	const min_created = Math.max(EARLIEST_TIMESTAMP, Math.floor(options.createdSinceMs / 1000));
	return pullOldestFirst(source, options, { was_shipped: true, min_created }, "recently shipped Etsy orders");
}

/** Receipts matching `filter`, oldest created first, from the first page (no cursor). */
function pullOldestFirst(
	source: ReceiptSource,
	options: { shopId: EtsyId; maxPages?: number; onPage: PageHandler },
	filter: ShopReceiptsQuery,
	what: string,
): PullOutcome {
	return pullPages(source, {
		shopId: options.shopId,
		query: { ...filter, sort_on: "created", sort_order: "asc" },
		startMarkMs: null,
		maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
		onPage: options.onPage,
		what,
	});
}

interface PullSpec {
	shopId: EtsyId;
	query: ShopReceiptsQuery;
	startMarkMs: number | null;
	maxPages: number;
	onPage: PageHandler;
	/** For the summary: "changed Etsy orders". */
	what: string;
}

function pullPages(source: ReceiptSource, spec: PullSpec): PullOutcome {
	let offset = 0;
	let pagesRead = 0;
	let receiptsRead = 0;
	let mark = spec.startMarkMs;
	/** Etsy's count on the last page read. */
	let count = 0;

	const finish = (status: PullStatus, error: PlatformError | null = null): PullOutcome => {
		const remainingToday = source.quota?.remainingToday ?? null;
		return {
			status,
			pagesRead,
			receiptsRead,
			nextOffset: offset,
			highWaterMarkMs: mark,
			remainingToday,
			failedOffset: status === "failed" ? offset : null,
			error,
			summary: summarise(spec.what, status, pagesRead, receiptsRead, offset, remainingToday, error),
		};
	};

	for (;;) {
		// Checked before every page, including the first: the quota is shared with everything else the run does.
		if (source.isQuotaLow()) return finish("quota-low");
		if (pagesRead >= spec.maxPages) return finish("page-limit");

		const offsets = nextOffsets(source, offset, pagesRead === 0 ? null : count, spec.maxPages - pagesRead);
		const queries = offsets.map((at) => ({ ...spec.query, limit: RECEIPT_PAGE_SIZE, offset: at }));
		for (const answer of readPages(source, spec.shopId, queries)) {
			// Each page after the first starts where the one before it ended (full pages of 100).
			if (!answer.ok) return finish("failed", answer.error);
			const page = answer.page;
			const orders = page.receipts.map(receiptToOrder);
			for (const order of orders) {
				if (mark === null || order.updatedAt > mark) mark = order.updatedAt;
			}
			pagesRead++;
			receiptsRead += page.received;
			count = page.count;
			const delivered: ReceiptPage = {
				pageNumber: pagesRead,
				offset,
				receipts: page.receipts,
				orders,
				invalid: page.invalid,
				count: page.count,
				highWaterMarkMs: mark,
			};
			offset += page.received;
			// Errors thrown by the handler (the sheet could not be written) are the caller's to handle.
			const handled = spec.onPage(delivered);

			const lastPage = page.received < RECEIPT_PAGE_SIZE || offset >= page.count;
			if (lastPage) return finish("complete");
			if (handled === "stop") return finish("stopped");
		}
	}
}

/**
 * The offsets to read next: one page while the count is unknown (the first page) or when the source
 * reads one at a time; otherwise every page the count says is left, up to Etsy's per-second limit
 * (fewer when requests are slow enough that a batch could outlast the run's margin: request-pacing.ts),
 * the pages this pull may still read, and what today's quota leaves above its reserve.
 */
function nextOffsets(source: ReceiptSource, offset: number, count: number | null, pagesAllowed: number): number[] {
	if (count === null || !source.getShopReceiptsPages) return [offset];
	const left = Math.ceil((count - offset) / RECEIPT_PAGE_SIZE);
	const remainingToday = source.quota?.remainingToday;
	const todayRoom = typeof remainingToday === "number" ? remainingToday - DEFAULT_MIN_REMAINING_TODAY : Infinity;
	const perBatch = source.pagesPerBatch?.() ?? ETSY_REQUESTS_PER_SECOND;
	const pages = Math.max(1, Math.min(left, perBatch, pagesAllowed, todayRoom));
	return Array.from({ length: pages }, (_, i) => offset + i * RECEIPT_PAGE_SIZE);
}

function summarise(
	what: string,
	status: PullStatus,
	pages: number,
	receipts: number,
	offset: number,
	remainingToday: number | null,
	error: PlatformError | null,
): string {
	const read = `${receipts} ${what} read in ${pages} page${pages === 1 ? "" : "s"}`;
	switch (status) {
		case "complete":
			return `${read}; all caught up.`;
		case "quota-low":
			return `${read}; stopped early because Etsy's daily request quota is nearly spent (${remainingToday ?? "few"} left). The rest follows in a later sync.`;
		case "stopped":
			return `${read}; stopped early, the rest follows in the next sync.`;
		case "page-limit":
			return `${read}; the rest follows in the next sync.`;
		case "failed": {
			const hint = error?.kind === "rate-limit" ? " The rest follows in a later sync." : "";
			return `${read}; then the page at offset ${offset} failed: ${error?.message ?? "unknown error"}${hint}`;
		}
	}
}
