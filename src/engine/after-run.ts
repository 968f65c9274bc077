/**
 * What follows a sync's cycles, the same wherever it ran (Apps Script or the Cloud Run runner): the
 * findings saved for the sidebar, each platform's health recorded, the owner alerted, the Sync log
 * written (and trimmed where the log is kept at its length), one summary of the whole run and the
 * report its starter gets. The adapters give the writes and the run's parts (`finishRun`); what each
 * step is given, in which order, is decided here, so the two engines cannot drift apart. On the
 * runner, whether another cycle follows at once (`nextCycleMode`), and the cycles it went on after.
 */

import type { PlatformName } from "../core/connector-contracts.js";
import type { Finding } from "../core/findings.js";
import { takeRetries } from "../platforms/http/retry-tally.js";
import type { Log, Store } from "../ports.js";
import type { RawCell } from "../sheet/workbook.js";
import type { SyncReport } from "../ui/sidebar-api.js";
import { budgetLogEntries } from "./daily-budgets.js";
import type { ImportMode, ImportSummary } from "./etsy-import.js";
import { recordBudgetWaits } from "./health-records.js";
import type { PlatformSyncSummary } from "./platform-sync.js";
import type { RequestMeter } from "./request-meter.js";
import type { RunBudget } from "./run-budget.js";
import { type HealthNote, healthNotes, recordHealthNotes, runFailure } from "./run-health.js";
import { completedReport } from "./run-report.js";
import { type RunSummary, summariseRun } from "./run-summary.js";
import { DEFAULT_LOG_LENGTH, entriesToTrim, keptEntries, type LogEntry, logRows, runLogEntries } from "./sync-log.js";
import type { SyncCycleResult } from "./sync-run.js";

/** What the owner is mailed about after a run (see engine/alerts.ts). */
export interface RunAlert {
	failure: string | null;
	platforms?: PlatformSyncSummary;
	findings?: readonly Finding[];
	etsyReconnect?: string;
	timeZone: string;
}

export interface AfterRunSteps {
	store: Store;
	log: Log;
	/** Saves the findings where the sidebar reads them: only after a run that reached the platforms. */
	saveFindings(findings: readonly Finding[]): void;
	/** Mails the owner what is new; absent where no mail is sent (the runner). */
	alert?(run: RunAlert): void;
	/** Appends the Sync log's rows, formatted; returns the first row written. */
	appendLog(rows: RawCell[][]): number;
	/** Deletes the log's oldest `count` entries; absent where the log is not kept at its length. */
	trimLog?(count: number): void;
}

export interface FinishedRun {
	/** The last cycle: its platforms, findings and problems. */
	cycle: SyncCycleResult;
	/** The Etsy import of the whole run (the runner's cycles added up). */
	summary: ImportSummary;
	/** The run's Sync log entries, asked for when the log is written (they take the run's retry tally). */
	logEntries: () => readonly LogEntry[];
	/** Whether a request to the platform worked in this run. */
	answered: (platform: PlatformName) => boolean;
	etsy: { quotaLeftToday: number | null | undefined; quotaPerDay: number | null | undefined; refusedThisRun: boolean };
	runId: string;
	timeZone: string;
	outOfTime: boolean;
}

/** Runs the steps after a sync in order and gives the run's health and its one summary. */
export function afterRun(run: FinishedRun, steps: AfterRunSteps): { health: HealthNote[]; summary: RunSummary } {
	const { cycle, summary } = run;
	if (cycle.platforms) steps.saveFindings(cycle.findings);
	const health = healthNotes(cycle.platforms, run.answered, summary.reconnect ?? summary.stoppedEarly, {
		quotaLeftToday: run.etsy.quotaLeftToday,
		quotaPerDay: run.etsy.quotaPerDay,
		// A refused token that Etsy has not said is gone is tried again by the next sync: a warning.
		passing: summary.reconnect === undefined && run.etsy.refusedThisRun,
	});
	recordHealthNotes(steps.store, steps.log, health, Date.now());
	// A summary made before daily allowances were watched has neither list.
	recordBudgetWaits(steps.store, steps.log, cycle.platforms?.budgetPlatforms ?? [], cycle.platforms?.budgetWaits ?? []);
	steps.alert?.({
		failure: runFailure(health),
		...(cycle.platforms ? { platforms: cycle.platforms, findings: cycle.findings } : {}),
		...(summary.reconnect ? { etsyReconnect: summary.reconnect } : {}),
		timeZone: run.timeZone,
	});
	// Where the log is kept at its length, a run writes only the entries it would keep.
	const keep = cycle.platforms?.syncLogLength ?? DEFAULT_LOG_LENGTH;
	const all = [...run.logEntries(), ...budgetLogEntries(cycle.platforms?.budgetWaits ?? [])];
	const entries = steps.trimLog ? keptEntries(all, keep) : all;
	const rows = logRows(entries, run.runId, new Date(), run.timeZone);
	const firstLogRow = steps.appendLog(rows);
	const trim = steps.trimLog ? entriesToTrim(firstLogRow + rows.length - 1, keep) : 0;
	if (trim > 0) steps.trimLog?.(trim);
	return {
		health,
		summary: summariseRun({
			imported: summary,
			crm: cycle.platforms?.crmPlatform ?? null,
			courier: cycle.platforms?.courierPlatform ?? null,
			actions: cycle.platforms?.actions ?? [],
			findings: cycle.findings.length,
			problems: cycle.problems,
			outOfTime: run.outOfTime,
		}),
	};
}

/**
 * The cycles a run went on after, when one invocation syncs cycle after cycle (the runner): their
 * orders and Sync log entries, added to the last cycle's so the run has one report and one log.
 */
export class EarlierCycles {
	readonly created: string[] = [];
	readonly updated: string[] = [];
	readonly failed: ImportSummary["failed"] = [];
	readonly logEntries: LogEntry[] = [];

	/** Notes a cycle the run goes on after; its log entries take the retries tallied so far. */
	add(cycle: SyncCycleResult): void {
		this.logEntries.push(...runLogEntries(cycle.imported, cycle.platforms?.actions ?? [], takeRetries()));
		this.created.push(...cycle.imported.created);
		this.updated.push(...cycle.imported.updated);
		this.failed.push(...cycle.imported.failed);
	}
}

/**
 * Where Apps Script would schedule a continuation, the runner (no six-minute limit) goes on in the
 * same invocation: while Etsy has more (a page limit reached) and the cycle made progress, within
 * its budget. The next cycle's mode, or null when the run ends. The budget is asked last: asking
 * marks the run out of time once past it.
 */
export function nextCycleMode(
	mode: ImportMode,
	imported: Pick<ImportSummary, "moreWaiting" | "stop" | "received" | "created" | "updated">,
	overBudget: () => boolean,
): ImportMode | null {
	const more = imported.moreWaiting === true || imported.stop?.kind === "page-limit";
	// A full pass over more orders than one cycle reads goes on with its next part.
	const passGoesOn = mode === "full" && imported.moreWaiting === true && imported.received > 0;
	const progressed = imported.created.length + imported.updated.length > 0 || passGoesOn;
	if (!more || !progressed || overBudget()) return null;
	return passGoesOn ? "full" : "incremental";
}

/** A run's parts once its cycles are done, as either engine holds them. */
export interface RunParts {
	/** The last cycle. */
	cycle: SyncCycleResult;
	/** The cycles before it in the same run, if it went on (the runner). */
	earlier?: EarlierCycles;
	/** Which platforms a request worked for in this run. */
	meter: Pick<RequestMeter, "answered">;
	/** The marketplace's client (the quota it last reported) and its sign-in (a token refused this run). */
	marketplace: {
		api: { readonly quota?: { remainingToday: number | null; limitPerDay: number | null } | null };
		signIn: { readonly refusedThisRun: boolean };
	};
	runId: string;
	timeZone: string;
	budget: Pick<RunBudget, "outOfTime">;
}

/** The run's Etsy import, its earlier cycles' orders first. */
function wholeImport(cycle: SyncCycleResult, earlier?: EarlierCycles): ImportSummary {
	if (!earlier) return cycle.imported;
	return {
		...cycle.imported,
		created: [...earlier.created, ...cycle.imported.created],
		updated: [...earlier.updated, ...cycle.imported.updated],
		failed: [...earlier.failed, ...cycle.imported.failed],
	};
}

/** Everything after a run's cycles (`afterRun`), from the parts either engine holds, and the run's report. */
export function finishRun(
	parts: RunParts,
	steps: AfterRunSteps,
): { health: HealthNote[]; summary: RunSummary; report: SyncReport } {
	const { cycle, earlier, marketplace } = parts;
	const summary = wholeImport(cycle, earlier);
	const { health, summary: run } = afterRun(
		{
			cycle,
			summary,
			// The last cycle's entries are made when the log is written: they take the run's last retries.
			logEntries: () => [
				...(earlier?.logEntries ?? []),
				...runLogEntries(cycle.imported, cycle.platforms?.actions ?? [], takeRetries()),
			],
			answered: (platform) => parts.meter.answered(platform),
			etsy: {
				quotaLeftToday: marketplace.api.quota?.remainingToday,
				quotaPerDay: marketplace.api.quota?.limitPerDay,
				refusedThisRun: marketplace.signIn.refusedThisRun,
			},
			runId: parts.runId,
			timeZone: parts.timeZone,
			outOfTime: parts.budget.outOfTime,
		},
		steps,
	);
	return { health, summary: run, report: completedReport(summary, run, parts.runId) };
}
