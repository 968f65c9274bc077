/**
 * spreadsheets.batchUpdate over the emulator's workbook: the requests the runner sends (sheets added
 * and deleted, cells with links, notes and number formats, sheet properties), with Google's
 * all-or-nothing rule: the requests apply to a copy, which replaces the workbook only if every one
 * of them succeeded. Error texts follow Google's "Invalid requests[i].kind: ..." form.
 */
import type { sheets_v4 } from "@googleapis/sheets";
import type { ExecutionHost } from "../gas/host.js";
import { compactCell, ensureCell } from "../gas/spreadsheet/grid.js";
import { WorkbookAccess } from "../gas/spreadsheet/workbook-access.js";
import {
	type CellState,
	type LinkRun,
	newSheetState,
	type SheetState,
	type WorkbookState,
} from "../gas/spreadsheet/workbook-state.js";

export class SheetsApiError extends Error {
	constructor(
		readonly code: number,
		readonly status: string,
		message: string,
	) {
		super(message);
	}
}

type Fail = (message: string) => never;

export function sheetProperties(workbook: WorkbookState, sheet: SheetState): sheets_v4.Schema$SheetProperties {
	const properties: sheets_v4.Schema$SheetProperties = {
		sheetId: sheet.sheetId,
		title: sheet.name,
		index: workbook.sheets.indexOf(sheet),
		sheetType: "GRID",
		gridProperties: {
			rowCount: sheet.maxRows,
			columnCount: sheet.maxColumns,
			...(sheet.frozenRows > 0 ? { frozenRowCount: sheet.frozenRows } : {}),
			...(sheet.frozenColumns > 0 ? { frozenColumnCount: sheet.frozenColumns } : {}),
		},
	};
	if (sheet.hidden) properties.hidden = true;
	return properties;
}

/** The fields a mask names at the top of CellData ("*" is all the ones this server models). */
function maskFields(fields: string | null | undefined, fail: Fail): Set<string> {
	if (!fields) fail("At least one field must be specified in 'fields'.");
	const names = new Set((fields as string).split(",").map((name) => name.trim().split(".")[0] as string));
	if (names.has("*")) return new Set(["userEnteredValue", "textFormatRuns", "note", "userEnteredFormat"]);
	return names;
}

function linksOf(runs: sheets_v4.Schema$TextFormatRun[], length: number): LinkRun[] {
	const links: LinkRun[] = [];
	runs.forEach((run, index) => {
		const uri = run.format?.link?.uri;
		if (!uri) return;
		const start = run.startIndex ?? 0;
		const end = runs[index + 1]?.startIndex ?? length;
		if (end > start) links.push({ start, end, url: uri });
	});
	return links;
}

function writeCell(
	sheet: SheetState,
	row: number,
	column: number,
	data: sheets_v4.Schema$CellData,
	mask: Set<string>,
	fail: Fail,
): void {
	const cell: CellState = ensureCell(sheet, row, column);
	if (mask.has("userEnteredValue")) {
		delete cell.value;
		delete cell.formula;
		delete cell.error;
		delete cell.links;
		const value = data.userEnteredValue;
		if (value?.formulaValue != null) cell.formula = value.formulaValue;
		else if (value?.stringValue != null) {
			if (value.stringValue !== "") cell.value = value.stringValue;
		} else if (value?.numberValue != null) cell.value = value.numberValue;
		else if (value?.boolValue != null) cell.value = value.boolValue;
	}
	if (mask.has("textFormatRuns")) {
		delete cell.links;
		const runs = data.textFormatRuns ?? [];
		if (runs.length > 0) {
			if (typeof cell.value !== "string") fail("Text format runs can only be set on a cell holding text.");
			const links = linksOf(runs, (cell.value as string).length);
			if (links.length > 0) cell.links = links;
		}
	}
	if (mask.has("note")) {
		if (data.note) cell.note = data.note;
		else delete cell.note;
	}
	if (mask.has("userEnteredFormat")) {
		const pattern = data.userEnteredFormat?.numberFormat?.pattern;
		const type = data.userEnteredFormat?.numberFormat?.type;
		if (pattern) cell.format = pattern;
		else if (type === "TEXT") cell.format = "@";
		else delete cell.format;
	}
	compactCell(sheet, row, column);
}

function sheetById(workbook: WorkbookState, sheetId: number | null | undefined, fail: Fail): SheetState {
	const sheet = workbook.sheets.find((candidate) => candidate.sheetId === sheetId);
	return sheet ?? fail(`No grid with id: ${String(sheetId)}`);
}

function apply(access: WorkbookAccess, request: sheets_v4.Schema$Request, fail: Fail): sheets_v4.Schema$Response {
	const workbook = access.workbook;
	if (request.addSheet) {
		const wanted = request.addSheet.properties ?? {};
		const title = wanted.title ?? `Sheet${workbook.sheets.length + 1}`;
		if (access.sheetByName(title)) {
			fail(`A sheet with the name "${title}" already exists. Please enter another name.`);
		}
		if (wanted.sheetId != null && workbook.sheets.some((sheet) => sheet.sheetId === wanted.sheetId)) {
			fail(`Sheet with id ${wanted.sheetId} already exists.`);
		}
		const sheetId = wanted.sheetId ?? access.nextId((id) => workbook.sheets.some((sheet) => sheet.sheetId === id));
		const sheet = newSheetState(
			sheetId,
			title,
			wanted.gridProperties?.rowCount ?? undefined,
			wanted.gridProperties?.columnCount ?? undefined,
		);
		sheet.hidden = wanted.hidden === true;
		const index = Math.min(wanted.index ?? workbook.sheets.length, workbook.sheets.length);
		workbook.sheets.splice(index, 0, sheet);
		return { addSheet: { properties: sheetProperties(workbook, sheet) } };
	}
	if (request.deleteSheet) {
		const sheet = sheetById(workbook, request.deleteSheet.sheetId, fail);
		if (workbook.sheets.length === 1) fail("You can't remove all the sheets in a document.");
		workbook.sheets.splice(workbook.sheets.indexOf(sheet), 1);
		if (workbook.activeSheetId === sheet.sheetId) workbook.activeSheetId = workbook.sheets[0]?.sheetId ?? null;
		return {};
	}
	if (request.updateCells) {
		const { rows = [], fields, start, range } = request.updateCells;
		const mask = maskFields(fields, fail);
		const origin =
			start ??
			(range ? { sheetId: range.sheetId, rowIndex: range.startRowIndex, columnIndex: range.startColumnIndex } : null);
		if (!origin) fail("updateCells needs a start or a range.");
		const sheet = sheetById(workbook, origin?.sheetId, fail);
		const top = (origin?.rowIndex ?? 0) + 1;
		const left = (origin?.columnIndex ?? 0) + 1;
		rows?.forEach((row, i) => {
			(row.values ?? []).forEach((data, j) => {
				if (top + i > sheet.maxRows || left + j > sheet.maxColumns) {
					fail(`Range exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`);
				}
				writeCell(sheet, top + i, left + j, data, mask, fail);
			});
		});
		return {};
	}
	if (request.repeatCell) {
		const { range, cell = {}, fields } = request.repeatCell;
		const mask = maskFields(fields, fail);
		const sheet = sheetById(workbook, range?.sheetId, fail);
		const firstRow = (range?.startRowIndex ?? 0) + 1;
		const lastRow = range?.endRowIndex ?? sheet.maxRows;
		const firstColumn = (range?.startColumnIndex ?? 0) + 1;
		const lastColumn = range?.endColumnIndex ?? sheet.maxColumns;
		if (lastRow > sheet.maxRows || lastColumn > sheet.maxColumns) {
			fail(`Range exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxColumns}`);
		}
		for (let row = firstRow; row <= lastRow; row++) {
			for (let column = firstColumn; column <= lastColumn; column++)
				writeCell(sheet, row, column, cell ?? {}, mask, fail);
		}
		return {};
	}
	if (request.updateSheetProperties) {
		const { properties = {}, fields } = request.updateSheetProperties;
		const mask = maskFields(fields, fail);
		const sheet = sheetById(workbook, properties?.sheetId, fail);
		if (mask.has("hidden") || mask.has("*")) {
			if (properties?.hidden && workbook.sheets.filter((other) => !other.hidden && other !== sheet).length === 0) {
				fail("You can't hide all the sheets in a document.");
			}
			sheet.hidden = properties?.hidden === true;
		}
		if ((mask.has("title") || mask.has("*")) && properties?.title) {
			const clash = access.sheetByName(properties.title);
			if (clash && clash !== sheet)
				fail(`A sheet with the name "${properties.title}" already exists. Please enter another name.`);
			sheet.name = properties.title;
		}
		return {};
	}
	const kind = Object.keys(request)[0] ?? "(empty)";
	return fail(`The local Sheets server does not model ${kind} requests.`);
}

/**
 * The same for an emulated execution (the `Sheets` advanced service): the requests are tried on a
 * copy first, then applied to the workbook object itself, which SpreadsheetApp's objects of the
 * same execution keep reading.
 */
export function batchUpdateInPlace(
	host: ExecutionHost,
	body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest,
): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
	host.pendingWrites?.commit();
	const original = host.state.workbook;
	batchUpdate(host, body);
	host.state.workbook = original;
	return applyAll(host, body);
}

function applyAll(host: ExecutionHost, body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest) {
	const access = new WorkbookAccess(host, "sheets-api");
	const replies = (body?.requests ?? []).map((request, index) => {
		const kind = Object.keys(request ?? {})[0] ?? "request";
		const fail: Fail = (message) => {
			throw new SheetsApiError(400, "INVALID_ARGUMENT", `Invalid requests[${index}].${kind}: ${message}`);
		};
		return apply(access, request ?? {}, fail);
	});
	host.markDirty("workbook");
	return { spreadsheetId: host.state.workbook.id, replies };
}

/** Applies the requests all or nothing; throws SheetsApiError (400) naming the request that failed. */
export function batchUpdate(
	host: ExecutionHost,
	body: sheets_v4.Schema$BatchUpdateSpreadsheetRequest,
): sheets_v4.Schema$BatchUpdateSpreadsheetResponse {
	const original = host.state.workbook;
	const copy = structuredClone(original);
	host.state.workbook = copy;
	const access = new WorkbookAccess(host, "sheets-api");
	const requests = body?.requests ?? [];
	try {
		const replies = requests.map((request, index) => {
			const kind = Object.keys(request ?? {})[0] ?? "request";
			const fail: Fail = (message) => {
				throw new SheetsApiError(400, "INVALID_ARGUMENT", `Invalid requests[${index}].${kind}: ${message}`);
			};
			return apply(access, request ?? {}, fail);
		});
		host.markDirty("workbook");
		return { spreadsheetId: copy.id, replies };
	} catch (error) {
		host.state.workbook = original;
		throw error;
	}
}
