import { describe, expect, it } from "vitest";
import { epochToSerial, serialToEpoch, zoneOffsetMs } from "../../src/sheet/serial-date.js";

describe("serial dates", () => {
	it("follow Google's documented examples in UTC", () => {
		expect(epochToSerial(Date.UTC(1900, 0, 1, 12), "UTC")).toBe(2.5);
		expect(epochToSerial(Date.UTC(1900, 1, 1, 15), "UTC")).toBe(33.625);
	});

	it("count days in the spreadsheet's time zone, summer and winter", () => {
		// 2026-07-01 00:00 in Warsaw is 2026-06-30 22:00 UTC (UTC+2 in summer).
		expect(epochToSerial(Date.UTC(2026, 5, 30, 22), "Europe/Warsaw")).toBe(46204);
		// 2026-12-01 00:00 in Warsaw is 2026-11-30 23:00 UTC (UTC+1 in winter).
		expect(epochToSerial(Date.UTC(2026, 10, 30, 23), "Europe/Warsaw")).toBe(46357);
	});

	it("round-trip to the second across a DST change", () => {
		for (const epoch of [
			Date.UTC(2026, 2, 29, 0, 59, 59),
			Date.UTC(2026, 2, 29, 1, 0, 1),
			Date.UTC(2026, 9, 25, 1, 30),
		]) {
			expect(serialToEpoch(epochToSerial(epoch, "Europe/Warsaw"), "Europe/Warsaw")).toBe(epoch);
		}
	});

	it("know the offset of a zone at an instant", () => {
		expect(zoneOffsetMs(Date.UTC(2026, 0, 15), "America/New_York")).toBe(-5 * 3_600_000);
		expect(zoneOffsetMs(Date.UTC(2026, 6, 15), "America/New_York")).toBe(-4 * 3_600_000);
	});
});
