/**
 * The spreadsheet for the runner, through the Sheets v4 REST API (googleapis on the I/O thread):
 * the engine's Workbook port with the same calls the Apps Script build makes through the advanced
 * service (values batchGet, batchUpdate RAW, append OVERWRITE), links as spreadsheets.batchUpdate
 * updateCells with a link run, and the engine sheet the two sides share. Sheets' own quota (per
 * minute, per user) answers 429: the call waits and tries again, as Google asks.
 */
import { randomInt } from "node:crypto";
import { fitCell } from "../core/cell-fit.js";
import type { Clock, Log } from "../ports.js";
import { a1Range, columnLetters, quoteSheet } from "../sheet/a1-notation.js";
import { LEASE_SHEET, type LeaseAccess, leaseWrites } from "../sheet/engine-lease.js";
import { ENGINE_HEADER, ENGINE_SHEET, type EngineSheetAccess } from "../sheet/engine-store.js";
import { fitRows } from "../sheet/fit-rows.js";
import type { CellBlock, LinkCell, RawCell, Workbook } from "../sheet/workbook.js";
import type { BlockingIo } from "./blocking-io.js";

export class SheetsApiError extends Error {
	constructor(
		readonly method: string,
		readonly status: number,
		message: string,
	) {
		super(`Google Sheets refused ${method} (HTTP ${status || "no answer"}): ${message}`);
	}
}

interface SheetInfo {
	sheetId: number;
	title: string;
	hidden: boolean;
}

interface ValueRange {
	values?: RawCell[][];
}

/** Waits between tries after a 429 or a 5xx: Google asks for exponential backoff. */
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000];

export class SheetsApi {
	/** Calls made, by method, for the run's closing line and the bench. */
	readonly calls = new Map<string, number>();

	constructor(
		private readonly io: BlockingIo,
		readonly spreadsheetId: string,
		private readonly clock: Clock,
		private readonly log: Log,
	) {}

	call<T>(method: string, params: Record<string, unknown>): T {
		for (let attempt = 0; ; attempt++) {
			this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
			const result = this.io.sheets(method, { spreadsheetId: this.spreadsheetId, ...params });
			if (result.ok) return result.data as T;
			const retryable = result.status === 429 || result.status >= 500 || result.status === 0;
			const wait = BACKOFF_MS[attempt];
			if (!retryable || wait === undefined) {
				throw new SheetsApiError(method, result.status, result.message ?? "no reason given");
			}
			this.log.warn(`Google Sheets answered ${result.status} to ${method}; trying again in ${wait / 1000} s.`);
			this.clock.sleep(wait);
		}
	}

	totalCalls(): number {
		return [...this.calls.values()].reduce((sum, count) => sum + count, 0);
	}

	spreadsheet(): { timeZone: string; sheets: SheetInfo[] } {
		const data = this.call<{
			properties?: { timeZone?: string };
			sheets?: Array<{ properties?: { sheetId?: number; title?: string; hidden?: boolean } }>;
		}>("spreadsheets.get", { fields: "properties.timeZone,sheets.properties(sheetId,title,hidden)" });
		return {
			timeZone: data.properties?.timeZone ?? "UTC",
			sheets: (data.sheets ?? []).map((sheet) => ({
				sheetId: sheet.properties?.sheetId ?? 0,
				title: sheet.properties?.title ?? "",
				hidden: sheet.properties?.hidden === true,
			})),
		};
	}

	batchUpdate(requests: unknown[]): { replies?: unknown[] } {
		return this.call("spreadsheets.batchUpdate", { requestBody: { requests } });
	}
}

export function sheetsWorkbook(api: SheetsApi): Workbook {
	let info: { timeZone: string; sheets: SheetInfo[] } | undefined;
	const spreadsheet = (fresh = false) => {
		if (!info || fresh) info = api.spreadsheet();
		return info;
	};
	const sheetId = (name: string): number => {
		const wanted = name.toLowerCase();
		const found = (sheets: SheetInfo[]) => sheets.find((sheet) => sheet.title.toLowerCase() === wanted);
		const sheet = found(spreadsheet().sheets) ?? found(spreadsheet(true).sheets);
		if (!sheet) throw new Error(`There is no sheet named "${name}"; run Hubsheet > Set up sheets.`);
		return sheet.sheetId;
	};
	const batchGet = (ranges: string[]) =>
		api.call<{ valueRanges?: ValueRange[] }>("spreadsheets.values.batchGet", {
			ranges,
			valueRenderOption: "UNFORMATTED_VALUE",
			dateTimeRenderOption: "SERIAL_NUMBER",
		});
	return {
		get timeZone() {
			return spreadsheet().timeZone;
		},
		readSheets(names) {
			// The values API fails a whole batch on one missing sheet: read only the ones that exist.
			const titles = new Set(spreadsheet(true).sheets.map((sheet) => sheet.title.toLowerCase()));
			const present = names.filter((name) => titles.has(name.toLowerCase()));
			const response = present.length === 0 ? {} : batchGet(present.map(quoteSheet));
			const result: Record<string, RawCell[][] | null> = {};
			for (const name of names) {
				const index = present.indexOf(name);
				result[name] = index < 0 ? null : (response.valueRanges?.[index]?.values ?? []);
			}
			return result;
		},
		readKeyColumn(sheet, column) {
			const letters = columnLetters(column);
			const response = batchGet([`${quoteSheet(sheet)}!1:1`, `${quoteSheet(sheet)}!${letters}:${letters}`]);
			return {
				header: response.valueRanges?.[0]?.values?.[0] ?? [],
				keys: (response.valueRanges?.[1]?.values ?? []).map((row) => row[0] ?? ""),
			};
		},
		writeBlocks(blocks: readonly CellBlock[]) {
			if (blocks.length === 0) return;
			api.call("spreadsheets.values.batchUpdate", {
				requestBody: {
					valueInputOption: "RAW",
					data: blocks.map((block) => ({
						range: a1Range(block.sheet, block.row, block.column, block.values.length, block.values[0]?.length ?? 1),
						values: fitRows(block.sheet, block.values),
					})),
				},
			});
		},
		appendRows(sheet, rows, afterRow) {
			const response = api.call<{ updates?: { updatedRange?: string } }>("spreadsheets.values.append", {
				range: `${quoteSheet(sheet)}!A${afterRow === undefined ? 1 : afterRow + 1}`,
				valueInputOption: "RAW",
				insertDataOption: "OVERWRITE",
				requestBody: { values: fitRows(sheet, rows) },
			});
			const updated = response.updates?.updatedRange ?? "";
			const firstRow = /![A-Z]+(\d+)/.exec(updated)?.[1];
			if (!firstRow) throw new Error(`Appending to ${sheet} returned no range (${updated || "nothing"}).`);
			return Number(firstRow);
		},
		writeLinks(sheet, links: readonly LinkCell[]) {
			if (links.length === 0) return;
			const id = sheetId(sheet);
			api.batchUpdate(
				links.map((link) => {
					const text = fitCell(link.text);
					return {
						updateCells: {
							start: { sheetId: id, rowIndex: link.row - 1, columnIndex: link.column - 1 },
							rows: [
								{
									values: [
										{
											userEnteredValue: { stringValue: text },
											textFormatRuns: [{ startIndex: 0, format: { link: { uri: link.url } } }],
										},
									],
								},
							],
							fields: "userEnteredValue,textFormatRuns",
						},
					};
				}),
			);
		},
	};
}

/** The engine sheet ("Hubsheet engine") through the Sheets API, for the store shared with Apps Script. */
export function engineSheetAccess(api: SheetsApi): EngineSheetAccess {
	return {
		readRows() {
			const exists = api.spreadsheet().sheets.some((sheet) => sheet.title.toLowerCase() === ENGINE_SHEET.toLowerCase());
			if (!exists) return null;
			const data = api.call<ValueRange>("spreadsheets.values.get", {
				range: `${quoteSheet(ENGINE_SHEET)}!A:B`,
				valueRenderOption: "UNFORMATTED_VALUE",
			});
			return (data.values ?? []).map((row) => row.map((cell) => String(cell)));
		},
		create() {
			const reply = api.batchUpdate([{ addSheet: { properties: { title: ENGINE_SHEET, hidden: true } } }]) as {
				replies?: Array<{ addSheet?: { properties?: { sheetId?: number } } }>;
			};
			const sheetId = reply.replies?.[0]?.addSheet?.properties?.sheetId;
			api.batchUpdate([
				{
					repeatCell: {
						range: { sheetId, startColumnIndex: 0, endColumnIndex: ENGINE_HEADER.length },
						cell: { userEnteredFormat: { numberFormat: { type: "TEXT" } } },
						fields: "userEnteredFormat.numberFormat",
					},
				},
			]);
			api.call("spreadsheets.values.update", {
				range: `${quoteSheet(ENGINE_SHEET)}!A1:B1`,
				valueInputOption: "RAW",
				requestBody: { values: [[...ENGINE_HEADER]] },
			});
		},
		writeRow(row, key, value) {
			// A new sheet has 1,000 rows; the shared keys are a dozen.
			api.call("spreadsheets.values.update", {
				range: `${quoteSheet(ENGINE_SHEET)}!A${row}:B${row}`,
				valueInputOption: "RAW",
				requestBody: { values: [[key, value]] },
			});
		},
	};
}

/** The lease sheet through the Sheets API (sheet/engine-lease.ts). */
export function leaseAccess(api: SheetsApi): LeaseAccess {
	const lost = (error: unknown) =>
		error instanceof SheetsApiError && error.status === 400 && /already exists|No grid with id/.test(error.message);
	return {
		read() {
			const sheet = api.spreadsheet().sheets.find((candidate) => candidate.title === LEASE_SHEET);
			if (!sheet) return null;
			const data = api.call<ValueRange>("spreadsheets.values.get", { range: `${quoteSheet(LEASE_SHEET)}!A1` });
			return { sheetId: sheet.sheetId, text: String(data.values?.[0]?.[0] ?? "") };
		},
		...leaseWrites(
			(requests) => api.batchUpdate(requests),
			lost,
			() => randomInt(1, 2_000_000_000),
		),
	};
}
