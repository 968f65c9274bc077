/**
 * What the bench reports of a group of executions: calls by service, UrlFetch requests, modeled
 * seconds under each cost profile, and whether any run was killed.
 */
import { COST_PROFILES, CostMeter, type CostProfileName, modeledMs, PROFILES } from "../gas/cost-model.js";
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
	/** Modeled ms by call, default profile, biggest first (`costByCall`). */
	byCall: Array<{ call: string; count: number; ms: number }>;
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
		byCall: costByCall(results),
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

/**
 * Modeled milliseconds by call (service and method; a commit is charged to the call that forces it,
 * the end commit and the start to their own lines), default profile, biggest first: where a run's
 * time goes (`npm run bench -- --calls`).
 */
export function costByCall(results: readonly ExecutionResult[]): Array<{ call: string; count: number; ms: number }> {
	const byCall = new Map<string, { count: number; ms: number }>();
	const add = (call: string, ms: number) => {
		const entry = byCall.get(call) ?? { count: 0, ms: 0 };
		entry.count++;
		entry.ms += ms;
		byCall.set(call, entry);
	};
	for (const result of results) {
		const meter = new CostMeter(PROFILES.default);
		add("(execution start)", meter.profile.start);
		for (const call of result.calls) add(`${call.service} ${call.method}`, meter.charge(call));
		add("(end commit)", meter.end());
	}
	return [...byCall]
		.map(([call, entry]) => ({ call, ...entry }))
		.filter((entry) => entry.ms > 0)
		.sort((a, b) => b.ms - a.ms);
}
