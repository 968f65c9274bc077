/**
 * What the bench reports of a group of executions: calls by service, UrlFetch requests, modeled
 * seconds under each cost profile, and whether any run was killed.
 */
import { COST_PROFILES, type CostProfileName, modeledMs } from "../gas/cost-model.js";
import type { ExecutionResult } from "../gas/runtime.js";

export interface Measured {
	runs: number;
	killed: number;
	failed: number;
	callsByService: Record<string, number>;
	fetches: number;
	/** Modeled seconds of all runs under each profile (the same calls, folded through each table). */
	seconds: Record<CostProfileName, number>;
	/** The longest single run, default profile, seconds. */
	longestRun: number;
	/** Real milliseconds on this machine (emulation included; only indicative). */
	realMs: number;
}

export function measureRuns(results: readonly ExecutionResult[], realMs = 0): Measured {
	const callsByService: Record<string, number> = {};
	for (const result of results) {
		for (const call of result.calls) callsByService[call.service] = (callsByService[call.service] ?? 0) + 1;
	}
	const seconds = Object.fromEntries(
		COST_PROFILES.map((profile) => [
			profile,
			results.reduce((sum, result) => sum + modeledMs(result.calls, profile, result.waitedMs), 0) / 1000,
		]),
	) as Record<CostProfileName, number>;
	return {
		runs: results.length,
		killed: results.filter((result) => result.status === "killed").length,
		failed: results.filter((result) => result.status === "failed").length,
		callsByService,
		fetches: results.reduce((sum, result) => sum + result.report.fetches.length, 0),
		seconds,
		longestRun: Math.max(0, ...results.map((result) => modeledMs(result.calls, "default", result.waitedMs) / 1000)),
		realMs,
	};
}

export function timed<T>(run: () => T): { value: T; realMs: number } {
	const started = performance.now();
	const value = run();
	return { value, realMs: Math.round(performance.now() - started) };
}

/** "SpreadsheetApp 12, UrlFetchApp 3, ..." biggest first. */
export function describeCalls(callsByService: Record<string, number>): string {
	return Object.entries(callsByService)
		.sort((a, b) => b[1] - a[1])
		.map(([service, count]) => `${service} ${count}`)
		.join(", ");
}
