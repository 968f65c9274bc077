import { describe, expect, it } from "vitest";
import { createSheetsService } from "../../../local/gas/sheets-advanced.js";
import { createSpreadsheetApp } from "../../../local/gas/spreadsheet/spreadsheet-app.js";
import { createTestHost } from "./test-host.js";

const ID = "local-spreadsheet-id";

function setup() {
	const host = createTestHost();
	const app = createSpreadsheetApp(host);
	const Sheets = createSheetsService(host);
	const Values = Sheets.Spreadsheets?.Values as GoogleAppsScript.Sheets.Collection.Spreadsheets.ValuesCollection;
	const sheet = app.getActiveSpreadsheet().getSheets()[0] as GoogleAppsScript.Spreadsheet.Sheet;
	host.calls.length = 0;
	return { host, app, Sheets, Values, sheet };
}

function thrown(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return String(error);
	}
	return undefined;
}

describe("Sheets.Spreadsheets.Values", () => {
	it("reads what SpreadsheetApp wrote, and the other way round", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1:B2").setValues([
			["Order", "Total"],
			["1001", "$12.50"],
		]);
		expect(Values.get(ID, "Sheet1!A1:B2").values).toEqual([
			["Order", "Total"],
			["1001", "$12.50"],
		]);
		Values.update({ values: [["1002", "13"]] }, ID, "Sheet1!A3:B3", { valueInputOption: "USER_ENTERED" });
		expect(sheet.getRange("A3:B3").getValues()).toEqual([[1002, 13]]);
	});

	it("renders FORMATTED_VALUE (default), UNFORMATTED_VALUE and FORMULA", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1:D1").setValues([["0.5", "=1+2", "TRUE", "5%"]]);
		expect(Values.get(ID, "A1:D1").values).toEqual([["0.5", "3", "TRUE", "5%"]]);
		expect(Values.get(ID, "A1:D1", { valueRenderOption: "UNFORMATTED_VALUE" }).values).toEqual([[0.5, 3, true, 0.05]]);
		expect(Values.get(ID, "A1:D1", { valueRenderOption: "FORMULA" }).values).toEqual([[0.5, "=1+2", true, 0.05]]);
	});

	it("renders dates as serial numbers or formatted strings", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1").setValue("2026-11-22 14:30");
		const serial = 46348 + 14.5 / 24;
		expect(Values.get(ID, "A1", { valueRenderOption: "UNFORMATTED_VALUE" }).values).toEqual([[serial]]);
		expect(
			Values.get(ID, "A1", { valueRenderOption: "UNFORMATTED_VALUE", dateTimeRenderOption: "FORMATTED_STRING" }).values,
		).toEqual([["2026-11-22 14:30:00"]]);
		// dateTimeRenderOption is ignored for FORMATTED_VALUE.
		expect(Values.get(ID, "A1", { dateTimeRenderOption: "SERIAL_NUMBER" }).values).toEqual([["2026-11-22 14:30:00"]]);
	});

	it("leaves out .values for an empty range and trims trailing empty cells and rows", () => {
		const { Values, sheet } = setup();
		const empty = Values.get(ID, "Sheet1!A1:C3");
		expect(empty).toEqual({ range: "Sheet1!A1:C3", majorDimension: "ROWS" });
		expect("values" in empty).toBe(false);
		sheet.getRange("A1").setValue("a");
		sheet.getRange("C3").setValue("c");
		sheet.getRange("B5").setBackground("red");
		expect(Values.get(ID, "Sheet1!A1:D10").values).toEqual([["a"], [], ["", "", "c"]]);
		expect(Values.get(ID, "Sheet1!A1:D10", { majorDimension: "COLUMNS" }).values).toEqual([["a"], [], ["", "", "c"]]);
	});

	it("reports the requested range clipped to the grid, with quoted sheet names", () => {
		const { Values, app } = setup();
		app.getActiveSpreadsheet().insertSheet("Order hub").getRange("A1").setValue("x");
		expect(Values.get(ID, "'Order hub'!A:C").range).toBe("'Order hub'!A1:C1000");
		expect(Values.get(ID, "'Order hub'").range).toBe("'Order hub'!A1:Z1000");
		expect(Values.get(ID, "'Order hub'!A1:B2").values).toEqual([["x"]]);
	});

	it("batchGet returns value ranges in request order", () => {
		const { Values, sheet, host } = setup();
		sheet.getRange("A1:B1").setValues([["a", "b"]]);
		const response = Values.batchGet(ID, {
			ranges: ["Sheet1!B1", "Sheet1!A1", "Sheet1!Z9"],
			valueRenderOption: "UNFORMATTED_VALUE",
		});
		expect(response).toEqual({
			spreadsheetId: ID,
			valueRanges: [
				{ range: "Sheet1!B1", majorDimension: "ROWS", values: [["b"]] },
				{ range: "Sheet1!A1", majorDimension: "ROWS", values: [["a"]] },
				{ range: "Sheet1!Z9", majorDimension: "ROWS" },
			],
		});
		expect(host.calls.filter((call) => call.service === "Sheets")).toEqual([
			{ service: "Sheets", method: "Spreadsheets.Values.batchGet" },
		]);
	});

	it("stores RAW strings verbatim and parses USER_ENTERED ones as typed", () => {
		const { Values, sheet } = setup();
		Values.update({ values: [["=1+2", "007", "2026-11-22", "'x"]] }, ID, "Sheet1!A1:D1", { valueInputOption: "RAW" });
		expect(sheet.getRange("A1:D1").getValues()).toEqual([["=1+2", "007", "2026-11-22", "'x"]]);
		expect(sheet.getRange("A1").getFormula()).toBe("");
		Values.update({ values: [["=1+2", "007", "2026-11-22", "'x"]] }, ID, "Sheet1!A2:D2", {
			valueInputOption: "USER_ENTERED",
		});
		const parsed = sheet.getRange("A2:D2").getValues()[0] ?? [];
		expect(parsed[0]).toBe(3);
		expect(parsed[1]).toBe(7);
		expect(parsed[2]).toBeInstanceOf(Date);
		expect(parsed[3]).toBe("x");
		// Non-strings are stored as they are either way.
		Values.update({ values: [[12, true]] }, ID, "Sheet1!A3", { valueInputOption: "RAW" });
		expect(sheet.getRange("A3:B3").getValues()).toEqual([[12, true]]);
	});

	it("skips null values and clears with empty strings", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1:B1").setValues([["keep", "clear"]]);
		Values.update({ values: [[null, ""]] }, ID, "Sheet1!A1:B1", { valueInputOption: "RAW" });
		expect(sheet.getRange("A1:B1").getValues()).toEqual([["keep", ""]]);
	});

	it("answers update with what was written", () => {
		const { Values } = setup();
		const response = Values.update({ values: [["a", "b"], ["c"]] }, ID, "Sheet1!B2", {
			valueInputOption: "RAW",
			includeValuesInResponse: true,
		});
		expect(response).toEqual({
			spreadsheetId: ID,
			updatedRange: "Sheet1!B2:C3",
			updatedRows: 2,
			updatedColumns: 2,
			updatedCells: 3,
			updatedData: { range: "Sheet1!B2:C3", majorDimension: "ROWS", values: [["a", "b"], ["c"]] },
		});
	});

	it("batchUpdate writes several ranges atomically", () => {
		const { Values, sheet } = setup();
		const response = Values.batchUpdate(
			{
				valueInputOption: "USER_ENTERED",
				data: [
					{ range: "Sheet1!A1:B1", values: [["x", "1"]] },
					{ range: "Sheet1!D4", values: [["TRUE"]] },
				],
			},
			ID,
		);
		expect(sheet.getRange("A1:B1").getValues()).toEqual([["x", 1]]);
		expect(sheet.getRange("D4").getValue()).toBe(true);
		expect(response).toMatchObject({ spreadsheetId: ID, totalUpdatedCells: 3, totalUpdatedSheets: 1 });
		expect(
			thrown(() =>
				Values.batchUpdate(
					{
						valueInputOption: "RAW",
						data: [
							{ range: "Sheet1!A5", values: [["not written"]] },
							{ range: "Nope!A1", values: [["x"]] },
						],
					},
					ID,
				),
			),
		).toBe(
			"GoogleJsonResponseException: API call to sheets.spreadsheets.values.batchUpdate failed with error: Unable to parse range: Nope!A1",
		);
		expect(sheet.getRange("A5").getValue()).toBe("");
	});

	it("refuses writes larger than the range, past the grid, or without valueInputOption", () => {
		const { Values } = setup();
		expect(
			thrown(() => Values.update({ values: [["a"], ["b"]] }, ID, "Sheet1!A1:B1", { valueInputOption: "RAW" })),
		).toBe(
			"GoogleJsonResponseException: API call to sheets.spreadsheets.values.update failed with error: Requested writing within range [Sheet1!A1:B1], but tried writing to row [2]",
		);
		expect(thrown(() => Values.update({ values: [["a"]] }, ID, "Sheet1!A1001", { valueInputOption: "RAW" }))).toBe(
			"GoogleJsonResponseException: API call to sheets.spreadsheets.values.update failed with error: Range (Sheet1!A1001) exceeds grid limits. Max rows: 1000, max columns: 26",
		);
		expect(thrown(() => Values.update({ values: [["a"]] }, ID, "Sheet1!A1", {}))).toBe(
			"GoogleJsonResponseException: API call to sheets.spreadsheets.values.update failed with error: 'valueInputOption' is required but not specified",
		);
		expect(thrown(() => Values.get("another-id", "A1"))).toBe(
			"GoogleJsonResponseException: API call to sheets.spreadsheets.values.get failed with error: Requested entity was not found.",
		);
	});

	it("appends after the last row of the table, growing the sheet when needed", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1:B2").setValues([
			["Order", "Total"],
			["1", "10"],
		]);
		const response = Values.append({ values: [["2", "20"]] }, ID, "Sheet1!A:B", { valueInputOption: "USER_ENTERED" });
		expect(response).toMatchObject({
			spreadsheetId: ID,
			tableRange: "Sheet1!A1:B2",
			updates: { updatedRange: "Sheet1!A3:B3", updatedCells: 2 },
		});
		expect(sheet.getRange("A3:B3").getValues()).toEqual([[2, 20]]);
		sheet.deleteRows(5, 996);
		Values.append({ values: [["3"], ["4"], ["5"]] }, ID, "Sheet1!A1", { valueInputOption: "RAW" });
		expect(sheet.getMaxRows()).toBe(6);
		expect(sheet.getRange("A6").getValue()).toBe("5");
	});

	it("inserts rows for appended data inside a validated column, which keeps its dropdown", () => {
		const { Values, app, sheet } = setup();
		sheet.getRange("A1:B3").setValues([
			["Order", "Status"],
			["1", "New"],
			["2", "Shipped"],
		]);
		sheet.getRange("B2:B10").setDataValidation(app.newDataValidation().requireValueInList(["New", "Shipped"]).build());
		sheet.getRange("A12").setValue("footer");
		Values.append({ values: [["3", "New"]] }, ID, "Sheet1!A1:B3", {
			valueInputOption: "RAW",
			insertDataOption: "INSERT_ROWS",
		});
		expect(sheet.getRange("A4:B4").getValues()).toEqual([["3", "New"]]);
		expect(sheet.getRange("B4").getDataValidation()).not.toBeNull();
		expect(sheet.getRange("B11").getDataValidation()).not.toBeNull();
		expect(sheet.getRange("B12").getDataValidation()).toBeNull();
		expect(sheet.getRange("A13").getValue()).toBe("footer");
	});

	it("clears values but keeps formats", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1").setNumberFormat("@").setValue("007");
		const response = Values.clear({}, ID, "Sheet1!A1:B2");
		expect(response).toEqual({ spreadsheetId: ID, clearedRange: "Sheet1!A1:B2" });
		expect(sheet.getRange("A1").getValue()).toBe("");
		expect(sheet.getRange("A1").getNumberFormat()).toBe("@");
	});

	it("reads long ids written as text back with every digit", () => {
		const { Values, sheet } = setup();
		sheet.getRange("A1:A2").setNumberFormat("@");
		Values.update({ values: [["123456789012345678901234"], ["01-234"]] }, ID, "Sheet1!A1:A2", {
			valueInputOption: "USER_ENTERED",
		});
		expect(Values.get(ID, "Sheet1!A1:A2", { valueRenderOption: "UNFORMATTED_VALUE" }).values).toEqual([
			["123456789012345678901234"],
			["01-234"],
		]);
	});

	it("counts one Sheets call per method call and marks the workbook dirty on writes only", () => {
		const { Values, host } = setup();
		host.dirty.clear();
		Values.get(ID, "A1");
		expect(host.dirty.size).toBe(0);
		Values.update({ values: [["x"]] }, ID, "A1", { valueInputOption: "RAW" });
		expect([...host.dirty]).toEqual(["workbook"]);
		expect(host.calls).toEqual([
			{ service: "Sheets", method: "Spreadsheets.Values.get" },
			{ service: "Sheets", method: "Spreadsheets.Values.update" },
		]);
	});
});

describe("Sheets.Spreadsheets.get", () => {
	it("describes the sheets", () => {
		const { Sheets, app } = setup();
		const orders = app.getActiveSpreadsheet().insertSheet("Orders");
		orders.setFrozenRows(1);
		const resource = Sheets.Spreadsheets?.get(ID);
		expect(resource?.properties).toMatchObject({ title: "Orders hub", timeZone: "Europe/Warsaw", locale: "en_US" });
		expect(resource?.sheets?.map((sheet) => sheet.properties)).toEqual([
			{ sheetId: 0, title: "Sheet1", index: 0, sheetType: "GRID", gridProperties: { rowCount: 1000, columnCount: 26 } },
			{
				sheetId: orders.getSheetId(),
				title: "Orders",
				index: 1,
				sheetType: "GRID",
				gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 },
			},
		]);
	});
});
