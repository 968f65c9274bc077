import { describe, expect, it } from "vitest";
import { cancelledOnEtsy } from "../../../src/core/reconcile/cancelled-on-etsy.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

describe("cancelled-on-etsy", () => {
	it("fires as an error when Etsy cancelled an order still in Production, with a fix to mark it Cancelled", () => {
		const findings = cancelledOnEtsy(snapshot({ status: "Production", etsy: { etsyStatus: "Canceled" } }), context());
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "cancelled-on-etsy",
				severity: "error",
				message: "Etsy shows the order as Canceled; the sheet still says Production. Stop work on it.",
				summary: "cancelled on Etsy",
				values: { Sheet: "Production", Etsy: "Canceled" },
				fix: expect.objectContaining({ action: "mark-cancelled", value: "Cancelled" }),
			},
		]);
	});

	it("fires for a full refund, and reads the Etsy status cell when this run did not read the order", () => {
		const [refunded] = cancelledOnEtsy(snapshot({ etsy: { etsyStatus: "Fully refunded" } }), context());
		expect(refunded?.summary).toBe("refunded on Etsy");
		const [fromCell] = cancelledOnEtsy(snapshot({ etsy: null, cells: { etsyStatus: "canceled" } }), context());
		expect(fromCell?.severity).toBe("error");
	});

	it("does not fire once the sheet says Cancelled, or for a partial refund", () => {
		expect(cancelledOnEtsy(snapshot({ status: "cancelled", etsy: { etsyStatus: "Canceled" } }), context())).toEqual([]);
		expect(cancelledOnEtsy(snapshot({ etsy: { etsyStatus: "Partially refunded" } }), context())).toEqual([]);
	});

	it("points at a shipment waiting for pick-up", () => {
		const [finding] = cancelledOnEtsy(
			snapshot({ status: "Ready to ship", etsy: { etsyStatus: "Canceled" }, shipment: shipment() }),
			context(),
		);
		expect(finding?.message).toContain("A Furgonetka shipment exists (FG-77): cancel it there too.");
	});

	it("is a warning without a fix when the parcel has already left", () => {
		const [finding] = cancelledOnEtsy(
			snapshot({ status: "Shipped", etsy: { etsyStatus: "Fully refunded" } }),
			context(),
		);
		expect(finding?.severity).toBe("warning");
		expect(finding?.summary).toBe("refunded on Etsy after shipping");
		expect(finding?.fix).toBeUndefined();
	});
});
