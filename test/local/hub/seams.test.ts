/**
 * Nothing dropped at a seam, and health that means something, through the real bundle and the
 * sandboxes: a courier that cannot read one shipment, a row Etsy does not know, a sync that sends a
 * platform nothing, and an order whose data the courier refuses.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { ConnectionHealth } from "../../../src/ui/sidebar-api.js";
import { readOrders, reportOf, rowOf, setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka", "webhook"] });
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

async function shop(options: { crm?: "Pipedrive" | "Webhook"; courier?: boolean; orders?: number } = {}) {
	const etsy = sandboxes.control("etsy");
	await etsy.reset({ seed: 41, receipts: 0, settings: { perSecond: 10_000 } });
	await sandboxes.control("pipedrive").reset({ settings: { burstPerWindow: 10_000 } });
	await sandboxes.control("webhook").reset({});
	await furgonetka.reset({ settings: { perSecond: 10_000 } });
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-seams-")) });
	hub.setUp();
	await hub.connectEtsy();
	if (options.crm) await hub.connectCrm(options.crm);
	if (options.courier) await hub.connectCourier("Furgonetka");
	const orderIds: string[] = [];
	for (let index = 0; index < (options.orders ?? 1); index++) {
		const receipt = await etsy.createReceipt({
			buyer: { name: `Buyer ${index}`, first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
		});
		orderIds.push(String(receipt.receipt_id));
	}
	return { hub, orderIds };
}

function issues(hub: LocalHub, orderId: string): string {
	const table = readOrders(hub);
	return String(rowOf(table, orderId)[table.header.indexOf("Issues")]);
}

function findings(hub: LocalHub): Array<{ orderId: string; kind: string; message: string }> {
	return hub.run("getFindings").value as Array<{ orderId: string; kind: string; message: string }>;
}

function health(hub: LocalHub, platform: string): ConnectionHealth | undefined {
	const state = hub.run("getSidebarState").value as { health: ConnectionHealth[] };
	return state.health.find((entry) => entry.platform === platform);
}

describe("a courier that cannot read one shipment", () => {
	it("is a finding on exactly that row; the other order moves on to Shipped", async () => {
		const { hub, orderIds } = await shop({ crm: "Pipedrive", courier: true, orders: 2 });
		const [broken, fine] = orderIds as [string, string];
		hub.sync();
		for (const orderId of orderIds) setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		const packageOf = async (orderId: string) =>
			(await furgonetka.packages()).find((item) => item.user_reference_number === orderId)?.package_id;
		await furgonetka.advanceAll("collected");
		await furgonetka.addFault({
			kind: "error",
			status: 503,
			method: "GET",
			path: `/packages/${await packageOf(broken)}`,
			times: 50,
		});
		expect(reportOf(hub.sync()).status).toBe("completed");
		await furgonetka.clearFaults();
		const table = readOrders(hub);
		const status = (orderId: string) => rowOf(table, orderId)[table.header.indexOf("Status")];
		expect(status(fine)).toBe("Shipped");
		expect(status(broken)).toBe("Ready to ship");
		expect(issues(hub, broken)).toMatch(/shipment not read/);
		expect(issues(hub, fine)).toBe("");
		expect(findings(hub).map((finding) => finding.orderId)).toEqual([broken]);
		// Furgonetka is failing for that request: its health says so, latest first.
		expect(health(hub, "Furgonetka")?.status).toBe("error");
		// Once Furgonetka answers again the finding clears, the order catches up, and health recovers.
		hub.sync();
		expect(issues(hub, broken)).toBe("");
		expect(rowOf(readOrders(hub), broken)[table.header.indexOf("Status")]).toBe("Shipped");
		expect(health(hub, "Furgonetka")).toMatchObject({ status: "ok", message: "Furgonetka is working again." });
		expect(health(hub, "Furgonetka")?.recoveredAt).toBeDefined();
	});
});

describe("a row whose order Etsy does not know", () => {
	it("is looked up once and shown as unknown to Etsy (no deal made for it); Etsy's own orders are not", async () => {
		const { hub, orderIds } = await shop({ crm: "Pipedrive" });
		hub.sync();
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
			var row = header.map(function (name) { return name === "Order" ? "3999999999" : name === "Status" ? "New" : ""; });
			sheet.appendRow(row);`);
		const run = hub.sync();
		const lookups = run.report.fetches.filter((fetch) => fetch.url.includes("/receipts/3999999999"));
		expect(lookups).toHaveLength(1);
		expect(issues(hub, "3999999999")).toMatch(/order unknown to Etsy/);
		expect(issues(hub, orderIds[0] as string)).toBe("");
		expect(findings(hub).map((finding) => [finding.orderId, finding.kind])).toEqual([["3999999999", "unknown-order"]]);
		const pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
		expect(await pipedrive.dealsForOrder("3999999999")).toEqual([]);
		expect(await pipedrive.dealsForOrder(orderIds[0] as string)).toHaveLength(1);
		// Confirmed once: the next sync does not ask again, and still says so.
		const next = hub.sync();
		expect(next.report.fetches.filter((fetch) => fetch.url.includes("/receipts/3999999999"))).toHaveLength(0);
		expect(issues(hub, "3999999999")).toMatch(/order unknown to Etsy/);
	});
});

describe("connection health", () => {
	it("is unchanged for a platform the sync sent nothing, and working once a request to it worked", async () => {
		// No order yet: the first sync sends the webhook nothing.
		const { hub } = await shop({ crm: "Webhook", orders: 0 });
		hub.sync();
		expect(health(hub, "Webhook")?.message).toBe("Webhook is connected; no sync has used it yet.");
		expect(health(hub, "Webhook")?.lastSuccess).toBeUndefined();
		await sandboxes.control("etsy").createReceipt({});
		hub.sync();
		expect(health(hub, "Webhook")).toMatchObject({ status: "ok", message: "Webhook is working." });
		const worked = health(hub, "Webhook")?.lastSuccess;
		expect(worked).toBeDefined();
		// A later sync with nothing for the webhook leaves its last success where it was.
		hub.runtime.advanceTime(60_000);
		hub.sync();
		expect(health(hub, "Webhook")?.lastSuccess).toBe(worked);
	});

	it("an order the courier refuses for its data (no phone) is a finding on the order, not a connection error", async () => {
		const { hub, orderIds } = await shop({ courier: true });
		const [orderId] = orderIds as [string];
		hub.sync();
		setCells(hub, orderId, { Status: "Ready to ship" });
		hub.sync();
		expect(findings(hub).map((finding) => [finding.orderId, finding.message])).toEqual([
			[orderId, expect.stringMatching(/phone/i)],
		]);
		expect(health(hub, "Furgonetka")?.status).not.toBe("error");
		expect(health(hub, "Furgonetka")?.lastError).toBeUndefined();
	});
});
