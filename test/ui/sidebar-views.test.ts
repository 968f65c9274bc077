import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import { groupFindings } from "../../src/ui/sidebar/findings-view.js";
import { formatTime, plural } from "../../src/ui/sidebar/format.js";
import { healthFacts } from "../../src/ui/sidebar/health-view.js";
import { triggerLines } from "../../src/ui/sidebar/triggers-view.js";

const finding = (orderId: string, severity: Finding["severity"], kind: Finding["kind"] = "past-ship-by"): Finding => ({
	orderId,
	kind,
	severity,
	message: `${kind} of ${orderId}`,
	values: {},
});

const NOW = "2026-11-22T12:00:00.000Z";

describe("findings grouped by order", () => {
	it("puts the order with the most severe finding first, and its findings most severe first", () => {
		const groups = groupFindings([
			finding("10", "info"),
			finding("9", "warning", "stuck-in-status"),
			finding("9", "error", "cancelled-on-etsy"),
			finding("2", "warning"),
		]);
		expect(groups.map((group) => [group.orderId, group.severity])).toEqual([
			["9", "error"],
			["2", "warning"],
			["10", "info"],
		]);
		expect(groups[0]?.findings.map((item) => item.kind)).toEqual(["cancelled-on-etsy", "stuck-in-status"]);
	});

	it("orders ties by order id as numbers", () => {
		expect(groupFindings([finding("10", "error"), finding("9", "error")]).map((group) => group.orderId)).toEqual([
			"9",
			"10",
		]);
	});
});

describe("times in the spreadsheet's zone", () => {
	it("says today for today, the date otherwise", () => {
		expect(formatTime("2026-11-22T10:05:00.000Z", "Europe/Warsaw", NOW)).toBe("today 11:05");
		expect(formatTime("2026-11-20T23:30:00.000Z", "Europe/Warsaw", NOW)).toBe("21 Nov, 00:30");
		expect(formatTime(undefined, "Europe/Warsaw", NOW)).toBe("");
	});

	it("falls back to UTC for a zone it does not know", () => {
		expect(formatTime("2026-11-22T10:05:00.000Z", "Mars/Olympus", NOW)).toMatch(/10:05/);
	});

	it("counts in words", () => {
		expect(plural(1, "finding")).toBe("1 finding");
		expect(plural(2, "day")).toBe("2 days");
	});
});

describe("the health and trigger lines", () => {
	it("lists the latest outcome first: a current error before the last success, sign-in age and quota", () => {
		expect(
			healthFacts(
				{
					platform: "Etsy",
					status: "error",
					message: "The last request to Etsy failed.",
					lastSuccess: "2026-11-22T09:00:00.000Z",
					lastError: "Etsy answered 503.",
					lastErrorAt: "2026-11-22T11:00:00.000Z",
					tokenAgeDays: 1,
					quotaLeftToday: 9876,
					quotaPerDay: 10000,
				},
				"UTC",
				NOW,
			),
		).toEqual([
			["Last error", "today 11:00: Etsy answered 503."],
			["Last success", "today 09:00"],
			["Sign-in age", "1 day"],
			["Quota left today", "9,876 of 10,000"],
		]);
	});

	it("once recovered: the last success, since when it works again, then the earlier error", () => {
		expect(
			healthFacts(
				{
					platform: "Pipedrive",
					status: "ok",
					message: "Pipedrive is working again.",
					lastSuccess: "2026-11-22T11:30:00.000Z",
					recoveredAt: "2026-11-22T11:10:00.000Z",
					lastError: "Pipedrive answered 503.",
					lastErrorAt: "2026-11-22T11:00:00.000Z",
				},
				"UTC",
				NOW,
			),
		).toEqual([
			["Last success", "today 11:30"],
			["Working again since", "today 11:10"],
			["Earlier error", "today 11:00: Pipedrive answered 503."],
		]);
	});

	it("says whether triggers are installed, and the last and next run", () => {
		const intervals = [5, 10, 15, 30, 60] as Array<5 | 10 | 15 | 30 | 60>;
		expect(
			triggerLines(
				{
					installed: true,
					intervalMinutes: 10,
					intervals,
					nightly: true,
					lastRun: "2026-11-22T11:50:00.000Z",
					nextRun: "2026-11-22T12:00:00.000Z",
				},
				"UTC",
				NOW,
			),
		).toEqual([
			"Installed: a sync every 10 minutes, and a full pass nightly.",
			"Last full sync: today 11:50",
			"Next run: today 12:00",
		]);
		expect(
			triggerLines(
				{
					installed: true,
					intervalMinutes: 5,
					intervals,
					nightly: false,
					nextRunNote: "within 5 minutes of installing",
				},
				"UTC",
				NOW,
			),
		).toEqual([
			"Installed: a sync every 5 minutes.",
			"Last full sync: not yet",
			"Next run: within 5 minutes of installing",
		]);
		expect(triggerLines({ installed: false, intervalMinutes: 10, intervals, nightly: false }, "UTC", NOW)).toEqual([
			"Not installed: syncs run only when you press Sync now.",
		]);
	});
});
