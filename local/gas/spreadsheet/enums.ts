/**
 * Apps Script enums are objects, not strings: `String(x)` and `JSON.stringify(x)` give the name,
 * `x.name()` and `x.ordinal()` exist, and `x === "RANGE"` is false. Scripts compare them by identity
 * (`type == SpreadsheetApp.ProtectionType.RANGE`), so each member is one frozen object for the whole
 * process; the workbook state stores names.
 */

export interface EnumMember {
	name(): string;
	ordinal(): number;
	toString(): string;
	toJSON(): string;
}

export type EnumOf<K extends string> = Readonly<Record<K, EnumMember>>;

export function makeEnum<const K extends string>(names: readonly K[]): EnumOf<K> {
	const members = {} as Record<K, EnumMember>;
	names.forEach((memberName, index) => {
		members[memberName] = Object.freeze({
			name: () => memberName,
			ordinal: () => index,
			toString: () => memberName,
			toJSON: () => memberName,
		});
	});
	return Object.freeze(members);
}

/** The name of an enum member, or of a string naming one; null for anything else. */
export function enumName(value: unknown): string | null {
	if (typeof value === "string") return value;
	if (value !== null && typeof value === "object" && typeof (value as EnumMember).name === "function") {
		return (value as EnumMember).name();
	}
	return null;
}

export const ProtectionType = makeEnum(["RANGE", "SHEET"]);

export const DataValidationCriteria = makeEnum([
	"DATE_AFTER",
	"DATE_BEFORE",
	"DATE_BETWEEN",
	"DATE_EQUAL_TO",
	"DATE_IS_VALID_DATE",
	"DATE_NOT_BETWEEN",
	"DATE_ON_OR_AFTER",
	"DATE_ON_OR_BEFORE",
	"NUMBER_BETWEEN",
	"NUMBER_EQUAL_TO",
	"NUMBER_GREATER_THAN",
	"NUMBER_GREATER_THAN_OR_EQUAL_TO",
	"NUMBER_LESS_THAN",
	"NUMBER_LESS_THAN_OR_EQUAL_TO",
	"NUMBER_NOT_BETWEEN",
	"NUMBER_NOT_EQUAL_TO",
	"TEXT_CONTAINS",
	"TEXT_DOES_NOT_CONTAIN",
	"TEXT_EQUAL_TO",
	"TEXT_IS_VALID_EMAIL",
	"TEXT_IS_VALID_URL",
	"VALUE_IN_LIST",
	"VALUE_IN_RANGE",
	"CUSTOM_FORMULA",
	"CHECKBOX",
	"DATE_AFTER_RELATIVE",
	"DATE_BEFORE_RELATIVE",
	"DATE_EQUAL_TO_RELATIVE",
]);

export const BooleanCriteria = makeEnum([
	"CELL_EMPTY",
	"CELL_NOT_EMPTY",
	"DATE_AFTER",
	"DATE_BEFORE",
	"DATE_EQUAL_TO",
	"DATE_AFTER_RELATIVE",
	"DATE_BEFORE_RELATIVE",
	"DATE_EQUAL_TO_RELATIVE",
	"NUMBER_BETWEEN",
	"NUMBER_EQUAL_TO",
	"NUMBER_GREATER_THAN",
	"NUMBER_GREATER_THAN_OR_EQUAL_TO",
	"NUMBER_LESS_THAN",
	"NUMBER_LESS_THAN_OR_EQUAL_TO",
	"NUMBER_NOT_BETWEEN",
	"NUMBER_NOT_EQUAL_TO",
	"TEXT_CONTAINS",
	"TEXT_DOES_NOT_CONTAIN",
	"TEXT_EQUAL_TO",
	"TEXT_STARTS_WITH",
	"TEXT_ENDS_WITH",
	"CUSTOM_FORMULA",
]);

export const BorderStyle = makeEnum(["DOTTED", "DASHED", "SOLID", "SOLID_MEDIUM", "SOLID_THICK", "DOUBLE"]);
export const WrapStrategy = makeEnum(["WRAP", "OVERFLOW", "CLIP"]);
export const Dimension = makeEnum(["COLUMNS", "ROWS"]);
export const SheetType = makeEnum(["GRID", "OBJECT", "DATASOURCE"]);
export const ValueType = makeEnum(["IMAGE"]);
export const Button = makeEnum(["CLOSE", "OK", "CANCEL", "YES", "NO"]);
export const ButtonSet = makeEnum(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]);
