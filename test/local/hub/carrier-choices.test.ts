/**
 * The carrier mapping table offers only the names Etsy keeps tracking numbers for: a dropdown of
 * getShippingCarriers for the Sender's country (NOTES.md, Carrier names), read when Etsy is
 * connected and kept, plus "other".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import { cellOf, type HubFixture, setCells, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;

beforeAll(async () => {
	fixture = await startHubFixture(["etsy", "furgonetka"]);
}, 120_000);
afterAll(() => fixture.stop());

/** Each row of the carrier table: its cells, and the dropdown's choices on its Etsy carrier cell. */
function carrierCells(hub: LocalHub): Array<{ service: string; carrier: string; choices: string[] | null }> {
	return hub.runtime.asOwner(`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
		var values = sheet.getDataRange().getValues();
		var rows = [];
		var inTable = false;
		for (var r = 0; r < values.length; r++) {
			if (values[r][1] === "Etsy carrier") { inTable = true; continue; }
			if (!inTable) continue;
			if (values[r][0] === "") break;
			var rule = sheet.getRange(r + 1, 2).getDataValidation();
			rows.push({
				service: values[r][0],
				carrier: values[r][1],
				choices: rule && String(rule.getCriteriaType()) === "VALUE_IN_LIST" ? rule.getCriteriaValues()[0] : null,
				invalidAllowed: rule ? rule.getAllowInvalid() : null,
			});
		}
		return rows;`) as Array<{ service: string; carrier: string; choices: string[] | null }>;
}

const PL_CARRIERS = ["InPost", "DPD", "DHL", "Poczta Polska", "UPS", "FedEx", "GLS", "other"];

describe("the Etsy carrier cells of the carrier mapping table", () => {
	it("offer Etsy's carriers for the Sender's country once Etsy is connected, and nothing else", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		const rows = carrierCells(hub);
		expect(rows.map((row) => row.service)).toEqual(["dpd", "ups", "dhl", "gls", "inpost_courier_standard"]);
		for (const row of rows) {
			expect(row.choices).toEqual(PL_CARRIERS);
			expect(row).toMatchObject({ invalidAllowed: false });
		}
		// The owner's values stay as they were: the dropdown offers, it does not rewrite.
		expect(rows.map((row) => row.carrier)).toEqual(["dpd", "ups", "dhl", "gls", "inpost"]);
	});

	it("come back from the kept list when set-up runs again, without asking Etsy", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			sheet.getRange(1, 2, sheet.getMaxRows(), 1).clearDataValidations();`);
		expect(carrierCells(hub).every((row) => row.choices === null)).toBe(true);
		hub.setUp();
		expect(carrierCells(hub).every((row) => JSON.stringify(row.choices) === JSON.stringify(PL_CARRIERS))).toBe(true);
		const reads = (await fixture.etsy.requests({ method: "GET" })).filter((entry) =>
			entry.path.endsWith("/shipping-carriers"),
		);
		expect(reads).toHaveLength(0);
	});

	it("follow the Sender's country: a kept list for another country is not offered", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		hub.setSettings({ Country: "DE" });
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			sheet.getRange(1, 2, sheet.getMaxRows(), 1).clearDataValidations();`);
		hub.setUp();
		expect(carrierCells(hub).every((row) => row.choices === null)).toBe(true);
	});
	it("follow the weekly list a sync reads before tracking goes out", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		await hub.connectCourier("Furgonetka");
		// A week and a day later the list kept at connect is too old, and the dropdown is gone.
		hub.runtime.advanceTime(8 * 86_400_000);
		await fixture.etsy.advanceClock({ days: 8 });
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			sheet.getRange(1, 2, sheet.getMaxRows(), 1).clearDataValidations();`);
		await fixture.etsy.clearRequests();
		const receipt = await fixture.etsy.createReceipt({
			buyer: { name: "Anna Kowalska", first_line: "ul. Prosta 1", city: "Warszawa", zip: "01-234", country_iso: "PL" },
		});
		hub.sync();
		setCells(hub, String(receipt.receipt_id), { Status: "Ready to ship", Phone: "600 200 300" });
		hub.setSettings({ "Send tracking to Etsy": "With the label" });
		hub.sync();
		hub.sync();
		expect(cellOf(hub, String(receipt.receipt_id), "Tracking")).not.toBe("");
		const reads = (await fixture.etsy.requests({ method: "GET" })).filter((entry) =>
			entry.path.endsWith("/shipping-carriers"),
		);
		expect(reads).toHaveLength(1);
		expect(carrierCells(hub).every((row) => JSON.stringify(row.choices) === JSON.stringify(PL_CARRIERS))).toBe(true);
	});
});
