import { describe, expect, it } from "vitest";
import {
	epochMsToSerial,
	serialToEpochMs,
	serialToWallClock,
	wallClockToSerial,
} from "../../../../local/gas/spreadsheet/serial-dates.js";

describe("serial dates", () => {
	it("counts days from 1899-12-30 with the time as a fraction (DateTimeRenderOption docs)", () => {
		expect(wallClockToSerial(1900, 1, 1, 12)).toBe(2.5);
		expect(wallClockToSerial(1900, 2, 1, 15)).toBe(33.625);
		expect(wallClockToSerial(1970, 1, 1)).toBe(25569);
	});

	it("converts serials to instants in the spreadsheet's time zone, DST included", () => {
		const winter = wallClockToSerial(2026, 1, 15, 9);
		const summer = wallClockToSerial(2026, 7, 15, 9);
		expect(new Date(serialToEpochMs(winter, "Europe/Warsaw")).toISOString()).toBe("2026-01-15T08:00:00.000Z");
		expect(new Date(serialToEpochMs(summer, "Europe/Warsaw")).toISOString()).toBe("2026-07-15T07:00:00.000Z");
		expect(new Date(serialToEpochMs(winter, "America/New_York")).toISOString()).toBe("2026-01-15T14:00:00.000Z");
	});

	it("round-trips instants through serials", () => {
		const instant = Date.UTC(2026, 2, 29, 1, 30);
		const serial = epochMsToSerial(instant, "Europe/Warsaw");
		expect(serialToWallClock(serial)).toMatchObject({ year: 2026, month: 3, day: 29, hours: 3, minutes: 30 });
		expect(serialToEpochMs(serial, "Europe/Warsaw")).toBe(instant);
	});
});
