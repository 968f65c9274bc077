import { describe, expect, it } from "vitest";
import { shippedWithoutTracking } from "../../../src/core/reconcile/shipped-without-tracking.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

describe("shipped-without-tracking", () => {
	it("fires when a Shipped order has no tracking number anywhere", () => {
		const findings = shippedWithoutTracking(snapshot({ status: "Shipped" }), context());
		expect(findings).toEqual([
			expect.objectContaining({
				kind: "shipped-without-tracking",
				severity: "warning",
				summary: "Shipped without tracking",
				values: { Sheet: "Shipped" },
			}),
		]);
		expect(findings[0]?.message).toContain("No courier shipment is linked to the order.");
	});

	it("says when the courier has not assigned a tracking number yet", () => {
		const [finding] = shippedWithoutTracking(
			snapshot({ status: "delivered", shipment: shipment({ state: "confirmed", trackingNumber: null }) }),
			context(),
		);
		expect(finding?.message).toContain(
			"Furgonetka has not given the shipment a tracking number yet (it shows Waiting for the courier).",
		);
	});

	it("does not fire when the Tracking cell, the courier or Etsy has a number", () => {
		expect(shippedWithoutTracking(snapshot({ status: "Shipped", cells: { tracking: "00340434" } }), context())).toEqual(
			[],
		);
		expect(shippedWithoutTracking(snapshot({ status: "Shipped", shipment: shipment() }), context())).toEqual([]);
		const onEtsy = snapshot({ status: "Shipped", etsy: { shipments: [{ carrier: "dpd", trackingCode: "X1" }] } });
		expect(shippedWithoutTracking(onEtsy, context())).toEqual([]);
	});

	it("does not fire before the parcel has left", () => {
		expect(shippedWithoutTracking(snapshot({ status: "Ready to ship" }), context())).toEqual([]);
	});
});
