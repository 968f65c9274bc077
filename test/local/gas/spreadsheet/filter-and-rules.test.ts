import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("Filter", () => {
	it("hides rows without changing data, and is removed with remove()", () => {
		const { app, sheet } = setup();
		sheet.getRange("A1:B4").setValues([
			["Order", "Status"],
			["1", "Shipped"],
			["2", "New"],
			["3", "Shipped"],
		]);
		const filter = sheet.getRange("A1:B4").createFilter();
		filter.setColumnFilterCriteria(2, app.newFilterCriteria().setHiddenValues(["Shipped"]).build());
		expect([1, 2, 3, 4].map((row) => sheet.isRowHiddenByFilter(row))).toEqual([false, true, false, true]);
		expect(sheet.getRange("A2:A4").getValues()).toEqual([[1], [2], [3]]);
		expect(sheet.getFilter()?.getColumnFilterCriteria(2)?.getHiddenValues()).toEqual(["Shipped"]);
		filter.remove();
		expect(sheet.getFilter()).toBeNull();
		expect(sheet.isRowHiddenByFilter(2)).toBe(false);
	});

	it("filters on conditions and sorts below the header", () => {
		const { app, sheet } = setup();
		sheet.getRange("A1:A4").setValues([["Buyer"], ["zoe"], ["adam"], [""]]);
		const filter = sheet.getRange("A1:A4").createFilter();
		filter.setColumnFilterCriteria(1, app.newFilterCriteria().whenCellNotEmpty().build());
		expect(sheet.isRowHiddenByFilter(4)).toBe(true);
		filter.sort(1, true);
		expect(sheet.getRange("A1:A3").getValues()).toEqual([["Buyer"], ["adam"], ["zoe"]]);
	});

	it("refuses a second filter on a sheet (UNCONFIRMED text)", () => {
		const { sheet } = setup();
		sheet.getRange("A1:B2").createFilter();
		expect(thrown(() => sheet.getRange("C1:D2").createFilter())).toBe(
			"Exception: You can't create a filter in a sheet that already has a filter.",
		);
	});
});

describe("Conditional format rules", () => {
	it("builds, stores and reads back rules with their ranges, condition and format", () => {
		const { app, sheet } = setup();
		const rule = app
			.newConditionalFormatRule()
			.whenFormulaSatisfied('=$O2<>""')
			.setBackground("#FCE8B2")
			.setFontColor("#990000")
			.setRanges([sheet.getRange("A2:Q1000")])
			.build();
		const text = app
			.newConditionalFormatRule()
			.whenTextContains("overdue")
			.setBackground("red")
			.setRanges([sheet.getRange("O2:O1000")])
			.build();
		sheet.setConditionalFormatRules([rule, text]);
		const rules = sheet.getConditionalFormatRules();
		expect(rules).toHaveLength(2);
		const condition = rules[0]?.getBooleanCondition();
		expect(condition?.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
		expect(condition?.getCriteriaValues()).toEqual(['=$O2<>""']);
		expect(condition?.getBackground()).toBe("#fce8b2");
		expect(condition?.getFontColor()).toBe("#990000");
		expect(rules[1]?.getRanges().map((range) => range.getA1Notation())).toEqual(["O2:O1000"]);
	});

	it("does not change what getBackground reports, like Apps Script", () => {
		const { app, sheet } = setup();
		sheet.getRange("A1").setValue("overdue");
		sheet.setConditionalFormatRules([
			app
				.newConditionalFormatRule()
				.whenTextContains("overdue")
				.setBackground("red")
				.setRanges([sheet.getRange("A1")])
				.build(),
		]);
		expect(sheet.getRange("A1").getBackground()).toBe("#ffffff");
	});

	it("replaces the sheet's rules as a whole; a copy can be edited and set again", () => {
		const { app, sheet } = setup();
		const rule = app
			.newConditionalFormatRule()
			.whenCellEmpty()
			.setBackground("#eeeeee")
			.setRanges([sheet.getRange("A1:A5")])
			.build();
		sheet.setConditionalFormatRules([rule]);
		const edited = sheet.getConditionalFormatRules()[0]?.copy().setBackground("#dddddd").build();
		sheet.setConditionalFormatRules(edited ? [edited] : []);
		expect(sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition()?.getBackground())).toEqual(["#dddddd"]);
		sheet.setConditionalFormatRules([]);
		expect(sheet.getConditionalFormatRules()).toEqual([]);
	});
});
