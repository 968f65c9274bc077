import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

const STATUSES = ["New", "Design", "Production", "Ready to ship", "Shipped", "Delivered", "On hold", "Cancelled"];

describe("Data validation", () => {
	it("stores a dropdown rule and reads back its criteria, values, help text and allowInvalid", () => {
		const { app, sheet } = setup();
		const rule = app
			.newDataValidation()
			.requireValueInList(STATUSES, true)
			.setAllowInvalid(false)
			.setHelpText("Pick a status")
			.build();
		sheet.getRange("B2:B10").setDataValidation(rule);
		const read = sheet.getRange("B5").getDataValidation();
		expect(read).not.toBeNull();
		expect(read?.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
		expect(String(read?.getCriteriaType())).toBe("VALUE_IN_LIST");
		expect(read?.getCriteriaValues()).toEqual([STATUSES, true]);
		expect(read?.getAllowInvalid()).toBe(false);
		expect(read?.getHelpText()).toBe("Pick a status");
		expect(sheet.getRange("B11").getDataValidation()).toBeNull();
	});

	it("defaults to showing the dropdown and allowing invalid input", () => {
		const { app } = setup();
		const rule = app.newDataValidation().requireValueInList(["a", "b"]).build();
		expect(rule.getCriteriaValues()).toEqual([["a", "b"], true]);
		expect(rule.getAllowInvalid()).toBe(true);
	});

	it("sets and reads rules cell by cell, and clears them", () => {
		const { app, sheet } = setup();
		const list = app.newDataValidation().requireValueInList(["x"]).build();
		const checkbox = app.newDataValidation().requireCheckbox().build();
		const range = sheet.getRange("A1:B1");
		range.setDataValidations([[list, checkbox]]);
		const rules = range.getDataValidations()[0] ?? [];
		expect(rules.map((rule) => String(rule?.getCriteriaType()))).toEqual(["VALUE_IN_LIST", "CHECKBOX"]);
		range.clearDataValidations();
		expect(range.getDataValidations()).toEqual([[null, null]]);
		sheet.getRange("A1").setDataValidation(list);
		sheet.getRange("A1").setDataValidation(null);
		expect(sheet.getRange("A1").getDataValidation()).toBeNull();
	});

	it("keeps Ranges and Dates in criteria values", () => {
		const { app, sheet, ss } = setup();
		const source = ss.getRange("Sheet1!Z1:Z8");
		const inRange = app.newDataValidation().requireValueInRange(source, false).build();
		sheet.getRange("A1").setDataValidation(inRange);
		const values = sheet.getRange("A1").getDataValidation()?.getCriteriaValues() ?? [];
		expect((values[0] as GoogleAppsScript.Spreadsheet.Range).getA1Notation()).toBe("Z1:Z8");
		expect(values[1]).toBe(false);
		const after = app
			.newDataValidation()
			.requireDateAfter(new Date(Date.UTC(2026, 0, 1)))
			.build();
		expect((after.getCriteriaValues()[0] as Date).toISOString()).toBe("2026-01-01T00:00:00.000Z");
	});

	it("rejects wrong argument types with Apps Script's signature message", () => {
		const { app } = setup();
		const untyped = app.newDataValidation() as unknown as { requireDate(arg: unknown): unknown };
		expect(thrown(() => untyped.requireDate("=I1"))).toBe(
			"Exception: The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireDate.",
		);
		expect(thrown(() => app.newDataValidation().requireValueInList("a,b" as unknown as string[]))).toBe(
			"Exception: The parameters (String,Boolean) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
		);
	});

	it("refuses a script write that a rejecting rule refuses, writing nothing (UNCONFIRMED)", () => {
		const { app, sheet } = setup();
		const strict = app.newDataValidation().requireValueInList(STATUSES).setAllowInvalid(false).build();
		sheet.getRange("B2:B3").setDataValidation(strict);
		expect(thrown(() => sheet.getRange("B2:B3").setValues([["New"], ["Lost"]]))).toBe(
			"Exception: The data you entered in cell B3 violates the data validation rules set on this cell.",
		);
		expect(sheet.getRange("B2").getValue()).toBe("");
		sheet.getRange("B2:B3").setValues([["New"], [""]]);
		expect(sheet.getRange("B2").getValue()).toBe("New");
		// A warning-only rule lets anything in.
		sheet.getRange("C2").setDataValidation(app.newDataValidation().requireValueInList(STATUSES).build());
		sheet.getRange("C2").setValue("Lost");
		expect(sheet.getRange("C2").getValue()).toBe("Lost");
	});

	it("copies a rule into a builder with its settings", () => {
		const { app } = setup();
		const rule = app.newDataValidation().requireNumberBetween(1, 5).setHelpText("1-5").setAllowInvalid(false).build();
		const copy = rule.copy().setHelpText("one to five").build();
		expect(copy.getCriteriaValues()).toEqual([1, 5]);
		expect(copy.getHelpText()).toBe("one to five");
		expect(copy.getAllowInvalid()).toBe(false);
		expect(String(copy.getCriteriaType())).toBe("NUMBER_BETWEEN");
	});
});
