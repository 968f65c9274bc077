import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import {
	type AfterRunSteps,
	afterRun,
	EarlierCycles,
	type FinishedRun,
	finishRun,
	nextCycleMode,
	type RunAlert,
	type RunParts,
} from "../../src/engine/after-run.js";
import type { PlatformSyncSummary } from "../../src/engine/platform-sync.js";
import type { LogEntry } from "../../src/engine/sync-log.js";
import type { SyncCycleResult } from "../../src/engine/sync-run.js";
import { noteRetry, takeRetries } from "../../src/platforms/http/retry-tally.js";
import { importSummary } from "./import-summary-fixture.js";
import { MemoryLog, MemoryStore } from "./memory-store.js";

/** The steps as plain fakes, each call noted in order. */
function steps(options: { alert?: boolean; trim?: boolean; firstRow?: number } = {}) {
	const calls: string[] = [];
	const alerts: RunAlert[] = [];
	const logged: unknown[][][] = [];
	const trimmed: number[] = [];
	const fake: AfterRunSteps = {
		store: new MemoryStore(),
		log: new MemoryLog(),
		saveFindings: (findings) => calls.push(`findings ${findings.length}`),
		appendLog: (rows) => {
			calls.push(`log ${rows.length}`);
			logged.push(rows);
			return options.firstRow ?? 2;
		},
		...(options.alert === false
			? {}
			: {
					alert: (run: RunAlert) => {
						calls.push("alert");
						alerts.push(run);
					},
				}),
		...(options.trim
			? {
					trimLog: (count: number) => {
						calls.push(`trim ${count}`);
						trimmed.push(count);
					},
				}
			: {}),
	};
	return { fake, calls, alerts, logged, trimmed };
}

const entries = (count: number): LogEntry[] =>
	Array.from({ length: count }, (_, index) => ({
		order: String(index),
		platform: "Etsy",
		action: "imported",
		change: "",
		result: "ok",
	}));

/** A platform phase that did nothing, with Pipedrive chosen and no courier. */
const platformSummary = (overrides: Partial<PlatformSyncSummary> = {}): PlatformSyncSummary =>
	({
		actions: [],
		connectionErrors: [],
		crmPlatform: "Pipedrive",
		courierPlatform: null,
		syncLogLength: 20,
		...overrides,
	}) as PlatformSyncSummary;

function finished(parts: Partial<FinishedRun> = {}, platforms?: Partial<PlatformSyncSummary>): FinishedRun {
	const findings = [{ orderId: "1" }] as unknown as Finding[];
	return {
		cycle: {
			imported: importSummary(),
			findings,
			problems: [],
			...(platforms
				? {
						platforms: platformSummary(platforms),
					}
				: {}),
		},
		summary: importSummary({ created: ["7"] }),
		logEntries: () => entries(3),
		answered: () => true,
		etsy: { quotaLeftToday: 900, quotaPerDay: 1000, refusedThisRun: false },
		runId: "run1",
		timeZone: "Europe/Warsaw",
		outOfTime: false,
		...parts,
	};
}

describe("after a sync's cycles", () => {
	it("saves the findings, records health, alerts, then writes the log, and sums the run up", () => {
		const { fake, calls, alerts, logged } = steps();
		const { health, summary } = afterRun(finished({}, {}), fake);
		expect(calls).toEqual(["findings 1", "alert", "log 3"]);
		expect(health.map((note) => note.platform)).toEqual(expect.arrayContaining(["Etsy", "Pipedrive"]));
		// Each platform's health is recorded in the store, Etsy's with the quota it reported.
		expect(JSON.parse(fake.store.get("hubsheet.health.Etsy") ?? "{}")).toMatchObject({ quotaLeftToday: 900 });
		expect(fake.store.get("hubsheet.health.Pipedrive")).not.toBeNull();
		expect(alerts[0]).toMatchObject({ failure: null, timeZone: "Europe/Warsaw", findings: [{ orderId: "1" }] });
		expect(logged[0]?.map((row) => row[1])).toEqual(["run1", "run1", "run1"]);
		expect(summary.headline).toContain("1 new order");
	});

	it("saves no findings when the run stopped before the platforms, and says which platform failed", () => {
		const { fake, calls, alerts } = steps();
		afterRun(finished({ summary: importSummary({ reconnect: "Etsy refused the sign-in: reconnect." }) }), fake);
		expect(calls).toEqual(["alert", "log 3"]);
		expect(alerts[0]?.failure).toBe("Etsy: Etsy refused the sign-in: reconnect.");
		expect(alerts[0]?.etsyReconnect).toBe("Etsy refused the sign-in: reconnect.");
		expect(alerts[0]).not.toHaveProperty("findings");
	});

	it("where the log is kept at its length, writes only the entries kept and trims once a tenth over", () => {
		const kept = steps({ trim: true, firstRow: 40 });
		afterRun(finished({ logEntries: () => entries(30) }, { syncLogLength: 20 }), kept.fake);
		expect(kept.logged[0]).toHaveLength(20);
		// Rows 40..59 written: 58 entries under the header, 38 past the 20 kept.
		expect(kept.trimmed).toEqual([38]);
		const short = steps({ trim: true, firstRow: 2 });
		afterRun(finished({}, { syncLogLength: 20 }), short.fake);
		expect(short.trimmed).toEqual([]);
	});

	it("without an alert or trimming (the runner), mails nothing and writes every entry", () => {
		const { fake, calls, logged } = steps({ alert: false, firstRow: 5_000 });
		afterRun(finished({ logEntries: () => entries(30) }, { syncLogLength: 20 }), fake);
		expect(calls).toEqual(["findings 1", "log 30"]);
		expect(logged[0]).toHaveLength(30);
	});
});

/** A run's parts as an engine holds them after its cycles: plain objects for the meter, client and sign-in. */
function parts(overrides: Partial<RunParts> = {}, imported = importSummary({ created: ["7"] })): RunParts {
	const cycle: SyncCycleResult = {
		imported,
		findings: [],
		problems: [],
		platforms: platformSummary(),
	};
	return {
		cycle,
		meter: { answered: (platform) => platform === "Etsy" },
		marketplace: { api: { quota: { remainingToday: 40, limitPerDay: 10_000 } }, signIn: { refusedThisRun: false } },
		runId: "run9",
		timeZone: "UTC",
		budget: { outOfTime: false },
		...overrides,
	};
}

describe("finishing a run from the parts either engine holds", () => {
	it("gives afterRun the marketplace's quota and the meter, and answers the completed report", () => {
		takeRetries();
		const { fake, calls, logged } = steps({ alert: false });
		const failed = [{ orderId: "9", reason: "Etsy sent no buyer." }];
		const { report, summary, health } = finishRun(parts({}, importSummary({ created: ["7"], failed })), fake);
		expect(calls).toEqual(["findings 0", "log 3"]);
		expect(JSON.parse(fake.store.get("hubsheet.health.Etsy") ?? "{}")).toMatchObject({
			quotaLeftToday: 40,
			quotaPerDay: 10_000,
		});
		expect(health.find((note) => note.platform === "Etsy")?.outcome).toMatchObject({ ok: true });
		// The report names the order that failed, after the headline (engine/run-report.ts completedReport).
		expect(report).toMatchObject({ status: "completed", runId: "run9", created: 1, updated: 0, failed });
		expect(report.message).toBe(`${summary.headline} Order 9: Etsy sent no buyer.`);
		expect(logged[0]?.map((row) => row[4])).toEqual(["import", "new order", "read order"]);
	});

	it("a token refused this run is a passing warning on Etsy's health", () => {
		const { fake } = steps({ alert: false });
		const reconnect = "Etsy refused the sign-in.";
		finishRun(
			parts({ marketplace: { api: {}, signIn: { refusedThisRun: true } } }, importSummary({ stoppedEarly: reconnect })),
			fake,
		);
		expect(JSON.parse(fake.store.get("hubsheet.health.Etsy") ?? "{}")).toMatchObject({
			lastError: reconnect,
			lastErrorPassing: true,
		});
	});

	it("takes the retries tallied until the log is written, in one line after the run's entries", () => {
		takeRetries();
		const { fake, logged } = steps({ alert: false });
		const fakeWithRetry: AfterRunSteps = {
			...fake,
			// A retry noted after the cycles (before the log is written) is still this run's.
			saveFindings: () => noteRetry("Pipedrive", "HTTP 503"),
		};
		finishRun(parts(), fakeWithRetry);
		const last = logged[0]?.at(-1);
		expect(last?.[4]).toBe("retries");
		expect(String(last?.[6])).toContain("Pipedrive 1 (1× HTTP 503)");
		expect(takeRetries()).toEqual([]);
	});

	it("adds the earlier cycles of a run that went on (the runner) to its report and log, theirs first", () => {
		takeRetries();
		const earlier = new EarlierCycles();
		noteRetry("Etsy", "429");
		earlier.add(parts({}, importSummary({ created: ["1", "2"], failed: [{ orderId: "3", reason: "no" }] })).cycle);
		earlier.add(parts({}, importSummary({ updated: ["4"] })).cycle);
		const { fake, logged } = steps({ alert: false });
		const { report } = finishRun(parts({ earlier }, importSummary({ created: ["5"] })), fake);
		expect(report).toMatchObject({ created: 3, updated: 1, failed: [{ orderId: "3", reason: "no" }] });
		expect(logged[0]?.map((row) => `${row[4]} ${row[2]}`)).toEqual([
			"import ",
			"new order 1",
			"new order 2",
			"read order 3",
			// The first cycle's retries are its own line; the second cycle had none.
			"retries ",
			"import ",
			"order changed 4",
			"import ",
			"new order 5",
		]);
	});
});

describe("whether the runner goes on with another cycle in the same invocation", () => {
	const within = () => false;

	it("ends when Etsy has nothing more, or the cycle changed nothing", () => {
		expect(nextCycleMode("incremental", importSummary({ created: ["1"] }), within)).toBeNull();
		expect(nextCycleMode("incremental", importSummary({ moreWaiting: true }), within)).toBeNull();
	});

	it("goes on incrementally while more waits (or a page limit stopped the pull) and orders were written", () => {
		expect(nextCycleMode("incremental", importSummary({ moreWaiting: true, updated: ["1"] }), within)).toBe(
			"incremental",
		);
		const pageLimit = importSummary({ created: ["1"], stop: { kind: "page-limit", read: 100 } });
		expect(nextCycleMode("incremental", pageLimit, within)).toBe("incremental");
		// A full pass that wrote orders but has nothing more to read ends; one with more goes on in full.
		expect(nextCycleMode("full", importSummary({ created: ["1"] }), within)).toBeNull();
		expect(nextCycleMode("full", importSummary({ moreWaiting: true, received: 50 }), within)).toBe("full");
		expect(nextCycleMode("full", importSummary({ moreWaiting: true, received: 0 }), within)).toBeNull();
	});

	it("asks the budget only when it would go on, and ends past it", () => {
		let asked = 0;
		const over = () => {
			asked++;
			return true;
		};
		expect(nextCycleMode("incremental", importSummary(), over)).toBeNull();
		expect(asked).toBe(0);
		expect(nextCycleMode("incremental", importSummary({ moreWaiting: true, created: ["1"] }), over)).toBeNull();
		expect(asked).toBe(1);
	});
});
