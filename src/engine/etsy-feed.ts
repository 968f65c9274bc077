/** The engine's view of Etsy: each pull collected page by page into one result. */
import { EtsyReconnectRequired } from "../platforms/etsy/errors.js";
import type { EtsyId } from "../platforms/etsy/etsy-api.js";
import {
	type PullOutcome,
	pullChangedReceipts,
	pullUnshippedReceipts,
	type ReceiptPage,
	type ReceiptSource,
} from "../platforms/etsy/receipt-pages.js";
import type { EtsyOrderFeed, FeedResult } from "./etsy-import.js";

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
	if (outcome.status !== "complete") result.stopReason = outcome.summary;
	if (advancesCursor && outcome.status === "page-limit") result.moreWaiting = true;
	// Every page before a stop was read whole, so the cursor may move to them; after a failure it
	// stays, and the next run reads the same changes again (harmless: rows are keyed by order id).
	if (advancesCursor && outcome.status !== "failed") result.nextCursorMs = outcome.highWaterMarkMs;
	if (outcome.error instanceof EtsyReconnectRequired) result.reconnect = outcome.error.message;
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
		openOrders: () => collect((onPage) => pullUnshippedReceipts(source, { shopId, onPage }), false, shouldStop),
	};
}
