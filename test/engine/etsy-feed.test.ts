import { describe, expect, it } from "vitest";
import { etsyOrderFeed } from "../../src/engine/etsy-feed.js";
import type { HttpRequest } from "../../src/ports.js";
import { queryOf } from "../platforms/etsy/fakes.js";
import { harness, SHOP_ID } from "../platforms/etsy/harness.js";
import { T0, wireReceipts } from "../platforms/etsy/receipt-fixtures.js";
import { json } from "../platforms/harness/stand-ins.js";

/** 250 unshipped receipts created one second apart; Etsy's filters as the nightly pass uses them. */
function etsyWithOpenOrders() {
	const open = wireReceipts(250).map((receipt, index) => ({
		...receipt,
		create_timestamp: T0 + index,
		created_timestamp: T0 + index,
	}));
	return harness((request: HttpRequest) => {
		const query = new URL(request.url).searchParams;
		const minCreated = Number(query.get("min_created") ?? 0);
		const matching = query.get("was_shipped") === "true" ? [] : open.filter((r) => r.created_timestamp >= minCreated);
		const offset = Number(query.get("offset") ?? 0);
		const limit = Number(query.get("limit") ?? 25);
		return json(200, { count: matching.length, results: matching.slice(offset, offset + limit) });
	});
}

describe("the nightly pass over open orders", () => {
	it("stops where the run's time ends and the next run goes on from the newest creation time read", () => {
		const { api, http } = etsyWithOpenOrders();
		let pages = 0;
		const first = etsyOrderFeed(api, SHOP_ID, () => ++pages >= 2).openOrders(0, null);
		expect(first.orders).toHaveLength(200);
		expect(first.moreWaiting).toBe(true);
		expect(first.passPlace).toEqual({ part: "open", createdFromMs: (T0 + 199) * 1000 });

		http.requests.length = 0;
		const next = etsyOrderFeed(api, SHOP_ID).openOrders(0, first.passPlace);
		expect(queryOf(http.requests[0] as HttpRequest)).toMatchObject({
			was_shipped: "false",
			min_created: String(T0 + 199),
			offset: "0",
		});
		// From the last one read (read twice: harmless, rows are keyed by order id) to the newest.
		expect(next.orders.map((order) => order.orderId)).toEqual(
			Array.from({ length: 51 }, (_, i) => String(3_000_000_199 + i)),
		);
		// Then the recently shipped ones; with both read whole the pass is done.
		expect(next.passPlace).toBeNull();
		expect(next.moreWaiting).toBeUndefined();
	});

	it("starts from the oldest order when no pass is underway", () => {
		const { api, http } = etsyWithOpenOrders();
		const pass = etsyOrderFeed(api, SHOP_ID).openOrders(0);
		expect(pass.orders).toHaveLength(250);
		expect(pass.passPlace).toBeNull();
		expect(queryOf(http.requests[0] as HttpRequest).min_created).toBeUndefined();
	});
});
