import { describe, expect, it } from "vitest";
import { courierAhead } from "../../../src/core/reconcile/courier-ahead.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

describe("courier-ahead", () => {
	it("fires when the courier collected a parcel the sheet still has as Ready to ship", () => {
		const findings = courierAhead(
			snapshot({ status: "Ready to ship", shipment: shipment({ state: "picked_up" }) }),
			context(),
		);
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "courier-ahead",
				severity: "warning",
				message:
					"Furgonetka shows the parcel as Picked up; the sheet says Ready to ship. Set Status to Shipped so the CRM and Etsy follow.",
				summary: "Furgonetka says Shipped, sheet Ready to ship",
				values: { Sheet: "Ready to ship", Furgonetka: "picked_up" },
				details: "Furgonetka state: picked_up",
			},
		]);
	});

	it("names a courier's state in the owner's words, keeping the courier's word in the details", () => {
		const [finding] = courierAhead(
			snapshot({ status: "Design", shipment: shipment({ state: "collected_from_sender" }) }),
			context({
				courier: "InPost",
				mapping: { ...context().mapping, courierStateToStatus: { collected_from_sender: "Shipped" } },
			}),
		);
		expect(finding?.message).toContain("InPost shows the parcel as Collected by the courier;");
		expect(finding?.message).not.toContain("collected_from_sender");
		expect(finding?.details).toBe("InPost state: collected_from_sender");
	});

	it("does not fire when the sheet is level with the courier or ahead of it", () => {
		expect(
			courierAhead(snapshot({ status: "Shipped", shipment: shipment({ state: "in_transit" }) }), context()),
		).toEqual([]);
		expect(
			courierAhead(snapshot({ status: "Delivered", shipment: shipment({ state: "in_transit" }) }), context()),
		).toEqual([]);
	});

	it("does not fire for a courier state the mapping does not move Status for", () => {
		expect(
			courierAhead(
				snapshot({ status: "Ready to ship", shipment: shipment({ state: "waiting_for_pickup" }) }),
				context(),
			),
		).toEqual([]);
	});

	it("is only info when the sheet says Shipped and the courier already delivered", () => {
		const [finding] = courierAhead(
			snapshot({ status: "Shipped", shipment: shipment({ state: "DELIVERED" }) }),
			context(),
		);
		expect(finding?.severity).toBe("info");
	});

	it("is an error when a parcel moves for an order the sheet has cancelled", () => {
		const [finding] = courierAhead(
			snapshot({ status: "Cancelled", shipment: shipment({ state: "in_transit" }) }),
			context(),
		);
		expect(finding?.severity).toBe("error");
		expect(finding?.message).toContain("Stop the parcel with Furgonetka");
	});

	it("counts On hold and the owner's own statuses as work before shipping", () => {
		for (const status of ["On hold", "Sanding"]) {
			const [finding] = courierAhead(snapshot({ status, shipment: shipment({ state: "picked_up" }) }), context());
			expect(finding?.severity).toBe("warning");
		}
	});

	it("stays quiet without a courier connected or a shipment", () => {
		const picked = shipment({ state: "picked_up" });
		expect(courierAhead(snapshot({ status: "Ready to ship", shipment: picked }), context({ courier: null }))).toEqual(
			[],
		);
		expect(courierAhead(snapshot({ status: "Ready to ship" }), context())).toEqual([]);
	});
});
