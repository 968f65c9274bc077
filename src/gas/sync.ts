/**
 * One sync run as the owner or a trigger starts it: lock, import from Etsy, log, report.
 * A second run while one holds the script lock ends at once and says so.
 */

import type { PlatformName } from "../core/connector-contracts.js";
import { etsyOrderFeed } from "../engine/etsy-feed.js";
import {
	type EtsyOrderFeed,
	type FeedResult,
	type ImportMode,
	type ImportSummary,
	SetupNeededError,
} from "../engine/etsy-import.js";
import { etsyShipping } from "../engine/etsy-shipping.js";
import type { PlatformSyncSummary } from "../engine/platform-sync.js";
import { RequestMeter } from "../engine/request-meter.js";
import { summariseRun } from "../engine/run-summary.js";
import { importLogEntries, type LogEntry, logRows } from "../engine/sync-log.js";
import { runSyncCycle } from "../engine/sync-run.js";
import { describeRetries, takeRetries } from "../platforms/http/retry-tally.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { SyncReport } from "../ui/sidebar-api.js";
import { appsScriptClock, appsScriptHttp, appsScriptLog, scriptStore } from "./apps-script-ports.js";
import { offeringCarriers } from "./carrier-choices.js";
import { notePlatformChosen, recordPlatformOutcome } from "./connection-health.js";
import { etsyApi, etsyCredentials, etsyOAuth } from "./etsy-connection.js";
import { saveFindingsIfChanged } from "./findings-store.js";
import { platformConnections } from "./platform-connections.js";
import { formatAppendedSyncLog, trimSyncLogRows } from "./sync-log-format.js";
import { finishProgress, reportProgress, setProgressWatched } from "./sync-progress.js";
import { createWorkbook } from "./workbook-adapter.js";

export const BUSY_MESSAGE = "Another sync is running right now; this one stopped without changing anything.";

/** The orders whose texts were cut to fit a cell, by name: the owner reads the rest on Etsy. */
function cutWords(summary: ImportSummary): string {
	const cut = summary.cut ?? [];
	if (cut.length === 0) return "";
	const named = cut
		.slice(0, 5)
		.map(({ orderId, columns }) => `order ${orderId} (${columns.join(", ")})`)
		.join(", ");
	const more = cut.length > 5 ? ` and ${cut.length - 5} more` : "";
	return ` Too long for a cell, cut to 50,000 characters: ${named}${more}; the full text is on the order on Etsy.`;
}

/** The orders that could not be read or written, by name. */
function failedWords(summary: ImportSummary): string {
	if (summary.failed.length === 0) return "";
	const named = summary.failed
		.slice(0, 3)
		.map(({ orderId, reason }) => `Order ${orderId}: ${reason}`)
		.join(" ");
	return ` ${named}${summary.failed.length > 3 ? ` And ${summary.failed.length - 3} more (see the Sync log).` : ""}`;
}

function runLocked(mode: ImportMode): SyncReport {
	const credentials = etsyCredentials();
	if (!credentials) {
		return { status: "needs-setup", message: "Etsy is not connected yet: open Hubsheet > Settings." };
	}
	const runId = Utilities.getUuid().slice(0, 8);
	const startedAt = Date.now();
	let outOfTime = false;
	const overBudget = () => {
		outOfTime ||= Date.now() - startedAt > TIME_BUDGET_MS;
		return outOfTime;
	};
	const workbook = createWorkbook();
	reportProgress("Reading the sheet…");
	try {
		const oauth = etsyOAuth(credentials);
		// Health may call a platform working only if a request to it worked in this run.
		const meter = new RequestMeter();
		const api = etsyApi(credentials, oauth, meter.wrap("Etsy", appsScriptHttp));
		const store = scriptStore();
		const cycle = runSyncCycle(
			{
				workbook,
				// The engine asks for the feed once it has read the sheet, and writes once the pull returns.
				feed: (shopId) => {
					reportProgress("Reading changes from Etsy…");
					return withProgressAfterPull(etsyOrderFeed(api, shopId, overBudget));
				},
				connect: (settings) => ({
					...platformConnections(settings, meter),
					etsy: offeringCarriers(etsyShipping(api, settings.etsyShopId)),
				}),
				store,
				clock: appsScriptClock,
				log: appsScriptLog,
				progress: reportProgress,
				overBudget,
				pastBudget: () => Date.now() - startedAt > TIME_BUDGET_MS,
			},
			mode,
		);
		const summary = cycle.imported;
		if (cycle.platforms) saveFindingsIfChanged(cycle.findings);
		const etsyTrouble = summary.reconnect ?? summary.stoppedEarly;
		recordHealth(cycle.platforms, meter, etsyTrouble, {
			quotaLeftToday: api.quota?.remainingToday,
			quotaPerDay: api.quota?.limitPerDay,
			// A refused token that Etsy has not said is gone is tried again by the next sync: a warning.
			passing: summary.reconnect === undefined && oauth.refusedThisRun,
		});
		reportProgress("Writing the sync log…");
		const platformEntries: LogEntry[] = (cycle.platforms?.actions ?? []).map((action) => ({
			order: action.orderId,
			platform: action.platform,
			action: action.action,
			change: "",
			result: action.result,
		}));
		const retries = takeRetries();
		const retryEntries: LogEntry[] =
			retries.length === 0
				? []
				: [
						{
							order: "",
							platform: retries.map((retry) => retry.platform).join(", "),
							action: "retries",
							change: "",
							result: `${retries.reduce((sum, retry) => sum + retry.total, 0)} requests had to be repeated or checked: ${describeRetries(retries)}`,
						},
					];
		const entries = logRows(
			[...importLogEntries(summary), ...platformEntries, ...retryEntries],
			runId,
			new Date(),
			workbook.timeZone,
		);
		const firstLogRow = workbook.appendRows(SYNC_LOG_SHEET, entries);
		formatAppendedSyncLog(firstLogRow, firstLogRow + entries.length - 1);
		trimSyncLog(firstLogRow + entries.length - 1, cycle.platforms?.syncLogLength ?? DEFAULT_LOG_LENGTH);
		if (outOfTime || summary.moreWaiting) scheduleContinuation();
		// One summary of the whole run, by platform; trouble leads, in words the owner can act on.
		const run = summariseRun({
			imported: summary,
			crm: cycle.platforms?.crmPlatform ?? null,
			courier: cycle.platforms?.courierPlatform ?? null,
			actions: cycle.platforms?.actions ?? [],
			findings: cycle.findings.length,
			problems: cycle.problems,
			outOfTime,
		});
		const report: SyncReport = {
			status: "completed",
			// The orders cut to fit a cell, or left out, by name (the summary counts them).
			message: `${run.headline}${cutWords(summary)}${failedWords(summary)}`,
			summary: run,
			runId,
			created: summary.created.length,
			updated: summary.updated.length,
			unchanged: summary.unchanged,
			failed: summary.failed,
		};
		if (summary.stoppedEarly) report.stoppedEarly = summary.stoppedEarly;
		return report;
	} catch (error) {
		if (error instanceof SetupNeededError) return { status: "needs-setup", message: error.message, runId };
		throw error;
	}
}

/**
 * Each platform's health after this run: failing when its connection failed (not when an order's
 * data was refused), working when a request to it succeeded, and unchanged when the run sent it
 * nothing that answered.
 */
function recordHealth(
	platforms: PlatformSyncSummary | undefined,
	meter: RequestMeter,
	etsyTrouble: string | undefined,
	etsy: { quotaLeftToday: number | null | undefined; quotaPerDay: number | null | undefined; passing: boolean },
): void {
	const { passing, ...quota } = etsy;
	const failures = new Map<PlatformName, string>();
	if (etsyTrouble) failures.set("Etsy", etsyTrouble);
	for (const action of platforms?.actions ?? []) {
		if (action.connectionFailed && !failures.has(action.connectionFailed)) {
			failures.set(action.connectionFailed, action.result);
		}
	}
	for (const error of platforms?.connectionErrors ?? []) {
		if (!failures.has(error.platform)) failures.set(error.platform, error.message);
	}
	const used = new Set<PlatformName>(["Etsy", ...failures.keys()]);
	if (platforms?.crmPlatform) used.add(platforms.crmPlatform);
	if (platforms?.courierPlatform) used.add(platforms.courierPlatform);
	for (const platform of used) {
		const extra = platform === "Etsy" ? quota : {};
		const error = failures.get(platform);
		const etsyPassing = platform === "Etsy" && passing ? { passing: true } : {};
		if (error !== undefined) recordPlatformOutcome(platform, { ok: false, error, ...extra, ...etsyPassing });
		else if (meter.answered(platform)) recordPlatformOutcome(platform, { ok: true, ...extra });
		else if (platform !== "Etsy") notePlatformChosen(platform);
	}
}

function withProgressAfterPull(feed: EtsyOrderFeed): EtsyOrderFeed {
	const writing = (result: FeedResult) => {
		reportProgress(`Writing ${result.orders.length} order${result.orders.length === 1 ? "" : "s"} to the sheet…`);
		return result;
	};
	return {
		changedSince: (cursorMs, overlapMinutes) => writing(feed.changedSince(cursorMs, overlapMinutes)),
		openOrders: (shippedSinceMs) => writing(feed.openOrders(shippedSinceMs)),
	};
}

const DEFAULT_LOG_LENGTH = 2000;

/**
 * Keeps the Sync log to its configured length, oldest rows first out. It trims only once the log is
 * a tenth over, so most runs cost no call for it.
 */
export function trimSyncLog(lastRow: number, keep: number): void {
	const excess = lastRow - 1 - keep;
	if (excess <= Math.max(10, Math.floor(keep / 10))) return;
	trimSyncLogRows(excess);
}

/** Apps Script stops an execution at 6 minutes; a run saves its place well before. */
export const TIME_BUDGET_MS = 4.5 * 60_000;
export const CONTINUATION_HANDLER = "continueSync";

/** One continuation at a time: a one-time trigger a minute from now, unless one is waiting. */
function scheduleContinuation(): void {
	const waiting = ScriptApp.getProjectTriggers().some(
		(trigger) => trigger.getHandlerFunction() === CONTINUATION_HANDLER,
	);
	if (!waiting) ScriptApp.newTrigger(CONTINUATION_HANDLER).timeBased().after(60_000).create();
}

/** A fired one-time trigger stays listed until deleted: the continuation removes itself. */
export function removeContinuation(triggerUid?: string): void {
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if (trigger.getHandlerFunction() !== CONTINUATION_HANDLER) continue;
		if (triggerUid === undefined || trigger.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(trigger);
	}
}

/** `watched: false` for trigger runs: no progress line (nobody has the sidebar waiting on them). */
export function runSync(mode: ImportMode, options: { watched?: boolean } = {}): SyncReport {
	setProgressWatched(options.watched ?? true);
	const lock = LockService.getScriptLock();
	// A busy run reports nothing: the progress line belongs to the run that holds the lock.
	if (!lock.tryLock(0)) return { status: "busy", message: BUSY_MESSAGE };
	let report: SyncReport = { status: "failed", message: "The sync stopped with an error." };
	try {
		report = runLocked(mode);
		return report;
	} catch (error) {
		report = { status: "failed", message: `The sync stopped: ${(error as Error).message}` };
		throw error;
	} finally {
		finishProgress(report);
		// The next holder of the lock may read through the Sheets API, which does not see writes
		// SpreadsheetApp still holds back (Apps Script: flush before releasing a lock).
		SpreadsheetApp.flush();
		lock.releaseLock();
	}
}
