import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("Range formatting, notes and clearing", () => {
	it("stores notes per cell; an empty or null note removes it", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B1");
		range.setNotes([["Paid by card", null]]);
		expect(range.getNotes()).toEqual([["Paid by card", ""]]);
		sheet.getRange("A1").setNote("");
		expect(sheet.getRange("A1").getNote()).toBe("");
		sheet.getRange("B1").setNote("x");
		sheet.getRange("B1").clearNote();
		expect(sheet.getRange("B1").getNote()).toBe("");
	});

	it("sets backgrounds in one batched call from a 2-D array, normalised to #rrggbb", () => {
		const { sheet, host } = setup();
		const range = sheet.getRange("A1:C2");
		range.setBackgrounds([
			["#FF0000", "yellow", null],
			["#abc", "#00ff00", "#ffffff"],
		]);
		expect(range.getBackgrounds()).toEqual([
			["#ff0000", "#ffff00", "#ffffff"],
			["#aabbcc", "#00ff00", "#ffffff"],
		]);
		expect(host.calls.filter((call) => call.method === "Range.setBackgrounds")).toHaveLength(1);
		expect(thrown(() => range.setBackgrounds([["red"]]))).toBe(
			"Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
		);
		sheet.getRange("A1").setBackground(null);
		expect(sheet.getRange("A1").getBackground()).toBe("#ffffff");
	});

	it("sets font weights and colours", () => {
		const { sheet } = setup();
		const header = sheet.getRange("A1:C1");
		header.setFontWeight("bold").setFontColor("#1155CC");
		expect(header.getFontWeights()).toEqual([["bold", "bold", "bold"]]);
		expect(sheet.getRange("A1").getFontColor()).toBe("#1155cc");
		sheet.getRange("A1:B1").setFontWeights([["normal", null]]);
		expect(header.getFontWeights()).toEqual([["normal", "normal", "bold"]]);
		expect(sheet.getRange("D4").getFontWeight()).toBe("normal");
		expect(sheet.getRange("D4").getFontColor()).toBe("#000000");
	});

	it("stores number formats per cell", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B1");
		range.setNumberFormats([["yyyy-mm-dd", "#,##0.00"]]);
		expect(range.getNumberFormats()).toEqual([["yyyy-mm-dd", "#,##0.00"]]);
	});

	it("stores alignment and wrapping, reporting Apps Script's quirky defaults", () => {
		const { sheet, app } = setup();
		const cell = sheet.getRange("A1");
		expect(cell.getHorizontalAlignment()).toBe("general");
		expect(cell.getVerticalAlignment()).toBe("bottom");
		expect(cell.getWrap()).toBe(true);
		expect(String(cell.getWrapStrategy())).toBe("OVERFLOW");
		cell.setHorizontalAlignment("center").setVerticalAlignment("top").setWrap(false);
		expect(cell.getHorizontalAlignment()).toBe("center");
		expect(cell.getVerticalAlignment()).toBe("top");
		expect(cell.getWrap()).toBe(false);
		cell.setWrapStrategy(app.WrapStrategy.CLIP);
		expect(cell.getWrapStrategy()).toBe(app.WrapStrategy.CLIP);
		cell.setHorizontalAlignment("normal");
		expect(cell.getHorizontalAlignment()).toBe("general-left");
	});

	it("clearContent keeps formats, notes and validation; clearFormat keeps values", () => {
		const { sheet, app } = setup();
		const cell = sheet.getRange("A1");
		cell.setNumberFormat("yyyy-mm-dd").setBackground("red").setNote("n").setValue("2026-11-22");
		cell.setDataValidation(app.newDataValidation().requireValueInList(["a"]).build());
		cell.clearContent();
		expect(cell.getValue()).toBe("");
		expect(cell.getNumberFormat()).toBe("yyyy-mm-dd");
		expect(cell.getBackground()).toBe("#ff0000");
		expect(cell.getNote()).toBe("n");
		expect(cell.getDataValidation()).not.toBeNull();
		cell.setValue(46348);
		cell.clearFormat();
		expect(cell.getValue()).toBe(46348);
		expect(cell.getBackground()).toBe("#ffffff");
		expect(cell.getNumberFormat()).toBe("0.###############");
	});

	it("clear() removes contents and formats; options pick what goes", () => {
		const { sheet, app } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("x").setBackground("red").setNote("n");
		cell.setDataValidation(app.newDataValidation().requireValueInList(["x"]).build());
		cell.clear({ commentsOnly: true });
		expect(cell.getNote()).toBe("");
		expect(cell.getValue()).toBe("x");
		cell.clear({ validationsOnly: true });
		expect(cell.getDataValidation()).toBeNull();
		cell.clear();
		expect(cell.getValue()).toBe("");
		expect(cell.getBackground()).toBe("#ffffff");
	});

	it("marks the workbook dirty on every write and not on reads", () => {
		const { sheet, host } = setup();
		sheet.getRange("A1").getValues();
		sheet.getRange("A1").getBackground();
		expect(host.dirty.size).toBe(0);
		sheet.getRange("A1").setNote("x");
		expect([...host.dirty]).toEqual(["workbook"]);
	});
});
