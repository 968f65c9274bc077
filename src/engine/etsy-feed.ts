/** The engine's view of Etsy: each pull collected page by page into one result. */

import type { EtsyId } from "../platforms/etsy/client.js";
import { needsReconnect } from "../platforms/etsy/errors.js";
import {
	type PullOutcome,
	pullChangedReceipts,
	pullRecentlyShippedReceipts,
	pullUnshippedReceipts,
	type ReceiptPage,
	type ReceiptSource,
} from "../platforms/etsy/receipt-pages.js";
import type { EtsyOrderFeed, FeedResult, FullPassPlace } from "./etsy-import.js";

function collect(
	pull: (onPage: (page: ReceiptPage) => "stop" | undefined) => PullOutcome,
	advancesCursor: boolean,
	shouldStop: () => boolean,
): FeedResult {
	const result: FeedResult = { orders: [], failed: [], nextCursorMs: null };
	const outcome = pull((page) => {
		result.orders.push(...page.orders);
		for (const invalid of page.invalid) {
			result.failed.push({
				orderId: invalid.receiptId ?? `page ${page.pageNumber}, #${invalid.index + 1}`,
				reason: invalid.message,
			});
		}
		// Near the time budget: stop between pages; the pages read are whole, and a later run goes on.
		return shouldStop() ? "stop" : undefined;
	});
	if (outcome.status !== "complete") {
		result.stopReason = outcome.summary;
		result.stop = {
			kind: outcome.error?.kind === "rate-limit" ? "rate-limited" : outcome.status,
			read: outcome.receiptsRead,
		};
		if (outcome.error) result.stop.said = outcome.error.message;
	}
	if (advancesCursor && outcome.status === "page-limit") result.moreWaiting = true;
	// Every page before a stop was read whole, so the cursor may move to them; after a failure it
	// stays, and the next run reads the same changes again (harmless: rows are keyed by order id).
	if (advancesCursor && outcome.status !== "failed") result.nextCursorMs = outcome.highWaterMarkMs;
	if (needsReconnect(outcome.error)) result.reconnect = outcome.error.message;
	return result;
}

export function etsyOrderFeed(
	source: ReceiptSource,
	shopId: EtsyId,
	shouldStop: () => boolean = () => false,
): EtsyOrderFeed {
	return {
		changedSince: (cursorMs, overlapMinutes) =>
			collect(
				(onPage) => pullChangedReceipts(source, { shopId, cursorMs, overlapSeconds: overlapMinutes * 60, onPage }),
				true,
				shouldStop,
			),
		openOrders: (shippedSinceMs, from) => {
			let open: FeedResult | null = null;
			if (from?.part !== "shipped") {
				const createdSinceMs = from?.createdFromMs;
				open = collect(
					(onPage) =>
						pullUnshippedReceipts(source, {
							shopId,
							onPage,
							...(createdSinceMs !== undefined ? { createdSinceMs } : {}),
						}),
					false,
					shouldStop,
				);
				if (open.stopReason !== undefined || open.reconnect !== undefined || shouldStop()) {
					return { ...open, ...passGoesOn(open, "open", from?.createdFromMs ?? null) };
				}
			}
			const shippedFrom = from?.part === "shipped" ? Math.max(shippedSinceMs, from.createdFromMs) : shippedSinceMs;
			const shipped = collect(
				(onPage) => pullRecentlyShippedReceipts(source, { shopId, createdSinceMs: shippedFrom, onPage }),
				false,
				shouldStop,
			);
			const merged = open ? mergeFeeds(open, shipped) : shipped;
			if (shipped.stopReason === undefined && shipped.reconnect === undefined) return { ...merged, passPlace: null };
			return { ...merged, ...passGoesOn(shipped, "shipped", shippedFrom) };
		},
	};
}

/**
 * Where a pass that stopped goes on: after the newest creation time it read, by time rather than by
 * offset (an order shipped meanwhile leaves the unshipped list and would shift an offset past others).
 * Stopped at its page limit or the run's time, a continuation goes on at once; otherwise (Etsy's
 * quota, a failure) the next pass does.
 */
function passGoesOn(
	result: FeedResult,
	part: FullPassPlace["part"],
	fromMs: number | null,
): Pick<FeedResult, "passPlace" | "moreWaiting"> {
	let newest = fromMs ?? 0;
	for (const order of result.orders) newest = Math.max(newest, order.orderedAt);
	// More than a page created in one second would read the same page again: step past it.
	if (fromMs !== null && newest <= fromMs) newest = fromMs + 1000;
	const more = result.stop?.kind === "page-limit" || result.stop?.kind === "stopped";
	return { passPlace: { part, createdFromMs: newest }, ...(more ? { moreWaiting: true } : {}) };
}

/** Both pulls as one; an order shipped between them is listed once, as the later pull saw it. */
function mergeFeeds(first: FeedResult, second: FeedResult): FeedResult {
	const byId = new Map(first.orders.map((order) => [order.orderId, order]));
	for (const order of second.orders) byId.set(order.orderId, order);
	const merged: FeedResult = {
		orders: [...byId.values()],
		failed: [...first.failed, ...second.failed],
		nextCursorMs: null,
	};
	const stopReason = second.stopReason ?? first.stopReason;
	if (stopReason !== undefined) merged.stopReason = stopReason;
	const stop = second.stop ?? first.stop;
	if (stop !== undefined) merged.stop = stop;
	if (second.reconnect !== undefined) merged.reconnect = second.reconnect;
	return merged;
}
