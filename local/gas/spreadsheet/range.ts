/**
 * Range: a handle made of a sheet id and 1-based coordinates. Coordinates never change after
 * creation (Apps Script ranges do not follow inserted rows either), so the methods that only report
 * them are not counted; everything that reads or writes cells is.
 */

import { emulatesClass } from "../not-emulated.js";
import { gridRangeToA1 } from "./a1-notation.js";
import type { AppContext } from "./app-context.js";
import {
	type CellReader,
	cellWriter,
	checkWritable,
	clearCells,
	clearContentFields,
	clearFormatFields,
} from "./cell-values.js";
import { DEFAULT_BACKGROUND, DEFAULT_FONT_COLOR, normaliseColor } from "./colors.js";
import { DataValidationImpl, rejectsValue } from "./data-validation.js";
import { type EnumMember, enumName, WrapStrategy } from "./enums.js";
import { MESSAGES, signatureMismatch } from "./errors.js";
import { FilterImpl } from "./filter.js";
import { compactCell, ensureCell, getCell, hasContent } from "./grid.js";
import { DEFAULT_NUMBER_FORMAT, isAutomaticFormat } from "./number-format.js";
import { addProtection, ProtectionImpl } from "./protection.js";
import { normaliseLinks, RichTextValueImpl } from "./rich-text.js";
import { SheetImpl } from "./sheet.js";
import { type SortSpec, sortRange } from "./sorting.js";
import type { CellState, GridRange, SheetState } from "./workbook-state.js";

/**
 * Checks coordinates against Apps Script's rules and the sheet's size. The bound check (a range may
 * not reach past getMaxRows/getMaxColumns) is UNCONFIRMED in where Apps Script throws it; it is
 * made here, when the range is created, and nowhere else.
 */
export function checkedGrid(
	ctx: AppContext,
	sheet: SheetState,
	row: number,
	column: number,
	numRows: number,
	numColumns: number,
): GridRange {
	if (row < 1) ctx.fail(MESSAGES.startRowTooSmall);
	if (column < 1) ctx.fail(MESSAGES.startColumnTooSmall);
	if (numRows < 1) ctx.fail(MESSAGES.numRowsTooSmall);
	if (numColumns < 1) ctx.fail(MESSAGES.numColumnsTooSmall);
	if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) ctx.fail(MESSAGES.outsideSheet);
	return { row, column, numRows, numColumns };
}

/** Refuses the whole write if a "reject input" validation rule refuses one value (UNCONFIRMED). */
function checkValidation(
	ctx: AppContext,
	sheet: SheetState,
	grid: GridRange,
	valueAt: (i: number, j: number) => unknown,
): void {
	const { row, column, numRows, numColumns } = grid;
	for (let i = 0; i < numRows; i++) {
		const cells = sheet.rows[row + i - 1];
		if (!cells) continue;
		for (let j = 0; j < numColumns; j++) {
			const rule = cells[column + j - 1]?.validation;
			if (rule && rejectsValue(rule, valueAt(i, j))) {
				ctx.fail(
					MESSAGES.validationViolation(gridRangeToA1({ row: row + i, column: column + j, numRows: 1, numColumns: 1 })),
				);
			}
		}
	}
}

/**
 * Writes values as typed into a rectangle: the one write path of setValue(s) and appendRow. The whole
 * write is checked (cell length, validation) before any cell changes.
 */
export function writeUserValues(
	ctx: AppContext,
	sheet: SheetState,
	grid: GridRange,
	valueAt: (i: number, j: number) => unknown,
): void {
	const all: unknown[][] = [];
	for (let i = 0; i < grid.numRows; i++) {
		const line: unknown[] = [];
		for (let j = 0; j < grid.numColumns; j++) line.push(valueAt(i, j));
		all.push(line);
	}
	checkWritable(ctx, all);
	checkValidation(ctx, sheet, grid, valueAt);
	const write = cellWriter(ctx, "USER_ENTERED");
	all.forEach((line, i) => {
		line.forEach((value, j) => {
			write(sheet, grid.row + i, grid.column + j, value);
		});
	});
	ctx.dirty();
}

type Alignment = "left" | "center" | "right" | "normal" | null;
type VerticalAlignment = "top" | "middle" | "bottom" | null;

export class RangeImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly sheetId: number,
		readonly grid: GridRange,
	) {}

	// ----- identity: what the handle holds; not counted -----

	getRow(): number {
		return this.grid.row;
	}

	getRowIndex(): number {
		return this.grid.row;
	}

	getColumn(): number {
		return this.grid.column;
	}

	getNumRows(): number {
		return this.grid.numRows;
	}

	getNumColumns(): number {
		return this.grid.numColumns;
	}

	getHeight(): number {
		return this.grid.numRows;
	}

	getWidth(): number {
		return this.grid.numColumns;
	}

	getLastRow(): number {
		return this.grid.row + this.grid.numRows - 1;
	}

	getLastColumn(): number {
		return this.grid.column + this.grid.numColumns - 1;
	}

	getA1Notation(): string {
		return gridRangeToA1(this.grid);
	}

	getGridId(): number {
		return this.sheetId;
	}

	getSheet(): SheetImpl {
		return new SheetImpl(this.ctx, this.sheetId);
	}

	/** A cell of this range, 1-based within it. */
	getCell(row: number, column: number): RangeImpl {
		if (row < 1 || column < 1 || row > this.grid.numRows || column > this.grid.numColumns) {
			this.ctx.fail("Cell reference out of range");
		}
		return new RangeImpl(this.ctx, this.sheetId, {
			row: this.grid.row + row - 1,
			column: this.grid.column + column - 1,
			numRows: 1,
			numColumns: 1,
		});
	}

	toString(): string {
		return "Range";
	}

	// ----- helpers -----

	private sheet(): SheetState {
		return this.ctx.sheetState(this.sheetId);
	}

	private begin(method: string): SheetState {
		this.ctx.touch("Range", method, { cells: this.grid.numRows * this.grid.numColumns, rows: this.grid.numRows });
		return this.sheet();
	}

	/** Reads a property of every cell into a 2-D array. */
	private collect<T>(sheet: SheetState, read: (cell: CellState | undefined, row: number, column: number) => T): T[][] {
		const { row, column, numRows, numColumns } = this.grid;
		const out: T[][] = [];
		for (let r = row; r < row + numRows; r++) {
			const cells = sheet.rows[r - 1];
			const line: T[] = [];
			for (let c = column; c < column + numColumns; c++) line.push(read(cells?.[c - 1] ?? undefined, r, c));
			out.push(line);
		}
		return out;
	}

	private topLeft(sheet: SheetState): CellState | undefined {
		return getCell(sheet, this.grid.row, this.grid.column);
	}

	/** Applies one change to every cell of the range. */
	private applyAll(sheet: SheetState, apply: (cell: CellState) => void): this {
		const { row, column, numRows, numColumns } = this.grid;
		for (let r = row; r < row + numRows; r++) {
			for (let c = column; c < column + numColumns; c++) {
				apply(ensureCell(sheet, r, c));
				compactCell(sheet, r, c);
			}
		}
		this.ctx.dirty();
		return this;
	}

	/** Validates a 2-D argument: a 2-D array of the range's exact size, else Apps Script's errors. */
	private checkGrid<T>(method: string, values: unknown): T[][] {
		if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
			this.ctx.fail(signatureMismatch(`SpreadsheetApp.Range.${method}`, [values]));
		}
		const rows = values as T[][];
		if (rows.length !== this.grid.numRows) this.ctx.fail(MESSAGES.rowMismatch(rows.length, this.grid.numRows));
		for (const row of rows) {
			if (row.length !== this.grid.numColumns) this.ctx.fail(MESSAGES.columnMismatch(row.length, this.grid.numColumns));
		}
		return rows;
	}

	/** Applies a 2-D array of changes, one per cell. */
	private applyEach<T>(sheet: SheetState, values: T[][], apply: (cell: CellState, value: T) => void): this {
		const { row, column } = this.grid;
		values.forEach((line, i) => {
			line.forEach((value, j) => {
				apply(ensureCell(sheet, row + i, column + j), value);
				compactCell(sheet, row + i, column + j);
			});
		});
		this.ctx.dirty();
		return this;
	}

	// ----- values -----

	getValue(): unknown {
		const sheet = this.begin("getValue");
		return this.ctx.reader().scriptValue(sheet, this.grid.row, this.grid.column);
	}

	getValues(): unknown[][] {
		const sheet = this.begin("getValues");
		const reader = this.ctx.reader();
		return this.ctx.adopt(this.collect(sheet, (_cell, r, c) => reader.scriptValue(sheet, r, c)));
	}

	/** Sets every cell of the range to the value, parsed as typed. */
	setValue(value: unknown): this {
		const sheet = this.begin("setValue");
		writeUserValues(this.ctx, sheet, this.grid, () => value);
		return this;
	}

	setValues(values: unknown[][]): this {
		const sheet = this.begin("setValues");
		const rows = this.checkGrid<unknown>("setValues", values);
		writeUserValues(this.ctx, sheet, this.grid, (i, j) => rows[i]?.[j]);
		return this;
	}

	getDisplayValue(): string {
		const sheet = this.begin("getDisplayValue");
		return this.ctx.reader().displayValue(sheet, this.grid.row, this.grid.column);
	}

	getDisplayValues(): string[][] {
		const sheet = this.begin("getDisplayValues");
		const reader = this.ctx.reader();
		return this.ctx.adopt(this.collect(sheet, (_cell, r, c) => reader.displayValue(sheet, r, c)));
	}

	isBlank(): boolean {
		const sheet = this.begin("isBlank");
		return this.collect(sheet, (cell) => hasContent(cell)).every((line) => line.every((content) => !content));
	}

	// ----- formulas -----

	getFormula(): string {
		return this.topLeft(this.begin("getFormula"))?.formula ?? "";
	}

	getFormulas(): string[][] {
		return this.ctx.adopt(this.collect(this.begin("getFormulas"), (cell) => cell?.formula ?? ""));
	}

	private writeFormula(cell: CellState, formula: unknown): void {
		const text = formula === null || formula === undefined ? "" : String(formula);
		clearContentFields(cell);
		if (text.startsWith("=") && text.length > 1) cell.formula = text;
		else if (text !== "") cell.value = text;
	}

	/** Every cell gets the same formula text (Sheets would shift relative references; not emulated). */
	setFormula(formula: string): this {
		const sheet = this.begin("setFormula");
		if (typeof formula !== "string") this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setFormula", [formula]));
		return this.applyAll(sheet, (cell) => this.writeFormula(cell, formula));
	}

	setFormulas(formulas: string[][]): this {
		const sheet = this.begin("setFormulas");
		const rows = this.checkGrid<string>("setFormulas", formulas);
		return this.applyEach(sheet, rows, (cell, formula) => this.writeFormula(cell, formula));
	}

	// ----- number formats -----

	getNumberFormat(): string {
		return this.topLeft(this.begin("getNumberFormat"))?.format ?? DEFAULT_NUMBER_FORMAT;
	}

	getNumberFormats(): string[][] {
		return this.ctx.adopt(
			this.collect(this.begin("getNumberFormats"), (cell) => cell?.format ?? DEFAULT_NUMBER_FORMAT),
		);
	}

	private applyFormat(cell: CellState, format: string): void {
		// "General" (any case) resets to automatic; null is refused by the signature check.
		if (isAutomaticFormat(format)) delete cell.format;
		else cell.format = format;
	}

	setNumberFormat(numberFormat: string): this {
		const sheet = this.begin("setNumberFormat");
		if (typeof numberFormat !== "string") {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setNumberFormat", [numberFormat]));
		}
		return this.applyAll(sheet, (cell) => this.applyFormat(cell, numberFormat));
	}

	setNumberFormats(numberFormats: string[][]): this {
		const sheet = this.begin("setNumberFormats");
		const rows = this.checkGrid<string>("setNumberFormats", numberFormats);
		if (rows.some((row) => row.some((format) => typeof format !== "string"))) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setNumberFormats", [numberFormats]));
		}
		return this.applyEach(sheet, rows, (cell, format) => this.applyFormat(cell, format));
	}

	// ----- rich text -----

	private richText(sheet: SheetState, row: number, column: number, reader: CellReader): RichTextValueImpl | null {
		const cell = getCell(sheet, row, column);
		const fail = (message: string): never => this.ctx.fail(message);
		if (!hasContent(cell)) return new RichTextValueImpl("", [], 0, fail);
		if (cell?.formula !== undefined) {
			const value = reader.value(sheet, row, column, cell);
			return typeof value === "string" ? new RichTextValueImpl(value, [], 0, fail) : null;
		}
		if (typeof cell?.value === "string") return new RichTextValueImpl(cell.value, cell.links ?? [], 0, fail);
		// Numbers, booleans, dates and errors are not text: Apps Script returns null.
		return null;
	}

	getRichTextValue(): RichTextValueImpl | null {
		const sheet = this.begin("getRichTextValue");
		return this.richText(sheet, this.grid.row, this.grid.column, this.ctx.reader());
	}

	getRichTextValues(): Array<Array<RichTextValueImpl | null>> {
		const sheet = this.begin("getRichTextValues");
		const reader = this.ctx.reader();
		return this.ctx.objectGrid(this.collect(sheet, (_cell, r, c) => this.richText(sheet, r, c, reader)));
	}

	/** The text is stored as a string, never parsed; the links go with it. */
	private writeRichText(cell: CellState, value: RichTextValueImpl): void {
		clearContentFields(cell);
		const text = value.getText();
		if (text === "") return;
		cell.value = text;
		const links = normaliseLinks(value.linkRuns, text.length);
		if (links.length > 0) cell.links = links;
	}

	setRichTextValue(value: RichTextValueImpl): this {
		const sheet = this.begin("setRichTextValue");
		if (!(value instanceof RichTextValueImpl)) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setRichTextValue", [value]));
		}
		checkWritable(this.ctx, [[value.getText()]]);
		return this.applyAll(sheet, (cell) => this.writeRichText(cell, value));
	}

	setRichTextValues(values: RichTextValueImpl[][]): this {
		const sheet = this.begin("setRichTextValues");
		const rows = this.checkGrid<RichTextValueImpl>("setRichTextValues", values);
		if (rows.some((row) => row.some((value) => !(value instanceof RichTextValueImpl)))) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setRichTextValues", [values]));
		}
		checkWritable(
			this.ctx,
			rows.map((row) => row.map((value) => value.getText())),
		);
		return this.applyEach(sheet, rows, (cell, value) => this.writeRichText(cell, value));
	}

	// ----- notes -----

	getNote(): string {
		return this.topLeft(this.begin("getNote"))?.note ?? "";
	}

	getNotes(): string[][] {
		return this.ctx.adopt(this.collect(this.begin("getNotes"), (cell) => cell?.note ?? ""));
	}

	private applyNote(cell: CellState, note: unknown): void {
		if (note === null || note === undefined || note === "") delete cell.note;
		else cell.note = String(note);
	}

	setNote(note: string | null): this {
		const sheet = this.begin("setNote");
		return this.applyAll(sheet, (cell) => this.applyNote(cell, note));
	}

	setNotes(notes: Array<Array<string | null>>): this {
		const sheet = this.begin("setNotes");
		const rows = this.checkGrid<string | null>("setNotes", notes);
		return this.applyEach(sheet, rows, (cell, note) => this.applyNote(cell, note));
	}

	clearNote(): this {
		clearCells(this.begin("clearNote"), this.grid, (cell) => {
			delete cell.note;
		});
		return this.cleared();
	}

	// ----- backgrounds and fonts -----

	getBackground(): string {
		return this.topLeft(this.begin("getBackground"))?.background ?? DEFAULT_BACKGROUND;
	}

	getBackgrounds(): string[][] {
		return this.ctx.adopt(this.collect(this.begin("getBackgrounds"), (cell) => cell?.background ?? DEFAULT_BACKGROUND));
	}

	private applyColor(cell: CellState, key: "background" | "fontColor", color: unknown): void {
		const normalised = normaliseColor(color as string | null);
		if (normalised === null) delete cell[key];
		else cell[key] = normalised;
	}

	setBackground(color: string | null): this {
		const sheet = this.begin("setBackground");
		return this.applyAll(sheet, (cell) => this.applyColor(cell, "background", color));
	}

	setBackgroundRGB(red: number, green: number, blue: number): this {
		const sheet = this.begin("setBackgroundRGB");
		const hex = `#${[red, green, blue]
			.map((n) =>
				Math.max(0, Math.min(255, Math.round(n)))
					.toString(16)
					.padStart(2, "0"),
			)
			.join("")}`;
		return this.applyAll(sheet, (cell) => this.applyColor(cell, "background", hex));
	}

	setBackgrounds(colors: Array<Array<string | null>>): this {
		const sheet = this.begin("setBackgrounds");
		const rows = this.checkGrid<string | null>("setBackgrounds", colors);
		return this.applyEach(sheet, rows, (cell, color) => this.applyColor(cell, "background", color));
	}

	getFontColor(): string {
		return this.topLeft(this.begin("getFontColor"))?.fontColor ?? DEFAULT_FONT_COLOR;
	}

	getFontColors(): string[][] {
		return this.ctx.adopt(this.collect(this.begin("getFontColors"), (cell) => cell?.fontColor ?? DEFAULT_FONT_COLOR));
	}

	setFontColor(color: string | null): this {
		const sheet = this.begin("setFontColor");
		return this.applyAll(sheet, (cell) => this.applyColor(cell, "fontColor", color));
	}

	setFontColors(colors: Array<Array<string | null>>): this {
		const sheet = this.begin("setFontColors");
		const rows = this.checkGrid<string | null>("setFontColors", colors);
		return this.applyEach(sheet, rows, (cell, color) => this.applyColor(cell, "fontColor", color));
	}

	getFontWeight(): string {
		return this.topLeft(this.begin("getFontWeight"))?.fontWeight ?? "normal";
	}

	getFontWeights(): string[][] {
		return this.ctx.adopt(this.collect(this.begin("getFontWeights"), (cell) => cell?.fontWeight ?? "normal"));
	}

	private applyWeight(cell: CellState, weight: unknown): void {
		if (weight === "bold") cell.fontWeight = "bold";
		else delete cell.fontWeight;
	}

	setFontWeight(fontWeight: "bold" | "normal" | null): this {
		const sheet = this.begin("setFontWeight");
		return this.applyAll(sheet, (cell) => this.applyWeight(cell, fontWeight));
	}

	setFontWeights(fontWeights: Array<Array<"bold" | "normal" | null>>): this {
		const sheet = this.begin("setFontWeights");
		const rows = this.checkGrid<string | null>("setFontWeights", fontWeights);
		return this.applyEach(sheet, rows, (cell, weight) => this.applyWeight(cell, weight));
	}

	// ----- alignment and wrapping (stored, reported) -----

	/** Unset reads "general"; "normal" reads "general-left" (gas-fakes oddities.md). */
	getHorizontalAlignment(): string {
		const stored = this.topLeft(this.begin("getHorizontalAlignment"))?.horizontalAlignment;
		return stored === undefined ? "general" : stored === "normal" ? "general-left" : stored;
	}

	setHorizontalAlignment(alignment: Alignment): this {
		const sheet = this.begin("setHorizontalAlignment");
		return this.applyAll(sheet, (cell) => {
			if (alignment === null || alignment === undefined) delete cell.horizontalAlignment;
			else cell.horizontalAlignment = String(alignment);
		});
	}

	getVerticalAlignment(): string {
		return this.topLeft(this.begin("getVerticalAlignment"))?.verticalAlignment ?? "bottom";
	}

	setVerticalAlignment(alignment: VerticalAlignment): this {
		const sheet = this.begin("setVerticalAlignment");
		return this.applyAll(sheet, (cell) => {
			if (alignment === null || alignment === undefined) delete cell.verticalAlignment;
			else cell.verticalAlignment = String(alignment);
		});
	}

	/**
	 * An untouched cell reports getWrap() true with strategy OVERFLOW, an Apps Script inconsistency
	 * (gas-fakes oddities.md, issuetracker 427134600); reproduced on purpose.
	 */
	getWrap(): boolean {
		const strategy = this.topLeft(this.begin("getWrap"))?.wrapStrategy;
		return strategy === undefined || strategy === "WRAP";
	}

	setWrap(isWrapEnabled: boolean): this {
		const sheet = this.begin("setWrap");
		return this.applyAll(sheet, (cell) => {
			cell.wrapStrategy = isWrapEnabled ? "WRAP" : "OVERFLOW";
		});
	}

	getWrapStrategy(): EnumMember {
		const strategy = this.topLeft(this.begin("getWrapStrategy"))?.wrapStrategy ?? "OVERFLOW";
		return WrapStrategy[strategy];
	}

	setWrapStrategy(strategy: EnumMember): this {
		const sheet = this.begin("setWrapStrategy");
		const name = enumName(strategy);
		if (name !== "WRAP" && name !== "OVERFLOW" && name !== "CLIP") {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setWrapStrategy", [strategy]));
		}
		return this.applyAll(sheet, (cell) => {
			cell.wrapStrategy = name;
		});
	}

	// ----- data validation -----

	getDataValidation(): DataValidationImpl | null {
		const rule = this.topLeft(this.begin("getDataValidation"))?.validation;
		return rule ? new DataValidationImpl(this.ctx, structuredClone(rule)) : null;
	}

	getDataValidations(): Array<Array<DataValidationImpl | null>> {
		const sheet = this.begin("getDataValidations");
		return this.ctx.objectGrid(
			this.collect(sheet, (cell) =>
				cell?.validation ? new DataValidationImpl(this.ctx, structuredClone(cell.validation)) : null,
			),
		);
	}

	private applyValidation(cell: CellState, rule: unknown): void {
		if (rule === null || rule === undefined) delete cell.validation;
		else cell.validation = structuredClone((rule as DataValidationImpl).state);
	}

	setDataValidation(rule: DataValidationImpl | null): this {
		const sheet = this.begin("setDataValidation");
		if (rule !== null && !(rule instanceof DataValidationImpl)) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setDataValidation", [rule]));
		}
		return this.applyAll(sheet, (cell) => this.applyValidation(cell, rule));
	}

	setDataValidations(rules: Array<Array<DataValidationImpl | null>>): this {
		const sheet = this.begin("setDataValidations");
		const rows = this.checkGrid<DataValidationImpl | null>("setDataValidations", rules);
		if (rows.some((row) => row.some((rule) => rule !== null && !(rule instanceof DataValidationImpl)))) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.setDataValidations", [rules]));
		}
		return this.applyEach(sheet, rows, (cell, rule) => this.applyValidation(cell, rule));
	}

	clearDataValidations(): this {
		clearCells(this.begin("clearDataValidations"), this.grid, (cell) => {
			delete cell.validation;
		});
		return this.cleared();
	}

	// ----- clearing -----

	clearContent(): this {
		clearCells(this.begin("clearContent"), this.grid, clearContentFields);
		return this.cleared();
	}

	clearFormat(): this {
		clearCells(this.begin("clearFormat"), this.grid, clearFormatFields);
		return this.cleared();
	}

	private cleared(): this {
		this.ctx.dirty();
		return this;
	}

	/**
	 * Without options: contents and formats (notes and validation stay: UNCONFIRMED). Options pick
	 * parts: contentsOnly, formatOnly, validationsOnly, commentsOnly (notes).
	 */
	clear(options?: {
		contentsOnly?: boolean;
		formatOnly?: boolean;
		validationsOnly?: boolean;
		commentsOnly?: boolean;
		skipFilteredRows?: boolean;
	}): this {
		const sheet = this.begin("clear");
		const picked =
			options && (options.contentsOnly || options.formatOnly || options.validationsOnly || options.commentsOnly);
		clearCells(sheet, this.grid, (cell) => {
			if (!picked || options?.contentsOnly) clearContentFields(cell);
			if (!picked || options?.formatOnly) clearFormatFields(cell);
			if (picked && options?.validationsOnly) delete cell.validation;
			if (picked && options?.commentsOnly) delete cell.note;
		});
		return this.cleared();
	}

	// ----- navigation and structure -----

	offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeImpl {
		const sheet = this.begin("offset");
		const grid = checkedGrid(
			this.ctx,
			sheet,
			this.grid.row + rowOffset,
			this.grid.column + columnOffset,
			numRows ?? this.grid.numRows,
			numColumns ?? this.grid.numColumns,
		);
		return new RangeImpl(this.ctx, this.sheetId, grid);
	}

	activate(): this {
		const sheet = this.begin("activate");
		this.ctx.workbook.activeSheetId = this.sheetId;
		sheet.activeRange = { ...this.grid };
		this.ctx.dirty();
		return this;
	}

	protect(): ProtectionImpl {
		this.begin("protect");
		const id = addProtection(this.ctx, this.sheetId, { type: "RANGE", range: { ...this.grid } });
		return new ProtectionImpl(this.ctx, this.sheetId, id);
	}

	createFilter(): FilterImpl {
		const sheet = this.begin("createFilter");
		if (sheet.filter) this.ctx.fail(MESSAGES.filterExists);
		sheet.filter = { range: { ...this.grid }, criteria: {} };
		this.ctx.dirty();
		return new FilterImpl(this.ctx, this.sheetId);
	}

	getFilter(): FilterImpl | null {
		const sheet = this.begin("getFilter");
		return sheet.filter ? new FilterImpl(this.ctx, this.sheetId) : null;
	}

	/** sort(2), sort({column: 2, ascending: false}) or an array of those; columns are sheet columns. */
	sort(sortSpec: unknown): this {
		const sheet = this.begin("sort");
		const specs: SortSpec[] = (Array.isArray(sortSpec) ? sortSpec : [sortSpec]).map((spec) => {
			if (typeof spec === "number") return { column: spec, ascending: true };
			if (spec && typeof spec === "object" && typeof (spec as SortSpec).column === "number") {
				return { column: (spec as SortSpec).column, ascending: (spec as SortSpec).ascending !== false };
			}
			return this.ctx.fail(signatureMismatch("SpreadsheetApp.Range.sort", [sortSpec]));
		});
		for (const spec of specs) {
			if (spec.column < this.grid.column || spec.column > this.getLastColumn()) {
				this.ctx.fail(`Sort column ${spec.column} is outside the range.`);
			}
		}
		sortRange(sheet, this.grid, specs, this.ctx.reader());
		this.ctx.dirty();
		return this;
	}
}

emulatesClass(RangeImpl, "Range");
