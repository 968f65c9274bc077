import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	etsyRequests,
	type HubFixture,
	readOrders,
	reportOf,
	rowOf,
	spreadsheetCalls,
	startHubFixture,
} from "./hub-fixture.js";

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

describe("Etsy import, end to end", () => {
	it("imports 250 receipts over three pages; a second run changes nothing and makes one Etsy request", async () => {
		const hub = await fixture.freshHub({ receipts: 250 });
		const first = hub.sync();
		expect(reportOf(first)).toMatchObject({ status: "completed", created: 250, failed: [] });
		expect(etsyRequests(first)).toBe(3);
		const before = readOrders(hub);
		expect(before.values).toHaveLength(251);

		const second = hub.sync();
		expect(reportOf(second)).toMatchObject({ status: "completed", created: 0, updated: 0 });
		expect(etsyRequests(second)).toBe(1);
		expect(second.calls.map((call) => call.method)).not.toContain("Spreadsheets.Values.batchUpdate");
		expect(readOrders(hub)).toEqual(before);
	});

	it("imports 1,000 receipts in as many spreadsheet calls as 100; a run without changes makes at most 9", async () => {
		// Orders of the last day only: none is past its Ship by, so neither run saves findings (whose
		// count would depend on the hour the test runs) and the calls compared are the import's own.
		const small = await fixture.freshHub({ receipts: 100, spanDays: 1 });
		const smallRun = small.sync();
		const large = await fixture.freshHub({ receipts: 1000, spanDays: 1 });
		const largeRun = large.sync();
		expect(reportOf(largeRun).created).toBe(1000);
		expect(spreadsheetCalls(largeRun)).toBe(spreadsheetCalls(smallRun));
		const idle = large.sync();
		expect(reportOf(idle)).toMatchObject({ created: 0, updated: 0 });
		// Three of them find, read and write the bookkeeping shared with the runner (the "Hubsheet engine" sheet).
		expect(spreadsheetCalls(idle)).toBeLessThanOrEqual(9);
	});

	it("keeps the owner's Status, Notes and Design, and updates the right row of a sorted sheet with a custom column", async () => {
		const hub = await fixture.freshHub({ receipts: 6 });
		hub.sync();
		const { results } = await fixture.etsy.receipts();
		const target = results[2];
		if (!target) throw new Error("no receipt");
		const id = String(target.receipt_id);
		hub.runtime.asOwner(
			`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
			var col = function (name) { return header.indexOf(name) + 1; };
			var ids = sheet.getRange(2, col("Order"), sheet.getLastRow() - 1, 1).getValues();
			for (var i = 0; i < ids.length; i++) {
				sheet.getRange(i + 2, col("Status")).setValue("Production");
				sheet.getRange(i + 2, col("Notes")).setValue("note " + ids[i][0]);
				sheet.getRange(i + 2, col("Design")).setValue("https://cad.example/" + ids[i][0]);
			}
			sheet.insertColumnAfter(col("Buyer"));
			sheet.getRange(1, col("Buyer") + 1).setValue("Wood batch");
			for (var j = 0; j < ids.length; j++) sheet.getRange(j + 2, col("Buyer") + 1).setValue("batch " + ids[j][0]);
			sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: col("Buyer"), ascending: false });
			`,
		);
		await fixture.etsy.changeAddress(target.receipt_id, { first_line: "ul. Nowa 5", zip: "00-950" });
		const run = hub.sync();
		expect(reportOf(run)).toMatchObject({ updated: 1 });
		const table = readOrders(hub);
		const col = (name: string) => table.header.indexOf(name);
		const row = rowOf(table, id);
		expect(String(row[col("Ship to")])).toContain("ul. Nowa 5");
		for (const line of table.values.slice(1)) {
			const orderId = String(line[col("Order")]);
			expect(line[col("Status")]).toBe("Production");
			expect(line[col("Notes")]).toBe(`note ${orderId}`);
			expect(line[col("Design")]).toBe(`https://cad.example/${orderId}`);
			expect(line[col("Wood batch")]).toBe(`batch ${orderId}`);
		}
	});

	it("changes only the Ship to cell (and Synced) when Etsy changes an address", async () => {
		const hub = await fixture.freshHub({ receipts: 4 });
		hub.sync();
		const target = (await fixture.etsy.receipts()).results[0];
		if (!target) throw new Error("no receipt");
		const before = readOrders(hub);
		await fixture.etsy.changeAddress(target.receipt_id, { city: "Kraków", zip: "30-001" });
		hub.sync();
		const after = readOrders(hub);
		const changed: string[] = [];
		after.values.forEach((line, r) => {
			line.forEach((cell, c) => {
				if (cell !== before.values[r]?.[c]) changed.push(`${r + 1}:${after.header[c]}`);
			});
		});
		const rowNumber = after.values.indexOf(rowOf(after, String(target.receipt_id))) + 1;
		expect(changed.sort()).toEqual([`${rowNumber}:Ship to`, `${rowNumber}:Synced`]);
	});

	it("reads back buyer notes exactly as Etsy sent them: formulas, long digits, zeros, postcodes, emoji, 5,000 characters", async () => {
		const hub = await fixture.freshHub({ receipts: 0, edgeCases: true });
		expect(reportOf(hub.sync()).status).toBe("completed");
		const { edgeCases } = await fixture.etsy.summary();
		const table = readOrders(hub);
		const notes = table.header.indexOf("Buyer note");
		const checked: string[] = [];
		for (const [name, receiptId] of Object.entries(edgeCases)) {
			const { receipt } = await fixture.etsy.receipt(receiptId);
			const row = rowOf(table, String(receiptId));
			const display = table.display[table.values.indexOf(row)] as string[];
			expect(row[notes], name).toBe(receipt.message_from_buyer ?? "");
			expect(display[notes], name).toBe(receipt.message_from_buyer ?? "");
			checked.push(receipt.message_from_buyer ?? "");
		}
		expect(checked).toContain('=IMPORTXML("http://x","//a")');
		expect(checked.some((note) => /^\d{24}$/.test(note))).toBe(true);
		expect(checked).toContain("007");
		expect(checked).toContain("01-234");
		expect(checked.some((note) => note.length >= 5000)).toBe(true);
		expect(checked.some((note) => /\p{Extended_Pictographic}/u.test(note))).toBe(true);
	});

	it("catches a cancellation that min_last_modified misses in the full pass", async () => {
		const hub = await fixture.freshHub({ receipts: 5 });
		const open = await fixture.etsy.createReceipt({});
		expect(open.is_shipped).toBe(false);
		hub.sync();
		// An hour later another order moves the cursor well past the first one's last update.
		await fixture.etsy.advanceClock({ ms: 3_600_000 });
		await fixture.etsy.createReceipt({});
		hub.sync();
		await fixture.etsy.cancel(open.receipt_id, { bump: false });
		hub.sync();
		const statusColumn = readOrders(hub).header.indexOf("Etsy status");
		expect(rowOf(readOrders(hub), String(open.receipt_id))[statusColumn]).toBe("Paid");
		expect(hub.run("fullPassFromTrigger").status).toBe("completed");
		expect(rowOf(readOrders(hub), String(open.receipt_id))[statusColumn]).toBe("Cancelled");
	});
});

describe("the Sync log", () => {
	it("records each action of a run and keeps only the configured number of rows", async () => {
		const hub = await fixture.freshHub({ receipts: 250 });
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			var rows = sheet.getDataRange().getValues();
			for (var i = 0; i < rows.length; i++) if (rows[i][0] === "Sync log rows") sheet.getRange(i + 1, 2).setValue("100");`);
		hub.sync();
		const log = hub.runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`,
		) as string[][];
		expect(log[0]).toEqual(["Time", "Run", "Order", "Platform", "Action", "Change", "Result"]);
		expect(log).toHaveLength(101);
		// The newest actions stay: the last row is one of this run's new orders.
		expect(log[100]?.[4]).toBe("new order");
	});
});

describe("two syncs at once", () => {
	it("the second ends at once, saying another sync is running, and changes nothing", async () => {
		const hub = await fixture.freshHub({ receipts: 5 });
		let second: unknown;
		const first = hub.runtime.run("syncNow", {
			options: {
				onServiceCall: (call) => {
					// A trigger fires while the owner's sync is reading Etsy.
					if (call.service === "UrlFetchApp" && second === undefined) second = hub.runtime.run("syncFromTrigger").value;
				},
			},
		});
		expect(reportOf(first).status).toBe("completed");
		expect(second).toMatchObject({ status: "busy", message: expect.stringContaining("Another sync is running") });
		expect(readOrders(hub).values).toHaveLength(6);
	});
});

describe("a blank row among the orders", () => {
	it("new orders go below the last row, never into the gap over existing orders", async () => {
		const hub = await fixture.freshHub({ receipts: 4 });
		hub.sync();
		hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			sheet.getRange(3, 1, 1, sheet.getLastColumn()).clearContent();`);
		const before = readOrders(hub).values;
		await fixture.etsy.createReceipt({});
		await fixture.etsy.createReceipt({});
		expect(reportOf(hub.sync()).created).toBe(2);
		const after = readOrders(hub).values;
		expect(after.slice(0, before.length)).toEqual(before);
		expect(after).toHaveLength(before.length + 2);
	});
});
