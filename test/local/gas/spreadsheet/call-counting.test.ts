import { describe, expect, it } from "vitest";
import { ExecutionKilledError } from "../../../../local/gas/host.js";
import { setup } from "./fixture.js";

describe("Call counting", () => {
	it("counts every document call as SpreadsheetApp / <Class>.<method>, in order", () => {
		const { host, ss } = setup();
		const sheet = ss.getSheetByName("Sheet1");
		const range = sheet?.getRange("A1:C3");
		range?.setValues([
			[1, 2, 3],
			[4, 5, 6],
			[7, 8, 9],
		]);
		range?.getValues();
		expect(host.calls).toEqual([
			{ service: "SpreadsheetApp", method: "Spreadsheet.getSheetByName" },
			{ service: "SpreadsheetApp", method: "Sheet.getRange" },
			{ service: "SpreadsheetApp", method: "Range.setValues" },
			{ service: "SpreadsheetApp", method: "Range.getValues" },
		]);
	});

	it("does not count what a handle already holds: coordinates, ids, the parent", () => {
		const { host, sheet } = setup();
		const range = sheet.getRange("B2:D9");
		host.calls.length = 0;
		range.getRow();
		range.getColumn();
		range.getNumRows();
		range.getNumColumns();
		range.getLastRow();
		range.getLastColumn();
		range.getA1Notation();
		range.getSheet().getSheetId();
		sheet.getParent().getId();
		sheet.getParent().getUrl();
		expect(host.calls).toEqual([]);
		// The name can change under the handle, so it is read from the document.
		sheet.getName();
		expect(host.calls).toEqual([{ service: "SpreadsheetApp", method: "Sheet.getName" }]);
	});

	it("does not count builders or value objects", () => {
		const { host, app } = setup();
		const value = app.newRichTextValue().setText("a").setLinkUrl("https://a.example").build();
		value.getText();
		value.getLinkUrl();
		value.getRuns();
		const rule = app.newDataValidation().requireValueInList(["a"]).setAllowInvalid(false).build();
		rule.getCriteriaType();
		rule.getCriteriaValues();
		app.newConditionalFormatRule().whenTextContains("x").setBackground("red").build();
		app.getUi().createMenu("M").addItem("a", "b").addSeparator();
		expect(host.calls.map((call) => call.method)).toEqual(["SpreadsheetApp.getUi", "Ui.createMenu"]);
	});

	it("reads a whole sheet in a handful of calls", () => {
		const { host, app } = setup();
		const sheet = app.getActiveSpreadsheet().getSheetByName("Sheet1");
		const values = sheet?.getDataRange().getValues();
		const notes = sheet?.getDataRange().getNotes();
		expect(values).toEqual([[""]]);
		expect(notes).toEqual([[""]]);
		expect(host.calls.length).toBe(6);
	});

	it("lets the host stop a killed execution at the next call", () => {
		const { host, sheet } = setup();
		host.kill();
		expect(() => sheet.getRange("A1")).toThrow(ExecutionKilledError);
	});

	it("counts a failing call too", () => {
		const { host, sheet } = setup();
		expect(() => sheet.getRange(0, 1)).toThrow();
		expect(host.calls).toEqual([{ service: "SpreadsheetApp", method: "Sheet.getRange" }]);
	});
});
