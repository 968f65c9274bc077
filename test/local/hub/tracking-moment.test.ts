/**
 * Tracking reaches Etsy at the moment the owner chose (Settings > Send tracking to Etsy), once: each
 * submission emails the buyer and marks the order shipped (NOTES.md, createReceiptShipment).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { cellOf, reportOf, setCells } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let etsy: EtsyControlClient;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "furgonetka"] });
	etsy = sandboxes.control("etsy") as EtsyControlClient;
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

async function shopWithOrderReadyToShip(moment?: string) {
	await etsy.reset({ seed: 41, receipts: 0, settings: { perSecond: 10_000 } });
	await furgonetka.reset({});
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-tracking-")) });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCourier("Furgonetka");
	if (moment) {
		hub.runtime.asOwner(
			`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			var values = sheet.getDataRange().getValues();
			for (var r = 0; r < values.length; r++) {
				if (values[r][0] === "Send tracking to Etsy") sheet.getRange(r + 1, 2).setValue(arguments[0]);
			}`,
			[moment],
		);
	}
	const receipt = await etsy.createReceipt({
		buyer: { name: "Anna Kowalska", first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
	});
	const orderId = String(receipt.receipt_id);
	hub.sync();
	setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
	return { hub, orderId, receiptId: receipt.receipt_id };
}

/**
 * The owner maps the courier service to a name Etsy does not know (NOTES.md, Carrier names). The
 * cell's dropdown of Etsy's names refuses it, so the owner removes the dropdown first (as in Sheets,
 * Data > Data validation > Remove rule); a name typed before Etsy was connected is the same case.
 */
function mapServiceTo(hub: LocalHub, carrier: string) {
	hub.runtime.asOwner(
		`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
		var values = sheet.getDataRange().getValues();
		var inTable = false;
		for (var r = 0; r < values.length; r++) {
			if (values[r][1] === "Etsy carrier") inTable = true;
			if (inTable && values[r][0] === "dpd") {
				sheet.getRange(r + 1, 2).clearDataValidations().setValue(arguments[0]);
				return;
			}
		}
		throw new Error("no dpd row in the carrier table");`,
		[carrier],
	);
}

const trackingOnEtsy = async (receiptId: number) =>
	((await etsy.receipt(receiptId)).receipt.shipments ?? []).map((shipment) => shipment.tracking_code);

describe("Send tracking to Etsy", () => {
	it("at pick-up (the default): not when the label is made, then once when the courier collects the parcel", async () => {
		const { hub, orderId, receiptId } = await shopWithOrderReadyToShip();
		hub.sync();
		hub.sync();
		const tracking = cellOf(hub, orderId, "Tracking");
		expect(tracking).not.toBe("");
		expect(await trackingOnEtsy(receiptId)).toEqual([]);
		const findings = hub.run("getFindings").value as Array<{ orderId: string; kind: string }>;
		expect(findings.filter((finding) => finding.orderId === orderId)).toEqual([]);

		await furgonetka.advanceAll("collected");
		hub.sync();
		expect(cellOf(hub, orderId, "Status")).toBe("Shipped");
		expect(await trackingOnEtsy(receiptId)).toEqual([tracking]);
		hub.sync();
		hub.sync();
		expect(await trackingOnEtsy(receiptId)).toEqual([tracking]);
	});

	it("with the label: as soon as the shipment has its tracking number, once", async () => {
		const { hub, orderId, receiptId } = await shopWithOrderReadyToShip("With the label");
		hub.sync();
		hub.sync();
		const tracking = cellOf(hub, orderId, "Tracking");
		expect(tracking).not.toBe("");
		expect(await trackingOnEtsy(receiptId)).toEqual([tracking]);
		await furgonetka.advanceAll("collected");
		hub.sync();
		hub.sync();
		expect(await trackingOnEtsy(receiptId)).toEqual([tracking]);
	});

	it("sends a carrier Etsy does not list for the sender's country as other, keeping the tracking, and says so", async () => {
		const { hub, orderId, receiptId } = await shopWithOrderReadyToShip("With the label");
		mapServiceTo(hub, "pigeon-post");
		hub.sync();
		const run = hub.sync();
		const tracking = cellOf(hub, orderId, "Tracking");
		expect(tracking).not.toBe("");
		const { receipt } = await etsy.receipt(receiptId);
		expect(receipt.shipments?.map((shipment) => [shipment.carrier_name, shipment.tracking_code])).toEqual([
			["other", tracking],
		]);
		expect(reportOf(run).message).toContain('Etsy lists no carrier "pigeon-post" for parcels from PL');
		// The list was read once, and is kept for a week.
		const carrierReads = async () =>
			(await etsy.requests({ method: "GET" })).filter((entry) => entry.path.endsWith("/shipping-carriers"));
		expect(await carrierReads()).toHaveLength(1);
	});

	it("never lets an unknown carrier name drop the tracking silently when Etsy's list cannot be read: the answer is checked, the owner told, nothing resent", async () => {
		const { hub, orderId, receiptId } = await shopWithOrderReadyToShip("With the label");
		await etsy.addFault({ kind: "error", status: 503, path: "/v3/application/shipping-carriers", times: 1000 });
		// The list read when Etsy was connected is gone (as after a change of the Sender's country).
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Hubsheet engine");
			var rows = sheet.getDataRange().getValues();
			for (var r = 0; r < rows.length; r++) if (rows[r][0] === "hubsheet.etsy.carriers") sheet.getRange(r + 1, 2).setValue("");`);
		mapServiceTo(hub, "pigeon-post");
		hub.sync();
		hub.sync();
		const tracking = cellOf(hub, orderId, "Tracking");
		expect(tracking).not.toBe("");
		const { receipt } = await etsy.receipt(receiptId);
		expect(receipt.is_shipped).toBe(true);
		expect(await trackingOnEtsy(receiptId)).toEqual([]);
		const findings = (hub.run("getFindings").value as Array<{ orderId: string; kind: string; message: string }>).filter(
			(finding) => finding.orderId === orderId,
		);
		expect(findings).toMatchObject([{ kind: "tracking-not-on-etsy" }]);
		expect(findings[0]?.message).toContain('"pigeon-post"');
		expect(cellOf(hub, orderId, "Issues")).toContain("tracking dropped by Etsy");
		const submissions = async () =>
			(await etsy.requests({ method: "POST" })).filter((entry) =>
				entry.path.endsWith(`/receipts/${receiptId}/tracking`),
			);
		expect(await submissions()).toHaveLength(1);
		await furgonetka.advanceAll("collected");
		hub.sync();
		hub.sync();
		expect(await submissions()).toHaveLength(1);
	});
});
