import { describe, expect, it } from "vitest";
import { findingAlerts } from "../../../src/core/alert-items.js";
import type { DoneDefinition } from "../../../src/core/done-definitions.js";
import { notDone } from "../../../src/core/reconcile/not-done.js";
import { reconcile } from "../../../src/core/reconcile/reconcile.js";
import { context, DAY, deal, NOW, type SnapshotOptions, shipment, snapshot } from "./snapshot-builder.js";

const definitions: DoneDefinition[] = [
	{ status: "Design", row: 40, columns: ["design"], states: [], stepOwner: { name: "Ola", email: "ola@example.pl" } },
	{ status: "Ready to ship", row: 42, columns: ["phone"], states: ["Shipment", "Parcel size"], stepOwner: null },
];
const withDone = context({
	done: {
		definitions,
		parcels: { default: { lengthCm: 120, widthCm: 60, heightCm: 15, weightKg: 25 } },
	},
});
const REACHED = { New: NOW - 9 * DAY, Design: NOW - 5 * DAY, Production: NOW - DAY };

function order(options: SnapshotOptions & { reached?: Record<string, number> } = {}) {
	const { reached = REACHED, ...rest } = options;
	return snapshot({ ...rest, books: { reached, ...rest.books } });
}

describe("not-done: an order that left a status before its definition of done was met", () => {
	it("is a warning on the row, naming what is missing, how to fix it and the step owner", () => {
		expect(notDone(order(), withDone)).toEqual([
			{
				orderId: "3100000001",
				kind: "not-done",
				severity: "warning",
				message:
					"Left Design without a Design link: Settings > Definition of done asks for it before an order leaves Design (it is now Production). To fix: fill in Design on this row. This clears at the next sync. Step owner: Ola.",
				summary: "Left Design without a Design link",
				values: { Sheet: "Production" },
				stepOwner: { name: "Ola", email: "ola@example.pl" },
			},
		]);
	});

	it("clears once the cell is filled", () => {
		expect(notDone(order({ cells: { design: "https://drive.google.com/drive/folders/abc" } }), withDone)).toEqual([]);
	});

	it("stays quiet while the order is still in the status, or never was in it", () => {
		expect(notDone(order({ status: "Design" }), withDone)).toEqual([]);
		expect(notDone(order({ reached: { New: NOW - DAY, Production: NOW } }), withDone)).toEqual([]);
		// Hubsheet did not see the order's way (a first import): nothing to judge.
		expect(notDone(snapshot({ status: "Shipped" }), withDone)).toEqual([]);
	});

	it("counts only a move forward: On hold is a pause, Cancelled ends the work, going back is redoing", () => {
		expect(notDone(order({ status: "On hold" }), withDone)).toEqual([]);
		expect(notDone(order({ status: "Cancelled" }), withDone)).toEqual([]);
		const back = order({ status: "Design", reached: { ...REACHED, "Ready to ship": NOW } });
		expect(notDone(back, withDone)).toEqual([]);
		// A custom status is work before shipping: moving on from Design to it is leaving Design.
		expect(notDone(order({ status: "Sanding" }), withDone).map((finding) => finding.summary)).toEqual([
			"Left Design without a Design link",
		]);
	});

	it("checks platform states, and not those of a platform the owner does not use", () => {
		const shipped = (options: SnapshotOptions = {}) =>
			order({
				status: "Shipped",
				cells: { design: "x", phone: "600 200 300" },
				reached: { ...REACHED, "Ready to ship": NOW - DAY, Shipped: NOW },
				...options,
			});
		expect(notDone(shipped(), withDone).map((finding) => finding.summary)).toEqual([
			"Left Ready to ship without a shipment",
		]);
		expect(notDone(shipped({ shipment: shipment() }), withDone)).toEqual([]);
		expect(notDone(shipped(), { ...withDone, courier: null })).toEqual([]);
		// An item without a size of its own and no default row: the courier could not be told the parcel.
		const noParcels = { ...withDone, done: { definitions, parcels: {} } };
		const both = notDone(shipped({ cells: { design: "x" } }), noParcels)[0];
		expect(both?.summary).toBe("Left Ready to ship without a Phone number, a shipment and a parcel size on Settings");
		expect(both?.message).toContain(
			"To fix: fill in Phone on this row; the courier's shipment is made while the order is Ready to ship; add the product's size, or a default row, to Parcel sizes on Settings.",
		);
		expect(both).not.toHaveProperty("stepOwner");
		expect(notDone(shipped({ shipment: shipment(), cells: { design: "x", phone: "1" } }), noParcels)[0]?.summary).toBe(
			"Left Ready to ship without a parcel size on Settings",
		);
	});

	it("reads a CRM deal from the CRM, when the owner uses one", () => {
		const crmDefinitions: DoneDefinition[] = [
			{ status: "New", row: 39, columns: [], states: ["CRM deal"], stepOwner: null },
		];
		const crmContext = { ...withDone, done: { definitions: crmDefinitions, parcels: {} } };
		expect(notDone(order(), crmContext).map((finding) => finding.summary)).toEqual(["Left New without a CRM deal"]);
		expect(notDone(order({ deal: deal() }), crmContext)).toEqual([]);
		expect(notDone(order(), { ...crmContext, crm: null })).toEqual([]);
	});

	it("is judged by reconciliation with the other rules, and not at all without a definition", () => {
		const { findings } = reconcile([order()], withDone);
		expect(findings.map((finding) => [finding.kind, finding.buyer])).toEqual([["not-done", "Anna Kowalska"]]);
		expect(reconcile([order()], context()).findings).toEqual([]);
	});

	it("is an alert for the step's owner when the table gives their e-mail, and for nobody on a name alone", () => {
		const [finding] = notDone(order(), withDone);
		if (!finding) throw new Error("no finding");
		expect(findingAlerts([finding], () => NOW)).toEqual([
			{
				key: `step-finding:3100000001:not-done:${NOW}`,
				kind: "step-finding",
				line: `Order 3100000001: ${finding.message}`,
				orderId: "3100000001",
				recipient: "ola@example.pl",
			},
		]);
		const named = { ...finding, stepOwner: { name: "Ola", email: null } };
		expect(findingAlerts([named], () => NOW)).toEqual([]);
	});
});
