/**
 * The owner works in the sheet while a sync runs: sorting, inserting rows and a column between the
 * run's own calls. Every write must still land on the row of its order, and no owner cell changes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { readOrders, reportOf } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let pipedrive: PipedriveControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive"] });
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

/** Reverses the order rows (a sort by Order, flipping direction each time) and, once, inserts a row and a column. */
const OWNER_SHUFFLE = `
	var step = arguments[0];
	var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
	var header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
	var orderColumn = header.indexOf("Order") + 1;
	if (step === 1) sheet.insertRowBefore(2);
	if (step === 2) { sheet.insertColumnBefore(1); sheet.getRange(1, 1).setValue("My column"); orderColumn++; }
	var last = sheet.getLastRow();
	if (last > 2) sheet.getRange(2, 1, last - 1, sheet.getLastColumn()).sort({ column: orderColumn, ascending: step % 2 === 0 });
`;

describe("the owner sorts and inserts while a sync runs", () => {
	it("puts every deal id, stage, Issues and Etsy update on its own order's row and leaves the owner's cells alone", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 31, receipts: 4, settings: { perSecond: 10_000 } });
		await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-owner-")) });
		hub.setUp();
		await hub.connectEtsy();
		// The first sync imports the orders; the owner writes a note of their own on each.
		hub.sync();
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var values = sheet.getDataRange().getValues();
			var header = values[0];
			for (var r = 1; r < values.length; r++) {
				var id = String(values[r][header.indexOf("Order")]);
				sheet.getRange(r + 1, header.indexOf("Notes") + 1).setValue("note of " + id);
				sheet.getRange(r + 1, header.indexOf("Phone") + 1).setValue("phone of " + id);
			}`);
		await hub.connectCrm("Pipedrive");
		await etsy.createReceipt({});

		// At every request to a platform, the owner reorders the rows (and once inserts a row and a column).
		let step = 0;
		const run = hub.runtime.run("syncNow", {
			options: {
				onServiceCall: (call, control) => {
					if (call.service === "UrlFetchApp") control.actAsOwner(OWNER_SHUFFLE, [++step]);
				},
			},
		});
		expect(reportOf(run).status).toBe("completed");
		expect(step).toBeGreaterThan(3);

		const table = readOrders(hub);
		const column = (name: string) => table.header.indexOf(name);
		const rows = table.values.slice(1).filter((row) => String(row[column("Order")]) !== "");
		expect(rows).toHaveLength(5);
		for (const row of rows) {
			const orderId = String(row[column("Order")]);
			const deals = await pipedrive.dealsForOrder(orderId);
			// Orders Etsy already shows as shipped get no deal; new ones get exactly one, on their own row.
			const open = row[column("Status")] === "New";
			expect(deals).toHaveLength(open ? 1 : 0);
			expect(String(row[column("CRM deal")])).toBe(open ? String(deals[0]?.id) : "");
			expect(row[column("CRM stage")]).toBe(open ? "New" : "");
			if (row[column("Notes")] !== "") {
				expect(row[column("Notes")]).toBe(`note of ${orderId}`);
				expect(row[column("Phone")]).toBe(`phone of ${orderId}`);
			}
		}
		expect(rows.filter((row) => row[column("Notes")] !== "")).toHaveLength(4);
		expect(rows.filter((row) => row[column("CRM deal")] !== "").length).toBeGreaterThanOrEqual(2);
		// The owner's own column, inserted mid-run, stays empty: nothing was written into it.
		expect(table.values.slice(1).every((row) => row[column("My column")] === "")).toBe(true);
	});
});
