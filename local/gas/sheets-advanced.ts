/**
 * The Sheets advanced service (`Sheets` global): the spreadsheets.values methods Hubsheet uses to read
 * and write the Orders sheet in O(1) calls, plus spreadsheets.get for sheet properties. It reads and
 * writes the same workbook state as SpreadsheetApp, through the same parsing (USER_ENTERED) and
 * formatting (FORMATTED_VALUE) code, so both services see one spreadsheet.
 */
import { batchUpdateInPlace } from "../sheets-api/batch-update.js";
import type { CallSize, ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";
import { columnToLetters, parseA1Reference, qualifiedA1, resolveA1Range } from "./spreadsheet/a1-notation.js";
import {
	CellReader,
	cellWriter,
	checkWritable,
	clearContents,
	type InputMode,
	isDateObject,
} from "./spreadsheet/cell-values.js";
import { getCell, hasContent, insertColumns, insertRows } from "./spreadsheet/grid.js";
import { isDateTimeFormat } from "./spreadsheet/number-format.js";
import { WorkbookAccess } from "./spreadsheet/workbook-access.js";
import type { GridRange, SheetState } from "./spreadsheet/workbook-state.js";

type ValueRender = "FORMATTED_VALUE" | "UNFORMATTED_VALUE" | "FORMULA";
type DateRender = "SERIAL_NUMBER" | "FORMATTED_STRING";
type Major = "ROWS" | "COLUMNS";

interface ValueRange {
	range?: string;
	majorDimension?: string;
	values?: unknown[][];
}

interface ReadOptions {
	majorDimension?: string;
	valueRenderOption?: string;
	dateTimeRenderOption?: string;
}

interface WriteOptions {
	valueInputOption?: string;
	includeValuesInResponse?: boolean;
	responseValueRenderOption?: string;
	responseDateTimeRenderOption?: string;
	insertDataOption?: string;
}

interface UpdateResult {
	spreadsheetId: string;
	updatedRange: string;
	updatedRows?: number;
	updatedColumns?: number;
	updatedCells?: number;
	updatedData?: ValueRange;
}

interface Target {
	sheet: SheetState;
	grid: GridRange;
	/** False when the range is one cell: data written there may extend from it. */
	bounded: boolean;
	text: string;
}

/**
 * Errors as the advanced service throws them: `String(error)` reads
 * "GoogleJsonResponseException: API call to sheets.spreadsheets.values.get failed with error: ...".
 */
function apiError(host: ExecutionHost, method: string, message: string): Error {
	const error = host.realm.exception(`API call to sheets.spreadsheets.${method} failed with error: ${message}`);
	error.name = "GoogleJsonResponseException";
	return error;
}

function enumOption<T extends string>(
	fail: (message: string) => never,
	field: string,
	value: unknown,
	allowed: readonly T[],
	fallback: T,
): T {
	if (value === undefined || value === null) return fallback;
	if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
	return fail(`Invalid value at '${field}' (TYPE_ENUM), "${String(value)}"`);
}

function transpose<T>(rows: T[][]): T[][] {
	const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
	return Array.from({ length: width }, (_, c) => rows.map((row) => row[c] as T));
}

/** The API leaves out trailing empty cells of each row and trailing empty rows. */
function trimValues(rows: unknown[][]): unknown[][] {
	const trimmed = rows.map((row) => {
		let end = row.length;
		while (end > 0 && row[end - 1] === "") end--;
		return row.slice(0, end);
	});
	let last = trimmed.length;
	while (last > 0 && (trimmed[last - 1] as unknown[]).length === 0) last--;
	return trimmed.slice(0, last);
}

/** Cells, rows and ranges of value ranges, for the modeled clock. */
function sizeOf(ranges: ReadonlyArray<{ values?: unknown }>): CallSize {
	let cells = 0;
	let rows = 0;
	for (const range of ranges) {
		if (!Array.isArray(range?.values)) continue;
		rows += range.values.length;
		for (const row of range.values) cells += Array.isArray(row) ? row.length : 0;
	}
	return { cells, rows, ranges: ranges.length };
}

export class SheetsValues {
	private readonly access: WorkbookAccess;

	constructor(private readonly host: ExecutionHost) {
		this.access = new WorkbookAccess(host, "sheets-api");
	}

	private begin(method: string, spreadsheetId: unknown): (message: string) => never {
		this.host.touch("Sheets", `Spreadsheets.Values.${method}`);
		// A write through the API lands on the committed workbook: SpreadsheetApp's queue goes first.
		if (!/^(get|batchGet)$/.test(method)) this.host.pendingWrites?.commit();
		const fail = (message: string): never => {
			throw apiError(this.host, `values.${method}`, message);
		};
		if (spreadsheetId !== this.access.workbook.id) fail("Requested entity was not found.");
		return fail;
	}

	/** Resolves "Sheet!A1:B2", "'My sheet'!A:A", "Sheet" or "A1:B2" (first sheet). */
	private target(fail: (message: string) => never, text: unknown): Target {
		if (typeof text !== "string") return fail(`Unable to parse range: ${String(text)}`);
		const reference = parseA1Reference(text);
		if (!reference) return fail(`Unable to parse range: ${text}`);
		const sheet =
			reference.sheetName === null ? this.access.workbook.sheets[0] : this.access.sheetByName(reference.sheetName);
		if (!sheet) return fail(`Unable to parse range: ${text}`);
		const range = reference.range;
		const grid = resolveA1Range(range, sheet.maxRows, sheet.maxColumns);
		const bounded = !(
			range &&
			range.startRow === range.endRow &&
			range.startColumn === range.endColumn &&
			range.endRow !== null
		);
		return { sheet, grid, bounded, text };
	}

	/** Reading or writing past the grid fails (Obs: pygsheets#124, home-assistant/core#104198). */
	private checkGrid(fail: (message: string) => never, target: Target, grid: GridRange): void {
		const { sheet } = target;
		if (grid.row + grid.numRows - 1 > sheet.maxRows || grid.column + grid.numColumns - 1 > sheet.maxColumns) {
			fail(
				`Range (${qualifiedA1(sheet.name, grid)}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`,
			);
		}
	}

	private render(
		reader: CellReader,
		sheet: SheetState,
		row: number,
		column: number,
		valueRender: ValueRender,
		dateRender: DateRender,
	): unknown {
		const cell = getCell(sheet, row, column);
		if (!cell) return "";
		if (valueRender === "FORMULA" && cell.formula !== undefined) return cell.formula;
		if (valueRender === "FORMATTED_VALUE") return reader.displayValue(sheet, row, column);
		const value = reader.value(sheet, row, column, cell);
		if (value === null) return "";
		if (typeof value === "object") return value.error;
		if (typeof value === "number" && dateRender === "FORMATTED_STRING" && isDateTimeFormat(cell.format)) {
			return reader.displayValue(sheet, row, column);
		}
		return value;
	}

	private read(
		fail: (message: string) => never,
		rangeText: unknown,
		options: ReadOptions,
		reader: CellReader,
	): ValueRange {
		const valueRender = enumOption(
			fail,
			"value_render_option",
			options.valueRenderOption,
			["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"] as const,
			"FORMATTED_VALUE",
		);
		const dateRender = enumOption(
			fail,
			"date_time_render_option",
			options.dateTimeRenderOption,
			["SERIAL_NUMBER", "FORMATTED_STRING"] as const,
			"SERIAL_NUMBER",
		);
		const major = enumOption<Major>(fail, "major_dimension", options.majorDimension, ["ROWS", "COLUMNS"], "ROWS");
		const target = this.target(fail, rangeText);
		this.checkGrid(fail, target, target.grid);
		const { sheet, grid } = target;
		const rows: unknown[][] = [];
		for (let r = grid.row; r < grid.row + grid.numRows; r++) {
			const line: unknown[] = [];
			if (sheet.rows[r - 1]) {
				for (let c = grid.column; c < grid.column + grid.numColumns; c++) {
					line.push(this.render(reader, sheet, r, c, valueRender, dateRender));
				}
			}
			rows.push(line);
		}
		const values = trimValues(major === "COLUMNS" ? transpose(rows.map((row) => padRow(row, grid.numColumns))) : rows);
		const result: ValueRange = { range: qualifiedA1(sheet.name, grid), majorDimension: major };
		// `.values` is absent, not empty, when the range holds nothing.
		if (values.length > 0) result.values = values;
		return result;
	}

	private write(
		fail: (message: string) => never,
		target: Target,
		data: ValueRange,
		mode: InputMode,
		origin?: { row: number; column: number },
	): () => UpdateResult {
		const major = enumOption<Major>(fail, "major_dimension", data?.majorDimension, ["ROWS", "COLUMNS"], "ROWS");
		const raw = data?.values ?? [];
		if (!Array.isArray(raw) || raw.some((row) => !Array.isArray(row))) fail("Invalid value at 'data.values'");
		const rows = major === "COLUMNS" ? transpose(raw) : raw;
		const height = rows.length;
		const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
		const { sheet, grid } = target;
		const start = origin ?? { row: grid.row, column: grid.column };
		if (target.bounded && !origin) {
			if (height > grid.numRows) {
				fail(`Requested writing within range [${target.text}], but tried writing to row [${grid.row + grid.numRows}]`);
			}
			if (width > grid.numColumns) {
				const column = columnToLetters(grid.column + grid.numColumns);
				fail(`Requested writing within range [${target.text}], but tried writing to column [${column}]`);
			}
		}
		const written: GridRange = {
			row: start.row,
			column: start.column,
			numRows: Math.max(1, height),
			numColumns: Math.max(1, width),
		};
		if (!origin) this.checkGrid(fail, target, written);
		rows.forEach((row, i) => {
			row.forEach((value, j) => {
				if (value !== null && typeof value === "object" && !isDateObject(value)) {
					fail(`Invalid values[${i}][${j}]: ${Array.isArray(value) ? "list_value" : "struct_value"}`);
				}
			});
		});
		checkWritable(this.access, rows);
		// Everything is checked before the first cell changes: a failed call writes nothing.
		return () => {
			const writeCell = cellWriter(this.access, mode);
			let cells = 0;
			let touchedRows = 0;
			rows.forEach((row, i) => {
				let any = false;
				row.forEach((value, j) => {
					// null leaves the cell as it is; "" clears it (spreadsheets.values.update docs).
					if (value === null || value === undefined) return;
					// The advanced service sends JSON, where a Date is its ISO text.
					const input = isDateObject(value) ? value.toISOString() : value;
					writeCell(sheet, start.row + i, start.column + j, input);
					cells++;
					any = true;
				});
				if (any) touchedRows++;
			});
			this.access.dirty();
			if (height === 0) return { spreadsheetId: this.access.workbook.id, updatedRange: qualifiedA1(sheet.name, grid) };
			return {
				spreadsheetId: this.access.workbook.id,
				updatedRange: qualifiedA1(sheet.name, written),
				updatedRows: touchedRows,
				updatedColumns: width,
				updatedCells: cells,
			};
		};
	}

	private inputMode(fail: (message: string) => never, option: unknown, batch: boolean): InputMode {
		if (option === undefined || option === null) {
			return fail(
				batch
					? "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED"
					: "'valueInputOption' is required but not specified",
			);
		}
		return enumOption(fail, "value_input_option", option, ["RAW", "USER_ENTERED"] as const, "RAW");
	}

	private withData(result: UpdateResult, options: WriteOptions, fail: (message: string) => never): UpdateResult {
		if (!options.includeValuesInResponse) return result;
		const data = this.read(
			fail,
			result.updatedRange,
			{
				valueRenderOption: options.responseValueRenderOption,
				dateTimeRenderOption: options.responseDateTimeRenderOption,
			},
			new CellReader(this.access),
		);
		return { ...result, updatedData: data };
	}

	get(spreadsheetId: string, range: string, optionalArgs: ReadOptions = {}): ValueRange {
		const fail = this.begin("get", spreadsheetId);
		const valueRange = this.read(fail, range, optionalArgs ?? {}, new CellReader(this.access));
		this.host.resize(sizeOf([valueRange]));
		return this.host.realm.adopt(valueRange);
	}

	batchGet(spreadsheetId: string, optionalArgs: ReadOptions & { ranges?: string | string[] } = {}): unknown {
		const fail = this.begin("batchGet", spreadsheetId);
		const options = optionalArgs ?? {};
		const ranges =
			options.ranges === undefined ? [] : Array.isArray(options.ranges) ? options.ranges : [options.ranges];
		const reader = new CellReader(this.access);
		const valueRanges = ranges.map((range) => this.read(fail, range, options, reader));
		this.host.resize(sizeOf(valueRanges));
		const response: Record<string, unknown> = { spreadsheetId };
		if (valueRanges.length > 0) response.valueRanges = valueRanges;
		return this.host.realm.adopt(response);
	}

	update(resource: ValueRange, spreadsheetId: string, range: string, optionalArgs: WriteOptions = {}): UpdateResult {
		const fail = this.begin("update", spreadsheetId);
		const options = optionalArgs ?? {};
		const mode = this.inputMode(fail, options.valueInputOption, false);
		const apply = this.write(fail, this.target(fail, range), resource, mode);
		this.host.resize(sizeOf([resource ?? {}]));
		return this.host.realm.adopt(this.withData(apply(), options, fail));
	}

	batchUpdate(
		resource: WriteOptions & { data?: ValueRange[]; valueInputOption?: string },
		spreadsheetId: string,
	): unknown {
		const fail = this.begin("batchUpdate", spreadsheetId);
		const mode = this.inputMode(fail, resource?.valueInputOption, true);
		const data = resource?.data ?? [];
		this.host.resize(sizeOf(data));
		const writes = data.map((item) => this.write(fail, this.target(fail, item?.range), item, mode));
		const responses = writes.map((apply) => this.withData(apply(), resource, fail));
		const sheets = new Set(responses.map((response) => response.updatedRange.split("!")[0]));
		const sum = (key: "updatedRows" | "updatedColumns" | "updatedCells") =>
			responses.reduce((total, response) => total + (response[key] ?? 0), 0);
		const result: Record<string, unknown> = { spreadsheetId };
		if (responses.length > 0) {
			Object.assign(result, {
				totalUpdatedRows: sum("updatedRows"),
				totalUpdatedColumns: sum("updatedColumns"),
				totalUpdatedCells: sum("updatedCells"),
				totalUpdatedSheets: sheets.size,
				responses,
			});
		}
		return this.host.realm.adopt(result);
	}

	/**
	 * Appends after the table found in the range (see below), at the range's first column.
	 * OVERWRITE (the default) grows the sheet when needed, as documented; INSERT_ROWS inserts rows
	 * for the new data, which stay under a validation rule that spans them.
	 */
	append(resource: ValueRange, spreadsheetId: string, range: string, optionalArgs: WriteOptions = {}): unknown {
		const fail = this.begin("append", spreadsheetId);
		const options = optionalArgs ?? {};
		const mode = this.inputMode(fail, options.valueInputOption, false);
		const insert = enumOption(
			fail,
			"insert_data_option",
			options.insertDataOption,
			["OVERWRITE", "INSERT_ROWS"] as const,
			"OVERWRITE",
		);
		const target = this.target(fail, range);
		const { sheet, grid } = target;
		const values = resource?.values ?? [];
		this.host.resize(sizeOf([resource ?? {}]));
		const height = Array.isArray(values) ? values.length : 0;
		const width = Array.isArray(values)
			? values.reduce((max, row) => Math.max(max, Array.isArray(row) ? row.length : 0), 0)
			: 0;
		const lastColumn = grid.column + Math.max(grid.numColumns, width) - 1;
		const rowHasContent = (r: number) => {
			const cells = sheet.rows[r - 1];
			if (!cells) return false;
			for (let c = grid.column; c <= lastColumn; c++) if (hasContent(cells[c - 1])) return true;
			return false;
		};
		// The table is the first block of consecutive rows with content in the range (a lone cell
		// reaches down the sheet); data goes right after it, not after whatever lies further down.
		const searchEnd = target.bounded ? grid.row + grid.numRows - 1 : sheet.maxRows;
		let first = grid.row;
		while (first <= searchEnd && !rowHasContent(first)) first++;
		let lastRow = 0;
		if (first <= searchEnd) {
			lastRow = first;
			while (lastRow + 1 <= sheet.maxRows && rowHasContent(lastRow + 1)) lastRow++;
		}
		const row = lastRow === 0 ? grid.row : lastRow + 1;
		const apply = this.write(fail, target, resource, mode, { row, column: grid.column });
		if (height > 0) {
			if (insert === "INSERT_ROWS" && row <= sheet.maxRows) insertRows(sheet, row, height, null);
			const needRows = row + height - 1 - sheet.maxRows;
			if (needRows > 0) insertRows(sheet, sheet.maxRows + 1, needRows, null);
			const needColumns = grid.column + width - 1 - sheet.maxColumns;
			if (needColumns > 0) insertColumns(sheet, sheet.maxColumns + 1, needColumns, null);
		}
		const updates = apply();
		const response: Record<string, unknown> = { spreadsheetId, updates: this.withData(updates, options, fail) };
		if (lastRow > 0) {
			response.tableRange = qualifiedA1(sheet.name, {
				row: first,
				column: grid.column,
				numRows: lastRow - first + 1,
				numColumns: lastColumn - grid.column + 1,
			});
		}
		return this.host.realm.adopt(response);
	}

	/** Clears values only; formats and validation stay. */
	clear(_resource: unknown, spreadsheetId: string, range: string): unknown {
		const fail = this.begin("clear", spreadsheetId);
		const target = this.target(fail, range);
		this.checkGrid(fail, target, target.grid);
		clearContents(target.sheet, target.grid);
		this.access.dirty();
		return this.host.realm.adopt({ spreadsheetId, clearedRange: qualifiedA1(target.sheet.name, target.grid) });
	}

	batchClear(resource: { ranges?: string[] }, spreadsheetId: string): unknown {
		const fail = this.begin("batchClear", spreadsheetId);
		const targets = (resource?.ranges ?? []).map((range) => this.target(fail, range));
		for (const target of targets) this.checkGrid(fail, target, target.grid);
		for (const target of targets) clearContents(target.sheet, target.grid);
		this.access.dirty();
		return this.host.realm.adopt({
			spreadsheetId,
			clearedRanges: targets.map((target) => qualifiedA1(target.sheet.name, target.grid)),
		});
	}
}

function padRow(row: unknown[], width: number): unknown[] {
	const out = row.slice();
	while (out.length < width) out.push("");
	return out;
}

/** spreadsheets.get without grid data: the properties scripts read (titles, ids, sizes). */
function spreadsheetResource(host: ExecutionHost, access: WorkbookAccess, spreadsheetId: string): unknown {
	host.touch("Sheets", "Spreadsheets.get");
	const workbook = access.workbook;
	if (spreadsheetId !== workbook.id) throw apiError(host, "get", "Requested entity was not found.");
	return host.realm.adopt({
		spreadsheetId: workbook.id,
		properties: { title: workbook.name, locale: workbook.locale, timeZone: workbook.timeZone, autoRecalc: "ON_CHANGE" },
		sheets: workbook.sheets.map((sheet, index) => ({
			properties: {
				sheetId: sheet.sheetId,
				title: sheet.name,
				index,
				sheetType: "GRID",
				gridProperties: {
					rowCount: sheet.maxRows,
					columnCount: sheet.maxColumns,
					...(sheet.frozenRows > 0 ? { frozenRowCount: sheet.frozenRows } : {}),
					...(sheet.frozenColumns > 0 ? { frozenColumnCount: sheet.frozenColumns } : {}),
				},
				...(sheet.hidden ? { hidden: true } : {}),
			},
		})),
		spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${workbook.id}/edit`,
	});
}

/**
 * Creates the `Sheets` global for one execution. Only the methods in COVERAGE.md exist; the cast
 * gives scripts and tests the official types for them.
 */
export function createSheetsService(host: ExecutionHost): GoogleAppsScript.Sheets {
	const values = new SheetsValues(host);
	const access = new WorkbookAccess(host, "sheets-api");
	const service = {
		Spreadsheets: {
			Values: values,
			get: (spreadsheetId: string, _optionalArgs?: object) => spreadsheetResource(host, access, spreadsheetId),
			// spreadsheets.batchUpdate, all or nothing, as the local Sheets server answers it.
			batchUpdate: (resource: object, spreadsheetId: string) => {
				host.touch("Sheets", "Spreadsheets.batchUpdate");
				if (spreadsheetId !== access.workbook.id)
					throw apiError(host, "batchUpdate", "Requested entity was not found.");
				try {
					return host.realm.adopt(batchUpdateInPlace(host, resource));
				} catch (error) {
					throw apiError(host, "batchUpdate", (error as Error).message);
				}
			},
		},
		// The advanced service's builders are plain objects the script fills in.
		newValueRange: () => host.realm.adopt({}),
		newBatchUpdateValuesRequest: () => host.realm.adopt({}),
		newClearValuesRequest: () => host.realm.adopt({}),
		newBatchClearValuesRequest: () => host.realm.adopt({}),
		toString: () => "AdvancedServiceIdentifier{name=sheets, version=v4}",
	};
	return service as unknown as GoogleAppsScript.Sheets;
}

emulatesClass(SheetsValues, "Sheets.Spreadsheets.Values");
