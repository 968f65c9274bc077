import { describe, expect, it } from "vitest";
import { etsyOrderFeed } from "../../src/engine/etsy-feed.js";
import type { HttpRequest } from "../../src/ports.js";
import { T0 } from "../platforms/etsy/receipt-fixtures.js";
import { etsyWorld, SHOP_ID, seedReceipts } from "../platforms/etsy/sandbox-world.js";

const queryOf = (request: HttpRequest) => Object.fromEntries(new URL(request.url).searchParams);

/** The Etsy sandbox (in this process) with 250 unshipped orders created one second apart. */
function etsyWithOpenOrders() {
	const w = etsyWorld();
	seedReceipts(w.sandbox, 250, T0);
	return w;
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
