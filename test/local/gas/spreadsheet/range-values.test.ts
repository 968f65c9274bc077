import { describe, expect, it } from "vitest";
import { createScriptRealm } from "../../../../local/gas/realm.js";
import { createSpreadsheetApp } from "../../../../local/gas/spreadsheet/spreadsheet-app.js";
import { createTestHost } from "../test-host.js";
import { setup, thrown } from "./fixture.js";

describe("Range values", () => {
	it("uses 1-based coordinates: getRange(1, 1) is A1", () => {
		const { sheet } = setup();
		sheet.getRange("B3").setValue("x");
		expect(sheet.getRange(3, 2).getValue()).toBe("x");
		expect(sheet.getRange(1, 1).getA1Notation()).toBe("A1");
		expect(sheet.getRange(2, 3, 4, 5).getA1Notation()).toBe("C2:G5");
	});

	it("throws Apps Script's errors for bad coordinates", () => {
		const { sheet } = setup();
		expect(thrown(() => sheet.getRange(1, 1, 0, 1))).toBe(
			"Exception: The number of rows in the range must be at least 1.",
		);
		expect(thrown(() => sheet.getRange(1, 0))).toBe("Exception: The starting column of the range is too small.");
		expect(thrown(() => sheet.getRange(0, 1))).toBe("Exception: The starting row of the range is too small.");
		expect(thrown(() => sheet.getRange(1, 1, 1, 0))).toBe(
			"Exception: The number of columns in the range must be at least 1.",
		);
		expect(thrown(() => sheet.getRange("not a range"))).toBe("Exception: Range not found");
		expect(thrown(() => sheet.getRange("1" as unknown as number, 1))).toBe(
			"Exception: The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
		);
	});

	it("refuses ranges past the sheet's last row or column (UNCONFIRMED where)", () => {
		const { sheet } = setup();
		const outside = "Exception: The coordinates of the range are outside the dimensions of the sheet.";
		expect(thrown(() => sheet.getRange(1001, 1))).toBe(outside);
		expect(thrown(() => sheet.getRange(1, 1, 1, 27))).toBe(outside);
		expect(thrown(() => sheet.getRange("A999:A1001"))).toBe(outside);
		expect(thrown(() => sheet.getRange(1000, 26))).toBeUndefined();
	});

	it("returns '' for empty cells, numbers, booleans and strings", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:D1");
		range.setValues([[42, true, "text", null]]);
		expect(range.getValues()).toEqual([[42, true, "text", ""]]);
		expect(sheet.getRange("E5").getValue()).toBe("");
	});

	it("returns a Date, in the spreadsheet's time zone, for a number with a date format", () => {
		const { sheet, ss } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("2026-11-22 14:30");
		const value = cell.getValue() as Date;
		expect(value).toBeInstanceOf(Date);
		// Europe/Warsaw is UTC+1 in November.
		expect(value.toISOString()).toBe("2026-11-22T13:30:00.000Z");
		ss.setSpreadsheetTimeZone("America/New_York");
		expect((cell.getValue() as Date).toISOString()).toBe("2026-11-22T19:30:00.000Z");
	});

	it("stores a written Date as a serial with a date-time format when the cell's format is automatic", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue(new Date(Date.UTC(2026, 10, 22, 8, 0, 0)));
		expect(cell.getNumberFormat()).toBe("M/d/yyyy H:mm:ss");
		expect(cell.getDisplayValue()).toBe("11/22/2026 9:00:00");
		expect((cell.getValue() as Date).getTime()).toBe(Date.UTC(2026, 10, 22, 8, 0, 0));
		const formatted = sheet.getRange("B1").setNumberFormat("yyyy-mm-dd");
		formatted.setValue(new Date(Date.UTC(2026, 10, 22, 8, 0, 0)));
		expect(formatted.getNumberFormat()).toBe("yyyy-mm-dd");
		expect(formatted.getDisplayValue()).toBe("2026-11-22");
	});

	it("keeps a cell's date format: a number written later comes back as a Date", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("2026-11-22");
		cell.setValue(5);
		expect(cell.getValue()).toBeInstanceOf(Date);
		expect(cell.getDisplayValue()).toBe("1900-01-04");
	});

	it("throws Apps Script's message when the data's rows do not match the range", () => {
		const { sheet } = setup();
		expect(thrown(() => sheet.getRange("A1:B2").setValues([[1, 2]]))).toBe(
			"Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
		);
	});

	it("throws Apps Script's message when the data's columns do not match the range", () => {
		const { sheet } = setup();
		expect(thrown(() => sheet.getRange("A1:D1").setValues([[1, 2, 3, 4, 5]]))).toBe(
			"Exception: The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.",
		);
		expect(thrown(() => sheet.getRange("A1:B1").setValues(["a", "b"] as unknown as unknown[][]))).toBe(
			"Exception: The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
		);
	});

	it("sets every cell of a multi-cell range with setValue", () => {
		const { sheet } = setup();
		sheet.getRange("A1:B2").setValue("x");
		expect(sheet.getRange("A1:B2").getValues()).toEqual([
			["x", "x"],
			["x", "x"],
		]);
	});

	it("stores a leading '=' as a formula; unsupported functions evaluate to #NAME? and never run", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:C1");
		range.setValues([["=1+2", '=IMPORTXML("https://evil.example/","//a")', "=A1*2"]]);
		expect(range.getFormulas()).toEqual([["=1+2", '=IMPORTXML("https://evil.example/","//a")', "=A1*2"]]);
		expect(range.getValues()).toEqual([[3, "#NAME?", 6]]);
		expect(range.getDisplayValues()).toEqual([["3", "#NAME?", "6"]]);
		expect(sheet.getRange("D1").getFormula()).toBe("");
	});

	it("turns digit strings into numbers, losing leading zeros", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("007");
		expect(cell.getValue()).toBe(7);
		expect(cell.getDisplayValue()).toBe("7");
	});

	it("keeps only 15 significant digits of a 24-digit string and shows it in scientific form", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("123456789012345678901234");
		expect(cell.getValue()).toBe(1.23456789012346e23);
		expect(cell.getDisplayValue()).toBe("1.23457E+23");
	});

	it("keeps the postcode '01-234' as text (UNCONFIRMED: see value-parsing.ts)", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("01-234");
		expect(cell.getValue()).toBe("01-234");
		expect(cell.getNumberFormat()).toBe("0.###############");
	});

	it("turns ISO and US dates into dates with a date format", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B1");
		range.setValues([["2026-11-22", "11/22/2026"]]);
		const row = range.getValues()[0] as Date[];
		expect(row[0]?.toISOString()).toBe("2026-11-21T23:00:00.000Z");
		expect(row[1]?.toISOString()).toBe("2026-11-21T23:00:00.000Z");
		expect(range.getNumberFormats()).toEqual([["yyyy-mm-dd", "M/d/yyyy"]]);
		expect(range.getDisplayValues()).toEqual([["2026-11-22", "11/22/2026"]]);
	});

	it("turns TRUE/FALSE in any case into booleans", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:C1");
		range.setValues([["TRUE", "false", "True"]]);
		expect(range.getValues()).toEqual([[true, false, true]]);
		expect(range.getDisplayValues()).toEqual([["TRUE", "FALSE", "TRUE"]]);
	});

	it("reads '5%' as 0.05 with a percent format", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("5%");
		expect(cell.getValue()).toBe(0.05);
		expect(cell.getNumberFormat()).toBe("0%");
		expect(cell.getDisplayValue()).toBe("5%");
	});

	it("reads '$100.15' as 100.15 with a currency format", () => {
		const { sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setValue("$100.15");
		expect(cell.getValue()).toBe(100.15);
		expect(cell.getNumberFormat()).toBe('"$"#,##0.00');
		expect(cell.getDisplayValue()).toBe("$100.15");
	});

	it("reads '+5' as 5", () => {
		const { sheet } = setup();
		sheet.getRange("A1").setValue("+5");
		expect(sheet.getRange("A1").getValue()).toBe(5);
	});

	it("keeps text as typed in a plain-text (@) cell", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:E1");
		range.setNumberFormat("@");
		range.setValues([["007", "123456789012345678901234", "=IMPORTXML(A1)", "2026-11-22", "TRUE"]]);
		expect(range.getValues()).toEqual([["007", "123456789012345678901234", "=IMPORTXML(A1)", "2026-11-22", "TRUE"]]);
		expect(range.getFormulas()).toEqual([["", "", "", "", ""]]);
		expect(range.getDisplayValues()).toEqual([
			["007", "123456789012345678901234", "=IMPORTXML(A1)", "2026-11-22", "TRUE"],
		]);
		// Numbers stay numbers: only text is kept from parsing.
		sheet.getRange("F1").setNumberFormat("@").setValue(7);
		expect(sheet.getRange("F1").getValue()).toBe(7);
	});

	it("keeps text after a leading apostrophe, without the apostrophe (UNCONFIRMED)", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B1");
		range.setValues([["'007", "'=1+2"]]);
		expect(range.getValues()).toEqual([["007", "=1+2"]]);
		expect(range.getFormulas()).toEqual([["", ""]]);
	});

	it("stores non-string values as they are, whatever they look like", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:C1");
		range.setValues([[7, false, 1e21]]);
		expect(range.getValues()).toEqual([[7, false, 1e21]]);
		expect(range.getNumberFormats()).toEqual([["0.###############", "0.###############", "0.###############"]]);
	});

	it("reports '0.###############' as the number format of an untouched cell (Obs: gas-fakes)", () => {
		const { sheet } = setup();
		expect(sheet.getRange("Z1000").getNumberFormat()).toBe("0.###############");
		sheet.getRange("A1").setNumberFormat("0.00");
		sheet.getRange("A1").setNumberFormat("General");
		expect(sheet.getRange("A1").getNumberFormat()).toBe("0.###############");
		expect(thrown(() => sheet.getRange("A1").setNumberFormat(null as unknown as string))).toBe(
			"Exception: The parameters (null) don't match the method signature for SpreadsheetApp.Range.setNumberFormat.",
		);
	});

	it("formats display values per number format and locale", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:H1");
		range.setNumberFormats([
			["@", "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "dd mmm yyyy", "#,##0.00", "0", "0.00%", "[$€]#,##0.00"],
		]);
		const when = new Date(Date.UTC(2026, 10, 22, 13, 5));
		range.setValues([["00123", when, when, when, 1234.5, 2.5, 0.1234, 99]]);
		expect(range.getDisplayValues()).toEqual([
			["00123", "2026-11-22", "2026-11-22 14:05", "22 Nov 2026", "1,234.50", "3", "12.34%", "€99.00"],
		]);
		sheet.getRange("A2").setValue(1234.5);
		expect(sheet.getRange("A2").getDisplayValue()).toBe("1234.5");
	});

	it("refuses a value longer than 50,000 characters and writes nothing", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B1");
		expect(thrown(() => range.setValues([["first", "x".repeat(50_001)]]))).toBe(
			"Exception: Your input contains more than the maximum of 50000 characters in a single cell.",
		);
		expect(range.getValues()).toEqual([["", ""]]);
	});

	it("writes and reads 1,000 rows x 30 columns correctly", () => {
		const { sheet } = setup();
		sheet.insertColumnsAfter(26, 4);
		const data = Array.from({ length: 1000 }, (_, r) =>
			Array.from({ length: 30 }, (_, c) => (c % 3 === 0 ? `r${r}c${c}` : c % 3 === 1 ? r * 100 + c : `${r}`)),
		);
		const range = sheet.getRange(1, 1, 1000, 30);
		range.setValues(data);
		const values = range.getValues();
		expect(values.length).toBe(1000);
		expect(values[999]?.[29]).toBe(999);
		expect(values[500]?.[0]).toBe("r500c0");
		expect(values[500]?.[1]).toBe(50001);
		expect(range.getDisplayValues()[10]?.[2]).toBe("10");
		expect(sheet.getLastRow()).toBe(1000);
		expect(sheet.getLastColumn()).toBe(30);
	});

	it("tells blank ranges from ranges with content", () => {
		const { sheet } = setup();
		const range = sheet.getRange("A1:B2");
		range.setBackground("red");
		expect(range.isBlank()).toBe(true);
		sheet.getRange("B2").setValue(0);
		expect(range.isBlank()).toBe(false);
	});

	it("returns arrays and Dates of the script's realm", () => {
		const host = createTestHost();
		const realm = createScriptRealm(() => host.now());
		Object.assign(host, { realm });
		realm.context.SpreadsheetApp = createSpreadsheetApp(host);
		const result = realm.run(
			`(() => {
				const sheet = SpreadsheetApp.getActiveSheet();
				sheet.getRange("A1:B1").setValues([[new Date(Date.UTC(2026, 10, 22)), "x"]]);
				const values = sheet.getRange("A1:B1").getValues();
				const sheets = SpreadsheetApp.getActiveSpreadsheet().getSheets();
				return [Array.isArray(values), values instanceof Array, values[0] instanceof Array,
					values[0][0] instanceof Date, values[0][0].getTime(), sheets instanceof Array, sheets[0].getName()];
			})()`,
			"test.js",
			5_000,
		);
		expect(result).toEqual([true, true, true, true, Date.UTC(2026, 10, 22), true, "Sheet1"]);
	});
});
