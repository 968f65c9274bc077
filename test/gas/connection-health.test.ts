import { describe, expect, it } from "vitest";
import {
	describeHealth,
	etsyHealthInput,
	type HealthRecord,
	nextHealthRecord,
	parseHealthRecord,
} from "../../src/gas/connection-health.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const connected = { kind: "connected", accessExpiresAt: "2026-11-22T13:00:00.000Z" } as const;

describe("connection health", () => {
	it("is OK with the last success, token age and quota when the last request worked", () => {
		const record: HealthRecord = { lastSuccessAtMs: NOW - 60_000, quotaLeftToday: 9_000, quotaPerDay: 10_000 };
		const health = describeHealth(
			etsyHealthInput(connected, record, JSON.stringify({ savedAtMs: NOW - 3 * DAY }), NOW),
		);
		expect(health).toEqual({
			platform: "Etsy",
			status: "ok",
			message: "Etsy is working.",
			lastSuccess: new Date(NOW - 60_000).toISOString(),
			tokenAgeDays: 3,
			quotaLeftToday: 9_000,
			quotaPerDay: 10_000,
		});
	});

	it("warns from day 80 of Etsy's 90-day sign-in, saying how many days are left", () => {
		const at = (days: number) =>
			describeHealth(
				etsyHealthInput(connected, { lastSuccessAtMs: NOW }, JSON.stringify({ savedAtMs: NOW - days * DAY }), NOW),
			);
		expect(at(79).status).toBe("ok");
		expect(at(80)).toMatchObject({ status: "warning", tokenAgeDays: 80 });
		expect(at(80).message).toContain("lapses in 10 days");
		expect(at(89).message).toContain("lapses in 1 day ");
	});

	it("warns when little of the daily quota is left", () => {
		const health = describeHealth({
			platform: "Etsy",
			configured: true,
			record: { lastSuccessAtMs: NOW, quotaLeftToday: 250, quotaPerDay: 10_000 },
			nowMs: NOW,
		});
		expect(health.status).toBe("warning");
		expect(health.message).toBe("Only 250 requests to Etsy are left in today's quota.");
	});

	it("is an error while the last request failed, and OK again (keeping the error as history) after a success", () => {
		const failed = nextHealthRecord({ lastSuccessAtMs: NOW - DAY }, { ok: false, error: "Etsy answered 503." }, NOW);
		expect(describeHealth({ platform: "Etsy", configured: true, record: failed, nowMs: NOW })).toMatchObject({
			status: "error",
			lastError: "Etsy answered 503.",
			lastErrorAt: new Date(NOW).toISOString(),
		});
		const recovered = nextHealthRecord(failed, { ok: true, quotaLeftToday: 100 }, NOW + 60_000);
		expect(
			describeHealth({ platform: "Etsy", configured: true, record: recovered, nowMs: NOW + 60_000 }),
		).toMatchObject({
			status: "ok",
			message: "Etsy is working again.",
			lastError: "Etsy answered 503.",
			recoveredAt: new Date(NOW + 60_000).toISOString(),
		});
		// Later successes keep the time it recovered; a new failure forgets it.
		const later = nextHealthRecord(recovered, { ok: true }, NOW + 120_000);
		expect(later.recoveredAtMs).toBe(NOW + 60_000);
		expect(nextHealthRecord(later, { ok: false, error: "x" }, NOW + 180_000).recoveredAtMs).toBeUndefined();
	});

	it("shows a failure the next sync tries again by itself (a passing 401, a 5xx) as a warning", () => {
		const passing = nextHealthRecord(
			{ lastSuccessAtMs: NOW - DAY },
			{ ok: false, error: "Etsy refused Hubsheet's access just now, even after renewing it.", passing: true },
			NOW,
		);
		expect(
			describeHealth({
				platform: "Etsy",
				configured: true,
				record: parseHealthRecord(JSON.stringify(passing)),
				nowMs: NOW,
			}),
		).toMatchObject({
			status: "warning",
			message: "The last request to Etsy failed; Hubsheet tries again at the next sync.",
		});
		const lasting = nextHealthRecord(passing, { ok: false, error: "Etsy refused." }, NOW + 1);
		expect(describeHealth({ platform: "Etsy", configured: true, record: lasting, nowMs: NOW + 1 }).status).toBe(
			"error",
		);
	});

	it("says what to do when Etsy must be reconnected, is not connected yet, or is not set up", () => {
		const reconnect = {
			kind: "reconnect-required",
			message: "Etsy refused the saved sign-in: reconnect Etsy.",
		} as const;
		expect(describeHealth(etsyHealthInput(reconnect, {}, null, NOW))).toMatchObject({
			status: "error",
			message: reconnect.message,
		});
		expect(describeHealth(etsyHealthInput({ kind: "not-connected" }, {}, null, NOW)).status).toBe("warning");
		expect(describeHealth(etsyHealthInput({ kind: "no-credentials" }, {}, null, NOW))).toMatchObject({
			status: "not-configured",
			message: "Etsy is not set up.",
		});
	});

	it("reads a damaged record as empty, and never takes more than the token's issue time from the tokens", () => {
		expect(parseHealthRecord("{not json")).toEqual({});
		expect(parseHealthRecord(JSON.stringify({ lastSuccessAtMs: "yesterday", lastError: 5 }))).toEqual({});
		const input = etsyHealthInput(connected, {}, JSON.stringify({ accessToken: "secret", savedAtMs: NOW }), NOW);
		expect(JSON.stringify(describeHealth(input))).not.toContain("secret");
	});

	it("cuts a long error text", () => {
		const record = nextHealthRecord({}, { ok: false, error: "x".repeat(2_000) }, NOW);
		expect(record.lastError).toHaveLength(500);
	});
});
