import { describe, expect, it } from "vitest";
import { stuckInStatus } from "../../../src/core/reconcile/stuck-in-status.js";
import { context, DAY, NOW, snapshot } from "./snapshot-builder.js";

const inDesignFor = (days: number, recorded = "Design") =>
	snapshot({ status: "Design", books: { status: recorded, statusSince: NOW - days * DAY } });

describe("stuck-in-status", () => {
	it("fires as info once an order has been in a status for its threshold", () => {
		expect(stuckInStatus(inDesignFor(7), context())).toEqual([
			{
				orderId: "3100000001",
				kind: "stuck-in-status",
				severity: "info",
				message: "The order has been in Design for 7 days (since 3 Nov 2026); Settings flags Design after 7 days.",
				summary: "7 days in Design",
				values: { Sheet: "Design" },
			},
		]);
	});

	it("does not fire one day under the threshold", () => {
		expect(stuckInStatus(inDesignFor(6), context())).toEqual([]);
		expect(stuckInStatus(inDesignFor(7 - 1 / 24), context())).toEqual([]);
	});

	it("becomes a warning at twice the threshold", () => {
		expect(stuckInStatus(inDesignFor(14), context())[0]?.severity).toBe("warning");
	});

	it("restarts the clock when Status changed since Hubsheet recorded it", () => {
		expect(stuckInStatus(inDesignFor(30, "New"), context())).toEqual([]);
		expect(stuckInStatus(inDesignFor(30, " design "), context())).toHaveLength(1);
	});

	it("does not fire for a status without a threshold, or a finished order", () => {
		const noThreshold = snapshot({
			status: "Ready to ship",
			books: { status: "Ready to ship", statusSince: NOW - 60 * DAY },
		});
		expect(stuckInStatus(noThreshold, context())).toEqual([]);
		const delivered = snapshot({ status: "Delivered", books: { status: "Delivered", statusSince: NOW - 60 * DAY } });
		expect(stuckInStatus(delivered, context({ thresholds: { stuckAfterDays: { Delivered: 1 } } }))).toEqual([]);
		expect(stuckInStatus(inDesignFor(30), context({ thresholds: { stuckAfterDays: { Design: 0 } } }))).toEqual([]);
	});
});
