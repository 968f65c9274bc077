/**
 * Set up sheets' part for the Dashboard, on Apps Script: draws the plan of core/dashboard-layout.ts
 * (`planDashboardSetup`: whether the sheet is made, which of Hubsheet's charts are added, what the
 * owner is told) with `SpreadsheetApp` and native charts (`EmbeddedChartBuilder`).
 */
import { computeKpis } from "../core/dashboard-kpis.js";
import {
	DASHBOARD_DRESSING,
	DASHBOARD_SHEET,
	DASHBOARD_WEEKS,
	type DashboardChart,
	dashboardCells,
	planDashboardSetup,
} from "../core/dashboard-layout.js";
import { DASHBOARD_KEY, dashboardSheetClaimed, readDashboardState } from "../engine/dashboard-refresh.js";
import { engineStore } from "./apps-script-ports.js";
import { createWorkbook } from "./workbook-adapter.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function buildChart(sheet: Sheet, chart: DashboardChart): GoogleAppsScript.Spreadsheet.EmbeddedChart {
	const builder = sheet.newChart();
	const typed =
		chart.kind === "bar"
			? builder.asBarChart()
			: chart.kind === "line"
				? builder.asLineChart()
				: builder.asColumnChart().setStacked();
	for (const { row, column, rows, columns } of [chart.domain, chart.series])
		typed.addRange(sheet.getRange(row, column, rows, columns));
	return typed
		.setNumHeaders(1)
		.setOption("title", chart.title)
		.setOption("legend", { position: chart.legend })
		.setPosition(chart.at.row, chart.at.column, 0, 0)
		.build();
}

/** Makes the Dashboard sheet: the block with no orders yet, dressed, written as the sync writes it. */
function newDashboard(spreadsheet: Spreadsheet, statuses: readonly string[]): Sheet {
	const active = spreadsheet.getActiveSheet();
	const sheet = spreadsheet.insertSheet(DASHBOARD_SHEET, spreadsheet.getNumSheets());
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
	for (const { row, column, rows, columns, format } of DASHBOARD_DRESSING.numberFormats)
		sheet.getRange(row, column, rows, columns).setNumberFormat(format);
	for (const { row, column, rows, columns } of DASHBOARD_DRESSING.bold)
		sheet.getRange(row, column, rows, columns).setFontWeight("bold");
	for (const { column, pixels } of DASHBOARD_DRESSING.columnWidths) sheet.setColumnWidth(column, pixels);
	// Written raw, as the sync writes it: a status name is never parsed as a number or a formula.
	workbook.writeBlocks([{ sheet: DASHBOARD_SHEET, row: 1, column: 1, values: dashboardCells(kpis, "") }]);
	spreadsheet.setActiveSheet(active);
	return sheet;
}

export function setUpDashboard(
	spreadsheet: Spreadsheet,
	statuses: readonly string[],
	report: { created: string[]; repaired: string[]; problems: string[] },
): void {
	const store = engineStore();
	const state = readDashboardState(store);
	const existing = spreadsheet.getSheetByName(DASHBOARD_SHEET);
	const plan = planDashboardSetup({
		exists: existing !== null,
		made: state.sheet === true,
		firstCell: () => existing?.getRange(1, 1).getValue(),
		chartTitles: () => (existing?.getCharts() ?? []).map((chart) => String(chart.getOptions().get("title") ?? "")),
		statuses: statuses.length,
	});
	report.problems.push(...plan.problems);
	const sheet = plan.layOut ? newDashboard(spreadsheet, statuses) : existing;
	report.created.push(...plan.created);
	for (const chart of plan.charts) sheet?.insertChart(buildChart(sheet, chart));
	report.repaired.push(...plan.repaired);
	if (plan.claim) store.set(DASHBOARD_KEY, JSON.stringify(dashboardSheetClaimed(state)));
}
