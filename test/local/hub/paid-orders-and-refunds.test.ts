/**
 * Etsy as it is about money (NOTES.md, was_paid / status semantics; Incremental import): an unpaid
 * receipt gets no deal and no shipment until Etsy is paid, and says so; a refund after shipping
 * changes no timestamp Etsy lets us filter on, so the nightly pass re-reads shipped orders and the
 * refund becomes a finding there.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { cellOf, findingsOf, POLISH_BUYER, reportOf, setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let etsy: EtsyControlClient;
let pipedrive: PipedriveControlClient;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
	etsy = sandboxes.control("etsy") as EtsyControlClient;
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

const BUYER = POLISH_BUYER;

async function connectedShop(): Promise<LocalHub> {
	await etsy.reset({ seed: 31, receipts: 0, settings: { perSecond: 10_000 } });
	await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
	await furgonetka.reset({});
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-paid-")) });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCrm("Pipedrive");
	await hub.connectCourier("Furgonetka");
	return hub;
}

async function packagesOf(orderId: string) {
	return (await furgonetka.packages()).filter((item) => item.user_reference_number === orderId);
}

describe("paid orders only", () => {
	it("makes no deal or shipment while Etsy waits for the payment, says so, and makes both once it is paid", async () => {
		const hub = await connectedShop();
		const receipt = await etsy.createReceipt({ buyer: BUYER, status: "payment processing" });
		const orderId = String(receipt.receipt_id);

		expect(reportOf(hub.sync()).status).toBe("completed");
		expect(cellOf(hub, orderId, "Status")).toBe("New");
		expect(await pipedrive.dealsForOrder(orderId)).toEqual([]);
		expect(findingsOf(hub, orderId)).toMatchObject([{ kind: "awaiting-payment", severity: "info" }]);
		expect(cellOf(hub, orderId, "Issues")).toContain("awaiting payment on Etsy");

		// The owner presses on: still nothing is made, and the finding turns into a warning.
		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		expect(await pipedrive.dealsForOrder(orderId)).toEqual([]);
		expect(await packagesOf(orderId)).toEqual([]);
		expect(findingsOf(hub, orderId)).toMatchObject([{ kind: "awaiting-payment", severity: "warning" }]);

		await etsy.markPaid(receipt.receipt_id);
		hub.sync();
		hub.sync();
		expect(cellOf(hub, orderId, "Etsy status")).toBe("Paid");
		expect(await pipedrive.dealsForOrder(orderId)).toHaveLength(1);
		expect(await packagesOf(orderId)).toHaveLength(1);
		expect(findingsOf(hub, orderId).map((finding) => finding.kind)).not.toContain("awaiting-payment");
		expect(cellOf(hub, orderId, "Issues")).not.toContain("awaiting payment");
	});
});

describe("refunds after shipping", () => {
	it("are invisible to the quarter-hourly sync (Etsy bumps no timestamp) and become a finding in the nightly pass", async () => {
		const hub = await connectedShop();
		const receipt = await etsy.createReceipt({ buyer: BUYER });
		const orderId = String(receipt.receipt_id);
		await etsy.markShipped(receipt.receipt_id, { carrier_name: "dpd-poland", tracking_code: "0000123" });
		hub.sync();
		expect(cellOf(hub, orderId, "Status")).toBe("Shipped");
		expect(findingsOf(hub, orderId)).toEqual([]);

		// Business goes on: later orders move the import cursor past the shipped one's last change.
		await etsy.advanceClock({ seconds: 3 * 3600 });
		await etsy.createReceipt({ buyer: { ...BUYER, name: "Jan Nowak" } });
		hub.sync();

		await etsy.refund(receipt.receipt_id, { reason: "Item arrived damaged" });
		hub.sync();
		expect(cellOf(hub, orderId, "Etsy status")).not.toBe("Fully refunded");

		const nightly = hub.run("fullPassFromTrigger");
		expect(nightly.error).toBeUndefined();
		expect(cellOf(hub, orderId, "Etsy status")).toBe("Fully refunded");
		const [finding, ...rest] = findingsOf(hub, orderId);
		expect(rest).toEqual([]);
		expect(finding).toMatchObject({ kind: "cancelled-on-etsy", severity: "warning" });
		expect(finding?.message).toContain("the parcel has already left");
	});
});
