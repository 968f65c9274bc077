import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import { ORDER_COLUMNS } from "../../../src/core/orders-layout.js";
import { CANONICAL_STATUSES } from "../../../src/core/statuses.js";

function runtime(): LocalRuntime {
	return new LocalRuntime({ stateDir: mkdtempSync(join(tmpdir(), "hubsheet-setup-")) });
}

interface SetupReport {
	created: string[];
	repaired: string[];
	removed: string[];
	problems: string[];
}

function setUp(local: LocalRuntime): SetupReport {
	const result = local.run("setupSheets");
	expect(result.status).toBe("completed");
	return result.value as SetupReport;
}

const READ_ORDERS = `
	var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
	return sheet.getDataRange().getValues();`;

describe("Set up sheets on the real bundle", () => {
	it("creates Orders, Settings, Sync log and a hidden state sheet, laid out for the owner", () => {
		const local = runtime();
		expect(setUp(local).created.sort()).toEqual(["Dashboard", "Hubsheet state", "Orders", "Settings", "Sync log"]);
		const layout = local.asOwner(`
			var ss = SpreadsheetApp.getActiveSpreadsheet();
			var orders = ss.getSheetByName("Orders");
			var header = orders.getRange(1, 1, 1, orders.getLastColumn()).getValues()[0];
			var col = function (name) { return header.indexOf(name) + 1; };
			var status = orders.getRange(2, col("Status")).getDataValidation();
			return {
				header: header,
				frozen: orders.getFrozenRows(),
				frozenColumns: orders.getFrozenColumns(),
				statusNote: orders.getRange(1, col("Status")).getNote(),
				sheets: ss.getSheets().map(function (sheet) { return sheet.getName(); }),
				note: orders.getRange(1, col("Buyer note")).getNote(),
				orderBackground: orders.getRange(1, col("Order")).getBackground(),
				statusBackground: orders.getRange(1, col("Status")).getBackground(),
				statusChoices: status.getCriteriaValues()[0],
				noteFormat: orders.getRange(2, col("Buyer note")).getNumberFormat(),
				orderedFormat: orders.getRange(2, col("Ordered")).getNumberFormat(),
				totalFormat: orders.getRange(2, col("Total")).getNumberFormat(),
				protections: orders.getProtections(SpreadsheetApp.ProtectionType.RANGE).map(function (p) {
					return [p.getRange().getColumn(), p.isWarningOnly()];
				}),
				stateHidden: ss.getSheetByName("Hubsheet state").isSheetHidden(),
				tints: orders.getConditionalFormatRules().map(function (rule) {
					return rule.getBooleanCondition().getCriteriaValues()[0];
				}),
				width: orders.getColumnWidth(col("Items")),
			};`) as Record<string, unknown> & { header: string[]; protections: Array<[number, boolean]> };
		expect(layout.header.slice(0, 3)).toEqual(["Order", "Ordered", "Buyer"]);
		expect(layout.header).toHaveLength(ORDER_COLUMNS.length);
		expect(layout.frozen).toBe(1);
		// Order, Ordered and Buyer stay in view while the owner scrolls right to Status and Issues.
		expect(layout.frozenColumns).toBe(3);
		// Hubsheet does write Status (Shipped, Delivered): the note says when, not "never".
		expect(layout.statusNote).not.toMatch(/never overwrites/);
		expect(layout.statusNote).toMatch(/Shipped.*Delivered/);
		// The new spreadsheet's empty Sheet1 is gone: Orders comes first.
		// "Hubsheet engine" (hidden) keeps the bookkeeping Apps Script shares with the runner.
		expect(layout.sheets).toEqual(["Settings", "Orders", "Sync log", "Hubsheet engine", "Hubsheet state", "Dashboard"]);
		expect(layout.note).toMatch(/Mirrored from Etsy/);
		expect(layout.orderBackground).not.toBe(layout.statusBackground);
		expect(layout.statusChoices).toEqual([...CANONICAL_STATUSES]);
		expect(layout.noteFormat).toBe("@");
		expect(layout.orderedFormat).toBe("yyyy-mm-dd hh:mm");
		expect(layout.totalFormat).toBe("#,##0.00");
		expect(layout.protections).toHaveLength(11);
		expect(layout.protections.every(([, warningOnly]) => warningOnly)).toBe(true);
		expect(layout.stateHidden).toBe(true);
		// Rows are tinted by the worst severity in Issues by conditional formatting.
		const issues = String.fromCharCode(65 + layout.header.indexOf("Issues"));
		expect(layout.tints).toEqual(["✖", "⚠", "ℹ"].map((mark) => `=LEFT($${issues}2,1)="${mark}"`));
		expect(layout.width).toBe(260);
	});

	it("runs again on a sheet full of data losing nothing, bringing back a deleted column", () => {
		const local = runtime();
		setUp(local);
		local.asOwner(`
			var orders = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var header = orders.getRange(1, 1, 1, orders.getLastColumn()).getValues()[0];
			var col = function (name) { return header.indexOf(name) + 1; };
			orders.getRange(2, col("Order")).setValue("3100000001");
			orders.getRange(2, col("Status")).setValue("Production");
			orders.getRange(2, col("Notes")).setValue("call before delivery");
			orders.insertColumnAfter(col("Notes"));
			orders.getRange(1, col("Notes") + 1).setValue("Wood batch");
			orders.getRange(2, col("Notes") + 1).setValue("B-17");
			orders.deleteColumn(col("Design"));
			var settings = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
			var rows = settings.getDataRange().getValues();
			for (var i = 0; i < rows.length; i++) if (rows[i][0] === "Custom statuses") settings.getRange(i + 1, 2).setValue("Sanding");`);
		const before = local.asOwner(READ_ORDERS) as unknown[][];
		const report = setUp(local);
		expect(report).toEqual({ created: [], repaired: ['Orders: column "Design"'], removed: [], problems: [] });
		const rules = local.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getConditionalFormatRules().length;`,
		);
		expect(rules).toBe(3);
		const after = local.asOwner(READ_ORDERS) as unknown[][];
		const header = after[0] as string[];
		const row = after[1] as unknown[];
		expect(row[header.indexOf("Order")]).toBe("3100000001");
		expect(row[header.indexOf("Status")]).toBe("Production");
		expect(row[header.indexOf("Notes")]).toBe("call before delivery");
		expect(row[header.indexOf("Wood batch")]).toBe("B-17");
		expect(header.indexOf("Design")).toBe(header.indexOf("Status") + 1);
		expect(after).toHaveLength(before.length);
		const choices = local.asOwner(`
			var orders = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			var header = orders.getRange(1, 1, 1, orders.getLastColumn()).getValues()[0];
			return orders.getRange(5, header.indexOf("Status") + 1).getDataValidation().getCriteriaValues()[0];`);
		expect(choices).toEqual([...CANONICAL_STATUSES, "Sanding"]);
	});

	it("keeps a Sheet1 the owner wrote in, and freezes nothing on an Orders sheet they arranged", () => {
		const written = runtime();
		written.asOwner(
			`SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sheet1").getRange("B3").setValue("my notes");`,
		);
		expect(setUp(written)).toMatchObject({ created: expect.arrayContaining(["Orders"]), removed: [] });
		expect(
			written.asOwner(
				`return SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { return s.getName(); });`,
			),
		).toContain("Sheet1");

		const arranged = runtime();
		arranged.asOwner(`
			var orders = SpreadsheetApp.getActiveSpreadsheet().insertSheet("Orders");
			orders.getRange(1, 1, 1, 3).setValues([["Order", "Buyer", "Status"]]);`);
		setUp(arranged);
		expect(
			arranged.asOwner(`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getFrozenColumns();`),
		).toBe(0);
	});

	it("reports a renamed Order column by name and does not recreate it elsewhere", () => {
		const local = runtime();
		setUp(local);
		local.asOwner(`
			var orders = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
			orders.getRange(2, 1).setValue("3100000001");
			orders.getRange(1, 1).setValue("Receipt");`);
		const report = setUp(local);
		expect(report.problems).toHaveLength(1);
		expect(report.problems[0]).toContain('no "Order" column');
		expect(report.repaired).toEqual([]);
		const header = (local.asOwner(READ_ORDERS) as string[][])[0] as string[];
		expect(header.filter((name) => name === "Order")).toEqual([]);
		expect(
			local.run("setupSheets").uiEvents.some((event) => event.message?.includes('rename its header back to "Order"')),
		).toBe(true);
	});

	it("installs the nightly pass at 2:00 on the spreadsheet's clock, whatever the script's zone", () => {
		const local = runtime();
		setUp(local);
		// The manifest says Europe/Warsaw; this shop's spreadsheet runs on New York time.
		local.asOwner(`SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone("America/New_York");`);
		expect(local.run("installTriggersFromMenu").status).toBe("completed");
		const nightly = local.state().triggers.find((trigger) => trigger.handlerFunction === "fullPassFromTrigger");
		const hour = new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" });
		expect(Number(hour.format(nightly?.nextRunAt ?? 0))).toBe(2);
	});
});
