/** One line per execution, as `npm start` prints it and the playground logs it. */
import type { SyncReport } from "../../src/ui/sidebar-api.js";
import { countCalls, type ExecutionResult } from "../gas/runtime.js";
import type { RunnerRun } from "../hub/local-runner.js";
import { toClientValue } from "./client-value.js";
import type { RunOutcome } from "./worker-protocol.js";

/** An execution's result as the playground keeps it: small, and its value as the page would get it. */
export function runOutcome(result: ExecutionResult): RunOutcome {
	const run: RunOutcome = {
		functionName: result.functionName,
		status: result.status,
		value: toClientValue(result.value),
		startedAt: result.startedAt,
		endedAt: result.endedAt,
		fetches: result.report.fetches.length,
		spreadsheetCalls: countCalls(result.calls, "SpreadsheetApp") + countCalls(result.calls, "Sheets"),
		uiEvents: result.uiEvents,
	};
	if (result.error !== undefined) run.error = result.error;
	return run;
}

/** A `hubsheet sync` by the runner, as the playground keeps an execution; `at` is the local clock. */
export function runnerOutcome(run: RunnerRun, at: number): RunOutcome {
	const ok = run.status === 0 && run.result !== undefined;
	const outcome: RunOutcome = {
		functionName: "hubsheet sync",
		status: ok ? "completed" : "failed",
		value: run.result?.report,
		startedAt: at,
		endedAt: at,
		fetches: 0,
		spreadsheetCalls: 0,
		uiEvents: [],
		sheetsRequests: run.result?.sheetsRequests ?? 0,
	};
	if (!ok) outcome.error = (run.stderr || run.stdout).trim().split("\n").pop() || `exit ${run.status}`;
	return outcome;
}

/** "2026-11-22 19:40" in the script's time zone: the terminal and the page show one clock. */
export function localTime(epochMs: number, timeZone = "UTC"): string {
	return new Date(epochMs).toLocaleString("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
}

/** "syncNow: 3 new, 0 updated, … (1 requests, 8 spreadsheet calls)", or the error. */
export function describeRun(run: RunOutcome): string {
	const costs =
		run.sheetsRequests === undefined
			? `(${run.fetches} requests, ${run.spreadsheetCalls} spreadsheet calls)`
			: `(on the runner, ${run.sheetsRequests} Sheets API requests)`;
	if (run.status !== "completed") return `${run.functionName} ${run.status}: ${run.error ?? "no error text"} ${costs}`;
	const report = run.value as Partial<SyncReport> | null | undefined;
	if (report && typeof report === "object" && typeof report.message === "string" && typeof report.status === "string")
		return `${run.functionName}: ${report.message} ${costs}`;
	return `${run.functionName} ${costs}`;
}
