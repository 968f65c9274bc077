import { describe, expect, it } from "vitest";
import { trackingNotOnEtsy } from "../../../src/core/reconcile/tracking-not-on-etsy.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

describe("tracking-not-on-etsy", () => {
	it("fires when a shipped parcel's tracking is not on Etsy, with a fix to send it", () => {
		const findings = trackingNotOnEtsy(snapshot({ status: "Shipped", shipment: shipment() }), context());
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "tracking-not-on-etsy",
				severity: "warning",
				message:
					"The parcel has tracking number 6969 1234 5678 from Furgonetka, but Etsy does not have it: the buyer has not been told the order shipped.",
				summary: "tracking not on Etsy",
				values: { Etsy: "none", Furgonetka: "6969 1234 5678" },
				fix: {
					action: "push-tracking-to-etsy",
					label: "Send tracking 6969 1234 5678 to Etsy",
					confirm: "Send tracking number 6969 1234 5678 to Etsy? Etsy marks the order shipped and emails the buyer.",
					value: "6969 1234 5678",
				},
			},
		]);
	});

	it("does not fire when Etsy has the same number, spaced or cased differently", () => {
		const onEtsy = snapshot({
			status: "Shipped",
			shipment: shipment({ trackingNumber: "ab 12 cd" }),
			etsy: { shipments: [{ carrier: "dpd", trackingCode: "AB12CD" }] },
		});
		expect(trackingNotOnEtsy(onEtsy, context())).toEqual([]);
	});

	it("does not fire when Hubsheet already submitted it (Etsy's copy not read since)", () => {
		const submitted = snapshot({ status: "Shipped", shipment: shipment(), books: { trackingOnEtsy: "696912345678" } });
		expect(trackingNotOnEtsy(submitted, context())).toEqual([]);
	});

	it("does not fire while the label exists but the courier has not collected the parcel", () => {
		expect(trackingNotOnEtsy(snapshot({ status: "Ready to ship", shipment: shipment() }), context())).toEqual([]);
	});

	it("offers no fix when Etsy shows a different number: a second one would email the buyer again", () => {
		const [finding] = trackingNotOnEtsy(
			snapshot({
				status: "Shipped",
				cells: { tracking: "6969 1234 5678" },
				etsy: { shipments: [{ carrier: "dpd", trackingCode: "OTHER1" }] },
			}),
			context(),
		);
		expect(finding?.message).toBe(
			"Etsy shows tracking OTHER1, not 6969 1234 5678 from Furgonetka. Check which parcel is the buyer's and correct it on Etsy.",
		);
		expect(finding?.values).toEqual({ Etsy: "OTHER1", Sheet: "6969 1234 5678" });
		expect(finding?.fix).toBeUndefined();
	});

	it("stays quiet for an order cancelled on Etsy", () => {
		expect(
			trackingNotOnEtsy(
				snapshot({ status: "Shipped", shipment: shipment(), etsy: { etsyStatus: "Canceled" } }),
				context(),
			),
		).toEqual([]);
	});

	it("says Etsy dropped the tracking for an unknown carrier, even before Shipped, and offers no resubmission", () => {
		const dropped = snapshot({
			status: "Ready to ship",
			shipment: shipment(),
			books: { trackingOnEtsy: null, trackingDroppedFor: "pigeon-post" },
		});
		const [finding, ...rest] = trackingNotOnEtsy(dropped, context());
		expect(rest).toEqual([]);
		expect(finding).toMatchObject({
			kind: "tracking-not-on-etsy",
			severity: "error",
			summary: "tracking dropped by Etsy (carrier pigeon-post)",
		});
		expect(finding?.message).toContain('it does not accept "pigeon-post" as a carrier');
		expect(finding?.message).toContain("Courier service → Etsy carrier");
		expect(finding?.fix).toBeUndefined();
		// Once the owner added it on Etsy by hand, it is quiet.
		const fixedByHand = snapshot({
			status: "Shipped",
			shipment: shipment(),
			etsy: { shipments: [{ carrier: "other", trackingCode: "6969 1234 5678" }] },
			books: { trackingOnEtsy: null, trackingDroppedFor: "pigeon-post" },
		});
		expect(trackingNotOnEtsy(fixedByHand, context())).toEqual([]);
	});
});
