import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { shopWithOneOrder as newShop, readOrders, reportOf, rowOf, setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let pipedrive: PipedriveControlClient;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka", "hubspot", "inpost", "webhook"] });
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

/** A new spreadsheet with Etsy, a CRM and a courier connected, and one new paid order. */
function shopWithOneOrder(
	crm: "Pipedrive" | "HubSpot" | "Webhook" = "Pipedrive",
	courier: "Furgonetka" | "InPost" = "Furgonetka",
) {
	return newShop(sandboxes, crm, courier);
}

function cell(hub: LocalHub, orderId: string, header: string): unknown {
	const table = readOrders(hub);
	return rowOf(table, orderId)[table.header.indexOf(header)];
}

async function dealsOf(orderId: string) {
	return pipedrive.dealsForOrder(orderId);
}

describe("the whole path with Pipedrive and Furgonetka", () => {
	it("paid order -> deal -> Design, Production, Ready to ship -> package once -> picked up -> Shipped and tracking on Etsy -> Delivered", async () => {
		const { hub, etsy, orderId } = await shopWithOneOrder();
		expect(reportOf(hub.sync()).status).toBe("completed");
		expect(cell(hub, orderId, "Status")).toBe("New");
		const [deal] = await dealsOf(orderId);
		expect(deal).toBeDefined();
		expect(cell(hub, orderId, "CRM deal")).toBe(String(deal?.id));
		expect(cell(hub, orderId, "CRM stage")).toBe("New");

		for (const status of ["Design", "Production"]) {
			setCells(hub, orderId, { Status: status });
			const run = hub.sync();
			expect(
				run.report.fetches.filter((fetch) => fetch.method === "PATCH" && fetch.url.includes("/deals/")),
			).toHaveLength(1);
			expect(cell(hub, orderId, "CRM stage")).toBe(status);
		}

		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		hub.sync();
		const packages = (await furgonetka.packages()).filter((item) => item.user_reference_number === orderId);
		expect(packages).toHaveLength(1);
		expect(cell(hub, orderId, "Shipment")).toBe(packages[0]?.package_id);
		expect(cell(hub, orderId, "Label")).toBe("Label");
		const labelLink = hub.runtime.asOwner(
			`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var values = sheet.getDataRange().getValues();
			var header = values[0];
			for (var r = 1; r < values.length; r++) {
				if (String(values[r][header.indexOf("Order")]) === arguments[0]) {
					return sheet.getRange(r + 1, header.indexOf("Label") + 1).getRichTextValue().getLinkUrl();
				}
			}`,
			[orderId],
		);
		// The label opens from the owner's Drive (label-files.test.ts checks the file itself).
		expect(labelLink).toMatch(/^https:\/\/drive\.google\.com\/file\/d\/\S+/);

		expect(cell(hub, orderId, "Shipped on")).toBe("");
		await furgonetka.advanceAll("collected");
		const pickedUpAt = hub.runtime.state().clock;
		hub.sync();
		expect(cell(hub, orderId, "Status")).toBe("Shipped");
		// The day of the sync that read the pick-up, as a date cell (getValues gives a Date).
		const shippedOn = String(cell(hub, orderId, "Shipped on"));
		expect(shippedOn).toMatch(/^date:/);
		expect(Math.abs(Date.parse(shippedOn.slice(5)) - pickedUpAt)).toBeLessThan(60_000);
		expect(cell(hub, orderId, "Delivered on")).toBe("");
		const tracking = String(cell(hub, orderId, "Tracking"));
		expect(tracking).not.toBe("");
		const { receipt } = await etsy.receipt(Number(orderId));
		expect(receipt.shipments?.map((shipment) => shipment.tracking_code)).toEqual([tracking]);
		hub.sync();
		expect((await etsy.receipt(Number(orderId))).receipt.shipments).toHaveLength(1);

		await furgonetka.advanceAll("delivered");
		hub.sync();
		expect(cell(hub, orderId, "Courier status")).toBe("Delivered");
		expect(cell(hub, orderId, "Status")).toBe("Delivered");
		expect(cell(hub, orderId, "CRM stage")).toBe("Delivered");
		expect(String(cell(hub, orderId, "Delivered on"))).toMatch(/^date:/);
		// Written once: a later sync leaves the day as it is.
		expect(cell(hub, orderId, "Shipped on")).toBe(shippedOn);
		expect(await dealsOf(orderId)).toHaveLength(1);
	});

	it("reports a missing phone in the sheet's words on the row, before asking the courier, and ships once the owner adds it", async () => {
		const { hub, orderId } = await shopWithOneOrder();
		hub.sync();
		setCells(hub, orderId, { Status: "Ready to ship" });
		hub.sync();
		expect(String(cell(hub, orderId, "Issues"))).toContain(
			"The Phone cell is empty: Furgonetka needs the buyer's phone",
		);
		expect((await furgonetka.packages()).filter((item) => item.user_reference_number === orderId)).toHaveLength(0);
		setCells(hub, orderId, { Phone: "600 200 300" });
		hub.sync();
		expect((await furgonetka.packages()).filter((item) => item.user_reference_number === orderId)).toHaveLength(1);
		expect(String(cell(hub, orderId, "Issues"))).not.toMatch(/phone/i);
	});
});

/** Runs a sync killed at the first service call after its `afterFetch`-th HTTP request; returns whether it was killed. */
function killedSync(hub: LocalHub, afterFetch: number): boolean {
	let fetches = 0;
	const result = hub.runtime.run("syncNow", {
		options: {
			onServiceCall: (call, control) => {
				if (fetches >= afterFetch) control.kill();
				if (call.service === "UrlFetchApp") fetches++;
			},
		},
	});
	return result.status === "killed";
}

/**
 * The next trigger run comes minutes later: the script's clock and every platform's clock move on
 * (a create whose outcome a killed run never saw is looked up once the platform's search caught up).
 */
async function nextTriggerLater(hub: LocalHub, ms = 5 * 60_000): Promise<void> {
	hub.runtime.advanceTime(ms);
	for (const name of ["etsy", "pipedrive", "furgonetka", "hubspot", "inpost"]) {
		await sandboxes.control(name).advanceClock({ ms });
	}
}

describe("killing a run at every step and running again", () => {
	async function sweep(
		prepare: () => Promise<{ hub: LocalHub; orderId: string; etsy: ReturnType<SpawnedSandboxes["control"]> }>,
		check: (orderId: string) => Promise<void>,
	) {
		// How many requests the step makes, measured on a run left to finish.
		const probe = await prepare();
		const baseline = probe.hub.sync().report.fetches.length;
		expect(baseline).toBeGreaterThan(0);
		for (let afterFetch = 0; afterFetch <= baseline; afterFetch++) {
			const { hub, orderId } = await prepare();
			killedSync(hub, afterFetch);
			await nextTriggerLater(hub);
			expect(reportOf(hub.sync()).status).toBe("completed");
			hub.sync();
			await check(orderId);
		}
	}

	it("creates no second deal or person", async () => {
		await sweep(
			async () => shopWithOneOrder(),
			async (orderId) => {
				expect(await dealsOf(orderId)).toHaveLength(1);
				const deal = (await dealsOf(orderId))[0];
				expect((await pipedrive.persons()).filter((person) => person.id === deal?.person_id)).toHaveLength(1);
			},
		);
	}, 600_000);

	it("creates no second package", async () => {
		await sweep(
			async () => {
				const shop = await shopWithOneOrder();
				shop.hub.sync();
				setCells(shop.hub, shop.orderId, { Status: "Ready to ship", Phone: "600 200 300" });
				return shop;
			},
			async (orderId) => {
				expect((await furgonetka.packages()).filter((item) => item.user_reference_number === orderId)).toHaveLength(1);
			},
		);
	}, 600_000);

	it("submits the tracking to Etsy once", async () => {
		await sweep(
			async () => {
				const shop = await shopWithOneOrder();
				shop.hub.sync();
				setCells(shop.hub, shop.orderId, { Status: "Ready to ship", Phone: "600 200 300" });
				shop.hub.sync();
				await furgonetka.advanceAll("collected");
				return shop;
			},
			async (orderId) => {
				const { receipt } = await sandboxes.control("etsy").receipt(Number(orderId));
				expect(receipt.shipments).toHaveLength(1);
			},
		);
	}, 600_000);
});

describe("the whole path with HubSpot and InPost, and with a webhook", () => {
	it("HubSpot deal follows Status; InPost confirms later with a 24-digit tracking number kept exactly", async () => {
		const hubspot = sandboxes.control(
			"hubspot",
		) as import("../../../local/sandbox/hubspot/control-client.js").HubSpotControlClient;
		const inpost = sandboxes.control(
			"inpost",
		) as import("../../../local/sandbox/inpost/control-client.js").InpostControlClient;
		const { hub, etsy, orderId } = await shopWithOneOrder("HubSpot", "InPost");
		hub.sync();
		const deal = await hubspot.dealForOrder(orderId);
		expect(deal).toBeDefined();
		expect(cell(hub, orderId, "CRM stage")).toBe("New");
		setCells(hub, orderId, { Status: "Production" });
		const moved = hub.sync();
		expect(moved.report.fetches.filter((fetch) => fetch.url.includes("/batch/update"))).toHaveLength(1);
		expect(cell(hub, orderId, "CRM stage")).toBe("Production");

		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600200300" });
		hub.sync();
		expect((await inpost.shipments()).filter((shipment) => shipment.reference === orderId)).toHaveLength(1);
		expect(cell(hub, orderId, "Tracking")).toBe("");
		await inpost.advanceAll("confirmed");
		hub.sync();
		const [shipment] = (await inpost.shipments()).filter((item) => item.reference === orderId);
		expect(shipment?.tracking_number).toMatch(/^\d{24}$/);
		expect(cell(hub, orderId, "Tracking")).toBe(shipment?.tracking_number);
		await inpost.advanceAll("collected_from_sender");
		hub.sync();
		expect(cell(hub, orderId, "Status")).toBe("Shipped");
		expect((await etsy.receipt(Number(orderId))).receipt.shipments?.map((item) => item.tracking_code)).toEqual([
			shipment?.tracking_number,
		]);
		await inpost.advanceAll("delivered");
		hub.sync();
		expect(cell(hub, orderId, "Status")).toBe("Delivered");
		expect((await hubspot.dealForOrder(orderId))?.properties?.dealstage).toBeDefined();
		expect(await hubspot.deals({ orderId })).toHaveLength(1);
	});

	it("a webhook receives order.created once and one signed order.status_changed per change", async () => {
		const webhook = sandboxes.control(
			"webhook",
		) as import("../../../local/sandbox/webhook/control-client.js").WebhookControlClient;
		const { hub, orderId } = await shopWithOneOrder("Webhook", "Furgonetka");
		hub.sync();
		setCells(hub, orderId, { Status: "Design" });
		hub.sync();
		hub.sync();
		const received = await webhook.dealForOrder(orderId);
		expect(received.stageName).toBe("Design");
		const events = (await webhook.events({ orderId })).filter((event) => event.verdict === "accepted");
		expect(events.map((event) => event.event)).toEqual(["order.created", "order.status_changed"]);
		expect(cell(hub, orderId, "CRM stage")).toBe("Design");
	});
});

describe("a platform's failures end as findings on the affected rows only", () => {
	const faults = [
		{ name: "401", spec: { kind: "revoked-token" as const } },
		{ name: "429", spec: { kind: "rate-limit" as const, retryAfter: 1 } },
		{ name: "5xx", spec: { kind: "error" as const, status: 503 } },
		// The deal is made before the answer is cut: the connector finds it instead of failing.
		{ name: "malformed", spec: { kind: "malformed" as const }, recovers: true },
	];

	for (const { name, spec, recovers } of faults as Array<{ name: string; spec: object; recovers?: boolean }>) {
		it(`Pipedrive ${name} on one deal: that row says so, the other order gets its deal`, async () => {
			const { hub, etsy, orderId } = await shopWithOneOrder();
			const second = String((await etsy.createReceipt({})).receipt_id);
			// Every attempt at the first order's deal fails; the second order's goes through.
			await pipedrive.addFault({ ...(spec as { kind: "error" }), method: "POST", path: "/api/v2/deals", times: 8 });
			hub.sync();
			await pipedrive.clearFaults();
			const withDeal = [orderId, second].filter((id) => cell(hub, id, "CRM deal") !== "");
			const without = [orderId, second].filter((id) => cell(hub, id, "CRM deal") === "");
			if (recovers) expect(without).toEqual([]);
			else expect(without.length).toBeGreaterThan(0);
			for (const id of without) expect(String(cell(hub, id, "Issues"))).toMatch(/Pipedrive/);
			for (const id of withDeal) expect(await dealsOf(id)).toHaveLength(1);
			// The next run, with Pipedrive well again, makes exactly one deal per order (looking up first).
			await nextTriggerLater(hub);
			hub.sync();
			for (const id of [orderId, second]) expect(await dealsOf(id)).toHaveLength(1);
			for (const id of [orderId, second]) expect(String(cell(hub, id, "Issues"))).not.toMatch(/Pipedrive/);
		});
	}

	it("Furgonetka 5xx on one package: that row says so, the CRM and Etsy still sync", async () => {
		const { hub, etsy, orderId } = await shopWithOneOrder();
		hub.sync();
		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		await furgonetka.addFault({ kind: "error", status: 503, method: "POST", path: "/packages", times: 20 });
		const newOrder = String((await etsy.createReceipt({})).receipt_id);
		const run = hub.sync();
		await furgonetka.clearFaults();
		expect(reportOf(run).created).toBe(1);
		expect(String(cell(hub, orderId, "Issues"))).toMatch(/Furgonetka/);
		expect(await dealsOf(newOrder)).toHaveLength(1);
		await nextTriggerLater(hub);
		hub.sync();
		expect((await furgonetka.packages()).filter((item) => item.user_reference_number === orderId)).toHaveLength(1);
	});
});

describe("a stage edited by hand in the CRM", () => {
	async function handEdited() {
		const shop = await shopWithOneOrder();
		shop.hub.sync();
		setCells(shop.hub, shop.orderId, { Status: "Production" });
		shop.hub.sync();
		const [deal] = await dealsOf(shop.orderId);
		await pipedrive.moveDealByHand(deal?.id ?? 0, "Design");
		shop.hub.sync();
		return shop;
	}

	function stageFinding(hub: LocalHub, orderId: string) {
		const findings = hub.run("getFindings").value as Array<{ orderId: string; kind: string }>;
		return findings.find((finding) => finding.orderId === orderId && finding.kind === "crm-stage-differs");
	}

	it("shows in the CRM stage column and as a finding; pushing the Status moves the deal back and clears it", async () => {
		const { hub, orderId } = await handEdited();
		expect(cell(hub, orderId, "CRM stage")).toBe("Design");
		expect(stageFinding(hub, orderId)).toBeDefined();
		const fixed = hub.run("applyFix", { args: [orderId, "push-status-to-crm"] });
		expect(fixed.status).toBe("completed");
		expect(cell(hub, orderId, "CRM stage")).toBe("Production");
		expect(stageFinding(hub, orderId)).toBeUndefined();
	});

	it("can be taken over by the sheet instead", async () => {
		const { hub, orderId } = await handEdited();
		hub.run("applyFix", { args: [orderId, "take-crm-stage"] });
		expect(cell(hub, orderId, "Status")).toBe("Design");
		expect(stageFinding(hub, orderId)).toBeUndefined();
		const [deal] = await dealsOf(orderId);
		expect(deal?.stage_id).toBeDefined();
	});
});

describe("the stage mapping", () => {
	it("names a stage the CRM does not have, in the sync's report", async () => {
		const { hub } = await shopWithOneOrder();
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			var rows = sheet.getDataRange().getValues();
			for (var i = 0; i < rows.length; i++) if (rows[i][0] === "New" && rows[i][1] === "New") sheet.getRange(i + 1, 2).setValue("Fresh leads");`);
		const report = reportOf(hub.sync());
		expect(report.message).toContain('Pipedrive has no stage named "Fresh leads"');
	});
});

describe("every retry leaves a trace, and each failure is the failing platform's", () => {
	function syncLog(hub: LocalHub): string[][] {
		return hub.runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`,
		) as string[][];
	}

	function health(hub: LocalHub, platform: string): string | undefined {
		const state = hub.run("getSidebarState").value as { health: Array<{ platform: string; status: string }> };
		return state.health.find((entry) => entry.platform === platform)?.status;
	}

	for (const [crm, courier] of [
		["Pipedrive", "Furgonetka"],
		["HubSpot", "InPost"],
		["Webhook", "Furgonetka"],
	] as const) {
		it(`${crm} + ${courier}: retries that recovered are one Sync log line, by platform`, async () => {
			const { hub, etsy, orderId } = await shopWithOneOrder(crm, courier);
			hub.sync();
			setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
			hub.sync();
			expect(String(cell(hub, orderId, "Shipment"))).not.toBe("");
			const crmControl = sandboxes.control(crm.toLowerCase());
			const courierControl = sandboxes.control(courier.toLowerCase());
			// The next sync reads Etsy, the CRM's changed deals and the parcel: one passing failure on
			// each platform's first answer, each retried and recovered.
			await nextTriggerLater(hub);
			await etsy.addFault({ kind: "error", status: 503, method: "GET" });
			await crmControl.addFault({ kind: "rate-limit", retryAfter: 1 });
			await courierControl.addFault({ kind: "error", status: 502, method: "GET" });
			const run = hub.sync();
			await etsy.clearFaults();
			await crmControl.clearFaults();
			await courierControl.clearFaults();
			expect(reportOf(run).status).toBe("completed");
			const lines = syncLog(hub).filter((row) => row[4] === "retries");
			expect(lines).toHaveLength(1);
			const line = lines[0] as string[];
			for (const platform of ["Etsy", courier, ...(crm === "Webhook" ? [] : [crm])]) {
				expect(line[3]).toContain(platform);
				expect(line[6]).toMatch(new RegExp(`${platform} \\d+ \\(`));
			}
		});
	}

	it("an Etsy failure reading the fresh receipt for a shipment is Etsy's: the courier's health stays OK", async () => {
		const { hub, etsy, orderId } = await shopWithOneOrder();
		hub.sync();
		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		await etsy.addFault({
			kind: "error",
			status: 503,
			method: "GET",
			path: "/v3/application/shops/:shop_id/receipts/:receipt_id",
			times: 20,
		});
		hub.sync();
		await etsy.clearFaults();
		expect(health(hub, "Furgonetka")).not.toBe("error");
		expect(health(hub, "Etsy")).toBe("error");
		const line = syncLog(hub).find((row) => row[2] === orderId && row[4] === "read order for shipment");
		expect(line?.[3]).toBe("Etsy");
		expect(String(cell(hub, orderId, "Issues"))).toMatch(/Etsy/);
		// Etsy answers again: the shipment is made and the finding clears.
		await nextTriggerLater(hub);
		hub.sync();
		expect(String(cell(hub, orderId, "Shipment"))).not.toBe("");
		expect(String(cell(hub, orderId, "Issues"))).not.toMatch(/Etsy/);
		expect(health(hub, "Etsy")).toBe("ok");
	});
});
