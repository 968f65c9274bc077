import { describe, expect, it } from "vitest";
import { unknownOrder } from "../../../src/core/reconcile/unknown-order.js";
import { context, snapshot } from "./snapshot-builder.js";

describe("unknown-order", () => {
	it("fires when Etsy was asked and has no such order", () => {
		expect(unknownOrder(snapshot({ etsy: null, etsyNotFound: true }), context())).toEqual([
			{
				orderId: "3100000001",
				kind: "unknown-order",
				severity: "warning",
				message:
					"Etsy has no order 3100000001 in this shop. Check the number in the Order column; if the order is not from Etsy, Hubsheet cannot sync it.",
				summary: "order unknown to Etsy",
				values: { Sheet: "3100000001", Etsy: "no such order" },
			},
		]);
	});

	it("does not fire when this run simply did not ask Etsy about the order", () => {
		expect(unknownOrder(snapshot({ etsy: null, etsyNotFound: false }), context())).toEqual([]);
	});
});
