/**
 * The local Sheets v4 server answers googleapis (pointed at it by rootUrl) with Google's shapes, over
 * the workbook the emulator keeps: what one door writes, the other reads.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type sheets_v4, sheets as sheetsClient } from "@googleapis/sheets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import { type SpawnedSheetsApi, spawnSheetsApi } from "../../../local/sheets-api/spawn.js";

let server: SpawnedSheetsApi;
let runtime: LocalRuntime;
let api: sheets_v4.Sheets;
let spreadsheetId: string;

beforeAll(async () => {
	const stateDir = mkdtempSync(join(tmpdir(), "hubsheet-sheets-api-"));
	runtime = new LocalRuntime({ stateDir });
	runtime.asOwner(
		`SpreadsheetApp.getActiveSpreadsheet().insertSheet("Orders").getRange("A1:B1").setValues([["Order", "Note"]]);`,
	);
	spreadsheetId = runtime.state().workbook.id;
	server = await spawnSheetsApi(stateDir);
	api = sheetsClient({ version: "v4", rootUrl: server.url });
}, 120_000);
afterAll(() => server?.stop());

describe("the local Sheets server", () => {
	it("writes RAW through values.batchUpdate what SpreadsheetApp then reads as text, and batchGet reads it back", async () => {
		const written = await api.spreadsheets.values.batchUpdate({
			spreadsheetId,
			requestBody: {
				valueInputOption: "RAW",
				data: [{ range: "'Orders'!A2:B2", values: [["3100000001", "=IMPORTXML(1)"]] }],
			},
		});
		expect(written.data).toMatchObject({ spreadsheetId, totalUpdatedCells: 2, totalUpdatedRows: 1 });
		const seen = runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getRange("A2:B2").getValues();`,
		);
		expect(seen).toEqual([["3100000001", "=IMPORTXML(1)"]]);
		const read = await api.spreadsheets.values.batchGet({
			spreadsheetId,
			ranges: ["'Orders'", "'Orders'!A:A"],
			valueRenderOption: "UNFORMATTED_VALUE",
		});
		const ranges: sheets_v4.Schema$ValueRange[] = read.data.valueRanges ?? [];
		expect(ranges.map((range) => range.values)).toEqual([
			[
				["Order", "Note"],
				["3100000001", "=IMPORTXML(1)"],
			],
			[["Order"], ["3100000001"]],
		]);
	});

	it("appends below a given row and says where (updates.updatedRange)", async () => {
		const appended = await api.spreadsheets.values.append({
			spreadsheetId,
			range: "'Orders'!A3",
			valueInputOption: "RAW",
			insertDataOption: "OVERWRITE",
			requestBody: { values: [["3100000002", "x"]] },
		});
		expect(appended.data.updates?.updatedRange).toBe("Orders!A3:B3");
	});

	it("links a cell through spreadsheets.batchUpdate (updateCells with a link run), as SpreadsheetApp sees it", async () => {
		const { data } = await api.spreadsheets.get({ spreadsheetId });
		const orders = data.sheets?.find((sheet) => sheet.properties?.title === "Orders")?.properties;
		expect(data.properties?.timeZone).toBe("Europe/Warsaw");
		await api.spreadsheets.batchUpdate({
			spreadsheetId,
			requestBody: {
				requests: [
					{
						updateCells: {
							start: { sheetId: orders?.sheetId, rowIndex: 1, columnIndex: 0 },
							rows: [
								{
									values: [
										{
											userEnteredValue: { stringValue: "3100000001" },
											textFormatRuns: [
												{
													startIndex: 0,
													format: { link: { uri: "https://www.etsy.com/your/orders/sold?order_id=3100000001" } },
												},
											],
										},
									],
								},
							],
							fields: "userEnteredValue,textFormatRuns",
						},
					},
				],
			},
		});
		const link = runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getRange("A2").getRichTextValue().getLinkUrl();`,
		);
		expect(link).toBe("https://www.etsy.com/your/orders/sold?order_id=3100000001");
	});

	it("applies a batchUpdate all or nothing, with Google's error shape", async () => {
		const failed = await api.spreadsheets
			.batchUpdate({
				spreadsheetId,
				requestBody: {
					requests: [
						{ addSheet: { properties: { title: "Scratch", hidden: true } } },
						{ addSheet: { properties: { title: "Orders" } } },
					],
				},
			})
			.catch((error: { response?: { status: number; data: unknown } }) => error.response);
		expect(failed?.status).toBe(400);
		expect(failed?.data).toEqual({
			error: {
				code: 400,
				status: "INVALID_ARGUMENT",
				message:
					'Invalid requests[1].addSheet: A sheet with the name "Orders" already exists. Please enter another name.',
			},
		});
		const { data } = await api.spreadsheets.get({ spreadsheetId });
		expect(data.sheets?.map((sheet) => sheet.properties?.title)).not.toContain("Scratch");
	});

	it("answers an unknown spreadsheet with 404 NOT_FOUND", async () => {
		const failed = await api.spreadsheets.values
			.get({ spreadsheetId: "nope", range: "A1" })
			.catch((error: { response?: { status: number; data: unknown } }) => error.response);
		expect(failed?.status).toBe(404);
		expect(failed?.data).toEqual({
			error: { code: 404, status: "NOT_FOUND", message: "Requested entity was not found." },
		});
		expect(await server.counts()).toMatchObject({ "values.batchUpdate": 1, "values.get": 1 });
	});
});
