/**
 * How Sheets reads text "as if typed in the UI": Range.setValue(s), appendRow, and the Sheets API's
 * USER_ENTERED. This is where real data gets mangled (leading zeros, long ids, postcodes, "TRUE"),
 * so Hubsheet's local runs must meet the same mangling. Every rule lives here; the ones without a
 * primary source are marked UNCONFIRMED and listed in COVERAGE.md.
 */
import type { LocaleInfo } from "./locale.js";
import { isPlainTextFormat } from "./number-format.js";
import { isValidDate, wallClockToSerial } from "./serial-dates.js";
import type { CellScalar } from "./workbook-state.js";

export type ParsedInput =
	| { kind: "empty" }
	| { kind: "formula"; formula: string }
	| { kind: "error"; code: string }
	| {
			kind: "value";
			value: CellScalar;
			/** The number format Sheets gives an automatic cell for what it recognised (a date, "5%"). */
			format?: string;
	  };

export interface ParseContext {
	locale: LocaleInfo;
	/** The year in the spreadsheet's zone, for dates typed without one ("11/22"). */
	currentYear: number;
	/** The cell's current number format; "@" (plain text) turns parsing off. */
	cellFormat: string | undefined;
}

/** Sheets keeps 15 significant digits of a typed number; "123456789012345678901234" loses the rest. */
export const SIGNIFICANT_DIGITS = 15;

/** Typed error codes become error values, as in the UI (UNCONFIRMED for text written by a script). */
const ERROR_CODES = new Set(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#ERROR!"]);

const MONTHS = [
	"january",
	"february",
	"march",
	"april",
	"may",
	"june",
	"july",
	"august",
	"september",
	"october",
	"november",
	"december",
];

/** English month names and their abbreviations of three letters or more ("Sep", "Sept", "Septem"). */
function monthFromName(name: string): number | null {
	const lower = name.toLowerCase();
	if (lower.length < 3) return null;
	const index = MONTHS.findIndex((month) => month.startsWith(lower));
	return index < 0 ? null : index + 1;
}

export function toSignificant(value: number): number {
	return Number(value.toPrecision(SIGNIFICANT_DIGITS));
}

/** Two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999 (Sheets' cut-off is UNCONFIRMED). */
function fullYear(text: string): number | null {
	if (text.length === 4) return Number(text);
	if (text.length === 1 || text.length === 2) {
		const n = Number(text);
		return n < 30 ? 2000 + n : 1900 + n;
	}
	// A three-digit year is not a year Sheets reads, so "01-234" (a Polish postcode) stays text.
	return null;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;

function parseTime(match: RegExpExecArray, offset: number): number | null {
	let hours = Number(match[offset]);
	const minutes = Number(match[offset + 1]);
	const seconds = match[offset + 2] === undefined ? 0 : Number(match[offset + 2]);
	const fraction = match[offset + 3] === undefined ? 0 : Number(`0.${match[offset + 3]}`);
	const meridiem = match[offset + 4]?.toLowerCase();
	if (minutes > 59 || seconds > 59) return null;
	if (meridiem) {
		if (hours < 1 || hours > 12) return null;
		hours = (hours % 12) + (meridiem === "p" ? 12 : 0);
	} else if (hours > 23) {
		return null;
	}
	return (hours * 3600 + minutes * 60 + seconds + fraction) / 86_400;
}

interface DateParse {
	serial: number;
	format: string;
}

function dateResult(year: number, month: number, day: number, time: number | null, format: string): DateParse | null {
	if (!isValidDate(year, month, day)) return null;
	return { serial: wallClockToSerial(year, month, day) + (time ?? 0), format };
}

const ISO_DATE = new RegExp(String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+${TIME})?$`);
const NAMED_MONTH_FIRST = new RegExp(
	String.raw`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?:\s+${TIME})?$`,
);
const NAMED_MONTH_SECOND = new RegExp(String.raw`^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})(?:\s+${TIME})?$`);
const TIME_ONLY = new RegExp(`^${TIME}$`);

interface LocalePatterns {
	/** Currency symbols recognised around a number: the locale's and the common ones. */
	symbols: string[];
	numericDate: RegExp;
	twoNumbers: RegExp;
	number: RegExp;
	group: RegExp;
}

// Patterns depend on the locale's separators; compiled once per locale, not once per cell.
const patternCache = new Map<string, LocalePatterns>();

function patterns(locale: LocaleInfo): LocalePatterns {
	const key = `${locale.dateOrder}|${locale.decimal}|${locale.group}`;
	let compiled = patternCache.get(key);
	if (!compiled) {
		const separators = locale.dateOrder === "DMY" ? "[-/.]" : "[-/]";
		const d = escapeRegExp(locale.decimal);
		const g = locale.group === "\u00a0" || locale.group === " " ? "[ \u00a0]" : escapeRegExp(locale.group);
		compiled = {
			symbols: [...new Set([locale.currencySymbol, "$", "€", "£"])],
			numericDate: new RegExp(String.raw`^(\d{1,2})(${separators})(\d{1,2})\2(\d{1,4})(?:\s+${TIME})?$`),
			twoNumbers: new RegExp(String.raw`^(\d{1,2})(${separators})(\d{1,4})$`),
			// Digit groups joined by single spaces read as one number: '22 34' -> 2234 (Obs: vlucas/sheetquery#20).
			number: new RegExp(
				String.raw`^((?:\d{1,3}(?:${g}\d{3})+)|\d+(?:[ \u00a0]\d+)*)?(?:${d}(\d*))?(?:[eE]([+-]?\d+))?$`,
			),
			group: new RegExp(g),
		};
		patternCache.set(key, compiled);
	}
	return compiled;
}

function parseDateTime(text: string, ctx: ParseContext): DateParse | null {
	const { locale } = ctx;
	const withTime = (format: string, time: number | null) => (time === null ? format : `${format} H:mm:ss`);
	const compiled = patterns(locale);

	let match = ISO_DATE.exec(text);
	if (match) {
		const time = match[5] === undefined ? null : parseTime(match, 5);
		if (match[5] !== undefined && time === null) return null;
		return dateResult(Number(match[1]), Number(match[3]), Number(match[4]), time, withTime("yyyy-mm-dd", time));
	}

	match = compiled.numericDate.exec(text);
	if (match) {
		const year = fullYear(match[4] as string);
		const time = match[5] === undefined ? null : parseTime(match, 5);
		if (year === null || (match[5] !== undefined && time === null)) return null;
		const [month, day] =
			locale.dateOrder === "MDY" ? [Number(match[1]), Number(match[3])] : [Number(match[3]), Number(match[1])];
		return dateResult(year, month, day, time, time === null ? locale.dateFormat : locale.dateTimeFormat);
	}

	// Two numbers: month and day of this year ("11/22"), or month and a four-digit year ("11/2026").
	match = compiled.twoNumbers.exec(text);
	if (match) {
		const first = Number(match[1]);
		const second = match[3] as string;
		if (second.length === 4) return dateResult(Number(second), first, 1, null, locale.dateFormat);
		if (second.length > 2) return null;
		const [month, day] = locale.dateOrder === "MDY" ? [first, Number(second)] : [Number(second), first];
		return dateResult(ctx.currentYear, month, day, null, locale.dateFormat);
	}

	// "Nov 22 2026", "November 22, 2026 10:00", "Nov 22"
	match = NAMED_MONTH_FIRST.exec(text);
	if (match) {
		const month = monthFromName(match[1] as string);
		const time = match[4] === undefined ? null : parseTime(match, 4);
		if (month === null || (match[4] !== undefined && time === null)) return null;
		const year = match[3] === undefined ? ctx.currentYear : Number(match[3]);
		return dateResult(year, month, Number(match[2]), time, time === null ? locale.dateFormat : locale.dateTimeFormat);
	}

	// "22 Nov 2026", "22-Nov-2026"
	match = NAMED_MONTH_SECOND.exec(text);
	if (match) {
		const month = monthFromName(match[2] as string);
		const time = match[4] === undefined ? null : parseTime(match, 4);
		if (month === null || (match[4] !== undefined && time === null)) return null;
		return dateResult(
			Number(match[3]),
			month,
			Number(match[1]),
			time,
			time === null ? locale.dateFormat : locale.dateTimeFormat,
		);
	}

	match = TIME_ONLY.exec(text);
	if (match) {
		const time = parseTime(match, 1);
		return time === null ? null : { serial: time, format: locale.timeFormat };
	}
	return null;
}

interface NumberParse {
	value: number;
	format?: string;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const CURRENCY_FORMATS: Record<string, string> = {
	$: '"$"#,##0.00',
	"£": '"£"#,##0.00',
	"€": "[$€]#,##0.00",
};

/** Strips a leading sign; returns the rest and whether it was negative, or null when unsigned. */
function stripSign(s: string): { rest: string; negative: boolean } | null {
	const first = s[0];
	if (first !== "-" && first !== "+") return null;
	return { rest: s.slice(1).trimStart(), negative: first === "-" };
}

function parseNumber(text: string, locale: LocaleInfo): NumberParse | null {
	// Cheap rejection first: most text in a sheet is not a number, and this runs once per cell.
	const first = text.charCodeAt(0);
	const startsLikeNumber = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46 || first === 44;
	const compiled = patterns(locale);
	if (!startsLikeNumber && !compiled.symbols.some((symbol) => text.startsWith(symbol))) return null;

	let s = text;
	let negative = false;
	let percent = false;
	let currency: string | null = null;
	if (s.endsWith("%")) {
		percent = true;
		s = s.slice(0, -1).trimEnd();
	} else {
		const suffix = compiled.symbols.find((candidate) => s.endsWith(candidate));
		if (suffix) {
			currency = suffix;
			s = s.slice(0, -suffix.length).trimEnd();
		}
	}
	// "-$5", "$-5" and "-5 zł" are all minus five.
	let sign = stripSign(s);
	if (sign) {
		negative = sign.negative;
		s = sign.rest;
	}
	if (currency === null) {
		const prefix = compiled.symbols.find((candidate) => s.startsWith(candidate));
		if (prefix) {
			currency = prefix;
			s = s.slice(prefix.length).trimStart();
			if (!sign) {
				sign = stripSign(s);
				if (sign) {
					negative = sign.negative;
					s = sign.rest;
				}
			}
		}
	}

	const match = compiled.number.exec(s);
	if (!match || (match[1] === undefined && (match[2] === undefined || match[2] === ""))) return null;
	const integer = match[1] === undefined ? "0" : match[1].replace(/\D/g, "");
	const fraction = match[2] ?? "";
	const grouped = match[1] !== undefined && integer.length !== match[1].length && compiled.group.test(match[1]);
	let value = Number(`${integer}.${fraction || "0"}${match[3] !== undefined ? `e${match[3]}` : ""}`);
	if (!Number.isFinite(value)) return null;
	// Only numbers typed with more than 15 significant digits need cutting.
	if (integer.length + fraction.length > SIGNIFICANT_DIGITS) value = toSignificant(value);
	if (negative) value = -value;
	if (percent) value = toSignificant(value / 100);

	let format: string | undefined;
	if (percent) format = fraction.length > 0 ? "0.00%" : "0%";
	else if (currency !== null) {
		format = currency === locale.currencySymbol ? locale.currencyFormat : (CURRENCY_FORMATS[currency] ?? undefined);
	} else if (match[3] !== undefined) format = "0.00E+00";
	else if (grouped) format = fraction.length > 0 ? "#,##0.00" : "#,##0";
	return format === undefined ? { value } : { value, format };
}

/**
 * Reads `text` as Sheets does when it is typed into a cell whose format is `ctx.cellFormat`.
 * Order matters: plain-text format and the apostrophe beat everything; "=" makes a formula; then
 * booleans, numbers, dates; whatever is left is text, kept exactly (spaces included).
 */
export function parseUserEntered(text: string, ctx: ParseContext): ParsedInput {
	if (text === "") return { kind: "empty" };
	if (isPlainTextFormat(ctx.cellFormat)) return { kind: "value", value: text };
	// The apostrophe forces text and is not part of the value (UNCONFIRMED: reports conflict).
	if (text.startsWith("'")) {
		const rest = text.slice(1);
		return rest === "" ? { kind: "empty" } : { kind: "value", value: rest };
	}
	if (text.startsWith("=") && text.length > 1) return { kind: "formula", formula: text };
	const trimmed = text.trim();
	if (trimmed === "") return { kind: "value", value: text };
	if (ERROR_CODES.has(trimmed.toUpperCase())) return { kind: "error", code: trimmed.toUpperCase() };
	if (/^(true|false)$/i.test(trimmed)) return { kind: "value", value: trimmed.toLowerCase() === "true" };
	const number = parseNumber(trimmed, ctx.locale);
	if (number) return { kind: "value", ...number };
	const date = parseDateTime(trimmed, ctx);
	if (date) return { kind: "value", value: date.serial, format: date.format };
	return { kind: "value", value: text };
}
