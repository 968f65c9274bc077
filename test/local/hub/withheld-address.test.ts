/**
 * A shop whose app Etsy gives neither buyers' addresses nor emails (NOTES.md, Shipping address
 * withheld; buyer_email): the order still flows, the owner is told exactly what to type, the
 * shipment goes to the typed address, and nothing raises a false finding.
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
import { readOrders, reportOf, rowOf } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let etsy: EtsyControlClient;
let pipedrive: PipedriveControlClient;
let furgonetka: FurgonetkaControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
	etsy = sandboxes.control("etsy") as EtsyControlClient;
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
	furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
}, 60_000);
afterAll(() => sandboxes.stop());

function setCells(hub: LocalHub, orderId: string, cells: Record<string, string>) {
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

function cell(hub: LocalHub, orderId: string, header: string): string {
	const table = readOrders(hub);
	return String(rowOf(table, orderId)[table.header.indexOf(header)] ?? "");
}

function findingsOf(hub: LocalHub, orderId: string) {
	const all = hub.run("getFindings").value as Array<{
		orderId: string;
		kind: string;
		severity: string;
		message: string;
	}>;
	return all.filter((finding) => finding.orderId === orderId);
}

describe("a shop whose buyers' addresses and emails Etsy withholds", () => {
	it("asks for the address, ships to what the owner typed, and raises no false finding on the way", async () => {
		await etsy.reset({
			seed: 51,
			receipts: 0,
			settings: { perSecond: 10_000, withholdAddresses: 1, withholdEmails: 1 },
		});
		await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
		await furgonetka.reset({});
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-withheld-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Pipedrive");
		await hub.connectCourier("Furgonetka");
		const receipt = await etsy.createReceipt({
			buyer: { name: "Anna Kowalska", first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
		});
		const orderId = String(receipt.receipt_id);

		expect(reportOf(hub.sync()).status).toBe("completed");
		expect(cell(hub, orderId, "Ship to")).toBe("");
		expect(cell(hub, orderId, "Email")).toBe("");
		expect(await pipedrive.dealsForOrder(orderId)).toHaveLength(1);
		expect(findingsOf(hub, orderId)).toMatchObject([{ kind: "ship-to-missing", severity: "info" }]);
		expect(cell(hub, orderId, "Issues")).toContain("address not shared by Etsy");

		// Ready to ship without an address: no shipment, and the order says what to type where.
		setCells(hub, orderId, { Status: "Ready to ship", Phone: "600 200 300" });
		hub.sync();
		expect((await furgonetka.packages()).filter((item) => item.user_reference_number === orderId)).toEqual([]);
		const [refused] = findingsOf(hub, orderId);
		expect(refused?.message).toContain("Ship to (yours)");

		setCells(hub, orderId, { "Ship to (yours)": "Anna Kowalska\nul. Prosta 1 m. 4\n01-234 Warszawa\nPolska" });
		hub.sync();
		hub.sync();
		const packages = (await furgonetka.packages()).filter((item) => item.user_reference_number === orderId);
		expect(packages).toHaveLength(1);
		const receiver = packages[0]?.receiver as Record<string, unknown> | undefined;
		expect(receiver).toMatchObject({
			name: "Anna Kowalska",
			street: "ul. Prosta 1 m. 4",
			postcode: "01-234",
			city: "Warszawa",
			country_code: "PL",
		});
		expect(findingsOf(hub, orderId)).toEqual([]);
		expect(cell(hub, orderId, "Issues")).toBe("");

		await furgonetka.advanceAll("collected");
		hub.sync();
		expect(cell(hub, orderId, "Status")).toBe("Shipped");
		expect(findingsOf(hub, orderId)).toEqual([]);
		hub.sync();
		expect(findingsOf(hub, orderId)).toEqual([]);
	});
});
