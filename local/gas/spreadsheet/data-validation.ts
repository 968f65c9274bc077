/**
 * DataValidation rules (Hubsheet's Status dropdown is `requireValueInList(statuses, true)`). Rules
 * are stored per cell in JSON form; builders and rule objects never touch the document, so their
 * methods are not counted.
 */

import { emulatesClass } from "../not-emulated.js";
import type { AppContext } from "./app-context.js";
import { isDateObject } from "./cell-values.js";
import { DataValidationCriteria, type EnumMember, enumName } from "./enums.js";
import { MESSAGES, signatureMismatch } from "./errors.js";
import { RangeImpl } from "./range.js";
import type { CriteriaArg, DataValidationState } from "./workbook-state.js";

const BUILDER = "SpreadsheetApp.DataValidationBuilder";

export class DataValidationImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly state: DataValidationState,
	) {}

	copy(): DataValidationBuilderImpl {
		return new DataValidationBuilderImpl(this.ctx, structuredClone(this.state));
	}

	getAllowInvalid(): boolean {
		return this.state.allowInvalid;
	}

	getCriteriaType(): EnumMember {
		return criteriaMember(this.state.criteria);
	}

	getCriteriaValues(): unknown[] {
		return this.ctx.decodeArgs(this.state.values);
	}

	getHelpText(): string | null {
		return this.state.helpText;
	}

	toString(): string {
		return "DataValidation";
	}
}

function criteriaMember(name: string): EnumMember {
	return (DataValidationCriteria as Record<string, EnumMember>)[name] ?? DataValidationCriteria.CUSTOM_FORMULA;
}

export class DataValidationBuilderImpl {
	private criteria: string | null;
	private values: CriteriaArg[];
	private allowInvalid: boolean;
	private helpText: string | null;

	constructor(
		private readonly ctx: AppContext,
		state?: DataValidationState,
	) {
		this.criteria = state?.criteria ?? null;
		this.values = state?.values ?? [];
		// New rules warn rather than reject unless told otherwise (DataValidationBuilder docs).
		this.allowInvalid = state?.allowInvalid ?? true;
		this.helpText = state?.helpText ?? null;
	}

	private set(criteria: string, values: unknown[]): DataValidationBuilderImpl {
		this.criteria = criteria;
		this.values = values.map((value) => this.ctx.encodeArg(value));
		return this;
	}

	private requireNumbers(method: string, args: unknown[]): void {
		if (args.some((arg) => typeof arg !== "number")) this.ctx.fail(signatureMismatch(`${BUILDER}.${method}`, args));
	}

	private requireDates(method: string, args: unknown[]): void {
		if (args.some((arg) => !isDateObject(arg))) this.ctx.fail(signatureMismatch(`${BUILDER}.${method}`, args));
	}

	requireValueInList(values: unknown, showDropdown = true): DataValidationBuilderImpl {
		if (!Array.isArray(values) || typeof showDropdown !== "boolean") {
			this.ctx.fail(signatureMismatch(`${BUILDER}.requireValueInList`, [values, showDropdown]));
		}
		return this.set("VALUE_IN_LIST", [values.map((value) => String(value)), showDropdown]);
	}

	requireValueInRange(range: unknown, showDropdown = true): DataValidationBuilderImpl {
		if (!(range instanceof RangeImpl)) this.ctx.fail(signatureMismatch(`${BUILDER}.requireValueInRange`, [range]));
		return this.set("VALUE_IN_RANGE", [range, showDropdown]);
	}

	requireCheckbox(...args: unknown[]): DataValidationBuilderImpl {
		return this.set("CHECKBOX", args.slice(0, 2));
	}

	requireNumberBetween(start: number, end: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberBetween", [start, end]);
		return this.set("NUMBER_BETWEEN", [start, end]);
	}

	requireNumberNotBetween(start: number, end: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberNotBetween", [start, end]);
		return this.set("NUMBER_NOT_BETWEEN", [start, end]);
	}

	requireNumberEqualTo(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberEqualTo", [number]);
		return this.set("NUMBER_EQUAL_TO", [number]);
	}

	requireNumberNotEqualTo(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberNotEqualTo", [number]);
		return this.set("NUMBER_NOT_EQUAL_TO", [number]);
	}

	requireNumberGreaterThan(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberGreaterThan", [number]);
		return this.set("NUMBER_GREATER_THAN", [number]);
	}

	requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberGreaterThanOrEqualTo", [number]);
		return this.set("NUMBER_GREATER_THAN_OR_EQUAL_TO", [number]);
	}

	requireNumberLessThan(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberLessThan", [number]);
		return this.set("NUMBER_LESS_THAN", [number]);
	}

	requireNumberLessThanOrEqualTo(number: number): DataValidationBuilderImpl {
		this.requireNumbers("requireNumberLessThanOrEqualTo", [number]);
		return this.set("NUMBER_LESS_THAN_OR_EQUAL_TO", [number]);
	}

	requireTextContains(text: string): DataValidationBuilderImpl {
		return this.set("TEXT_CONTAINS", [String(text)]);
	}

	requireTextDoesNotContain(text: string): DataValidationBuilderImpl {
		return this.set("TEXT_DOES_NOT_CONTAIN", [String(text)]);
	}

	requireTextEqualTo(text: string): DataValidationBuilderImpl {
		return this.set("TEXT_EQUAL_TO", [String(text)]);
	}

	requireTextIsEmail(): DataValidationBuilderImpl {
		return this.set("TEXT_IS_VALID_EMAIL", []);
	}

	requireTextIsUrl(): DataValidationBuilderImpl {
		return this.set("TEXT_IS_VALID_URL", []);
	}

	requireDate(...args: unknown[]): DataValidationBuilderImpl {
		if (args.length > 0) this.ctx.fail(signatureMismatch(`${BUILDER}.requireDate`, args));
		return this.set("DATE_IS_VALID_DATE", []);
	}

	requireDateAfter(date: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateAfter", [date]);
		return this.set("DATE_AFTER", [date]);
	}

	requireDateBefore(date: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateBefore", [date]);
		return this.set("DATE_BEFORE", [date]);
	}

	requireDateEqualTo(date: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateEqualTo", [date]);
		return this.set("DATE_EQUAL_TO", [date]);
	}

	requireDateOnOrAfter(date: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateOnOrAfter", [date]);
		return this.set("DATE_ON_OR_AFTER", [date]);
	}

	requireDateOnOrBefore(date: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateOnOrBefore", [date]);
		return this.set("DATE_ON_OR_BEFORE", [date]);
	}

	requireDateBetween(start: Date, end: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateBetween", [start, end]);
		return this.set("DATE_BETWEEN", [start, end]);
	}

	requireDateNotBetween(start: Date, end: Date): DataValidationBuilderImpl {
		this.requireDates("requireDateNotBetween", [start, end]);
		return this.set("DATE_NOT_BETWEEN", [start, end]);
	}

	requireFormulaSatisfied(formula: string): DataValidationBuilderImpl {
		return this.set("CUSTOM_FORMULA", [String(formula)]);
	}

	/** Accepts arguments unchecked, as Apps Script does (gas-fakes oddities.md). */
	withCriteria(criteria: unknown, args: unknown[]): DataValidationBuilderImpl {
		const name = enumName(criteria);
		if (name === null || !(name in DataValidationCriteria)) this.ctx.fail(MESSAGES.invalidArgument("criteria"));
		return this.set(name, Array.isArray(args) ? args : []);
	}

	setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderImpl {
		this.allowInvalid = Boolean(allowInvalidData);
		return this;
	}

	setHelpText(helpText: string): DataValidationBuilderImpl {
		this.helpText = helpText === null || helpText === undefined ? null : String(helpText);
		return this;
	}

	getAllowInvalid(): boolean {
		return this.allowInvalid;
	}

	getCriteriaType(): EnumMember | null {
		return this.criteria === null ? null : criteriaMember(this.criteria);
	}

	getCriteriaValues(): unknown[] {
		return this.ctx.decodeArgs(this.values);
	}

	getHelpText(): string | null {
		return this.helpText;
	}

	copy(): DataValidationBuilderImpl {
		return new DataValidationBuilderImpl(this.ctx, this.snapshot());
	}

	private snapshot(): DataValidationState {
		return {
			criteria: this.criteria ?? "",
			values: structuredClone(this.values),
			allowInvalid: this.allowInvalid,
			helpText: this.helpText,
		};
	}

	build(): DataValidationImpl {
		// UNCONFIRMED text: Apps Script refuses to build a rule without criteria.
		if (this.criteria === null) this.ctx.fail(MESSAGES.noCriteria);
		return new DataValidationImpl(this.ctx, this.snapshot());
	}

	toString(): string {
		return "DataValidationBuilder";
	}
}

/**
 * Whether a rule that rejects invalid input (allowInvalid false) refuses `value`. Only the criteria
 * a script can meet in Hubsheet are checked (list, checkbox, numbers); others accept everything.
 * Enforcement on script writes is UNCONFIRMED.
 */
export function rejectsValue(rule: DataValidationState, value: unknown): boolean {
	if (rule.allowInvalid || value === "" || value === null || value === undefined) return false;
	const text = typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value);
	const first = rule.values[0];
	switch (rule.criteria) {
		case "VALUE_IN_LIST":
			return Array.isArray(first) && !first.some((item) => String(item) === text);
		case "CHECKBOX": {
			if (rule.values.length === 0) return typeof value !== "boolean" && !/^(true|false)$/i.test(text);
			return !rule.values.some((item) => String(item) === text);
		}
		case "NUMBER_BETWEEN":
		case "NUMBER_GREATER_THAN":
		case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
		case "NUMBER_LESS_THAN":
		case "NUMBER_LESS_THAN_OR_EQUAL_TO": {
			const n = Number(value);
			if (!Number.isFinite(n)) return true;
			const a = Number(first);
			const b = Number(rule.values[1]);
			if (rule.criteria === "NUMBER_BETWEEN") return n < a || n > b;
			if (rule.criteria === "NUMBER_GREATER_THAN") return !(n > a);
			if (rule.criteria === "NUMBER_GREATER_THAN_OR_EQUAL_TO") return !(n >= a);
			if (rule.criteria === "NUMBER_LESS_THAN") return !(n < a);
			return !(n <= a);
		}
		default:
			return false;
	}
}

emulatesClass(DataValidationImpl, "DataValidation");
emulatesClass(DataValidationBuilderImpl, "DataValidationBuilder");
