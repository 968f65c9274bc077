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
import { cellOf, findingsOf, reportOf, setCells } from "./hub-fixture.js";

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
		expect(cellOf(hub, orderId, "Ship to")).toBe("");
		expect(cellOf(hub, orderId, "Email")).toBe("");
		expect(await pipedrive.dealsForOrder(orderId)).toHaveLength(1);
		expect(findingsOf(hub, orderId)).toMatchObject([{ kind: "ship-to-missing", severity: "info" }]);
		expect(cellOf(hub, orderId, "Issues")).toContain("address not shared by Etsy");

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
		expect(cellOf(hub, orderId, "Issues")).toBe("");

		await furgonetka.advanceAll("collected");
		hub.sync();
		expect(cellOf(hub, orderId, "Status")).toBe("Shipped");
		expect(findingsOf(hub, orderId)).toEqual([]);
		hub.sync();
		expect(findingsOf(hub, orderId)).toEqual([]);
	});
});
