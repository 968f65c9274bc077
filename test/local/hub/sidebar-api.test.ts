import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceCall } from "../../../local/gas/host.js";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import type { Finding } from "../../../src/core/findings.js";
import { PROGRESS_CACHE_KEY } from "../../../src/gas/sync-progress.js";
import { FINDINGS_HEADER, FINDINGS_SHEET, findingsRows } from "../../../src/sheet/findings-rows.js";
import type { SidebarState, TriggerView } from "../../../src/ui/sidebar-api.js";
import { type HubFixture, readOrders, rowOf, startHubFixture } from "./hub-fixture.js";

// The sidebar's server side on the real bundle, the emulator and the Etsy sandbox.
let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

const sidebarState = (hub: LocalHub) => hub.run("getSidebarState").value as SidebarState;

function seedFindings(hub: LocalHub, findings: Finding[]): void {
	hub.runtime.asOwner(
		`var ss = SpreadsheetApp.getActiveSpreadsheet();
		var sheet = ss.insertSheet(arguments[0]);
		sheet.getRange(1, 1, arguments[1].length, 2).setNumberFormat("@").setValues(arguments[1]);
		sheet.hideSheet();`,
		[FINDINGS_SHEET, [[...FINDINGS_HEADER], ...findingsRows(findings)]],
	);
}

function firstOrderId(hub: LocalHub): string {
	const table = readOrders(hub);
	return String(table.values[1]?.[table.header.indexOf("Order")]);
}

describe("the sidebar API", () => {
	it("reports Etsy's health, the last sync and the triggers, with times as ISO text", async () => {
		const hub = await fixture.freshHub({ receipts: 2 });
		hub.sync();
		const state = sidebarState(hub);
		expect(state.health).toHaveLength(1);
		expect(state.health[0]).toMatchObject({ platform: "Etsy", status: "ok", tokenAgeDays: 0, quotaPerDay: 10_000 });
		expect(state.health[0]?.quotaLeftToday).toBeGreaterThan(9_000);
		expect(state.health[0]?.lastSuccess).toMatch(/^\d{4}-\d\d-\d\dT/);
		expect(state.lastSync).toMatchObject({ status: "completed", message: expect.stringContaining("2 new") });
		expect(state.triggers).toMatchObject({ installed: false, intervalMinutes: 10 });
		// Nothing a Date: google.script.run would not carry it.
		expect(JSON.stringify(state)).toBe(JSON.stringify(JSON.parse(JSON.stringify(state))));
	});

	it("shows an Etsy outage as an error with Etsy's words, and OK again once Etsy answers", async () => {
		const hub = await fixture.freshHub({ receipts: 2 });
		await fixture.etsy.addFault({
			kind: "error",
			status: 503,
			path: "/v3/application/shops/:shop_id/receipts",
			times: 50,
		});
		hub.sync();
		const failing = sidebarState(hub).health[0];
		expect(failing?.status).toBe("error");
		expect(failing?.lastError).toMatch(/503|unavailable|Server Error/i);
		await fixture.etsy.clearFaults();
		hub.sync();
		expect(sidebarState(hub).health[0]).toMatchObject({ status: "ok", lastError: failing?.lastError });
	});

	it("writes the running sync's phase where another execution reads it at once, and clears it at the end", async () => {
		const hub = await fixture.freshHub({ receipts: 2 });
		const other = new LocalRuntime({ stateDir: hub.runtime.options.stateDir });
		const phases: string[] = [];
		hub.sync({
			options: {
				onServiceCall(call: ServiceCall) {
					if (call.service !== "UrlFetchApp") return;
					const raw = other.state().cache.script[PROGRESS_CACHE_KEY]?.value;
					if (raw) phases.push((JSON.parse(raw) as { phase: string }).phase);
				},
			},
		});
		expect(phases).toContain("Reading changes from Etsy…");
		// Idle again, with the time the run finished: an open sidebar refreshes when it changes.
		expect(hub.run("getSyncProgress").value).toEqual({ running: false, lastSyncAt: expect.stringMatching(/^\d{4}-/) });
	});

	it("installs the triggers at the chosen interval, saves it in Settings, and tells the last and next run", async () => {
		const hub = await fixture.freshHub({ receipts: 1 });
		const installed = hub.run("installTriggers", { args: [15] }).value as TriggerView;
		expect(installed).toMatchObject({ installed: true, intervalMinutes: 15, nightly: true });
		expect(installed.nextRunNote).toBe("within 15 minutes of installing");
		const settings = hub.runtime.asOwner(
			'return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings").getDataRange().getDisplayValues();',
		) as string[][];
		expect(settings.find((row) => row[0] === "Sync every (minutes)")?.[1]).toBe("15");

		const runs = hub.runtime.advanceTime(16 * 60_000);
		expect(runs.map((run) => run.functionName)).toContain("syncFromTrigger");
		const view = sidebarState(hub).triggers;
		const fired = runs.find((run) => run.functionName === "syncFromTrigger");
		expect(Date.parse(view.lastRun ?? "")).toBeGreaterThanOrEqual(fired?.startedAt ?? Number.NaN);
		expect(Date.parse(view.nextRun ?? "")).toBe(Date.parse(view.lastRun ?? "") + 15 * 60_000);

		expect(hub.run("removeTriggers").value).toMatchObject({ installed: false, intervalMinutes: 15 });
		expect(hub.runtime.state().triggers).toEqual([]);
		const refused = hub.runtime.run("installTriggers", { args: [7] });
		expect(refused.error).toContain("Choose 5, 10, 15, 30 or 60 minutes");
	});

	it("lists the stored findings, selects an order's row, and applies a confirmed fix", async () => {
		const hub = await fixture.freshHub({ receipts: 3 });
		hub.sync();
		const orderId = firstOrderId(hub);
		const cancelled: Finding = {
			orderId,
			kind: "cancelled-on-etsy",
			severity: "error",
			message: "Cancelled on Etsy but still in Production.",
			values: { Sheet: "Production", Etsy: "Cancelled" },
			fix: { action: "mark-cancelled", label: "Mark Cancelled", confirm: "Set Status to Cancelled?" },
		};
		const stage: Finding = {
			orderId,
			kind: "crm-stage-differs",
			severity: "warning",
			message: "The deal is elsewhere.",
			values: {},
			fix: { action: "push-status-to-crm", label: "Move the deal", confirm: "Move it?" },
		};
		seedFindings(hub, [stage, cancelled]);
		expect(hub.run("getFindings").value).toEqual([cancelled, stage]);

		const selected = hub.run("selectOrder", { args: [orderId] }).value as { found: boolean; row: number };
		expect(selected.found).toBe(true);
		const orders = hub.runtime.state().workbook.sheets.find((sheet) => sheet.name === "Orders");
		expect(hub.runtime.state().workbook.activeSheetId).toBe(orders?.sheetId);
		expect(orders?.activeRange).toMatchObject({ row: selected.row, column: 1, numRows: 1 });
		expect(hub.run("selectOrder", { args: ["999"] }).value).toMatchObject({ found: false });

		expect(hub.runtime.run("applyFix", { args: [orderId, "retry-shipment"] }).error).toContain("offers this fix");
		const result = hub.run("applyFix", { args: [orderId, "mark-cancelled"] }).value as { findings: Finding[] };
		expect(result.findings).toEqual([stage]);
		expect(hub.run("getFindings").value).toEqual([stage]);
		const table = readOrders(hub);
		expect(rowOf(table, orderId)[table.header.indexOf("Status")]).toBe("Cancelled");

		// A fix that reaches the CRM runs a sync at once, which stores the findings afresh.
		const pushed = hub.runtime.run("applyFix", { args: [orderId, "push-status-to-crm"] });
		expect(pushed.status).toBe("completed");
		expect((pushed.value as { message: string }).message).toContain("the deal follows the sheet's Status");
	});
});
