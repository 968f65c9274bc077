import { describe, expect, it } from "vitest";
import type { PlatformName } from "../../src/core/connector-contracts.js";
import { describeHealth, etsyHealthInput, readHealthRecords } from "../../src/engine/connection-health.js";
import { type HealthRecord, nextHealthRecord, parseHealthRecord } from "../../src/engine/health-records.js";
import type { PlatformSyncSummary } from "../../src/engine/platform-sync.js";
import { healthNotes, recordHealthNotes, runFailure } from "../../src/engine/run-health.js";
import { MemoryLog, MemoryStore } from "./memory-store.js";

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

describe("what a run records of each platform's health", () => {
	const noEtsyQuota = { quotaLeftToday: undefined, quotaPerDay: undefined, passing: false };
	const run = (parts: Partial<PlatformSyncSummary>) =>
		({
			actions: [],
			connectionErrors: [],
			crmPlatform: "Pipedrive",
			courierPlatform: "Furgonetka",
			...parts,
		}) as PlatformSyncSummary;
	const answeredOnly =
		(...platforms: PlatformName[]) =>
		(platform: PlatformName) =>
			platforms.includes(platform);

	it("calls a connection failing only for its connection, not for an order's refused data", () => {
		const notes = healthNotes(
			run({
				actions: [
					{
						orderId: "1",
						platform: "Pipedrive",
						action: "created deal",
						result: "Pipedrive could not be reached",
						outcome: "failed",
						connectionFailed: "Pipedrive",
					},
					{ orderId: "2", platform: "Furgonetka", action: "create shipment", result: "no phone", outcome: "failed" },
				],
			}),
			answeredOnly("Etsy", "Furgonetka"),
			undefined,
			{ quotaLeftToday: 9_000, quotaPerDay: 10_000, passing: false },
		);
		expect(notes).toEqual([
			{ platform: "Etsy", outcome: { ok: true, quotaLeftToday: 9_000, quotaPerDay: 10_000 } },
			{ platform: "Pipedrive", outcome: { ok: false, error: "Pipedrive could not be reached" } },
			{ platform: "Furgonetka", outcome: { ok: true } },
		]);
	});

	it("keeps Pipedrive's daily tokens left in its health, and warns in words when few are left", () => {
		const notes = healthNotes(
			run({ crmAllowance: { left: 400, perDay: 30_000 } }),
			answeredOnly("Pipedrive"),
			undefined,
			noEtsyQuota,
		);
		expect(notes[0]).toEqual({
			platform: "Pipedrive",
			outcome: { ok: true, quotaLeftToday: 400, quotaPerDay: 30_000 },
		});
		const store = new MemoryStore();
		recordHealthNotes(store, new MemoryLog(), notes, NOW);
		const record = readHealthRecords(store).Pipedrive ?? {};
		const health = describeHealth({ platform: "Pipedrive", configured: true, record, nowMs: NOW });
		expect(health).toMatchObject({ status: "warning", quotaLeftToday: 400, quotaPerDay: 30_000 });
		expect(health.message).toBe(
			"Only 400 of Pipedrive's API tokens are left today: new deals and stage moves go first, and the rest waits until Pipedrive renews them at midnight.",
		);
	});

	it("leaves a chosen platform the run sent nothing as only chosen, and Etsy unchanged when nothing answered", () => {
		expect(healthNotes(run({}), answeredOnly(), undefined, noEtsyQuota)).toEqual([
			{ platform: "Pipedrive", outcome: "chosen" },
			{ platform: "Furgonetka", outcome: "chosen" },
		]);
	});

	it("marks Etsy's trouble passing when the next sync tries again by itself, and a stage read failure", () => {
		const notes = healthNotes(
			run({ connectionErrors: [{ platform: "Pipedrive", message: "stages unreadable" }] }),
			answeredOnly("Etsy", "Pipedrive"),
			"Etsy refused the sign-in",
			{ quotaLeftToday: null, quotaPerDay: null, passing: true },
		);
		expect(notes.slice(0, 2)).toEqual([
			{
				platform: "Etsy",
				outcome: {
					ok: false,
					error: "Etsy refused the sign-in",
					quotaLeftToday: null,
					quotaPerDay: null,
					passing: true,
				},
			},
			{ platform: "Pipedrive", outcome: { ok: false, error: "stages unreadable" } },
		]);
	});

	it("records outcomes in the store, keeps an existing record of a merely chosen platform, and reads them back", () => {
		const store = new MemoryStore({ "hubsheet.health.Furgonetka": JSON.stringify({ lastSuccessAtMs: NOW - DAY }) });
		recordHealthNotes(
			store,
			new MemoryLog(),
			[
				{ platform: "Etsy", outcome: { ok: true, quotaLeftToday: 5 } },
				{ platform: "Pipedrive", outcome: "chosen" },
				{ platform: "Furgonetka", outcome: "chosen" },
			],
			NOW,
		);
		expect(readHealthRecords(store)).toEqual({
			Etsy: { lastSuccessAtMs: NOW, quotaLeftToday: 5 },
			Pipedrive: {},
			Furgonetka: { lastSuccessAtMs: NOW - DAY },
		});
	});

	it("never fails the sync for its bookkeeping: a store that throws is logged", () => {
		const store = new MemoryStore();
		store.set = () => {
			throw new Error("quota");
		};
		const log = new MemoryLog();
		recordHealthNotes(store, log, [{ platform: "HubSpot", outcome: { ok: true } }], NOW);
		expect(log.lines).toEqual(["warn: Could not record the health of HubSpot: quota"]);
	});
});

describe("what makes a run count as failed", () => {
	it("the first platform whose connection failed, with its error; none when every outcome is fine or only chosen", () => {
		expect(
			runFailure([
				{ platform: "Etsy", outcome: { ok: true } },
				{ platform: "Pipedrive", outcome: "chosen" },
			]),
		).toBeNull();
		expect(
			runFailure([
				{ platform: "Etsy", outcome: { ok: true } },
				{ platform: "Pipedrive", outcome: { ok: false, error: "Pipedrive refused the API token" } },
				{ platform: "InPost", outcome: { ok: false, error: "InPost is down" } },
			]),
		).toBe("Pipedrive: Pipedrive refused the API token");
		expect(runFailure([])).toBeNull();
	});
});
