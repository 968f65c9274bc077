import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCalls } from "../../../local/gas/runtime.js";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { readOrders, reportOf, rowOf } from "./hub-fixture.js";

// Least privilege, measured by the bench: the sync must also work without the Sheets advanced
// service (a manifest limited to spreadsheets.currentonly), on SpreadsheetApp alone.

let sandboxes: SpawnedSandboxes;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy"] });
}, 120_000);
afterAll(() => sandboxes.stop());

describe("without the Sheets advanced service", () => {
	it("imports, keeps text exact, and finds nothing to change on the next sync", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 12, receipts: 0, settings: { perSecond: 10_000 } });
		const hub = new LocalHub(sandboxes.urls, {
			stateDir: mkdtempSync(join(tmpdir(), "hubsheet-currentonly-")),
			withoutSheetsApi: true,
		});
		hub.setUp();
		await hub.connectEtsy();
		const receipt = await etsy.createReceipt({
			message_from_buyer: "=1+1",
			buyer: { zip: "01-234", country_iso: "PL", city: "Warszawa", first_line: "ul. Prosta 1", name: "Anna" },
		});
		await etsy.createReceipt({});
		const first = hub.sync();
		expect(reportOf(first).created).toBe(2);
		expect(countCalls(first.calls, "Sheets")).toBe(0);
		const table = readOrders(hub);
		const row = rowOf(table, String(receipt.receipt_id));
		expect(row[table.header.indexOf("Buyer note")]).toBe("=1+1");
		expect(String(row[table.header.indexOf("Ordered")])).toMatch(/^date:/);
		const second = reportOf(hub.sync());
		expect(second).toMatchObject({ created: 0, updated: 0 });
	}, 120_000);
});
