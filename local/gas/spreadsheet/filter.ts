/**
 * The basic filter of a sheet: it hides rows and never changes data, so `getValues` still returns
 * hidden rows (a frequent surprise). Criteria are hidden/visible values and simple conditions;
 * CUSTOM_FORMULA criteria are stored but hide nothing.
 */

import { emulatesClass } from "../not-emulated.js";
import type { AppContext } from "./app-context.js";
import type { CellReader } from "./cell-values.js";
import { BooleanCriteria, type EnumMember, enumName } from "./enums.js";
import { signatureMismatch } from "./errors.js";
import { RangeImpl } from "./range.js";
import { sortRange } from "./sorting.js";
import type { CriteriaArg, FilterCriteriaState, FilterState, SheetState } from "./workbook-state.js";

export class FilterCriteriaImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly state: FilterCriteriaState,
	) {}

	copy(): FilterCriteriaBuilderImpl {
		return new FilterCriteriaBuilderImpl(this.ctx, structuredClone(this.state));
	}

	getCriteriaType(): EnumMember | null {
		const type = this.state.condition?.type;
		return type ? ((BooleanCriteria as Record<string, EnumMember>)[type] ?? null) : null;
	}

	getCriteriaValues(): unknown[] {
		return this.ctx.decodeArgs(this.state.condition?.values ?? []);
	}

	getHiddenValues(): string[] | null {
		return this.state.hiddenValues ? this.ctx.array(this.state.hiddenValues) : null;
	}

	getVisibleValues(): string[] | null {
		return this.state.visibleValues ? this.ctx.array(this.state.visibleValues) : null;
	}

	toString(): string {
		return "FilterCriteria";
	}
}

export class FilterCriteriaBuilderImpl {
	constructor(
		private readonly ctx: AppContext,
		private state: FilterCriteriaState = {},
	) {}

	private when(type: string, values: unknown[]): FilterCriteriaBuilderImpl {
		this.state.condition = { type, values: values.map((value) => this.ctx.encodeArg(value)) as CriteriaArg[] };
		return this;
	}

	setHiddenValues(values: string[]): FilterCriteriaBuilderImpl {
		if (!Array.isArray(values))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.FilterCriteriaBuilder.setHiddenValues", [values]));
		this.state.hiddenValues = values.map(String);
		return this;
	}

	setVisibleValues(values: string[]): FilterCriteriaBuilderImpl {
		if (!Array.isArray(values))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.FilterCriteriaBuilder.setVisibleValues", [values]));
		this.state.visibleValues = values.map(String);
		return this;
	}

	whenCellEmpty(): FilterCriteriaBuilderImpl {
		return this.when("CELL_EMPTY", []);
	}

	whenCellNotEmpty(): FilterCriteriaBuilderImpl {
		return this.when("CELL_NOT_EMPTY", []);
	}

	whenTextContains(text: string): FilterCriteriaBuilderImpl {
		return this.when("TEXT_CONTAINS", [String(text)]);
	}

	whenTextDoesNotContain(text: string): FilterCriteriaBuilderImpl {
		return this.when("TEXT_DOES_NOT_CONTAIN", [String(text)]);
	}

	whenTextEqualTo(text: string): FilterCriteriaBuilderImpl {
		return this.when("TEXT_EQUAL_TO", [String(text)]);
	}

	whenTextStartsWith(text: string): FilterCriteriaBuilderImpl {
		return this.when("TEXT_STARTS_WITH", [String(text)]);
	}

	whenTextEndsWith(text: string): FilterCriteriaBuilderImpl {
		return this.when("TEXT_ENDS_WITH", [String(text)]);
	}

	whenNumberGreaterThan(number: number): FilterCriteriaBuilderImpl {
		return this.when("NUMBER_GREATER_THAN", [number]);
	}

	whenNumberLessThan(number: number): FilterCriteriaBuilderImpl {
		return this.when("NUMBER_LESS_THAN", [number]);
	}

	whenNumberEqualTo(number: number): FilterCriteriaBuilderImpl {
		return this.when("NUMBER_EQUAL_TO", [number]);
	}

	whenFormulaSatisfied(formula: string): FilterCriteriaBuilderImpl {
		return this.when("CUSTOM_FORMULA", [String(formula)]);
	}

	withCriteria(criteria: unknown, args: unknown[]): FilterCriteriaBuilderImpl {
		return this.when(enumName(criteria) ?? "CUSTOM_FORMULA", Array.isArray(args) ? args : []);
	}

	build(): FilterCriteriaImpl {
		return new FilterCriteriaImpl(this.ctx, structuredClone(this.state));
	}

	toString(): string {
		return "FilterCriteriaBuilder";
	}
}

function conditionHides(
	condition: NonNullable<FilterCriteriaState["condition"]>,
	value: unknown,
	text: string,
): boolean {
	const arg = condition.values[0];
	const argText = String(arg ?? "").toLowerCase();
	const lower = text.toLowerCase();
	const empty = text === "";
	switch (condition.type) {
		case "CELL_EMPTY":
			return !empty;
		case "CELL_NOT_EMPTY":
			return empty;
		case "TEXT_CONTAINS":
			return !lower.includes(argText);
		case "TEXT_DOES_NOT_CONTAIN":
			return lower.includes(argText);
		case "TEXT_EQUAL_TO":
			return lower !== argText;
		case "TEXT_STARTS_WITH":
			return !lower.startsWith(argText);
		case "TEXT_ENDS_WITH":
			return !lower.endsWith(argText);
		case "NUMBER_GREATER_THAN":
			return !(typeof value === "number" && value > Number(arg));
		case "NUMBER_LESS_THAN":
			return !(typeof value === "number" && value < Number(arg));
		case "NUMBER_EQUAL_TO":
			return !(typeof value === "number" && value === Number(arg));
		default:
			return false;
	}
}

/** Whether the filter hides a row; the header (first) row of the filter range is never hidden. */
export function rowHiddenByFilter(sheet: SheetState, row: number, reader: CellReader): boolean {
	const filter = sheet.filter;
	if (!filter) return false;
	const { range } = filter;
	if (row <= range.row || row >= range.row + range.numRows) return false;
	for (const [key, criteria] of Object.entries(filter.criteria)) {
		const column = Number(key);
		const value = reader.value(sheet, row, column);
		const text = reader.displayValue(sheet, row, column);
		if (criteria.hiddenValues?.includes(text)) return true;
		if (criteria.visibleValues && !criteria.visibleValues.includes(text)) return true;
		if (criteria.condition && conditionHides(criteria.condition, value, text)) return true;
	}
	return false;
}

export class FilterImpl {
	constructor(
		private readonly ctx: AppContext,
		private readonly sheetId: number,
	) {}

	private state(method: string): FilterState {
		this.ctx.touch("Filter", method);
		const filter = this.ctx.sheetState(this.sheetId).filter;
		return filter ?? this.ctx.fail("The filter has been removed.");
	}

	private columnKey(filter: FilterState, method: string, columnPosition: number): string {
		const { range } = filter;
		if (
			!Number.isInteger(columnPosition) ||
			columnPosition < range.column ||
			columnPosition >= range.column + range.numColumns
		) {
			this.ctx.fail(`The column position ${columnPosition} is outside the filter range (Filter.${method}).`);
		}
		return String(columnPosition);
	}

	getRange(): RangeImpl {
		return new RangeImpl(this.ctx, this.sheetId, { ...this.state("getRange").range });
	}

	getColumnFilterCriteria(columnPosition: number): FilterCriteriaImpl | null {
		const filter = this.state("getColumnFilterCriteria");
		const criteria = filter.criteria[this.columnKey(filter, "getColumnFilterCriteria", columnPosition)];
		return criteria ? new FilterCriteriaImpl(this.ctx, structuredClone(criteria)) : null;
	}

	setColumnFilterCriteria(columnPosition: number, filterCriteria: FilterCriteriaImpl | null): FilterImpl {
		const filter = this.state("setColumnFilterCriteria");
		const key = this.columnKey(filter, "setColumnFilterCriteria", columnPosition);
		if (filterCriteria === null) delete filter.criteria[key];
		else if (filterCriteria instanceof FilterCriteriaImpl) filter.criteria[key] = structuredClone(filterCriteria.state);
		else
			this.ctx.fail(
				signatureMismatch("SpreadsheetApp.Filter.setColumnFilterCriteria", [columnPosition, filterCriteria]),
			);
		this.ctx.dirty();
		return this;
	}

	removeColumnFilterCriteria(columnPosition: number): FilterImpl {
		const filter = this.state("removeColumnFilterCriteria");
		delete filter.criteria[this.columnKey(filter, "removeColumnFilterCriteria", columnPosition)];
		this.ctx.dirty();
		return this;
	}

	/** Sorts the filtered range below its header row. */
	sort(columnPosition: number, ascending: boolean): FilterImpl {
		const filter = this.state("sort");
		this.columnKey(filter, "sort", columnPosition);
		const sheet = this.ctx.sheetState(this.sheetId);
		const { range } = filter;
		if (range.numRows > 1) {
			const body = { ...range, row: range.row + 1, numRows: range.numRows - 1 };
			sortRange(sheet, body, [{ column: columnPosition, ascending: ascending !== false }], this.ctx.reader());
		}
		this.ctx.dirty();
		return this;
	}

	remove(): void {
		this.state("remove");
		this.ctx.sheetState(this.sheetId).filter = null;
		this.ctx.dirty();
	}

	toString(): string {
		return "Filter";
	}
}

emulatesClass(FilterCriteriaImpl, "FilterCriteria");
emulatesClass(FilterCriteriaBuilderImpl, "FilterCriteriaBuilder");
emulatesClass(FilterImpl, "Filter");
