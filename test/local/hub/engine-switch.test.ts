/**
 * Moving a live spreadsheet from Apps Script's triggers to the runner and back: each side picks up
 * where the other left (Etsy's cursor, each order's bookkeeping, the CRM's recent creations, all
 * kept in the spreadsheet), so no row, deal or shipment is lost or made twice.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { LocalRunner } from "../../../local/hub/local-runner.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { SidebarState } from "../../../src/ui/sidebar-api.js";
import { readOrders, reportOf, setCells } from "./hub-fixture.js";

/** What the sidebar says after "Syncs run on:". */
const syncsRunOn = (hub: LocalHub) => (hub.run("getSidebarState").value as SidebarState).engine;

let sandboxes: SpawnedSandboxes;
let runner: LocalRunner | undefined;
beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
}, 120_000);
afterAll(async () => {
	await runner?.stop();
	await sandboxes.stop();
});

describe("switching the engine", () => {
	it("Apps Script -> runner -> Apps Script loses and duplicates nothing", async () => {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 41, receipts: 0, settings: { perSecond: 10_000 } });
		await sandboxes.control("pipedrive").reset({ settings: { burstPerWindow: 10_000 } });
		await sandboxes.control("furgonetka").reset({ settings: { perSecond: 10_000 } });
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-switch-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Pipedrive");
		await hub.connectCourier("Furgonetka");
		const orders: string[] = [];
		const newOrders = async (count: number) => {
			for (let i = 0; i < count; i++) orders.push(String((await etsy.createReceipt({})).receipt_id));
		};
		const readyToShip = (orderId: string) => setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });

		// Apps Script syncs.
		hub.run("installTriggersFromMenu");
		await newOrders(2);
		expect(reportOf(hub.sync()).created).toBe(2);
		expect(syncsRunOn(hub)).toEqual({ kind: "apps-script", label: "Apps Script triggers (in this spreadsheet)" });
		hub.run("removeTriggersFromMenu");

		// The runner takes over (Apps Script's triggers removed): new orders, one ready to ship.
		runner = await LocalRunner.start(hub);
		runner.handOverSecrets();
		await runner.connectEtsy();
		await newOrders(2);
		readyToShip(orders[0] as string);
		const first = runner.sync();
		expect(first.result?.report, first.stderr).toMatchObject({ status: "completed", created: 2 });
		const second = runner.sync();
		expect(second.result?.report).toMatchObject({ status: "completed", created: 0, updated: 0 });
		// The sidebar tells the owner where syncs run now, from what the runner recorded.
		expect(syncsRunOn(hub)).toEqual({ kind: "runner", label: "Google Cloud (runner)" });

		// And back to Apps Script (its triggers installed again).
		hub.run("installTriggersFromMenu");
		await newOrders(1);
		readyToShip(orders[1] as string);
		expect(reportOf(hub.sync())).toMatchObject({ status: "completed", created: 1 });
		expect(reportOf(hub.sync())).toMatchObject({ status: "completed", created: 0, updated: 0 });
		expect(syncsRunOn(hub).kind).toBe("apps-script");

		const table = readOrders(hub);
		const column = table.header.indexOf("Order");
		const rows = table.values
			.slice(1)
			.map((row) => String(row[column]))
			.filter((id) => id !== "");
		expect(rows.sort()).toEqual([...orders].sort());
		// The sandbox's shop has deals of its own: count those of these orders, each exactly once.
		const deals = await sandboxes.control("pipedrive").deals();
		expect(orders.map((orderId) => deals.filter((deal) => deal.title.includes(orderId)).length)).toEqual(
			orders.map(() => 1),
		);
		const packages = await sandboxes.control("furgonetka").packages();
		expect(packages.map((pkg) => pkg.user_reference_number).sort()).toEqual([orders[0], orders[1]].sort());
		const findings = hub.run("getFindings").value as Array<{ orderId: string; message: string }>;
		expect(findings.map((finding) => `${finding.orderId}: ${finding.message}`)).toEqual([]);
	}, 300_000);
});
