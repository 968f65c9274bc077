/**
 * The healthy-path invariant: orders walked through their whole life (New → Design → Production →
 * Ready to ship → shipment → picked up → Shipped → Delivered) with no fault anywhere have no
 * finding after any sync, in the findings store nor in the Issues column. One hub per CRM × courier
 * pair, several buyers walked together, so the six pairs stay affordable on a small machine.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { Address } from "../../../local/sandbox/etsy/types.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import type { InpostControlClient } from "../../../local/sandbox/inpost/control-client.js";
import type { SpawnedSandboxes } from "../../../local/sandbox/spawn.js";
import type { SyncReport } from "../../../src/ui/sidebar-api.js";
import { POLISH_BUYER, readOrders, reportOf, rowOf, setCells } from "./hub-fixture.js";

export type Crm = "Pipedrive" | "HubSpot" | "Webhook";
export type Courier = "Furgonetka" | "InPost";

/** Generous: six hubs walk at once on a loaded 2-core machine. */
export const WALK_TIMEOUT_MS = 300_000;

interface Buyer {
	label: string;
	address: Partial<Address> & { email: string };
	phone: string;
	/** What the owner types in Ship to (yours): the buyer asked for the parcel to go elsewhere. */
	shipToYours?: string;
}

const POLISH: Buyer = {
	label: "a buyer in Poland",
	address: POLISH_BUYER,
	phone: "600 200 300",
};

const POLISH_FLAT: Buyer = {
	label: "a buyer in Poland with a flat number and accents",
	address: {
		name: "Łukasz Żółtowski",
		first_line: "os. Złotego Wieku 12",
		second_line: "m. 34",
		city: "Kraków",
		zip: "31-616",
		country_iso: "PL",
		email: "lukasz.zoltowski@example.com",
	},
	phone: "+48 601 202 303",
};

const GERMAN: Buyer = {
	label: "a buyer in Germany",
	address: {
		name: "Jonas Müller",
		first_line: "Musterstraße 5",
		city: "Berlin",
		zip: "10115",
		country_iso: "DE",
		email: "jonas.mueller@example.com",
	},
	phone: "+49 30 1234567",
};

const TO_THE_OFFICE: Buyer = {
	label: "a buyer in Poland who asked for delivery to the office",
	address: {
		name: "Ewa Nowak",
		first_line: "ul. Długa 5",
		city: "Gdańsk",
		zip: "80-827",
		country_iso: "PL",
		email: "ewa.nowak@example.com",
	},
	phone: "600 300 400",
	shipToYours: "Ewa Nowak\nal. Grunwaldzka 100, piętro 3\n80-244 Gdańsk\nPolska",
};

/** InPost ships within Poland only (its ShipX services take PL addresses): Polish buyers there. */
export function buyersFor(courier: Courier): Buyer[] {
	return courier === "InPost" ? [POLISH, POLISH_FLAT, TO_THE_OFFICE] : [POLISH, GERMAN, TO_THE_OFFICE];
}

/** Who syncs: Apps Script's syncNow by default; the runner in healthy-path-runner.test.ts. */
export interface SyncEngine {
	/** After the hub is set up and connected, before the first sync. */
	prepare(hub: LocalHub): Promise<void>;
	sync(hub: LocalHub): SyncReport;
}

export async function walkHealthyPath(
	sandboxes: SpawnedSandboxes,
	crm: Crm,
	courier: Courier,
	engine?: SyncEngine,
): Promise<void> {
	const etsy = sandboxes.control("etsy");
	await etsy.reset({ seed: 31, receipts: 0, settings: { perSecond: 10_000 } });
	// Sleeps are virtual in the runtime, so the platforms' real-time rate limits are lifted.
	const lifted: Record<string, object> = {
		Pipedrive: { settings: { burstPerWindow: 10_000 } },
		HubSpot: { settings: { perInterval: 10_000, searchPerSecond: 10_000 } },
		Webhook: {},
	};
	await sandboxes.control(crm.toLowerCase()).reset(lifted[crm] as Record<string, unknown>);
	await sandboxes.control(courier.toLowerCase()).reset({ settings: { perSecond: 10_000 } });
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-healthy-")) });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCrm(crm);
	await hub.connectCourier(courier);
	await engine?.prepare(hub);
	const buyers = buyersFor(courier);
	const orders: Array<{ buyer: Buyer; orderId: string }> = [];
	for (const buyer of buyers) {
		const receipt = await etsy.createReceipt({ buyer: buyer.address });
		orders.push({ buyer, orderId: String(receipt.receipt_id) });
	}
	const ids = orders.map((order) => order.orderId);

	const cell = (orderId: string, header: string) => {
		const table = readOrders(hub);
		return rowOf(table, orderId)[table.header.indexOf(header)];
	};
	/** One sync, then nothing to look at: no finding stored for the sidebar, no Issues cell. */
	const syncWithoutFindings = (step: string) => {
		const report = engine ? engine.sync(hub) : reportOf(hub.sync());
		expect(report.status, `${step}: ${report.message}`).toBe("completed");
		const findings = hub.run("getFindings").value as Array<{ orderId: string; message: string }>;
		expect(
			findings.map((finding) => `${finding.orderId}: ${finding.message}`),
			`${step}: findings`,
		).toEqual([]);
		const table = readOrders(hub);
		const issues = table.header.indexOf("Issues");
		expect(
			ids.map((orderId) => String(rowOf(table, orderId)[issues])),
			`${step}: Issues column`,
		).toEqual(ids.map(() => ""));
		expect(report.message, `${step}: report`).not.toMatch(/finding|Order \d+:/);
	};

	syncWithoutFindings("first sync (New)");
	for (const orderId of ids) expect(cell(orderId, "Status")).toBe("New");
	for (const status of ["Design", "Production"]) {
		for (const orderId of ids) setCells(hub, orderId, { Status: status });
		syncWithoutFindings(status);
		for (const orderId of ids) expect(cell(orderId, "CRM stage")).toBe(status);
	}
	for (const { orderId, buyer } of orders) {
		const typed: Record<string, string> = buyer.shipToYours ? { "Ship to (yours)": buyer.shipToYours } : {};
		setCells(hub, orderId, { Status: "Ready to ship", Phone: buyer.phone, ...typed });
	}
	syncWithoutFindings("Ready to ship (shipment made)");
	for (const orderId of ids) expect(cell(orderId, "Shipment")).not.toBe("");
	syncWithoutFindings("Ready to ship, next sync");

	if (courier === "InPost") {
		await (sandboxes.control("inpost") as InpostControlClient).advanceAll("confirmed");
		syncWithoutFindings("InPost confirmed (tracking number)");
		await (sandboxes.control("inpost") as InpostControlClient).advanceAll("collected_from_sender");
	} else {
		await (sandboxes.control("furgonetka") as FurgonetkaControlClient).advanceAll("collected");
	}
	syncWithoutFindings("picked up (Shipped, tracking to Etsy)");
	for (const orderId of ids) {
		expect(cell(orderId, "Status")).toBe("Shipped");
		const { receipt } = await etsy.receipt(Number(orderId));
		expect(receipt.shipments?.map((shipment) => shipment.tracking_code)).toEqual([String(cell(orderId, "Tracking"))]);
	}
	syncWithoutFindings("Shipped, next sync (Etsy shows the tracking)");

	if (courier === "InPost") await (sandboxes.control("inpost") as InpostControlClient).advanceAll("delivered");
	else await (sandboxes.control("furgonetka") as FurgonetkaControlClient).advanceAll("delivered");
	syncWithoutFindings("Delivered");
	for (const orderId of ids) {
		expect(cell(orderId, "Status")).toBe("Delivered");
		expect(cell(orderId, "CRM stage")).toBe("Delivered");
	}
	syncWithoutFindings("Delivered, next sync");
	// Every platform the walk used is working, none shown failing.
	const { health } = hub.run("getSidebarState").value as {
		health: Array<{ platform: string; status: string; message: string }>;
	};
	expect(health.map((entry) => [entry.platform, entry.status, entry.message])).toEqual(
		["Etsy", crm, courier].map((platform) => [platform, "ok", `${platform} is working.`]),
	);
}
