/**
 * Conditional format rules are stored and read back, not evaluated: Apps Script's getBackground
 * reports the user-entered format and ignores conditional formatting too, so nothing a script reads
 * depends on evaluation. Builders and rules never touch the document; their methods are not counted.
 */

import { emulatesClass } from "../not-emulated.js";
import type { AppContext } from "./app-context.js";
import { normaliseColor } from "./colors.js";
import { BooleanCriteria, type EnumMember, enumName } from "./enums.js";
import { signatureMismatch } from "./errors.js";
import { RangeImpl } from "./range.js";
import type { ConditionalFormatRuleState } from "./workbook-state.js";

type Format = ConditionalFormatRuleState["format"];

export class BooleanConditionImpl {
	constructor(
		private readonly ctx: AppContext,
		private readonly state: ConditionalFormatRuleState,
	) {}

	getCriteriaType(): EnumMember | null {
		const type = this.state.condition?.type;
		return type ? ((BooleanCriteria as Record<string, EnumMember>)[type] ?? null) : null;
	}

	getCriteriaValues(): unknown[] {
		return this.ctx.decodeArgs(this.state.condition?.values ?? []);
	}

	getBackground(): string | null {
		return this.state.format.background ?? null;
	}

	getFontColor(): string | null {
		return this.state.format.fontColor ?? null;
	}

	getBold(): boolean | null {
		return this.state.format.bold ?? null;
	}

	getItalic(): boolean | null {
		return this.state.format.italic ?? null;
	}

	getStrikethrough(): boolean | null {
		return this.state.format.strikethrough ?? null;
	}

	getUnderline(): boolean | null {
		return this.state.format.underline ?? null;
	}

	toString(): string {
		return "BooleanCondition";
	}
}

/** A stored rule: ranges are on the sheet that holds the rule. */
export class ConditionalFormatRuleImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly state: ConditionalFormatRuleState,
		/** Sheet of the ranges; null for a rule built but not yet set on a sheet. */
		readonly sheetId: number | null,
	) {}

	copy(): ConditionalFormatRuleBuilderImpl {
		return new ConditionalFormatRuleBuilderImpl(this.ctx, structuredClone(this.state), this.sheetId);
	}

	getBooleanCondition(): BooleanConditionImpl | null {
		return this.state.condition ? new BooleanConditionImpl(this.ctx, this.state) : null;
	}

	getGradientCondition(): null {
		return null;
	}

	getRanges(): RangeImpl[] {
		const sheetId = this.sheetId;
		if (sheetId === null) return this.ctx.array([]);
		return this.ctx.array(this.state.ranges.map((grid) => new RangeImpl(this.ctx, sheetId, { ...grid })));
	}

	toString(): string {
		return "ConditionalFormatRule";
	}
}

export class ConditionalFormatRuleBuilderImpl {
	private state: ConditionalFormatRuleState;

	constructor(
		private readonly ctx: AppContext,
		state?: ConditionalFormatRuleState,
		private sheetId: number | null = null,
	) {
		this.state = state ?? { ranges: [], condition: null, format: {} };
	}

	private when(type: string, values: unknown[]): ConditionalFormatRuleBuilderImpl {
		this.state.condition = { type, values: values.map((value) => this.ctx.encodeArg(value)) };
		return this;
	}

	private style(key: keyof Format, value: Format[keyof Format]): ConditionalFormatRuleBuilderImpl {
		(this.state.format as Record<string, unknown>)[key] = value;
		return this;
	}

	whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderImpl {
		return this.when("CUSTOM_FORMULA", [String(formula)]);
	}

	whenTextContains(text: string): ConditionalFormatRuleBuilderImpl {
		return this.when("TEXT_CONTAINS", [String(text)]);
	}

	whenTextDoesNotContain(text: string): ConditionalFormatRuleBuilderImpl {
		return this.when("TEXT_DOES_NOT_CONTAIN", [String(text)]);
	}

	whenTextEqualTo(text: string): ConditionalFormatRuleBuilderImpl {
		return this.when("TEXT_EQUAL_TO", [String(text)]);
	}

	whenTextStartsWith(text: string): ConditionalFormatRuleBuilderImpl {
		return this.when("TEXT_STARTS_WITH", [String(text)]);
	}

	whenTextEndsWith(text: string): ConditionalFormatRuleBuilderImpl {
		return this.when("TEXT_ENDS_WITH", [String(text)]);
	}

	whenCellEmpty(): ConditionalFormatRuleBuilderImpl {
		return this.when("CELL_EMPTY", []);
	}

	whenCellNotEmpty(): ConditionalFormatRuleBuilderImpl {
		return this.when("CELL_NOT_EMPTY", []);
	}

	whenNumberGreaterThan(number: number): ConditionalFormatRuleBuilderImpl {
		return this.when("NUMBER_GREATER_THAN", [number]);
	}

	whenNumberLessThan(number: number): ConditionalFormatRuleBuilderImpl {
		return this.when("NUMBER_LESS_THAN", [number]);
	}

	whenNumberEqualTo(number: number): ConditionalFormatRuleBuilderImpl {
		return this.when("NUMBER_EQUAL_TO", [number]);
	}

	whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilderImpl {
		return this.when("NUMBER_BETWEEN", [start, end]);
	}

	withCriteria(criteria: unknown, args: unknown[]): ConditionalFormatRuleBuilderImpl {
		return this.when(enumName(criteria) ?? "CUSTOM_FORMULA", Array.isArray(args) ? args : []);
	}

	setBackground(color: string | null): ConditionalFormatRuleBuilderImpl {
		return this.style("background", normaliseColor(color));
	}

	setFontColor(color: string | null): ConditionalFormatRuleBuilderImpl {
		return this.style("fontColor", normaliseColor(color));
	}

	setBold(bold: boolean | null): ConditionalFormatRuleBuilderImpl {
		return this.style("bold", bold);
	}

	setItalic(italic: boolean | null): ConditionalFormatRuleBuilderImpl {
		return this.style("italic", italic);
	}

	setStrikethrough(strikethrough: boolean | null): ConditionalFormatRuleBuilderImpl {
		return this.style("strikethrough", strikethrough);
	}

	setUnderline(underline: boolean | null): ConditionalFormatRuleBuilderImpl {
		return this.style("underline", underline);
	}

	setRanges(ranges: RangeImpl[]): ConditionalFormatRuleBuilderImpl {
		if (!Array.isArray(ranges) || ranges.some((range) => !(range instanceof RangeImpl))) {
			this.ctx.fail(signatureMismatch("SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges", [ranges]));
		}
		this.state.ranges = ranges.map((range) => ({ ...range.grid }));
		this.sheetId = ranges[0]?.sheetId ?? null;
		return this;
	}

	getRanges(): RangeImpl[] {
		return new ConditionalFormatRuleImpl(this.ctx, this.state, this.sheetId).getRanges();
	}

	getBooleanCondition(): BooleanConditionImpl | null {
		return this.state.condition ? new BooleanConditionImpl(this.ctx, this.state) : null;
	}

	copy(): ConditionalFormatRuleBuilderImpl {
		return new ConditionalFormatRuleBuilderImpl(this.ctx, structuredClone(this.state), this.sheetId);
	}

	build(): ConditionalFormatRuleImpl {
		return new ConditionalFormatRuleImpl(this.ctx, structuredClone(this.state), this.sheetId);
	}

	toString(): string {
		return "ConditionalFormatRuleBuilder";
	}
}

emulatesClass(BooleanConditionImpl, "BooleanCondition");
emulatesClass(ConditionalFormatRuleImpl, "ConditionalFormatRule");
emulatesClass(ConditionalFormatRuleBuilderImpl, "ConditionalFormatRuleBuilder");
