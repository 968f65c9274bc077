import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { carrierFor, courierStateMeansLeft, type PlannedOrder, planPushes } from "../../src/core/push-plan.js";
import { MAPPING_TABLES, missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";

const mapping = readMappingSettings(missingTableRows([])).settings;

function order(status: string, books: Bookkeeping = {}, etsyStatus = "Paid"): PlannedOrder {
	return { orderId: "1", rowNumber: 2, cells: { order: "1", status, etsyStatus }, books };
}

const SHIPMENT = {
	id: "S1",
	url: "https://courier/S1",
	state: "waiting_for_pickup",
	service: "dpd",
	trackingNumber: null,
	trackingUrl: null,
	labelUrl: null,
	addressUsed: "a",
};

describe("planPushes", () => {
	it("creates a deal in the mapped stage for an open order without one, and none for closed orders", () => {
		const plan = planPushes({
			orders: [order("New"), { ...order("Shipped"), orderId: "2" }],
			crm: true,
			courier: false,
			mapping,
		});
		expect(plan.createDeals).toEqual([{ orderId: "1", stageName: "New" }]);
	});

	it("makes no deal and no shipment for an order Etsy answered it does not have", () => {
		const unknown = planPushes({
			orders: [order("Ready to ship", { etsyMissing: { at: 1 } }, "")],
			crm: true,
			courier: true,
			mapping,
		});
		expect(unknown.createDeals).toEqual([]);
		expect(unknown.createShipments).toEqual([]);
	});

	it("makes no deal and no shipment for an order Etsy has not been paid for, and moves what exists", () => {
		for (const unpaid of ["Open", "Payment processing", " payment  PROCESSING "]) {
			const plan = planPushes({
				orders: [order("Ready to ship", {}, unpaid)],
				crm: true,
				courier: true,
				mapping,
			});
			expect(plan.createDeals).toEqual([]);
			expect(plan.createShipments).toEqual([]);
		}
		const deal = { id: "D1", url: "u", stagePushed: "New" };
		const moved = planPushes({ orders: [order("Design", { deal }, "Open")], crm: true, courier: false, mapping });
		expect(moved.moveStages).toEqual([{ orderId: "1", dealId: "D1", stageName: "Design" }]);
		const paid = planPushes({ orders: [order("Ready to ship")], crm: true, courier: true, mapping });
		expect(paid.createDeals).toHaveLength(1);
		expect(paid.createShipments).toEqual(["1"]);
	});

	it("moves a deal only when the mapped stage differs from the one last pushed", () => {
		const deal = { id: "D1", url: "u", stagePushed: "Design" };
		expect(planPushes({ orders: [order("Design", { deal })], crm: true, courier: false, mapping }).moveStages).toEqual(
			[],
		);
		expect(
			planPushes({ orders: [order("Production", { deal })], crm: true, courier: false, mapping }).moveStages,
		).toEqual([{ orderId: "1", dealId: "D1", stageName: "Production" }]);
	});

	it("names a Status that has no stage in the mapping", () => {
		const plan = planPushes({ orders: [order("Waiting for wood")], crm: true, courier: false, mapping });
		expect(plan.problems[0]?.message).toContain('Status "Waiting for wood" has no CRM stage');
		expect(plan.createDeals).toEqual([]);
	});

	it("creates a shipment once, at Ready to ship, and follows it until it is delivered", () => {
		expect(
			planPushes({ orders: [order("Ready to ship")], crm: false, courier: true, mapping }).createShipments,
		).toEqual(["1"]);
		const shipped = order("Ready to ship", { shipment: SHIPMENT });
		const plan = planPushes({ orders: [shipped], crm: false, courier: true, mapping });
		expect(plan.createShipments).toEqual([]);
		expect(plan.track).toEqual([{ orderId: "1", shipmentId: "S1" }]);
		const delivered = order("Delivered", { shipment: { ...SHIPMENT, state: "delivered" } });
		expect(planPushes({ orders: [delivered], crm: false, courier: true, mapping }).track).toEqual([]);
	});

	it("sends tracking at pick-up by default (courier state or Status), or with the label when the owner chose so", () => {
		const labelled = { shipment: { ...SHIPMENT, state: "waiting", trackingNumber: "6969" } };
		const push = (status: string, books: Bookkeeping, trackingToEtsy?: "pick-up" | "label") =>
			planPushes({ orders: [order(status, books)], crm: false, courier: true, mapping, trackingToEtsy }).pushTracking;
		expect(push("Ready to ship", labelled)).toEqual([]);
		expect(push("Ready to ship", labelled, "pick-up")).toEqual([]);
		// ...but the engine is told to send it in this run if the read of the parcel shows it collected.
		expect(
			planPushes({ orders: [order("Ready to ship", labelled)], crm: false, courier: true, mapping }).trackingAtPickUp,
		).toEqual([{ orderId: "1", carrier: "dpd" }]);
		expect(push("Ready to ship", labelled, "label")).toEqual([
			{ orderId: "1", trackingNumber: "6969", carrier: "dpd" },
		]);
		// The courier collected it (its state maps to Shipped), before the sheet caught up.
		const collected = { shipment: { ...labelled.shipment, state: "Collected" } };
		expect(push("Ready to ship", collected)).toHaveLength(1);
		// The owner says it left (handed over at the counter).
		expect(push("Shipped", labelled)).toHaveLength(1);
	});

	it("submits tracking to Etsy once, with the mapped carrier or other", () => {
		const withTracking = { shipment: { ...SHIPMENT, trackingNumber: "123456789012345678901234" } };
		expect(
			planPushes({ orders: [order("Shipped", withTracking)], crm: false, courier: true, mapping }).pushTracking,
		).toEqual([{ orderId: "1", trackingNumber: "123456789012345678901234", carrier: "dpd" }]);
		const done = { ...withTracking, etsyTracking: { code: "123456789012345678901234", carrier: "dpd", at: 1 } };
		expect(planPushes({ orders: [order("Shipped", done)], crm: false, courier: true, mapping }).pushTracking).toEqual(
			[],
		);
		expect(
			planPushes({ orders: [order("Shipped", withTracking, "Completed")], crm: false, courier: true, mapping })
				.pushTracking,
		).toEqual([]);
		expect(carrierFor("pocztex", mapping)).toBe("other");
		expect(MAPPING_TABLES.carriers.defaults.length).toBeGreaterThan(0);
	});
});

describe("whether the courier's state says the parcel has left", () => {
	const states = {
		...mapping,
		courierStateToStatus: { Collected: "Shipped", delivered: "Delivered", waiting: "Ready to ship" },
	};

	it("is yes for a state Settings maps to Shipped or Delivered, in any case", () => {
		expect(courierStateMeansLeft("collected", states)).toBe(true);
		expect(courierStateMeansLeft(" DELIVERED ", states)).toBe(true);
	});

	it("is no for a state that maps to anything else, or to nothing", () => {
		expect(courierStateMeansLeft("waiting", states)).toBe(false);
		expect(courierStateMeansLeft("lost in a van", states)).toBe(false);
	});
});
