/**
 * Real parts for end-to-end tests of the bundle: the built dist/Code.js in the local runtime,
 * talking real HTTP to sandboxes in a child process. Each test gets a fresh spreadsheet.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countCalls, type ExecutionResult } from "../../../local/gas/runtime.js";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { ENGINE_SHEET } from "../../../src/sheet/engine-store.js";
import type { SyncReport } from "../../../src/ui/sidebar-api.js";

export interface HubFixture {
	sandboxes: SpawnedSandboxes;
	etsy: EtsyControlClient;
	/** A new spreadsheet, set up and connected to a freshly seeded Etsy shop. */
	freshHub(options?: { receipts?: number; edgeCases?: boolean; spanDays?: number }): Promise<LocalHub>;
	stop(): Promise<void>;
}

export async function startHubFixture(only: string[] = ["etsy"]): Promise<HubFixture> {
	const sandboxes = await spawnSandboxes({ only });
	const etsy = sandboxes.control("etsy");
	return {
		sandboxes,
		etsy,
		async freshHub({ receipts = 5, edgeCases = false, spanDays } = {}) {
			// Etsy's per-second limit is lifted so that tests' bursts never wait (one clock: kit/runtime-clock.ts).
			await etsy.reset({ seed: 11, receipts, edgeCases, spanDays, settings: { perSecond: 10_000 } });
			const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-e2e-")) });
			hub.setUp();
			await hub.connectEtsy();
			await etsy.clearRequests();
			return hub;
		},
		stop: () => sandboxes.stop(),
	};
}

/** A buyer in Poland (InPost ships only there), as Etsy's receipt carries her. */
export const POLISH_BUYER = {
	name: "Anna Kowalska",
	first_line: "ul. Prosta 1",
	city: "Warszawa",
	zip: "01-234",
	country_iso: "PL",
	email: "anna.kowalska@example.com",
};

/**
 * A new spreadsheet with Etsy, a CRM and a courier connected, and one new paid order of a buyer in
 * Poland. Every running sandbox is reset first: Etsy with no orders, Etsy's and Pipedrive's short
 * windows lifted so that tests' bursts never wait.
 */
export async function shopWithOneOrder(
	sandboxes: SpawnedSandboxes,
	crm: "Pipedrive" | "HubSpot" | "Webhook" = "Pipedrive",
	courier: "Furgonetka" | "InPost" = "Furgonetka",
	statePrefix = "hubsheet-path-",
): Promise<{ hub: LocalHub; etsy: EtsyControlClient; orderId: string }> {
	const etsy = sandboxes.control("etsy");
	await etsy.reset({ seed: 21, receipts: 0, settings: { perSecond: 10_000 } });
	for (const name of Object.keys(sandboxes.urls)) {
		if (name === "pipedrive") await sandboxes.control("pipedrive").reset({ settings: { burstPerWindow: 10_000 } });
		else if (name !== "etsy") await sandboxes.control(name).reset({});
	}
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), statePrefix)) });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCrm(crm);
	await hub.connectCourier(courier);
	const receipt = await etsy.createReceipt({ buyer: POLISH_BUYER });
	return { hub, etsy, orderId: String(receipt.receipt_id) };
}

export function reportOf(result: ExecutionResult): SyncReport {
	return result.value as SyncReport;
}

export function spreadsheetCalls(result: ExecutionResult): number {
	return countCalls(result.calls, "SpreadsheetApp") + countCalls(result.calls, "Sheets");
}

export function etsyRequests(result: ExecutionResult, path = "/receipts"): number {
	return result.report.fetches.filter((fetch) => fetch.url.includes("/v3/application/") && fetch.url.includes(path))
		.length;
}

/** The Orders sheet as the owner reads it: values (dates as ISO text) and what the cells display. */
export function readOrders(hub: LocalHub): { values: unknown[][]; display: string[][]; header: string[] } {
	const read = hub.runtime.asOwner(`
		var range = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange();
		var values = range.getValues().map(function (row) {
			return row.map(function (cell) { return cell instanceof Date ? "date:" + cell.toISOString() : cell; });
		});
		return { values: values, display: range.getDisplayValues() };`) as { values: unknown[][]; display: string[][] };
	return { ...read, header: (read.display[0] ?? []).map(String) };
}

export function rowOf(table: { values: unknown[][]; header: string[] }, orderId: string): unknown[] {
	const column = table.header.indexOf("Order");
	const row = table.values.find((line) => String(line[column]) === orderId);
	if (!row) throw new Error(`no row for order ${orderId}`);
	return row;
}

/** The owner types into an order's cells, named by their headers, as in the spreadsheet. */
export function setCells(hub: LocalHub, orderId: string, cells: Record<string, string>): void {
	hub.runtime.asOwner(
		`
		var orderId = arguments[0], cells = arguments[1];
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues();
		var header = values[0];
		for (var r = 1; r < values.length; r++) {
			if (String(values[r][header.indexOf("Order")]) !== orderId) continue;
			Object.keys(cells).forEach(function (name) {
				var column = header.indexOf(name);
				if (column < 0) throw new Error("no column " + name);
				sheet.getRange(r + 1, column + 1).setValue(cells[name]);
			});
		}`,
		[orderId, cells],
	);
}

/** What an order's cell holds, as text. */
export function cellOf(hub: LocalHub, orderId: string, header: string): string {
	const table = readOrders(hub);
	return String(rowOf(table, orderId)[table.header.indexOf(header)] ?? "");
}

/** The findings the sidebar would list for one order. */
export function findingsOf(
	hub: LocalHub,
	orderId: string,
): Array<{ orderId: string; kind: string; severity: string; message: string }> {
	const all = hub.run("getFindings").value as Array<{
		orderId: string;
		kind: string;
		severity: string;
		message: string;
	}>;
	return all.filter((finding) => finding.orderId === orderId);
}

/**
 * A value of the bookkeeping Apps Script and the runner share (the hidden "Hubsheet engine" sheet,
 * src/sheet/engine-store.ts), as the owner's spreadsheet holds it; undefined when the key is not there.
 */
export function engineValue(hub: LocalHub, key: string): string | undefined {
	const rows = hub.runtime.asOwner(`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(${JSON.stringify(ENGINE_SHEET)});
		return sheet ? sheet.getDataRange().getDisplayValues() : [];`) as string[][];
	return rows.slice(1).find((row) => row[0] === key)?.[1];
}
