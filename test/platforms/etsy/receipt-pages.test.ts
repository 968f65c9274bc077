/**
 * Reading receipts page by page against the Etsy sandbox in this process: its own paging, filters,
 * sort order and daily-quota headers. Pages that fail, time or refusals are injected per request.
 */
import { describe, expect, it } from "vitest";
import { EtsySignInError } from "../../../src/platforms/etsy/errors.js";
import {
	DEFAULT_OVERLAP_SECONDS,
	pullChangedReceipts,
	pullUnshippedReceipts,
	type ReceiptPage,
} from "../../../src/platforms/etsy/receipt-pages.js";
import type { HttpRequest } from "../../../src/ports.js";
import type { Intercept } from "../harness/in-process-http.js";
import { json } from "../harness/stand-ins.js";
import { T0 } from "./receipt-fixtures.js";
import { type EtsyWorld, etsyWorld, RECEIPTS_PATH, SHOP_ID, seedReceipts } from "./sandbox-world.js";

const queryOf = (request: HttpRequest) => Object.fromEntries(new URL(request.url).searchParams);

/** A signed-in client over a shop of `n` orders changed one second apart from T0. */
function shop(n: number): EtsyWorld {
	const w = etsyWorld();
	seedReceipts(w.sandbox, n, T0);
	return w;
}

/** Answers reads of the page at `offset` with `answer` (each time, or `times`). */
function atOffset(offset: number, answer: () => ReturnType<typeof json> | undefined): Intercept {
	return (exchange) =>
		exchange.path === RECEIPTS_PATH && exchange.query.offset === String(offset) ? answer() : undefined;
}

/** Counts fetchAll batches by size. */
function batchesOf(w: EtsyWorld): number[] {
	const batches: number[] = [];
	const fetchAll = w.http.fetchAll.bind(w.http);
	w.http.fetchAll = (requests) => {
		batches.push(requests.length);
		return fetchAll(requests);
	};
	return batches;
}

const CURSOR_MS = (T0 - 1000) * 1000 + 999;

function collect() {
	const pages: ReceiptPage[] = [];
	return { pages, onPage: (page: ReceiptPage) => void pages.push(page) };
}

describe("pullChangedReceipts", () => {
	it("reads 250 receipts in 3 pages with Etsy's paging parameters", () => {
		const { api, http } = shop(250);
		const { pages, onPage } = collect();

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, overlapSeconds: 600, onPage });

		expect(http.requests.map(queryOf)).toEqual(
			[0, 100, 200].map((offset) => ({
				sort_on: "updated",
				sort_order: "asc",
				min_last_modified: String(T0 - 1000 - 600),
				limit: "100",
				offset: String(offset),
			})),
		);
		expect(http.requests[0]?.url).toMatch(new RegExp(`/v3/application/shops/${SHOP_ID}/receipts\\?`));
		expect(pages.map((page) => [page.pageNumber, page.offset, page.orders.length, page.count])).toEqual([
			[1, 0, 100, 250],
			[2, 100, 100, 250],
			[3, 200, 50, 250],
		]);
		expect(pages[2]?.orders[49]?.orderId).toBe("3000000249");
		expect(pages.map((page) => page.highWaterMarkMs)).toEqual([(T0 + 99) * 1000, (T0 + 199) * 1000, (T0 + 249) * 1000]);
		expect(outcome).toMatchObject({
			status: "complete",
			pagesRead: 3,
			receiptsRead: 250,
			nextOffset: 250,
			highWaterMarkMs: (T0 + 249) * 1000,
			failedOffset: null,
			error: null,
		});
		expect(outcome.summary).toBe("250 changed Etsy orders read in 3 pages; all caught up.");
	});

	it("starts at the cursor minus the default overlap, and reads everything on the first run", () => {
		const withCursor = shop(0);
		pullChangedReceipts(withCursor.api, { shopId: SHOP_ID, cursorMs: T0 * 1000, onPage: () => {} });
		expect(queryOf(withCursor.http.requests[0] as HttpRequest).min_last_modified).toBe(
			String(T0 - DEFAULT_OVERLAP_SECONDS),
		);

		const firstRun = shop(3);
		const { pages, onPage } = collect();
		const outcome = pullChangedReceipts(firstRun.api, { shopId: SHOP_ID, cursorMs: null, onPage });
		expect(queryOf(firstRun.http.requests[0] as HttpRequest).min_last_modified).toBeUndefined();
		expect(pages[0]?.orders).toHaveLength(3);
		expect(outcome.highWaterMarkMs).toBe((T0 + 2) * 1000);
	});

	it("never moves the high-water mark backwards, nor past what was read", () => {
		const { api } = shop(2);
		// Both orders changed before the cursor, inside the overlap that is read again.
		const later = (T0 + 300) * 1000;
		const { pages, onPage } = collect();
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: later, overlapSeconds: 600, onPage });
		expect(pages[0]?.orders).toHaveLength(2);
		expect(outcome.highWaterMarkMs).toBe(later);

		const empty = shop(0);
		const none = pullChangedReceipts(empty.api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage: () => {} });
		expect(none).toMatchObject({ status: "complete", pagesRead: 1, receiptsRead: 0, highWaterMarkMs: CURSOR_MS });
	});

	it("stops early, saying so, when Etsy's daily quota runs low", () => {
		// The sandbox counts Etsy's 10,000 a day (NOTES.md): 53 are left before the first page.
		const { api, http, sandbox } = shop(250);
		sandbox.limiter.consume(10_000 - 53);
		const { pages, onPage } = collect();
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage });
		// 52 and 51 left after pages 1 and 2; 50 is not below the threshold of 50, 49 is.
		expect(http.requests).toHaveLength(3);
		expect(pages).toHaveLength(3);
		expect(outcome.status).toBe("complete");

		const second = shop(250);
		second.sandbox.limiter.consume(10_000 - 51);
		const collected = collect();
		const stopped = pullChangedReceipts(second.api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage: collected.onPage });
		expect(collected.pages).toHaveLength(2);
		expect(stopped).toMatchObject({ status: "quota-low", pagesRead: 2, nextOffset: 200, remainingToday: 49 });
		expect(stopped.summary).toBe(
			"200 changed Etsy orders read in 2 pages; stopped early because Etsy's daily request quota is nearly spent (49 left). The rest follows in a later sync.",
		);
	});

	it("delivers the pages before a failing page and reports the offset that failed", () => {
		const { api, clock, http } = shop(250);
		http.intercept(atOffset(200, () => json(503, { error: "Service Unavailable" })));
		const { pages, onPage } = collect();
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage });

		expect(pages.map((page) => page.offset)).toEqual([0, 100]);
		expect(outcome.status).toBe("failed");
		expect(outcome.failedOffset).toBe(200);
		expect(outcome.nextOffset).toBe(200);
		expect(outcome.highWaterMarkMs).toBe((T0 + 199) * 1000);
		expect(outcome.error).toMatchObject({ kind: "unavailable", options: { status: 503 } });
		expect(outcome.summary).toBe(
			"200 changed Etsy orders read in 2 pages; then the page at offset 200 failed: Etsy getShopReceipts failed with HTTP 503 after 3 attempts: Service Unavailable",
		);
		// Pages 2 and 3 went together: the batch waits once, then the failing page is retried alone.
		expect(clock.sleeps).toEqual([1000, 1000, 2000]);
	});

	it("reads the pages after the first together, never more than Etsy's 10 per second, in offset order", () => {
		const w = shop(2_450);
		const sentAt: Array<{ offset: number; at: number }> = [];
		w.http.intercept((exchange) => {
			sentAt.push({ offset: Number(exchange.query.offset), at: w.clock.nowMs });
			return undefined;
		});
		const batches = batchesOf(w);
		const { api } = w;
		const { pages, onPage } = collect();

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: null, onPage });

		expect(outcome).toMatchObject({ status: "complete", pagesRead: 25, receiptsRead: 2_450, nextOffset: 2_450 });
		expect(batches).toEqual([10, 10, 4]);
		expect(sentAt.map((sent) => sent.offset)).toEqual(Array.from({ length: 25 }, (_, i) => i * 100));
		expect(pages.map((page) => page.offset)).toEqual(sentAt.map((sent) => sent.offset));
		expect(new Set(pages.flatMap((page) => page.orders.map((order) => order.orderId))).size).toBe(2_450);
		for (const sent of sentAt) {
			expect(sentAt.filter((other) => other.at > sent.at - 1000 && other.at <= sent.at).length).toBeLessThanOrEqual(10);
		}
		expect(outcome.highWaterMarkMs).toBe((T0 + 2_449) * 1000);
	});

	it("sends a single page after a batch only once Etsy's rolling second has room for it", () => {
		// 1,200 receipts: the first page alone, a batch of ten, then the twelfth page alone.
		const w = shop(1_200);
		const sentAt: number[] = [];
		w.http.intercept(() => {
			sentAt.push(w.clock.nowMs);
			return undefined;
		});
		const batches = batchesOf(w);
		const { api } = w;

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: null, onPage: () => {} });

		expect(outcome).toMatchObject({ status: "complete", pagesRead: 12, receiptsRead: 1_200 });
		expect(batches).toEqual([10]);
		expect(sentAt).toHaveLength(12);
		for (const at of sentAt) {
			expect(sentAt.filter((other) => other > at - 1000 && other <= at).length).toBeLessThanOrEqual(10);
		}
	});

	it("asks for fewer pages at once when requests are slow, so one batch cannot outlast the run's margin", () => {
		const w = shop(2_000);
		// Each request takes Etsy 5 s to answer.
		w.http.intercept(() => {
			w.clock.advance(5_000);
			return undefined;
		});
		const batches = batchesOf(w);
		const { api } = w;

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: null, onPage: () => {} });

		expect(outcome).toMatchObject({ status: "complete", pagesRead: 20, receiptsRead: 2_000 });
		// 5 s a request: six of them one after another stay within 30 s.
		expect(batches).toEqual([6, 6, 6]);
	});

	it("hands over nothing after a page of a batch that failed, and nothing twice", () => {
		const { api, http } = shop(1_000);
		http.intercept(atOffset(400, () => json(400, { error: "offset refused" })));
		const { pages, onPage } = collect();

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage });

		// Pages at 500..900 came back in the same batch, but the cursor may only pass what is contiguous.
		expect(pages.map((page) => page.offset)).toEqual([0, 100, 200, 300]);
		expect(outcome).toMatchObject({ status: "failed", failedOffset: 400, nextOffset: 400, receiptsRead: 400 });
		expect(outcome.highWaterMarkMs).toBe((T0 + 399) * 1000);
	});

	it("renews a refused token once for a batch and reads every page", () => {
		const w = shop(300);
		const { api, http } = w;
		const first = w.accessToken();
		let refused = 0;
		// Etsy refuses the first token once the first page is read (it expired early).
		http.intercept((exchange) => {
			if (exchange.request.headers?.authorization !== `Bearer ${first}` || exchange.query.offset === "0")
				return undefined;
			refused++;
			return json(401, { error: "invalid_token" });
		});
		const { pages, onPage } = collect();

		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: null, onPage });

		expect(outcome.status).toBe("complete");
		expect(pages.map((page) => page.offset)).toEqual([0, 100, 200]);
		expect(refused).toBe(3);
		expect(http.sent("POST", "/v3/public/oauth/token")).toHaveLength(1);
	});

	it("reports a revoked connection as a failure the caller can recognise", () => {
		const { api, sandbox, clock } = shop(1);
		// The owner changed the Etsy password (NOTES.md: all tokens end); the access token is due.
		sandbox.state.revokeAll();
		clock.advance(3_600_000);
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage: () => {} });
		expect(outcome).toMatchObject({ status: "failed", pagesRead: 0, failedOffset: 0 });
		expect(outcome.error).toBeInstanceOf(EtsySignInError);
		expect(outcome.error).toMatchObject({ reconnect: true });
	});

	it("retries a 429 page after retry-after and carries on", () => {
		const { api, clock, http } = shop(150);
		let limited = false;
		http.intercept(
			atOffset(100, () => {
				if (limited) return undefined;
				limited = true;
				return json(429, { error: "Too many requests" }, { "retry-after": "3" });
			}),
		);
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage: () => {} });
		expect(outcome).toMatchObject({ status: "complete", receiptsRead: 150 });
		expect(clock.sleeps).toEqual([3000]);
	});

	it("stops after a page when the handler asks", () => {
		const { api, http } = shop(250);
		const outcome = pullChangedReceipts(api, {
			shopId: SHOP_ID,
			cursorMs: CURSOR_MS,
			onPage: (page) => (page.pageNumber === 1 ? "stop" : undefined),
		});
		expect(outcome).toMatchObject({ status: "stopped", pagesRead: 1, nextOffset: 100 });
		expect(http.requests).toHaveLength(1);
	});

	it("stops at the page limit", () => {
		const { api } = shop(250);
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, maxPages: 2, onPage: () => {} });
		expect(outcome).toMatchObject({ status: "page-limit", pagesRead: 2, highWaterMarkMs: (T0 + 199) * 1000 });
	});

	it("stops when Etsy's count is reached even if the page is full", () => {
		const { api, http } = shop(200);
		pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage: () => {} });
		expect(http.requests).toHaveLength(2);
	});

	it("passes odd receipts on in the page and keeps going", () => {
		const { api, sandbox } = shop(120);
		sandbox.state.patch(3_000_000_105, { grandtotal: null } as never, sandbox.now(), false);
		const { pages, onPage } = collect();
		const outcome = pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage });
		expect(outcome).toMatchObject({ status: "complete", receiptsRead: 120 });
		expect(pages[1]?.orders).toHaveLength(19);
		expect(pages[1]?.invalid).toEqual([
			{
				index: 5,
				receiptId: "3000000105",
				message: "Etsy getShopReceipts: results[5].grandtotal: expected object, received null",
			},
		]);
	});

	it("lets the handler's own failure through, after the pages it already wrote", () => {
		const { api } = shop(250);
		const seen: number[] = [];
		expect(() =>
			pullChangedReceipts(api, {
				shopId: SHOP_ID,
				cursorMs: CURSOR_MS,
				onPage: (page) => {
					if (page.pageNumber === 2) throw new Error("sheet is protected");
					seen.push(page.offset);
				},
			}),
		).toThrow("sheet is protected");
		expect(seen).toEqual([0]);
	});

	it("maps each receipt to an order on the page", () => {
		const { api, sandbox } = shop(1);
		sandbox.state.cancel(3_000_000_000, T0 + 10);
		const { pages, onPage } = collect();
		pullChangedReceipts(api, { shopId: SHOP_ID, cursorMs: CURSOR_MS, onPage });
		expect(pages[0]?.orders[0]).toMatchObject({ orderId: "3000000000", etsyStatus: "Cancelled" });
		expect(pages[0]?.receipts[0]?.receipt_id).toBe(3000000000);
	});
});

describe("pullUnshippedReceipts", () => {
	it("pages through receipts not yet shipped, oldest first, optionally paid only", () => {
		const { api, http } = shop(130);
		const { pages, onPage } = collect();
		const outcome = pullUnshippedReceipts(api, { shopId: SHOP_ID, paidOnly: true, onPage });
		expect(http.requests.map(queryOf)).toEqual([
			{ was_shipped: "false", sort_on: "created", sort_order: "asc", was_paid: "true", limit: "100", offset: "0" },
			{ was_shipped: "false", sort_on: "created", sort_order: "asc", was_paid: "true", limit: "100", offset: "100" },
		]);
		expect(pages.map((page) => page.orders.length)).toEqual([100, 30]);
		expect(outcome.summary).toBe("130 unshipped Etsy orders read in 2 pages; all caught up.");

		const all = shop(0);
		pullUnshippedReceipts(all.api, { shopId: SHOP_ID, onPage: () => {} });
		expect(queryOf(all.http.requests[0] as HttpRequest).was_paid).toBeUndefined();
	});
});
