import { describe, expect, it } from "vitest";
import {
	computeKpis,
	countFindingChanges,
	type KpiOrder,
	median,
	percentile90,
	weekStart,
} from "../../src/core/dashboard-kpis.js";
import { dashboardCells, statusStrip, WEEK_HEADER_ROW } from "../../src/core/dashboard-layout.js";
import { noteFindings } from "../../src/core/finding-dates.js";
import type { Finding } from "../../src/core/findings.js";
import { CANONICAL_STATUSES } from "../../src/core/statuses.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
/** Sheets serials of Mondays: 2026-11-16 and 2026-11-23, 2026-11-30. */
const MON_16 = 46_342;
const MON_23 = MON_16 + 7;
const MON_30 = MON_23 + 7;

function order(fields: Partial<KpiOrder>): KpiOrder {
	return { status: "New", orderedAt: null, shipBy: null, shippedOn: null, deliveredOn: null, ...fields };
}

function finding(orderId: string, kind: Finding["kind"], severity: Finding["severity"], sheet = ""): Finding {
	return { orderId, kind, severity, message: "", values: sheet ? { Sheet: sheet } : {} };
}

/** The fixed shop: Warsaw, now Wednesday 2 December 2026, noon. */
const NOW = at("2026-12-02T11:00:00Z");
const ZONE = "Europe/Warsaw";
const ORDERS: KpiOrder[] = [
	// Week of 16 Nov: two received; one shipped in 2 days on time, delivered the next week.
	order({
		status: "Delivered",
		orderedAt: at("2026-11-16T08:00:00Z"),
		shipBy: at("2026-11-19T23:00:00Z"),
		shippedOn: at("2026-11-18T08:00:00Z"),
		deliveredOn: at("2026-11-24T10:00:00Z"),
	}),
	// Shipped on its Ship by day, later in that day than the Ship by instant: still on time (days count).
	order({
		status: "Shipped",
		orderedAt: at("2026-11-17T08:00:00Z"),
		shipBy: at("2026-11-20T08:00:00Z"),
		shippedOn: at("2026-11-20T17:00:00Z"),
	}),
	// Week of 23 Nov: nothing at all (an empty week).
	// Week of 30 Nov: received Sunday 23:30 UTC = Monday 00:30 in Warsaw; shipped late, 4 days.
	order({
		status: "Shipped",
		orderedAt: at("2026-11-29T23:30:00Z"),
		shipBy: at("2026-12-01T12:00:00Z"),
		shippedOn: at("2026-12-03T23:30:00Z") - 24 * HOUR,
	}),
	// Shipped without a Ship by: counted shipped and in lead time, neither on time nor late.
	order({ status: "shipped", orderedAt: at("2026-11-30T10:00:00Z"), shippedOn: at("2026-12-01T10:00:00Z") }),
	// Imported already shipped: no dates at all.
	order({ status: "Shipped" }),
	// A row without an Ordered date (typed by hand), still in work.
	order({ status: "Production" }),
	// The owner's own status.
	order({ status: "Waiting for wood", orderedAt: at("2026-12-01T10:00:00Z") }),
	// Blank Status: counted nowhere in the statuses.
	order({ status: " ", orderedAt: at("2026-12-02T10:00:00Z") }),
];
const FINDINGS: Finding[] = [
	finding("1", "past-ship-by", "error"),
	finding("1", "push-failed", "error"),
	finding("2", "past-ship-by", "warning"),
	finding("3", "stuck-in-status", "info", "Production"),
	finding("3", "stuck-in-status", "info", "Production"),
	finding("4", "stuck-in-status", "warning", "waiting for wood"),
];

function kpis(overrides: Partial<Parameters<typeof computeKpis>[0]> = {}) {
	return computeKpis({
		orders: ORDERS,
		statuses: [...CANONICAL_STATUSES, "Waiting for wood"],
		findings: FINDINGS,
		findingWeeks: { [String(MON_30)]: [3, 1], "40000": [9, 9] },
		now: NOW,
		timeZone: ZONE,
		weeks: 3,
		...overrides,
	});
}

describe("weeks in the spreadsheet's time zone", () => {
	it("starts a week on Monday, local time", () => {
		expect(weekStart(at("2026-11-16T00:00:00Z"), "UTC")).toBe(MON_16);
		expect(weekStart(at("2026-11-22T23:59:59Z"), "UTC")).toBe(MON_16);
		// Sunday 23:30 in UTC is Monday 00:30 in Warsaw: the next week there.
		expect(weekStart(at("2026-11-29T23:30:00Z"), "UTC")).toBe(MON_23);
		expect(weekStart(at("2026-11-29T23:30:00Z"), ZONE)).toBe(MON_30);
		// Monday 01:00 in Warsaw in summer time (UTC+2) is still Sunday 23:00 in UTC.
		expect(weekStart(at("2026-06-28T23:00:00Z"), ZONE)).toBe(weekStart(at("2026-06-29T12:00:00Z"), "UTC"));
		// West of UTC: Monday 02:00 UTC is still Sunday in New York.
		expect(weekStart(at("2026-11-30T02:00:00Z"), "America/New_York")).toBe(MON_23);
	});
});

describe("median and 90th percentile", () => {
	it("takes the middle value, the mean of the two middle ones, and the nearest rank for p90", () => {
		expect(median([])).toBeNull();
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(percentile90([])).toBeNull();
		expect(percentile90([7])).toBe(7);
		expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
		expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
	});
});

describe("the Dashboard's numbers on a fixed shop", () => {
	it("counts orders per status, the dropdown's order first, the owner's statuses and stuck ones beside", () => {
		const { byStatus } = kpis();
		expect(byStatus.map((entry) => [entry.status, entry.orders, entry.stuck])).toEqual([
			["New", 0, 0],
			["Design", 0, 0],
			["Production", 1, 1],
			["Ready to ship", 0, 0],
			["Shipped", 4, 0],
			["Delivered", 1, 0],
			["On hold", 0, 0],
			["Cancelled", 0, 0],
			["Waiting for wood", 1, 1],
		]);
	});

	it("counts a status typed outside the dropdown under its own name", () => {
		const { byStatus } = kpis({ statuses: ["New"] });
		expect(byStatus.map((entry) => entry.status)).toEqual([
			"New",
			"Delivered",
			"Shipped",
			"Production",
			"Waiting for wood",
		]);
	});

	it("buckets received, shipped and delivered by local week, with on time, late and lead times", () => {
		const { weeks } = kpis();
		expect(weeks.map((week) => week.start)).toEqual([MON_16, MON_23, MON_30]);
		const [first, empty, last] = weeks;
		expect(first).toEqual({
			start: MON_16,
			received: 2,
			shipped: 2,
			delivered: 0,
			onTime: 2,
			late: 0,
			// 2 days and 3.4 days: the median is their mean, p90 the larger.
			leadMedian: 2.7,
			leadP90: 3.4,
			findingsOpened: 0,
			findingsClosed: 0,
		});
		expect(empty).toEqual({
			start: MON_23,
			received: 0,
			shipped: 0,
			delivered: 1,
			onTime: 0,
			late: 0,
			leadMedian: null,
			leadP90: null,
			findingsOpened: 0,
			findingsClosed: 0,
		});
		expect(last).toMatchObject({
			received: 4,
			shipped: 2,
			onTime: 0,
			late: 1,
			leadMedian: 2,
			leadP90: 3,
			findingsOpened: 3,
			findingsClosed: 1,
		});
	});

	it("leaves orders without dates out of the weeks and counts the shipped ones apart", () => {
		expect(kpis().shippedUndated).toBe(1);
		const { weeks } = kpis({ orders: [order({ status: "Delivered" }), order({ status: "New" })] });
		expect(weeks.every((week) => week.received + week.shipped + week.delivered === 0)).toBe(true);
	});

	it("counts late, due today and stuck orders once each, from the findings", () => {
		expect(kpis()).toMatchObject({ lateNow: 1, dueToday: 1, stuck: 2 });
	});

	it("gives an empty shop zeros and gaps, never an error", () => {
		const empty = kpis({ orders: [], findings: [], findingWeeks: {} });
		expect(empty.weeks).toHaveLength(3);
		expect(empty.weeks.every((week) => week.leadMedian === null && week.received === 0)).toBe(true);
		const cells = dashboardCells(empty, "");
		expect(cells[WEEK_HEADER_ROW]?.slice(0, 8)).toEqual([MON_16, 0, 0, 0, 0, 0, "", ""]);
		expect(statusStrip(empty)).toEqual({ statuses: [], late: 0 });
	});
});

describe("findings opened and closed", () => {
	it("dates each finding once, counts what opened and closed, and keeps twelve weeks", () => {
		const books = new Map([
			["1", {}],
			["2", { findingsSince: { "past-ship-by": 5 } }],
		]);
		const first = noteFindings(
			books,
			[finding("1", "push-failed", "error"), finding("1", "push-failed", "error")],
			NOW,
		);
		expect(first).toEqual({ touched: ["1", "2"], opened: 1, closed: 1 });
		expect(books.get("1")).toEqual({ findingsSince: { "push-failed": NOW } });
		expect(books.get("2")).toEqual({});
		const again = noteFindings(books, [finding("1", "push-failed", "error")], NOW + DAY);
		expect(again).toEqual({ touched: [], opened: 0, closed: 0 });
		expect(books.get("1")?.findingsSince).toEqual({ "push-failed": NOW });

		const weeks = countFindingChanges({ "46000": [1, 1], [String(MON_23)]: [2, 0] }, first, NOW, ZONE, 12);
		expect(weeks).toEqual({ [String(MON_23)]: [2, 0], [String(MON_30)]: [1, 1] });
		const unchanged = { [String(MON_30)]: [1, 1] as [number, number] };
		expect(countFindingChanges(unchanged, again, NOW, ZONE, 12)).toBe(unchanged);
	});
});
