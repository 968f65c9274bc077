import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("Spreadsheet", () => {
	it("reports its id, name, URL, time zone and locale", () => {
		const { ss } = setup();
		expect(ss.getId()).toBe("local-spreadsheet-id");
		expect(ss.getName()).toBe("Orders hub");
		expect(ss.getUrl()).toBe("https://docs.google.com/spreadsheets/d/local-spreadsheet-id/edit");
		expect(ss.getSpreadsheetTimeZone()).toBe("Europe/Warsaw");
		expect(ss.getSpreadsheetLocale()).toBe("en_US");
		ss.rename("Shop hub");
		expect(ss.getName()).toBe("Shop hub");
		expect(thrown(() => ss.setSpreadsheetTimeZone("Mars/Olympus"))).toBe("Exception: Invalid argument: Mars/Olympus");
	});

	it("inserts sheets by name and 0-based index, making the new one active", () => {
		const { app, ss } = setup();
		const settings = ss.insertSheet("Settings");
		const first = ss.insertSheet("Orders", 0);
		expect(ss.getSheets().map((sheet) => sheet.getName())).toEqual(["Orders", "Sheet1", "Settings"]);
		expect(app.getActiveSheet().getName()).toBe("Orders");
		expect(ss.insertSheet().getName()).toBe("Sheet4");
		expect(settings.getMaxRows()).toBe(1000);
		expect(first.getMaxColumns()).toBe(26);
	});

	it("refuses a duplicate sheet name with Apps Script's message", () => {
		const { ss } = setup();
		expect(thrown(() => ss.insertSheet("Sheet1"))).toBe(
			'Exception: A sheet with the name "Sheet1" already exists. Please enter another name.',
		);
		expect(thrown(() => ss.insertSheet("SHEET1"))).toBe(
			'Exception: A sheet with the name "SHEET1" already exists. Please enter another name.',
		);
	});

	it("finds sheets by name and by id; ids are stable and not tab positions", () => {
		const { ss } = setup();
		const orders = ss.insertSheet("Orders");
		const id = orders.getSheetId();
		expect(id).not.toBe(1);
		expect(ss.getSheetById(id)?.getName()).toBe("Orders");
		expect(ss.getSheetByName("Orders")?.getSheetId()).toBe(id);
		expect(ss.getSheetByName("Missing")).toBeNull();
		expect(ss.getSheetById(0)?.getName()).toBe("Sheet1");
	});

	it("deletes sheets, never the last one", () => {
		const { ss, sheet } = setup();
		const extra = ss.insertSheet("Extra");
		ss.deleteSheet(extra);
		expect(ss.getSheets()).toHaveLength(1);
		expect(ss.getActiveSheet().getName()).toBe("Sheet1");
		expect(thrown(() => ss.deleteSheet(sheet))).toBe("Exception: A spreadsheet must contain at least one sheet.");
		expect(thrown(() => extra.getName())).toBe("Exception: The sheet has been deleted.");
	});

	it("reads ranges by A1 with a sheet name, quoted or not", () => {
		const { ss } = setup();
		const hub = ss.insertSheet("Order hub");
		hub.getRange("B2").setValue("x");
		expect(ss.getRange("'Order hub'!B2").getValue()).toBe("x");
		expect(ss.getRange("'Order hub'!B2").getSheet().getName()).toBe("Order hub");
		ss.getSheets()[0]?.activate();
		expect(ss.getRange("B2").getSheet().getName()).toBe("Sheet1");
		expect(thrown(() => ss.getRange("Nope!A1"))).toBe("Exception: Range not found");
		expect(thrown(() => ss.getRange("Order hub"))).toBe("Exception: Range not found");
	});

	it("sets and reports the active sheet and its id", () => {
		const { ss } = setup();
		const settings = ss.insertSheet("Settings");
		ss.setActiveSheet(ss.getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet);
		expect(ss.getSheetId()).toBe(0);
		ss.setActiveSheet(settings);
		expect(ss.getSheetName()).toBe("Settings");
	});

	it("records toasts as UI events", () => {
		const { host, ss } = setup();
		ss.toast("Synced 3 orders", "Hubsheet", 5);
		expect(host.uiEvents).toEqual([{ kind: "toast", message: "Synced 3 orders", title: "Hubsheet" }]);
	});

	it("opens only its own spreadsheet by id", () => {
		const { app } = setup();
		expect(app.openById("local-spreadsheet-id").getName()).toBe("Orders hub");
		expect(thrown(() => app.openById("someone-elses"))).toBe(
			"Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.",
		);
	});

	it("keeps the workbook as plain JSON that survives a save and a load", () => {
		const { host, app, sheet } = setup();
		sheet.getRange("A1:C1").setValues([["007", "2026-11-22", "=1+2"]]);
		sheet.getRange("D1").setRichTextValue(app.newRichTextValue().setText("x").setLinkUrl("https://x.example").build());
		const saved = JSON.parse(JSON.stringify(host.state.workbook));
		host.state.workbook = saved;
		const reloaded = setup({}, host.state).sheet;
		expect(reloaded.getRange("A1:C1").getDisplayValues()).toEqual([["7", "2026-11-22", "3"]]);
		expect(reloaded.getRange("D1").getRichTextValue()?.getLinkUrl()).toBe("https://x.example");
	});
});
