/**
 * Set up sheets' part for the Dashboard: the sheet with its block of numbers (filled by the next
 * sync) and three native charts over it, each made once. A second Set up adds back only a chart of
 * Hubsheet's that is gone (found by its title): it never writes a cell of a Dashboard that exists,
 * and never changes, moves or removes any chart, the owner's least of all.
 */
import { computeKpis } from "../core/dashboard-kpis.js";
import {
	DASHBOARD_CHARTS,
	DASHBOARD_COLUMNS,
	DASHBOARD_ROWS,
	DASHBOARD_SHEET,
	DASHBOARD_WEEKS,
	dashboardCells,
	NOW_ROW,
	STATUS_HEADER_ROW,
	STATUS_ROWS,
	WEEK_HEADER_ROW,
} from "../core/dashboard-layout.js";
import { DASHBOARD_KEY, type DashboardState, readDashboardState } from "../engine/dashboard-refresh.js";
import { engineStore } from "./apps-script-ports.js";
import { createWorkbook } from "./workbook-adapter.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

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

function buildChart(sheet: Sheet, index: number, statuses: number): GoogleAppsScript.Spreadsheet.EmbeddedChart {
	const spec = DASHBOARD_CHARTS[index] as (typeof DASHBOARD_CHARTS)[number];
	const [firstRow, rows] =
		spec.rows === "status"
			? [STATUS_HEADER_ROW, Math.min(statuses, STATUS_ROWS) + 1]
			: [WEEK_HEADER_ROW, DASHBOARD_WEEKS + 1];
	let builder = sheet.newChart();
	builder =
		spec.kind === "bar"
			? builder.asBarChart()
			: spec.kind === "line"
				? builder.asLineChart()
				: builder.asColumnChart().setStacked();
	// The first column is the categories (statuses, weeks); the others are the series.
	const [domain, ...series] = spec.columns;
	builder.addRange(sheet.getRange(firstRow, domain, rows, 1));
	builder.addRange(sheet.getRange(firstRow, series[0] as number, rows, series.length));
	return builder
		.setNumHeaders(1)
		.setOption("title", spec.title)
		.setOption("legend", { position: spec.kind === "bar" ? "none" : "bottom" })
		.setPosition(CHART_PLACES[index]?.[0] ?? 1, CHART_PLACES[index]?.[1] ?? 1, 0, 0)
		.build();
}

/** Lays out a new Dashboard: the block with no orders yet, its formats and widths. */
function layOut(spreadsheet: Spreadsheet, sheet: Sheet, statuses: readonly string[]): void {
	const workbook = createWorkbook(spreadsheet);
	const kpis = computeKpis({
		orders: [],
		statuses,
		findings: [],
		findingWeeks: {},
		now: Date.now(),
		timeZone: workbook.timeZone,
		weeks: DASHBOARD_WEEKS,
	});
	sheet.getRange(1, 1, DASHBOARD_ROWS, DASHBOARD_COLUMNS).setNumberFormat("0.#");
	sheet.getRange(WEEK_HEADER_ROW + 1, 1, DASHBOARD_WEEKS, 1).setNumberFormat("yyyy-mm-dd");
	sheet.getRange(1, 3).setNumberFormat("yyyy-mm-dd hh:mm");
	for (const row of [1, STATUS_HEADER_ROW, NOW_ROW, WEEK_HEADER_ROW]) {
		sheet.getRange(row, 1, 1, DASHBOARD_COLUMNS).setFontWeight("bold");
	}
	sheet.setColumnWidth(1, 240).setColumnWidth(3, 130);
	// Written raw, as the sync writes it: a status name is never parsed as a number or a formula.
	workbook.writeBlocks([{ sheet: DASHBOARD_SHEET, row: 1, column: 1, values: dashboardCells(kpis, "") }]);
}

export function setUpDashboard(
	spreadsheet: Spreadsheet,
	statuses: readonly string[],
	report: { created: string[]; repaired: string[]; problems: string[] },
): void {
	const store = engineStore();
	const state = readDashboardState(store);
	let sheet = spreadsheet.getSheetByName(DASHBOARD_SHEET);
	if (sheet && state.sheet !== true && String(sheet.getRange(1, 1).getValue()) !== "Hubsheet dashboard") {
		report.problems.push(
			`A sheet named "${DASHBOARD_SHEET}" is yours already, so Hubsheet did not write its numbers there. Rename that sheet and run Set up sheets again to get Hubsheet's Dashboard.`,
		);
		return;
	}
	if (!sheet) {
		const active = spreadsheet.getActiveSheet();
		sheet = spreadsheet.insertSheet(DASHBOARD_SHEET, spreadsheet.getNumSheets());
		layOut(spreadsheet, sheet, statuses);
		spreadsheet.setActiveSheet(active);
		report.created.push(DASHBOARD_SHEET);
	}
	const titles = new Set(sheet.getCharts().map((chart) => String(chart.getOptions().get("title") ?? "")));
	DASHBOARD_CHARTS.forEach((spec, index) => {
		if (titles.has(spec.title)) return;
		sheet.insertChart(buildChart(sheet, index, statuses.length));
		if (!report.created.includes(DASHBOARD_SHEET)) report.repaired.push(`${DASHBOARD_SHEET}: chart "${spec.title}"`);
	});
	if (state.sheet !== true) {
		// The next sync writes the numbers (a digest of an earlier run must not hold them back).
		const { digest: _digest, ...rest } = state;
		const next: DashboardState = { ...rest, sheet: true };
		store.set(DASHBOARD_KEY, JSON.stringify(next));
	}
}
