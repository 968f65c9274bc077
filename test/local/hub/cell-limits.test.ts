import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CELL_CHARACTERS } from "../../../local/gas/spreadsheet/cell-values.js";
import { type HubFixture, readOrders, reportOf, rowOf, startHubFixture } from "./hub-fixture.js";

// One buyer's order with texts longer than a Google Sheets cell holds (50,000 characters, which
// the local runtime enforces as Google does) must not stop the sync: the texts are cut with a
// visible marker, every other order is imported, and the sync names the order.

let fixture: HubFixture;

beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

describe("texts longer than a cell", () => {
	it("a 60,000-character buyer note and 60 personalisations of 1,000 characters: cut, named, the others imported", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		const before = await fixture.etsy.createReceipt({ message_from_buyer: "Please hurry." });
		const long = await fixture.etsy.createReceipt({
			message_from_buyer: `Dear maker, ${"a very long story ".repeat(3600)}`.slice(0, 60_000),
			items: Array.from({ length: 60 }, (_, index) => ({
				listing: "chair",
				personalization: `Name ${index}: ${"x".repeat(1000)}`.slice(0, 1000),
			})),
		});
		const after = await fixture.etsy.createReceipt({ message_from_buyer: "Thanks!" });
		const longId = String(long.receipt_id);
		expect(long.message_from_buyer?.length).toBe(60_000);

		const run = hub.sync();
		const report = reportOf(run);
		expect(report.status).toBe("completed");
		expect(report.created).toBe(3);
		// The sync names the order whose texts were cut, and the columns.
		expect(report.message).toContain(`order ${longId} (Items, Buyer note)`);
		expect(report.message).toMatch(/full text is on the order on Etsy/);

		const table = readOrders(hub);
		for (const receipt of [before, after]) expect(() => rowOf(table, String(receipt.receipt_id))).not.toThrow();
		const row = rowOf(table, longId);
		for (const header of ["Buyer note", "Items"]) {
			const text = String(row[table.header.indexOf(header)]);
			expect(text.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
			expect(text.length).toBeGreaterThan(MAX_CELL_CHARACTERS - 500);
			expect(text).toMatch(
				/… \[cut by Hubsheet: [\d,]+ characters; a cell holds 50,000\. The full text is on the order on Etsy/,
			);
		}
		expect(String(row[table.header.indexOf("Buyer note")])).toContain("60,000 characters");
		const log = JSON.stringify(
			hub.runtime.asOwner(
				`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`,
			),
		);
		expect(log).toContain(longId);
		expect(log).toContain("text cut");

		// The next sync sees the cut cells as up to date: nothing rewritten, nothing named again.
		const again = reportOf(hub.sync());
		expect(again.updated).toBe(0);
		expect(again.message).not.toContain("cut to 50,000");
	}, 120_000);
});
