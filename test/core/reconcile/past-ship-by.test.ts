import { describe, expect, it } from "vitest";
import { pastShipBy } from "../../../src/core/reconcile/past-ship-by.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

/** Midnight in Warsaw (UTC+1 in November) on the given November day of 2026. */
const warsawMidnight = (day: number) => Date.UTC(2026, 10, day - 1, 23, 0, 0);

describe("past-ship-by", () => {
	it("warns on the ship-by day itself", () => {
		const findings = pastShipBy(snapshot({ etsy: { shipBy: warsawMidnight(10) } }), context());
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "past-ship-by",
				severity: "warning",
				message: "Etsy expects this order to ship today (10 Nov 2026); the sheet says Production.",
				summary: "ship by today",
				values: { Etsy: "ship by 10 Nov 2026", Sheet: "Production" },
			},
		]);
	});

	it("is an error the day after", () => {
		const [finding] = pastShipBy(snapshot({ etsy: { shipBy: warsawMidnight(9) } }), context());
		expect(finding?.severity).toBe("error");
		expect(finding?.summary).toBe("1 day past ship-by");
		expect(finding?.message).toContain("1 day past its ship-by date (9 Nov 2026)");
		const [later] = pastShipBy(snapshot({ etsy: { shipBy: warsawMidnight(7) } }), context());
		expect(later?.summary).toBe("3 days past ship-by");
	});

	it("counts days in the spreadsheet's time zone: tomorrow in Warsaw is still today in UTC", () => {
		// 00:30 on 11 Nov in Warsaw is 23:30 on 10 Nov in UTC.
		const shipBy = Date.UTC(2026, 10, 10, 23, 30, 0);
		expect(pastShipBy(snapshot({ etsy: { shipBy } }), context())).toEqual([]);
		expect(pastShipBy(snapshot({ etsy: { shipBy } }), context({ timeZone: "UTC" }))[0]?.severity).toBe("warning");
	});

	it("keeps the day late in the evening: 23:30 in Warsaw is still the ship-by day", () => {
		const evening = Date.UTC(2026, 10, 10, 22, 30, 0);
		const [finding] = pastShipBy(snapshot({ etsy: { shipBy: warsawMidnight(10) } }), context({ now: evening }));
		expect(finding?.severity).toBe("warning");
	});

	it("does not fire for an order shipped anywhere, cancelled, or without a ship-by date", () => {
		const due = warsawMidnight(9);
		expect(pastShipBy(snapshot({ status: "Shipped", etsy: { shipBy: due } }), context())).toEqual([]);
		expect(pastShipBy(snapshot({ etsy: { shipBy: due, isShipped: true } }), context())).toEqual([]);
		expect(
			pastShipBy(snapshot({ etsy: { shipBy: due }, shipment: shipment({ state: "picked_up" }) }), context()),
		).toEqual([]);
		expect(pastShipBy(snapshot({ status: "Cancelled", etsy: { shipBy: due } }), context())).toEqual([]);
		expect(pastShipBy(snapshot({ etsy: { shipBy: due, etsyStatus: "Canceled" } }), context())).toEqual([]);
		expect(pastShipBy(snapshot({ etsy: { shipBy: null } }), context())).toEqual([]);
	});

	it("reads the Ship by cell when this run did not read the order from Etsy", () => {
		const fromCell = snapshot({ etsy: null, cells: { shipBy: warsawMidnight(9) } });
		expect(pastShipBy(fromCell, context())[0]?.severity).toBe("error");
	});
});
