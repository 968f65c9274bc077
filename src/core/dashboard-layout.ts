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

type Cell = string | number;

/** The block's values; `updated` is the refresh time as a Sheets serial. */
export function dashboardCells(kpis: DashboardKpis, updated: number | ""): Cell[][] {
	const rows: Cell[][] = Array.from({ length: DASHBOARD_ROWS }, () => new Array<Cell>(DASHBOARD_COLUMNS).fill(""));
	const put = (row: number, values: readonly Cell[]) => {
		values.forEach((value, index) => {
			(rows[row - 1] as Cell[])[index] = value;
		});
	};
	put(1, ["Hubsheet dashboard", "Updated", updated]);
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
