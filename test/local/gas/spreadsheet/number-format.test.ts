import { describe, expect, it } from "vitest";
import { localeInfo } from "../../../../local/gas/spreadsheet/locale.js";
import {
	formatCellValue,
	formatKind,
	formatNumber,
	isDateTimeFormat,
} from "../../../../local/gas/spreadsheet/number-format.js";
import { wallClockToSerial } from "../../../../local/gas/spreadsheet/serial-dates.js";

const us = localeInfo("en_US");
const fmt = (value: number, pattern?: string) => formatNumber(value, pattern, us);
const serial = wallClockToSerial(2026, 11, 22, 14, 5, 9);

describe("display formatting", () => {
	it("shows General numbers with up to 15 digits and switches to scientific for huge ones", () => {
		expect(fmt(7)).toBe("7");
		expect(fmt(0.1 + 0.2)).toBe("0.3");
		expect(fmt(-12.5)).toBe("-12.5");
		expect(fmt(1 / 3)).toBe("0.3333333333");
		expect(fmt(1234567890123)).toBe("1234567890123");
		expect(fmt(1.23456789012346e23)).toBe("1.23457E+23");
		expect(fmt(1e20)).toBe("1E+20");
	});

	it("formats fixed decimals, thousands and rounding", () => {
		expect(fmt(1234.5, "#,##0.00")).toBe("1,234.50");
		expect(fmt(-1234.5, "#,##0.00")).toBe("-1,234.50");
		expect(fmt(0, "#,##0.00")).toBe("0.00");
		expect(fmt(2.5, "0")).toBe("3");
		expect(fmt(1.005, "0.00")).toBe("1.01");
		expect(fmt(1234567.891, "0")).toBe("1234568");
		expect(fmt(0.5, "#.##")).toBe(".5");
	});

	it("formats percentages", () => {
		expect(fmt(0.05, "0.00%")).toBe("5.00%");
		expect(fmt(0.125, "0%")).toBe("13%");
	});

	it("formats currency, quoted and bracketed", () => {
		expect(fmt(100.15, '"$"#,##0.00')).toBe("$100.15");
		expect(fmt(1234.5, "[$€]#,##0.00")).toBe("€1,234.50");
		expect(fmt(1234.5, "[$€-407] #,##0.00")).toBe("€ 1,234.50");
		expect(fmt(-5, '"$"#,##0.00')).toBe("-$5.00");
	});

	it("uses the negative and zero sections of a multi-section format", () => {
		expect(fmt(-5, '#,##0.00;(#,##0.00);"-"')).toBe("(5.00)");
		expect(fmt(0, '#,##0.00;(#,##0.00);"-"')).toBe("-");
		expect(fmt(5, '#,##0.00;(#,##0.00);"-"')).toBe("5.00");
	});

	it("formats dates and times from the serial's wall clock", () => {
		expect(fmt(serial, "yyyy-mm-dd")).toBe("2026-11-22");
		expect(fmt(serial, "yyyy-mm-dd hh:mm")).toBe("2026-11-22 14:05");
		expect(fmt(serial, "dd mmm yyyy")).toBe("22 Nov 2026");
		expect(fmt(serial, "M/d/yyyy H:mm:ss")).toBe("11/22/2026 14:05:09");
		expect(fmt(serial, "h:mm AM/PM")).toBe("2:05 PM");
		expect(fmt(serial, "dddd, mmmm d")).toBe("Sunday, November 22");
		expect(fmt(1.5, "[h]:mm")).toBe("36:00");
	});

	it("rounds times to the shown precision", () => {
		expect(fmt(wallClockToSerial(2026, 1, 1, 10, 59, 59.7), "hh:mm:ss")).toBe("11:00:00");
	});

	it("uses the locale's separators and month names", () => {
		const pl = localeInfo("pl_PL");
		expect(formatNumber(1234.5, "#,##0.00", pl)).toBe("1\u00a0234,50");
		expect(formatNumber(serial, "dd.MM.yyyy", pl)).toBe("22.11.2026");
	});

	it("shows text, booleans and errors as such", () => {
		expect(formatCellValue("007", "@", us)).toBe("007");
		expect(formatCellValue(7, "@", us)).toBe("7");
		expect(formatCellValue(true, undefined, us)).toBe("TRUE");
		expect(formatCellValue({ error: "#N/A" }, undefined, us)).toBe("#N/A");
		expect(formatCellValue("abc", "0.00", us)).toBe("abc");
		expect(formatCellValue(null, "0.00", us)).toBe("");
	});

	it("classifies formats: dates are only the patterns with date or time parts", () => {
		expect(isDateTimeFormat("yyyy-mm-dd")).toBe(true);
		expect(isDateTimeFormat("hh:mm")).toBe(true);
		expect(isDateTimeFormat('"$"#,##0.00')).toBe(false);
		expect(isDateTimeFormat("0.00E+00")).toBe(false);
		expect(isDateTimeFormat(undefined)).toBe(false);
		expect(formatKind("@")).toBe("text");
		expect(formatKind("general")).toBe("general");
	});
});
