import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { lookUpUnseenOrders, MAX_LOOKUPS_PER_RUN, RECHECK_AFTER_MS } from "../../src/engine/unknown-orders.js";
import { sampleOrder } from "../core/sample-order.js";

const log = { info: () => {}, warn: () => {}, error: () => {} };
const NOW = 1_800_000_000_000;

describe("lookUpUnseenOrders", () => {
	it("looks up a row Etsy never described once: 404 is remembered as missing, a found order as Etsy's", () => {
		const asked: string[] = [];
		const etsy = {
			order: (orderId: string) => {
				asked.push(orderId);
				return orderId === "3100000001" ? sampleOrder({ orderId }) : null;
			},
		};
		const books = new Map<string, Bookkeeping>([["3100000009", { etsy: sampleOrder({ orderId: "3100000009" }) }]]);
		const result = lookUpUnseenOrders(["3100000001", "3199999999", "3100000009", "ABC-1"], books, etsy, NOW, log);
		// The known order is not asked for; a number that cannot be an Etsy receipt is not sent.
		expect(asked).toEqual(["3100000001", "3199999999"]);
		expect(books.get("3100000001")?.etsy?.orderId).toBe("3100000001");
		expect(books.get("3199999999")?.etsyMissing).toEqual({ at: NOW });
		expect(books.get("ABC-1")?.etsyMissing).toEqual({ at: NOW });
		expect(result.touched.sort()).toEqual(["3100000001", "3199999999", "ABC-1"].sort());
		// The next run asks nothing; a day later the missing one is asked once more.
		asked.length = 0;
		lookUpUnseenOrders(["3100000001", "3199999999"], books, etsy, NOW + 60_000, log);
		expect(asked).toEqual([]);
		lookUpUnseenOrders(["3100000001", "3199999999"], books, etsy, NOW + RECHECK_AFTER_MS, log);
		expect(asked).toEqual(["3199999999"]);
	});

	it("concludes nothing when the look-up fails, and asks at most a bounded number per run", () => {
		const books = new Map<string, Bookkeeping>();
		const failing = {
			order: () => {
				throw new Error("Etsy answered 503");
			},
		};
		const ids = Array.from({ length: MAX_LOOKUPS_PER_RUN + 5 }, (_, index) => String(3100000100 + index));
		const result = lookUpUnseenOrders(ids, books, failing, NOW, log);
		expect(result.errors).toHaveLength(MAX_LOOKUPS_PER_RUN);
		expect([...books.values()].filter((entry) => entry.etsyMissing)).toEqual([]);
	});
});
