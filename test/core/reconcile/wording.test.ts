import { describe, expect, it } from "vitest";
import {
	calendarDay,
	clip,
	formatDay,
	formatMoment,
	formatMoney,
	listInWords,
	oneLineAddress,
} from "../../../src/core/reconcile/wording.js";

describe("wording", () => {
	it("counts calendar days in the given zone, across a daylight-saving change", () => {
		// 29 Mar 2026 has 23 hours in Warsaw; midnight to midnight is still one day.
		const before = Date.UTC(2026, 2, 28, 23, 0, 0);
		const after = Date.UTC(2026, 2, 29, 22, 0, 0);
		expect(calendarDay(after, "Europe/Warsaw") - calendarDay(before, "Europe/Warsaw")).toBe(1);
		expect(calendarDay(Date.UTC(2026, 10, 10, 23, 30), "Europe/Warsaw")).toBe(
			calendarDay(Date.UTC(2026, 10, 11, 12, 0), "UTC"),
		);
	});

	it("formats dates, times and money the same way everywhere", () => {
		expect(formatDay(Date.UTC(2026, 10, 14, 23, 30), "Europe/Warsaw")).toBe("15 Nov 2026");
		expect(formatMoment(Date.UTC(2026, 10, 14, 8, 5), "Europe/Warsaw")).toBe("14 Nov 2026 09:05");
		expect(formatMoney(1249.5, "EUR")).toBe("1249.50 EUR");
		expect(formatMoney(12, "")).toBe("12.00");
	});

	it("joins lists, addresses and long text for a sentence", () => {
		expect(listInWords([])).toBe("");
		expect(listInWords([5])).toBe("5");
		expect(listInWords([5, 9, 12])).toBe("5, 9 and 12");
		expect(oneLineAddress("A\n\n B \r\nC")).toBe("A, B, C");
		expect(clip("a  b\nc", 10)).toBe("a b c");
		expect(clip("abcdefghij", 5)).toBe("abcd…");
	});
});
