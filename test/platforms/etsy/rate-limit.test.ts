import { describe, expect, it } from "vitest";
import { readQuota } from "../../../src/platforms/etsy/rate-limit.js";
import { parseRetryAfter } from "../../../src/platforms/http/retry-after.js";

describe("readQuota", () => {
	it("reads Etsy's four headers", () => {
		expect(
			readQuota({
				"x-limit-per-second": "10",
				"x-remaining-this-second": "9",
				"x-limit-per-day": "10000",
				"x-remaining-today": "9349",
			}),
		).toEqual({ limitPerSecond: 10, remainingThisSecond: 9, limitPerDay: 10000, remainingToday: 9349 });
	});

	it("is null when the answer reports no quota, and ignores garbage", () => {
		expect(readQuota({ "content-type": "application/json" })).toBeNull();
		expect(readQuota({ "x-remaining-today": "lots" })).toBeNull();
		expect(readQuota({ "x-remaining-today": "0" })?.remainingToday).toBe(0);
	});
});

describe("parseRetryAfter", () => {
	const now = Date.UTC(2025, 5, 1, 12, 0, 0);

	it("reads delta-seconds", () => {
		expect(parseRetryAfter("5", now)).toBe(5);
		expect(parseRetryAfter(" 0 ", now)).toBe(0);
	});

	it("reads an HTTP date as seconds from now, never negative", () => {
		expect(parseRetryAfter("Sun, 01 Jun 2025 12:00:30 GMT", now)).toBe(30);
		expect(parseRetryAfter("Sun, 01 Jun 2025 11:00:00 GMT", now)).toBe(0);
	});

	it("is null when absent or unreadable", () => {
		expect(parseRetryAfter(undefined, now)).toBeNull();
		expect(parseRetryAfter("", now)).toBeNull();
		expect(parseRetryAfter("soon", now)).toBeNull();
	});
});
