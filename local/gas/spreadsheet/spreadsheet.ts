/**
 * Spreadsheet: the one workbook of the bound script. Its id (and the URL made from it) is what the
 * handle is, so getId/getUrl are not counted; everything else reads or writes the document.
 */

import { emulatesClass } from "../not-emulated.js";
import { parseA1Reference, resolveA1Range } from "./a1-notation.js";
import type { AppContext } from "./app-context.js";
import { enumName } from "./enums.js";
import { MESSAGES, signatureMismatch } from "./errors.js";
import { ProtectionImpl } from "./protection.js";
import { checkedGrid, RangeImpl } from "./range.js";
import { isValidTimeZone } from "./serial-dates.js";
import { activeGrid, appendRowTo, SheetImpl } from "./sheet.js";
import { DEFAULT_COLUMNS, DEFAULT_ROWS, newSheetState } from "./workbook-state.js";

const CELL_LIMIT = 10_000_000;

export class SpreadsheetImpl {
	constructor(private readonly ctx: AppContext) {}

	// ----- identity: not counted -----

	getId(): string {
		return this.ctx.workbook.id;
	}

	getUrl(): string {
		return `https://docs.google.com/spreadsheets/d/${this.ctx.workbook.id}/edit`;
	}

	toString(): string {
		return "Spreadsheet";
	}

	private begin(method: string): void {
		this.ctx.touch("Spreadsheet", method);
	}

	private sheet(sheetId: number): SheetImpl {
		return new SheetImpl(this.ctx, sheetId);
	}

	private active(): SheetImpl {
		return this.sheet(this.ctx.activeSheetState().sheetId);
	}

	// ----- properties -----

	getName(): string {
		this.begin("getName");
		return this.ctx.workbook.name;
	}

	rename(newName: string): void {
		this.begin("rename");
		this.ctx.workbook.name = String(newName);
		this.ctx.dirty();
	}

	getSpreadsheetTimeZone(): string {
		this.begin("getSpreadsheetTimeZone");
		return this.ctx.workbook.timeZone;
	}

	/** Cells keep their serials, so every date in the workbook moves to the new zone's wall clock. */
	setSpreadsheetTimeZone(timezone: string): void {
		this.begin("setSpreadsheetTimeZone");
		if (typeof timezone !== "string" || !isValidTimeZone(timezone))
			this.ctx.fail(MESSAGES.invalidTimeZone(String(timezone)));
		this.ctx.workbook.timeZone = timezone;
		this.ctx.dirty();
	}

	getSpreadsheetLocale(): string {
		this.begin("getSpreadsheetLocale");
		return this.ctx.workbook.locale;
	}

	setSpreadsheetLocale(locale: string): void {
		this.begin("setSpreadsheetLocale");
		this.ctx.workbook.locale = String(locale);
		this.ctx.dirty();
	}

	// ----- sheets -----

	getSheets(): SheetImpl[] {
		this.begin("getSheets");
		return this.ctx.array(this.ctx.workbook.sheets.map((sheet) => this.sheet(sheet.sheetId)));
	}

	getNumSheets(): number {
		this.begin("getNumSheets");
		return this.ctx.workbook.sheets.length;
	}

	getSheetByName(name: string): SheetImpl | null {
		this.begin("getSheetByName");
		const sheet = this.ctx.sheetByName(String(name));
		return sheet ? this.sheet(sheet.sheetId) : null;
	}

	getSheetById(id: number): SheetImpl | null {
		this.begin("getSheetById");
		const sheet = this.ctx.findSheet(Number(id));
		return sheet ? this.sheet(sheet.sheetId) : null;
	}

	/**
	 * insertSheet(), (index), (name), (name, index). The index is 0-based; the new sheet becomes the
	 * active sheet (Spreadsheet.insertSheet docs). Templates are not supported.
	 */
	insertSheet(...args: unknown[]): SheetImpl {
		this.begin("insertSheet");
		const workbook = this.ctx.workbook;
		let name: string | undefined;
		let index: number | undefined;
		const [first, second] = args;
		if (typeof first === "string") {
			name = first;
			if (typeof second === "number") index = second;
		} else if (typeof first === "number") {
			index = first;
		} else if (first !== undefined && (first === null || typeof first !== "object")) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.insertSheet", args));
		}
		if (name !== undefined) {
			if (name.trim() === "") this.ctx.fail(MESSAGES.invalidArgument("sheetName"));
			if (this.ctx.sheetByName(name)) this.ctx.fail(MESSAGES.sheetNameTaken(name));
		} else {
			let n = workbook.sheets.length + 1;
			while (this.ctx.sheetByName(`Sheet${n}`)) n++;
			name = `Sheet${n}`;
		}
		const cells = workbook.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
		if (cells + DEFAULT_ROWS * DEFAULT_COLUMNS > CELL_LIMIT) this.ctx.fail(MESSAGES.cellLimit);
		const sheetId = this.ctx.nextId((id) => workbook.sheets.some((s) => s.sheetId === id));
		const state = newSheetState(sheetId, name);
		const at = index === undefined ? workbook.sheets.length : Math.max(0, Math.min(workbook.sheets.length, index));
		workbook.sheets.splice(at, 0, state);
		workbook.activeSheetId = sheetId;
		this.ctx.dirty();
		return this.sheet(sheetId);
	}

	deleteSheet(sheet: SheetImpl): void {
		this.begin("deleteSheet");
		if (!(sheet instanceof SheetImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.deleteSheet", [sheet]));
		const workbook = this.ctx.workbook;
		const index = workbook.sheets.findIndex((s) => s.sheetId === sheet.sheetId);
		if (index < 0) this.ctx.fail(MESSAGES.sheetDeleted);
		if (workbook.sheets.length === 1) this.ctx.fail(MESSAGES.deleteLastSheet);
		workbook.sheets.splice(index, 1);
		if (workbook.activeSheetId === sheet.sheetId) {
			const next = workbook.sheets[Math.min(index, workbook.sheets.length - 1)];
			workbook.activeSheetId = next?.sheetId ?? null;
		}
		this.ctx.dirty();
	}

	getActiveSheet(): SheetImpl {
		this.begin("getActiveSheet");
		return this.active();
	}

	setActiveSheet(sheet: SheetImpl): SheetImpl {
		this.begin("setActiveSheet");
		if (!(sheet instanceof SheetImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.setActiveSheet", [sheet]));
		this.ctx.sheetState(sheet.sheetId);
		this.ctx.workbook.activeSheetId = sheet.sheetId;
		this.ctx.dirty();
		return sheet;
	}

	getSheetId(): number {
		this.begin("getSheetId");
		return this.ctx.activeSheetState().sheetId;
	}

	getSheetName(): string {
		this.begin("getSheetName");
		return this.ctx.activeSheetState().name;
	}

	// ----- ranges -----

	/** "Orders!A2:C" or "A1" (on the active sheet). A bare sheet name is not a range here. */
	getRange(a1Notation: string): RangeImpl {
		this.begin("getRange");
		if (typeof a1Notation !== "string")
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.getRange", [a1Notation]));
		const reference = parseA1Reference(a1Notation);
		if (!reference?.range) return this.ctx.fail(MESSAGES.rangeNotFound);
		const sheet =
			reference.sheetName === null ? this.ctx.activeSheetState() : this.ctx.sheetByName(reference.sheetName);
		if (!sheet) return this.ctx.fail(MESSAGES.rangeNotFound);
		const grid = resolveA1Range(reference.range, sheet.maxRows, sheet.maxColumns);
		return new RangeImpl(
			this.ctx,
			sheet.sheetId,
			checkedGrid(this.ctx, sheet, grid.row, grid.column, grid.numRows, grid.numColumns),
		);
	}

	getActiveRange(): RangeImpl {
		this.begin("getActiveRange");
		const sheet = this.ctx.activeSheetState();
		return new RangeImpl(this.ctx, sheet.sheetId, activeGrid(sheet));
	}

	setActiveRange(range: RangeImpl): RangeImpl {
		this.begin("setActiveRange");
		if (!(range instanceof RangeImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.setActiveRange", [range]));
		this.ctx.sheetState(range.sheetId).activeRange = { ...range.grid };
		this.ctx.workbook.activeSheetId = range.sheetId;
		this.ctx.dirty();
		return range;
	}

	getProtections(type: unknown): ProtectionImpl[] {
		this.begin("getProtections");
		const name = enumName(type);
		if (name !== "RANGE" && name !== "SHEET")
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Spreadsheet.getProtections", [type]));
		return this.ctx.array(
			this.ctx.workbook.sheets.flatMap((sheet) =>
				sheet.protections.filter((p) => p.type === name).map((p) => new ProtectionImpl(this.ctx, sheet.sheetId, p.id)),
			),
		);
	}

	// ----- UI -----

	/** Recorded for the playground and tests; a toast never blocks. */
	toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
		this.begin("toast");
		this.ctx.host.ui.record({
			kind: "toast",
			message: String(msg),
			...(title === undefined ? {} : { title: String(title) }),
		});
	}

	// ----- shortcuts to the active sheet (one counted call, like the real ones) -----

	appendRow(rowContents: unknown[]): SheetImpl {
		this.begin("appendRow");
		const sheet = this.ctx.activeSheetState();
		appendRowTo(this.ctx, sheet, rowContents, "SpreadsheetApp.Spreadsheet.appendRow");
		return this.sheet(sheet.sheetId);
	}
}

emulatesClass(SpreadsheetImpl, "Spreadsheet");
