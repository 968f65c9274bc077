/**
 * Where the Dashboard's numbers stand on its sheet. Hubsheet owns exactly the block
 * A1:J{DASHBOARD_ROWS} and the three charts it made; everything else on the sheet (the owner's
 * cells, their own charts) is never written. The block is always written whole, blanks included,
 * so a status that disappeared leaves nothing stale behind.
 */
import type { DashboardKpis } from "./dashboard-kpis.js";
import { DASHBOARD_SHEET } from "./sheet-names.js";

export const DASHBOARD_WEEKS = 12;
/** Room for the eight statuses and eight of the owner's own. */
export const STATUS_ROWS = 16;
export const STATUS_HEADER_ROW = 4;
export const NOW_ROW = STATUS_HEADER_ROW + STATUS_ROWS + 2;
export const WEEK_HEADER_ROW = NOW_ROW + 6;
export const DASHBOARD_ROWS = WEEK_HEADER_ROW + DASHBOARD_WEEKS;
export const WEEK_HEADER = [
	"Week from",
	"Received",
	"Shipped",
	"Delivered",
	"On time",
	"Late",
	"Lead time, median (days)",
	"Lead time, 90th percentile (days)",
	"Findings opened",
	"Findings closed",
] as const;
export const DASHBOARD_COLUMNS = WEEK_HEADER.length;

/** The charts Hubsheet makes, found again by title: a chart with another title is the owner's. */
export const DASHBOARD_CHARTS = [
	{ title: "Orders per status", kind: "bar", columns: [1, 2], rows: "status" },
	{ title: "Lead time per week (days)", kind: "line", columns: [1, 7, 8], rows: "weeks" },
	{ title: "On time vs late per week", kind: "stacked", columns: [1, 5, 6], rows: "weeks" },
] as const;

/** A block of cells on the Dashboard sheet, 1-based. */
export interface DashboardRange {
	row: number;
	column: number;
	rows: number;
	columns: number;
}

/**
 * How a new Dashboard is dressed (the sync writes values only): number formats, bold header rows
 * and column widths in pixels.
 */
export const DASHBOARD_DRESSING: {
	numberFormats: ReadonlyArray<DashboardRange & { format: string }>;
	bold: readonly DashboardRange[];
	columnWidths: ReadonlyArray<{ column: number; pixels: number }>;
} = {
	numberFormats: [
		{ row: 1, column: 1, rows: DASHBOARD_ROWS, columns: DASHBOARD_COLUMNS, format: "0.#" },
		{ row: WEEK_HEADER_ROW + 1, column: 1, rows: DASHBOARD_WEEKS, columns: 1, format: "yyyy-mm-dd" },
		{ row: 1, column: 3, rows: 1, columns: 1, format: "yyyy-mm-dd hh:mm" },
	],
	bold: [1, STATUS_HEADER_ROW, NOW_ROW, WEEK_HEADER_ROW].map((row) => ({
		row,
		column: 1,
		rows: 1,
		columns: DASHBOARD_COLUMNS,
	})),
	columnWidths: [
		{ column: 1, pixels: 240 },
		{ column: 3, pixels: 130 },
	],
};

/** One of Hubsheet's charts as the sheet draws it. */
export interface DashboardChart {
	title: string;
	kind: (typeof DASHBOARD_CHARTS)[number]["kind"];
	/** The categories (statuses, weeks), with their header cell. */
	domain: DashboardRange;
	/** The series beside them, with their header cells. */
	series: DashboardRange;
	legend: "none" | "bottom";
	/** The chart's top-left cell. */
	at: { row: number; column: number };
}

/**
 * Where each chart goes (row, column): orders per status beside the status table, over the empty
 * cells D3:J20 of the block; the two weekly charts right of the block, one under the other (a chart
 * is about 18 rows high).
 */
const CHART_PLACES: ReadonlyArray<readonly [number, number]> = [
	[3, 4],
	[1, DASHBOARD_COLUMNS + 2],
	[20, DASHBOARD_COLUMNS + 2],
];

/** Hubsheet's charts over the block, for a Dashboard with this many statuses. */
export function dashboardCharts(statuses: number): DashboardChart[] {
	return DASHBOARD_CHARTS.map((spec, index) => {
		const [row, rows] =
			spec.rows === "status"
				? [STATUS_HEADER_ROW, Math.min(statuses, STATUS_ROWS) + 1]
				: [WEEK_HEADER_ROW, DASHBOARD_WEEKS + 1];
		// The first column is the categories; the others, side by side, are the series.
		const [domain, ...series] = spec.columns;
		const [atRow, atColumn] = CHART_PLACES[index] ?? [1, 1];
		return {
			title: spec.title,
			kind: spec.kind,
			domain: { row, column: domain, rows, columns: 1 },
			series: { row, column: series[0] as number, rows, columns: series.length },
			legend: spec.kind === "bar" ? "none" : "bottom",
			at: { row: atRow, column: atColumn },
		};
	});
}

/** The first cell of Hubsheet's Dashboard: a sheet named Dashboard without it is the owner's own. */
export const DASHBOARD_TITLE = "Hubsheet dashboard";

/** What Set up sheets does for the Dashboard. */
export interface DashboardSetupPlan {
	/** The owner's own sheet holds the name: nothing is written, this is said instead. */
	problems: string[];
	/** A new sheet is laid out (the block with no orders yet, dressed). */
	layOut: boolean;
	/** Hubsheet's charts to add: all on a new sheet, else those whose title is gone. */
	charts: DashboardChart[];
	created: string[];
	repaired: string[];
	/** Record that Hubsheet's Dashboard is there, so the next sync writes its numbers. */
	claim: boolean;
}

/**
 * Set up sheets' Dashboard: made once; a second Set up adds back only a chart of Hubsheet's that is
 * gone (found by its title), never writes a cell of a Dashboard that exists, and never touches a
 * sheet named Dashboard that is the owner's own (Hubsheet has no record of making it and its first
 * cell is not Hubsheet's title). The first cell and the chart titles are asked for only when needed.
 */
export function planDashboardSetup(facts: {
	/** A sheet named Dashboard is there. */
	exists: boolean;
	/** Hubsheet's record says it made the Dashboard. */
	made: boolean;
	firstCell: () => unknown;
	chartTitles: () => readonly string[];
	statuses: number;
}): DashboardSetupPlan {
	const nothing = { problems: [], layOut: false, charts: [], created: [], repaired: [], claim: false };
	if (facts.exists && !facts.made && String(facts.firstCell()) !== DASHBOARD_TITLE)
		return {
			...nothing,
			problems: [
				`A sheet named "${DASHBOARD_SHEET}" is yours already, so Hubsheet did not write its numbers there. Rename that sheet and run Set up sheets again to get Hubsheet's Dashboard.`,
			],
		};
	const charts = dashboardCharts(facts.statuses);
	if (!facts.exists) return { ...nothing, layOut: true, charts, created: [DASHBOARD_SHEET], claim: !facts.made };
	const titles = new Set(facts.chartTitles());
	const missing = charts.filter((chart) => !titles.has(chart.title));
	return {
		...nothing,
		charts: missing,
		repaired: missing.map((chart) => `${DASHBOARD_SHEET}: chart "${chart.title}"`),
		claim: !facts.made,
	};
}

type Cell = string | number;

/** The block's values; `updated` is the refresh time as a Sheets serial. */
export function dashboardCells(kpis: DashboardKpis, updated: number | ""): Cell[][] {
	const rows: Cell[][] = Array.from({ length: DASHBOARD_ROWS }, () => new Array<Cell>(DASHBOARD_COLUMNS).fill(""));
	const put = (row: number, values: readonly Cell[]) => {
		values.forEach((value, index) => {
			(rows[row - 1] as Cell[])[index] = value;
		});
	};
	put(1, [DASHBOARD_TITLE, "Updated", updated]);
	put(2, [
		`Refreshed by the sync when a number changes. Cells outside A1:J${DASHBOARD_ROWS} and charts of your own stay yours.`,
	]);
	put(STATUS_HEADER_ROW, ["Status", "Orders", "Stuck"]);
	kpis.byStatus.slice(0, STATUS_ROWS).forEach((entry, index) => {
		put(STATUS_HEADER_ROW + 1 + index, [entry.status, entry.orders, entry.stuck]);
	});
	put(NOW_ROW, ["Right now", "Orders"]);
	put(NOW_ROW + 1, ["Late: past Ship by, not shipped", kpis.lateNow]);
	put(NOW_ROW + 2, ["Ship by today", kpis.dueToday]);
	put(NOW_ROW + 3, ["Stuck past their threshold", kpis.stuck]);
	put(NOW_ROW + 4, ["Shipped on a day Hubsheet did not see", kpis.shippedUndated]);
	put(WEEK_HEADER_ROW, WEEK_HEADER);
	kpis.weeks.slice(-DASHBOARD_WEEKS).forEach((week, index) => {
		put(WEEK_HEADER_ROW + 1 + index, [
			week.start,
			week.received,
			week.shipped,
			week.delivered,
			week.onTime,
			week.late,
			week.leadMedian ?? "",
			week.leadP90 ?? "",
			week.findingsOpened,
			week.findingsClosed,
		]);
	});
	return rows;
}

/** The sidebar's strip: orders per status (those that have any) and the late ones. */
export interface StatusStrip {
	statuses: Array<{ status: string; orders: number }>;
	late: number;
}

export function statusStrip(kpis: DashboardKpis): StatusStrip {
	return {
		statuses: kpis.byStatus.filter((entry) => entry.orders > 0).map(({ status, orders }) => ({ status, orders })),
		late: kpis.lateNow,
	};
}

/** Defined once in core/sheet-names.ts; re-exported for this module's importers. */
export { DASHBOARD_SHEET };
