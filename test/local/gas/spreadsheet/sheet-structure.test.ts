import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("Inserting and deleting rows and columns", () => {
	it("shifts cells with their notes, links and validation when rows are inserted", () => {
		const { app, sheet } = setup();
		sheet.getRange("A2").setValue("order 1").setNote("note 1");
		sheet
			.getRange("B2")
			.setRichTextValue(app.newRichTextValue().setText("1").setLinkUrl("https://e.example/1").build());
		sheet.getRange("C2").setDataValidation(app.newDataValidation().requireValueInList(["x"]).build());
		sheet.insertRowsBefore(2, 3);
		expect(sheet.getMaxRows()).toBe(1003);
		expect(sheet.getRange("A2").getValue()).toBe("");
		expect(sheet.getRange("A5").getValue()).toBe("order 1");
		expect(sheet.getRange("A5").getNote()).toBe("note 1");
		expect(sheet.getRange("B5").getRichTextValue()?.getLinkUrl()).toBe("https://e.example/1");
		expect(sheet.getRange("C5").getDataValidation()).not.toBeNull();
	});

	it("gives inserted rows the formats of the row they follow, not its content (UNCONFIRMED)", () => {
		const { sheet } = setup();
		sheet
			.getRange("A1:B1")
			.setValues([["Order", "Ordered"]])
			.setFontWeight("bold");
		sheet.getRange("B2").setNumberFormat("yyyy-mm-dd").setValue("2026-11-22");
		sheet.insertRowAfter(2);
		expect(sheet.getRange("B3").getValue()).toBe("");
		expect(sheet.getRange("B3").getNumberFormat()).toBe("yyyy-mm-dd");
		expect(sheet.getRange("A3").getFontWeight()).toBe("normal");
	});

	it("moves and stretches protections, conditional formats and the filter", () => {
		const { app, sheet } = setup();
		const inside = sheet.getRange("A2:A10").protect();
		const below = sheet.getRange("A20:B20").protect();
		sheet.setConditionalFormatRules([
			app
				.newConditionalFormatRule()
				.whenTextContains("late")
				.setBackground("#f4cccc")
				.setRanges([sheet.getRange("C2:C10")])
				.build(),
		]);
		sheet.getRange("A1:D10").createFilter();
		sheet.insertRowsAfter(5, 2);
		expect(inside.getRange().getA1Notation()).toBe("A2:A12");
		expect(below.getRange().getA1Notation()).toBe("A22:B22");
		expect(sheet.getConditionalFormatRules()[0]?.getRanges()[0]?.getA1Notation()).toBe("C2:C12");
		expect(sheet.getFilter()?.getRange().getA1Notation()).toBe("A1:D12");
	});

	it("shrinks what deleted rows cut through and removes what they cover", () => {
		const { app, sheet } = setup();
		sheet.getRange("A1:A5").setValues([["1"], ["2"], ["3"], ["4"], ["5"]]);
		const cut = sheet.getRange("A2:A5").protect();
		sheet.getRange("A3:A4").protect();
		sheet.deleteRows(3, 2);
		expect(sheet.getRange("A1:A3").getValues()).toEqual([[1], [2], [5]]);
		expect(cut.getRange().getA1Notation()).toBe("A2:A3");
		expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
		expect(sheet.getMaxRows()).toBe(998);
	});

	it("keeps frozen rows and hidden rows on the same data", () => {
		const { sheet } = setup();
		sheet.setFrozenRows(1);
		sheet.hideRows(5);
		sheet.insertRowBefore(1);
		expect(sheet.getFrozenRows()).toBe(2);
		expect(sheet.isRowHiddenByUser(6)).toBe(true);
		expect(sheet.isRowHiddenByUser(5)).toBe(false);
		sheet.deleteRow(6);
		expect(sheet.isRowHiddenByUser(6)).toBe(false);
	});

	it("shifts columns, their widths and their cells", () => {
		const { sheet } = setup();
		sheet.getRange("B1").setValue("b");
		sheet.setColumnWidth(2, 250);
		sheet.insertColumnsBefore(1, 2);
		expect(sheet.getMaxColumns()).toBe(28);
		expect(sheet.getRange("D1").getValue()).toBe("b");
		expect(sheet.getColumnWidth(4)).toBe(250);
		expect(sheet.getColumnWidth(2)).toBe(100);
		sheet.deleteColumns(1, 3);
		expect(sheet.getRange("A1").getValue()).toBe("b");
		expect(sheet.getColumnWidth(1)).toBe(250);
		sheet.insertColumnAfter(1);
		sheet.deleteColumn(2);
		expect(sheet.getMaxColumns()).toBe(25);
	});

	it("refuses out-of-bounds and all-row deletions", () => {
		const { sheet } = setup();
		expect(thrown(() => sheet.deleteRows(999, 5))).toBe("Exception: Those rows are out of bounds.");
		expect(thrown(() => sheet.deleteRows(1, 1000))).toBe(
			"Exception: Sorry, it is not possible to delete all non-frozen rows.",
		);
		expect(thrown(() => sheet.insertColumnsAfter(27, 1))).toBe("Exception: Those columns are out of bounds.");
	});

	it("appends a row after the last row with content, parsed as typed", () => {
		const { sheet } = setup();
		sheet.getRange("A1:B1").setValues([["Order", "Total"]]);
		sheet.getRange("C5").setBackground("red");
		sheet.appendRow(["0042", "$10.50", "=1+1"]);
		expect(sheet.getLastRow()).toBe(2);
		expect(sheet.getRange("A2:C2").getValues()).toEqual([[42, 10.5, 2]]);
	});

	it("grows a full sheet by a row when appending, and by columns for a wide row", () => {
		const { sheet } = setup();
		sheet.deleteRows(3, 998);
		sheet.getRange("A1:A2").setValues([["a"], ["b"]]);
		sheet.appendRow(Array.from({ length: 28 }, (_, i) => `v${i}`));
		expect(sheet.getMaxRows()).toBe(3);
		expect(sheet.getMaxColumns()).toBe(28);
		expect(sheet.getRange("AB3").getValue()).toBe("v27");
	});

	it("reports the last row and column with content, 0 for an empty sheet", () => {
		const { sheet } = setup();
		expect(sheet.getLastRow()).toBe(0);
		expect(sheet.getLastColumn()).toBe(0);
		expect(sheet.getDataRange().getA1Notation()).toBe("A1");
		sheet.getRange("C7").setValue("x");
		sheet.getRange("E2").setNote("a note is not content");
		expect(sheet.getLastRow()).toBe(7);
		expect(sheet.getLastColumn()).toBe(3);
		expect(sheet.getDataRange().getA1Notation()).toBe("A1:C7");
		expect(sheet.getRange("B2:D4").getLastRow()).toBe(4);
		expect(sheet.getRange("B2:D4").getLastColumn()).toBe(4);
	});
});
