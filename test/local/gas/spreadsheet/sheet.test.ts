import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("Sheet", () => {
	it("renames, refusing a name another sheet has in any case", () => {
		const { ss, sheet } = setup();
		ss.insertSheet("Settings");
		sheet.setName("Orders");
		expect(sheet.getName()).toBe("Orders");
		expect(thrown(() => sheet.setName("settings"))).toBe(
			'Exception: A sheet with the name "settings" already exists. Please enter another name.',
		);
	});

	it("freezes rows and columns", () => {
		const { sheet } = setup();
		sheet.setFrozenRows(1);
		sheet.setFrozenColumns(2);
		expect(sheet.getFrozenRows()).toBe(1);
		expect(sheet.getFrozenColumns()).toBe(2);
	});

	it("hides and shows sheets, but never the last visible one", () => {
		const { ss, sheet } = setup();
		const state = ss.insertSheet("_state");
		state.hideSheet();
		expect(state.isSheetHidden()).toBe(true);
		expect(thrown(() => sheet.hideSheet())).toBe("Exception: You can't hide all the sheets in a document.");
		state.showSheet();
		expect(state.isSheetHidden()).toBe(false);
	});

	it("stores column widths and tab colours", () => {
		const { sheet } = setup();
		expect(sheet.getColumnWidth(3)).toBe(100);
		sheet.setColumnWidths(2, 3, 180);
		expect(sheet.getColumnWidth(4)).toBe(180);
		expect(sheet.getTabColor()).toBeNull();
		sheet.setTabColor("#FF9900");
		expect(sheet.getTabColor()).toBe("#ff9900");
		sheet.setTabColor(null);
		expect(sheet.getTabColor()).toBeNull();
	});

	it("counts autoResizeColumns although it changes nothing", () => {
		const { host, sheet } = setup();
		sheet.autoResizeColumns(1, 5);
		expect(host.calls).toEqual([{ service: "SpreadsheetApp", method: "Sheet.autoResizeColumns" }]);
		expect(sheet.getColumnWidth(1)).toBe(100);
	});

	it("hides rows by user and reports them", () => {
		const { sheet } = setup();
		sheet.hideRows(3, 2);
		expect([2, 3, 4, 5].map((row) => sheet.isRowHiddenByUser(row))).toEqual([false, true, true, false]);
		sheet.showRows(3);
		expect(sheet.isRowHiddenByUser(3)).toBe(false);
		expect(sheet.isRowHiddenByUser(4)).toBe(true);
	});

	it("sorts the rows below the frozen rows by a column; empty cells go last", () => {
		const { sheet } = setup();
		sheet.setFrozenRows(1);
		sheet.getRange("A1:B5").setValues([
			["Name", "Total"],
			["b", 20],
			["", ""],
			["a", 5],
			["c", 20],
		]);
		sheet.getRange("A2").setNote("b's note");
		sheet.sort(2, false);
		expect(sheet.getRange("A1:B4").getValues()).toEqual([
			["Name", "Total"],
			["b", 20],
			["c", 20],
			["a", 5],
		]);
		expect(sheet.getRange("A2").getNote()).toBe("b's note");
		sheet.sort(1);
		expect(sheet.getRange("A2:A4").getValues()).toEqual([["a"], ["b"], ["c"]]);
	});

	it("clears contents or everything", () => {
		const { sheet } = setup();
		sheet.getRange("A1").setValue("x").setBackground("red");
		sheet.clearContents();
		expect(sheet.getRange("A1").getValue()).toBe("");
		expect(sheet.getRange("A1").getBackground()).toBe("#ff0000");
		sheet.getRange("A1").setValue("x");
		sheet.clear();
		expect(sheet.getRange("A1").getValue()).toBe("");
		expect(sheet.getRange("A1").getBackground()).toBe("#ffffff");
	});

	it("activates a sheet and keeps an active selection", () => {
		const { app, ss } = setup();
		const settings = ss.insertSheet("Settings");
		ss.getSheets()[0]?.activate();
		expect(app.getActiveSheet().getName()).toBe("Sheet1");
		settings.setActiveSelection("B2:C3");
		expect(app.getActiveSheet().getName()).toBe("Settings");
		expect(app.getActiveRange().getA1Notation()).toBe("B2:C3");
		expect(settings.getActiveRange()?.getA1Notation()).toBe("B2:C3");
		ss.getSheets()[0]?.getRange("D4").activate();
		expect(app.getActiveRange().getA1Notation()).toBe("D4");
	});

	it("offsets ranges within the sheet", () => {
		const { sheet } = setup();
		const range = sheet.getRange("B2:C3");
		expect(range.offset(1, 1).getA1Notation()).toBe("C3:D4");
		expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe("B2");
		expect(thrown(() => range.offset(-2, 0))).toBe("Exception: The starting row of the range is too small.");
	});
});
