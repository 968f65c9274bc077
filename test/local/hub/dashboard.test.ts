/**
 * The Dashboard on the real bundle: a week of a shop's business (orders arriving, one shipped by the
 * courier and delivered, one shipped by hand late, one forgotten past its Ship by day) gives the
 * numbers and the charts; an idle sync writes nothing; a second Set up sheets keeps the owner's own
 * cells and chart.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { DASHBOARD_ROWS, NOW_ROW, STATUS_HEADER_ROW, WEEK_HEADER_ROW } from "../../../src/core/dashboard-layout.js";
import { setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "furgonetka"] });
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Wednesday 18 November 2026, 10:00 in Warsaw: the week runs from Monday 16 November. */
const WEDNESDAY = Date.parse("2026-11-18T09:00:00Z");

/** Every clock (the script's, Etsy's, the courier's) to the same instant. */
async function clocksAt(hub: LocalHub, at: number): Promise<void> {
	await Promise.all(["etsy", "furgonetka"].map((name) => sandboxes.control(name).setClock(at)));
	hub.runtime.updateState([], (state) => {
		state.clock = at;
	});
}

function dashboard(hub: LocalHub): { values: unknown[][]; display: string[][] } {
	return hub.runtime.asOwner(`
		var range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Dashboard").getRange(1, 1, ${DASHBOARD_ROWS}, 10);
		return { values: range.getValues().map(function (row) {
			return row.map(function (cell) { return cell instanceof Date ? "date:" + cell.toISOString() : cell; });
		}), display: range.getDisplayValues() };`) as { values: unknown[][]; display: string[][] };
}

function charts(hub: LocalHub): Array<{ title: string; ranges: string[]; row: number; column: number }> {
	return hub.runtime.asOwner(`
		return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Dashboard").getCharts().map(function (chart) {
			return {
				title: chart.getOptions().get("title"),
				ranges: chart.getRanges().map(function (range) { return range.getA1Notation(); }),
				row: chart.getContainerInfo().getAnchorRow(),
				column: chart.getContainerInfo().getAnchorColumn(),
			};
		});`) as Array<{ title: string; ranges: string[]; row: number; column: number }>;
}

async function shop(): Promise<{ hub: LocalHub; orders: Record<"a" | "b" | "c", string> }> {
	const etsy = sandboxes.control("etsy");
	await etsy.reset({ seed: 31, receipts: 0, now: WEDNESDAY, settings: { perSecond: 10_000 } });
	await furgonetka.reset({ now: WEDNESDAY });
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-dashboard-")) });
	await clocksAt(hub, WEDNESDAY);
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCourier("Furgonetka");
	const buyer = { first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" };
	const seconds = (ms: number) => Math.floor(ms / 1000);
	const make = async (name: string, shipBy: number) =>
		String(
			(
				await etsy.createReceipt({
					buyer: { name, ...buyer, email: `${name.split(" ")[0]}@example.com` },
					ship_by: seconds(shipBy),
				})
			).receipt_id,
		);
	const orders = {
		a: await make("Anna Kowalska", WEDNESDAY + 2 * DAY),
		b: await make("Bartek Nowak", WEDNESDAY + 1 * DAY),
		c: await make("Celina Wójcik", WEDNESDAY + 2 * DAY),
	};
	return { hub, orders };
}

describe("the Dashboard after a week of business", () => {
	it("counts statuses, the weeks' orders, on time vs late, lead times and late orders, and draws three charts", async () => {
		const { hub, orders } = await shop();
		expect(charts(hub).map((chart) => chart.title)).toEqual([
			"Orders per status",
			"Lead time per week (days)",
			"On time vs late per week",
		]);
		hub.sync();
		// Wednesday: A goes to the courier.
		setCells(hub, orders.a, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		// Thursday noon: picked up (Shipped by the courier); Saturday: delivered.
		await clocksAt(hub, WEDNESDAY + DAY + 3 * HOUR);
		await furgonetka.advanceAll("collected");
		hub.sync();
		await clocksAt(hub, WEDNESDAY + 3 * DAY);
		await furgonetka.advanceAll("delivered");
		hub.sync();
		// Monday: a new order, and B shipped by hand, four days after its Ship by.
		await clocksAt(hub, WEDNESDAY + 5 * DAY);
		const d = await sandboxes.control("etsy").createReceipt({
			buyer: { name: "Dorota Lis", first_line: "ul. Krótka 2", city: "Gdańsk", zip: "80-001", country_iso: "PL" },
		});
		setCells(hub, orders.b, { Status: "Shipped" });
		hub.sync();
		expect(String(d.receipt_id)).not.toBe("");

		const { values, display } = dashboard(hub);
		const statusRows = values.slice(STATUS_HEADER_ROW, STATUS_HEADER_ROW + 8).map((row) => [row[0], row[1]]);
		expect(statusRows).toEqual([
			["New", 2],
			["Design", 0],
			["Production", 0],
			["Ready to ship", 0],
			["Shipped", 1],
			["Delivered", 1],
			["On hold", 0],
			["Cancelled", 0],
		]);
		const weeks = values.slice(WEEK_HEADER_ROW, WEEK_HEADER_ROW + 12);
		const [lastWeek, thisWeek] = weeks.slice(-2);
		expect(display[WEEK_HEADER_ROW + 10]?.[0]).toBe("2026-11-16");
		expect(display[WEEK_HEADER_ROW + 11]?.[0]).toBe("2026-11-23");
		// Received, shipped, delivered, on time, late.
		expect(lastWeek?.slice(1, 6)).toEqual([3, 1, 1, 1, 0]);
		expect(thisWeek?.slice(1, 6)).toEqual([1, 1, 0, 0, 1]);
		// A: ordered Wednesday 10:00, picked up Thursday 13:00 (27 hours); B: ordered Wednesday, shipped Monday.
		expect(lastWeek?.[6]).toBeCloseTo(1.1, 1);
		expect(lastWeek?.[7]).toBeCloseTo(1.1, 1);
		expect(thisWeek?.[6]).toBeCloseTo(5, 1);
		// The eleven weeks before had nothing: zeros, and no lead time (a gap in the line).
		expect(weeks[0]?.slice(1, 8)).toEqual([0, 0, 0, 0, 0, "", ""]);
		// C: past its Ship by (Friday) and still New.
		expect(values[NOW_ROW]?.slice(0, 2)).toEqual(["Late: past Ship by, not shipped", 1]);
		expect(Number(weeks.reduce((sum, week) => sum + Number(week[8]), 0))).toBeGreaterThan(0);

		// The charts draw from the block; the sidebar's strip counts the same.
		expect(charts(hub).map((chart) => chart.ranges)).toEqual([
			["A4:A12", "B4:B12"],
			["A28:A40", "G28:H40"],
			["A28:A40", "E28:F40"],
		]);
		const state = hub.run("getSidebarState").value as { strip?: { statuses: unknown[]; late: number } };
		expect(state.strip).toEqual({
			statuses: [
				{ status: "New", orders: 2 },
				{ status: "Shipped", orders: 1 },
				{ status: "Delivered", orders: 1 },
			],
			late: 1,
		});

		// An idle sync ten minutes later changes no number: the Dashboard is not written.
		const updated = dashboard(hub).values[0]?.[2];
		await clocksAt(hub, WEDNESDAY + 5 * DAY + 10 * 60_000);
		hub.sync();
		expect(dashboard(hub).values[0]?.[2]).toBe(updated);
	}, 120_000);

	it("a second Set up sheets keeps the owner's own cells and chart, and adds back only a chart of Hubsheet's that is gone", async () => {
		const { hub, orders } = await shop();
		hub.sync();
		const before = dashboard(hub).values;
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Dashboard");
			sheet.getRange("L45").setValue("My target: 20 a week");
			sheet.getRange("A45").setValue("my note");
			sheet.insertChart(sheet.newChart().asPieChart().addRange(sheet.getRange("A5:B8"))
				.setOption("title", "My pie").setPosition(45, 12, 0, 0).build());
			var lead = sheet.getCharts()[1];
			sheet.removeChart(lead);`);
		const report = hub.setUp().value as { created: string[]; repaired: string[] };
		expect(report.created).toEqual([]);
		expect(report.repaired).toEqual(['Dashboard: chart "Lead time per week (days)"']);
		const owner = hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Dashboard");
			return [sheet.getRange("L45").getValue(), sheet.getRange("A45").getValue()];`);
		expect(owner).toEqual(["My target: 20 a week", "my note"]);
		expect(charts(hub).map((chart) => chart.title)).toEqual([
			"Orders per status",
			"On time vs late per week",
			"My pie",
			"Lead time per week (days)",
		]);
		const pie = charts(hub).find((chart) => chart.title === "My pie");
		expect(pie).toMatchObject({ ranges: ["A5:B8"], row: 45, column: 12 });
		// Hubsheet's block is as the sync left it, and the next sync keeps the owner's cells too.
		expect(dashboard(hub).values).toEqual(before);
		setCells(hub, orders.a, { Status: "Design" });
		hub.sync();
		expect(dashboard(hub).values[STATUS_HEADER_ROW + 1]?.slice(0, 2)).toEqual(["Design", 1]);
		expect(
			hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Dashboard");
			return [sheet.getRange("L45").getValue(), sheet.getRange("A45").getValue(), sheet.getCharts().length];`),
		).toEqual(["My target: 20 a week", "my note", 4]);
	}, 120_000);
});
