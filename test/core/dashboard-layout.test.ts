import { describe, expect, it } from "vitest";
import {
	DASHBOARD_COLUMNS,
	DASHBOARD_DRESSING,
	DASHBOARD_ROWS,
	DASHBOARD_SHEET,
	DASHBOARD_TITLE,
	DASHBOARD_WEEKS,
	dashboardCharts,
	planDashboardSetup,
	STATUS_HEADER_ROW,
	STATUS_ROWS,
	WEEK_HEADER_ROW,
} from "../../src/core/dashboard-layout.js";

/** The facts Set up sheets reads, with a record of which of the sheet's cells and charts were asked for. */
function facts(overrides: { exists: boolean; made: boolean; firstCell?: unknown; titles?: string[] }) {
	const asked: string[] = [];
	return {
		asked,
		exists: overrides.exists,
		made: overrides.made,
		firstCell: () => {
			asked.push("first cell");
			return overrides.firstCell ?? "";
		},
		chartTitles: () => {
			asked.push("charts");
			return overrides.titles ?? [];
		},
		statuses: 8,
	};
}

const titles = dashboardCharts(8).map((chart) => chart.title);

describe("the Dashboard's charts", () => {
	it("draws orders per status over the status table beside it, the weekly charts right of the block", () => {
		const [status, lead, onTime] = dashboardCharts(5);
		expect(status).toEqual({
			title: "Orders per status",
			kind: "bar",
			domain: { row: STATUS_HEADER_ROW, column: 1, rows: 6, columns: 1 },
			series: { row: STATUS_HEADER_ROW, column: 2, rows: 6, columns: 1 },
			legend: "none",
			at: { row: 3, column: 4 },
		});
		expect(lead).toMatchObject({
			kind: "line",
			domain: { row: WEEK_HEADER_ROW, column: 1, rows: DASHBOARD_WEEKS + 1, columns: 1 },
			series: { row: WEEK_HEADER_ROW, column: 7, rows: DASHBOARD_WEEKS + 1, columns: 2 },
			legend: "bottom",
			at: { row: 1, column: DASHBOARD_COLUMNS + 2 },
		});
		expect(onTime).toMatchObject({
			kind: "stacked",
			series: { column: 5, columns: 2 },
			at: { row: 20, column: DASHBOARD_COLUMNS + 2 },
		});
		// The status table has room for STATUS_ROWS statuses; the chart reads no further.
		expect(dashboardCharts(40)[0]?.domain.rows).toBe(STATUS_ROWS + 1);
	});

	it("dresses only cells of the block", () => {
		for (const range of [...DASHBOARD_DRESSING.numberFormats, ...DASHBOARD_DRESSING.bold]) {
			expect(range.row + range.rows - 1).toBeLessThanOrEqual(DASHBOARD_ROWS);
			expect(range.column + range.columns - 1).toBeLessThanOrEqual(DASHBOARD_COLUMNS);
		}
	});
});

describe("planDashboardSetup", () => {
	it("makes a new Dashboard with all three charts and claims it for the sync", () => {
		const input = facts({ exists: false, made: false });
		const plan = planDashboardSetup(input);
		expect(plan).toMatchObject({ problems: [], layOut: true, created: [DASHBOARD_SHEET], repaired: [], claim: true });
		expect(plan.charts.map((chart) => chart.title)).toEqual(titles);
		expect(input.asked).toEqual([]);
	});

	it("makes it again after the owner deleted it, claimed already", () => {
		const plan = planDashboardSetup(facts({ exists: false, made: true }));
		expect(plan).toMatchObject({ layOut: true, created: [DASHBOARD_SHEET], claim: false });
		expect(plan.charts).toHaveLength(3);
	});

	it("adds back only Hubsheet's charts that are gone, by title, and writes no cell", () => {
		const input = facts({ exists: true, made: true, titles: [titles[0] as string, "My own chart"] });
		const plan = planDashboardSetup(input);
		expect(plan.layOut).toBe(false);
		expect(plan.created).toEqual([]);
		expect(plan.charts.map((chart) => chart.title)).toEqual(titles.slice(1));
		expect(plan.repaired).toEqual(titles.slice(1).map((title) => `${DASHBOARD_SHEET}: chart "${title}"`));
		expect(plan.claim).toBe(false);
		// Hubsheet's record says the sheet is its own: its first cell is not read.
		expect(input.asked).toEqual(["charts"]);
		expect(planDashboardSetup(facts({ exists: true, made: true, titles })).charts).toEqual([]);
	});

	it("takes back a Dashboard whose first cell is Hubsheet's title though the record was lost", () => {
		const plan = planDashboardSetup(facts({ exists: true, made: false, firstCell: DASHBOARD_TITLE, titles }));
		expect(plan).toMatchObject({ problems: [], layOut: false, charts: [], claim: true });
	});

	it("leaves a sheet named Dashboard that is the owner's own alone, and says what to do", () => {
		const input = facts({ exists: true, made: false, firstCell: "My numbers" });
		const plan = planDashboardSetup(input);
		expect(plan).toEqual({
			problems: [expect.any(String)],
			layOut: false,
			charts: [],
			created: [],
			repaired: [],
			claim: false,
		});
		expect(plan.problems[0]).toBe(
			`A sheet named "${DASHBOARD_SHEET}" is yours already, so Hubsheet did not write its numbers there. Rename that sheet and run Set up sheets again to get Hubsheet's Dashboard.`,
		);
		expect(input.asked).toEqual(["first cell"]);
	});
});
