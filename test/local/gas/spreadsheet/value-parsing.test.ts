import { describe, expect, it } from "vitest";
import { localeInfo } from "../../../../local/gas/spreadsheet/locale.js";
import { wallClockToSerial } from "../../../../local/gas/spreadsheet/serial-dates.js";
import { type ParseContext, parseUserEntered } from "../../../../local/gas/spreadsheet/value-parsing.js";

const us: ParseContext = { locale: localeInfo("en_US"), currentYear: 2026, cellFormat: undefined };
const parse = (text: string, ctx: Partial<ParseContext> = {}) => parseUserEntered(text, { ...us, ...ctx });

describe("parseUserEntered (text typed into a cell)", () => {
	it("turns digit strings into numbers, losing leading zeros", () => {
		expect(parse("007")).toEqual({ kind: "value", value: 7 });
		expect(parse("01234")).toEqual({ kind: "value", value: 1234 });
	});

	it("keeps only 15 significant digits of long digit strings", () => {
		const parsed = parse("123456789012345678901234");
		expect(parsed).toEqual({ kind: "value", value: 1.23456789012346e23 });
		expect(parse("1234567890123456")).toEqual({ kind: "value", value: 1234567890123460 });
	});

	it("joins digit groups separated by single spaces ('22 34' -> 2234)", () => {
		expect(parse("22 34")).toEqual({ kind: "value", value: 2234 });
	});

	it("reads signs, decimals, thousands separators and exponents", () => {
		expect(parse("+5")).toEqual({ kind: "value", value: 5 });
		expect(parse("-3.25")).toEqual({ kind: "value", value: -3.25 });
		expect(parse(" 42 ")).toEqual({ kind: "value", value: 42 });
		expect(parse("1,234")).toEqual({ kind: "value", value: 1234, format: "#,##0" });
		expect(parse("1e3")).toEqual({ kind: "value", value: 1000, format: "0.00E+00" });
	});

	it("reads percentages and currency with the format Sheets applies", () => {
		expect(parse("5%")).toEqual({ kind: "value", value: 0.05, format: "0%" });
		expect(parse("12.5%")).toEqual({ kind: "value", value: 0.125, format: "0.00%" });
		expect(parse("$100.15")).toEqual({ kind: "value", value: 100.15, format: '"$"#,##0.00' });
		expect(parse("-$5")).toEqual({ kind: "value", value: -5, format: '"$"#,##0.00' });
		expect(parse("€20")).toEqual({ kind: "value", value: 20, format: "[$€]#,##0.00" });
	});

	it("reads TRUE and FALSE in any case as booleans", () => {
		expect(parse("TRUE")).toEqual({ kind: "value", value: true });
		expect(parse("false")).toEqual({ kind: "value", value: false });
		expect(parse("True")).toEqual({ kind: "value", value: true });
	});

	it("makes a formula of text starting with '='", () => {
		expect(parse('=IMPORTXML(A1, "//a")')).toEqual({ kind: "formula", formula: '=IMPORTXML(A1, "//a")' });
		expect(parse("=")).toEqual({ kind: "value", value: "=" });
	});

	it("reads ISO and locale dates as serial numbers with a date format", () => {
		const serial = wallClockToSerial(2026, 11, 22);
		expect(serial).toBe(46348);
		expect(parse("2026-11-22")).toEqual({ kind: "value", value: serial, format: "yyyy-mm-dd" });
		expect(parse("11/22/2026")).toEqual({ kind: "value", value: serial, format: "M/d/yyyy" });
		expect(parse("Nov 22, 2026")).toEqual({ kind: "value", value: serial, format: "M/d/yyyy" });
		expect(parse("22 Nov 2026")).toEqual({ kind: "value", value: serial, format: "M/d/yyyy" });
		expect(parse("11/22")).toEqual({ kind: "value", value: serial, format: "M/d/yyyy" });
		expect(parse("Mar 1 2016")).toEqual({ kind: "value", value: wallClockToSerial(2016, 3, 1), format: "M/d/yyyy" });
	});

	it("reads dates with times and bare times", () => {
		expect(parse("2026-11-22 14:30")).toEqual({
			kind: "value",
			value: 46348 + 14.5 / 24,
			format: "yyyy-mm-dd H:mm:ss",
		});
		expect(parse("11/22/2026 2:30 PM")).toEqual({
			kind: "value",
			value: 46348 + 14.5 / 24,
			format: "M/d/yyyy H:mm:ss",
		});
		expect(parse("10:30")).toEqual({ kind: "value", value: 10.5 / 24, format: "h:mm:ss AM/PM" });
	});

	it("reads day-first dates in day-first locales", () => {
		expect(parse("22/11/2026", { locale: localeInfo("en_GB") })).toEqual({
			kind: "value",
			value: 46348,
			format: "dd/MM/yyyy",
		});
		expect(parse("22.11.2026", { locale: localeInfo("pl_PL") })).toEqual({
			kind: "value",
			value: 46348,
			format: "dd.MM.yyyy",
		});
		// 22 is not a month, so a US spreadsheet keeps it as text.
		expect(parse("22/11/2026")).toEqual({ kind: "value", value: "22/11/2026" });
	});

	it("keeps impossible dates and other text as text", () => {
		expect(parse("2/30/2026")).toEqual({ kind: "value", value: "2/30/2026" });
		expect(parse("12-34")).toEqual({ kind: "value", value: "12-34" });
		expect(parse("2026-11-22T10:00:00Z")).toEqual({ kind: "value", value: "2026-11-22T10:00:00Z" });
		expect(parse("  hello  ")).toEqual({ kind: "value", value: "  hello  " });
	});

	it("keeps a Polish postcode '01-234' as text: a three-digit year is no year (UNCONFIRMED)", () => {
		expect(parse("01-234")).toEqual({ kind: "value", value: "01-234" });
		expect(parse("01-234", { locale: localeInfo("pl_PL") })).toEqual({ kind: "value", value: "01-234" });
		// ...whereas a month and a four-digit year is a date, the first of that month.
		expect(parse("01-2026")).toEqual({ kind: "value", value: wallClockToSerial(2026, 1, 1), format: "M/d/yyyy" });
	});

	it("stores text as-is in a plain-text (@) cell, formulas included", () => {
		const ctx = { cellFormat: "@" };
		expect(parse("007", ctx)).toEqual({ kind: "value", value: "007" });
		expect(parse("=1+2", ctx)).toEqual({ kind: "value", value: "=1+2" });
		expect(parse("2026-11-22", ctx)).toEqual({ kind: "value", value: "2026-11-22" });
		expect(parse("TRUE", ctx)).toEqual({ kind: "value", value: "TRUE" });
	});

	it("stores text after a leading apostrophe as text, without the apostrophe", () => {
		expect(parse("'007")).toEqual({ kind: "value", value: "007" });
		expect(parse("'=SUM(A1)")).toEqual({ kind: "value", value: "=SUM(A1)" });
		expect(parse("'")).toEqual({ kind: "empty" });
	});

	it("makes typed error codes error values and the empty string an empty cell", () => {
		expect(parse("#N/A")).toEqual({ kind: "error", code: "#N/A" });
		expect(parse("")).toEqual({ kind: "empty" });
	});
});
