/**
 * One sync run as the owner or a trigger starts it: lock, import from Etsy, log, report.
 * A second run while one holds the script lock ends at once and says so.
 */

import { afterRun } from "../engine/after-run.js";
import { etsyOrderFeed } from "../engine/etsy-feed.js";
import { ETSY_CURSOR_KEY, type EtsyOrderFeed, type FeedResult, type ImportMode } from "../engine/etsy-import.js";
import { etsyShipping } from "../engine/etsy-shipping.js";
import { mayStayQuiet, moveOldQuietKeys, noteFullRun, pullStillCurrent, quietVerdict } from "../engine/quiet-runs.js";
import { RequestMeter } from "../engine/request-meter.js";
import {
	APPS_SCRIPT_TIME_BUDGET_MS,
	continuationDue,
	leftWork,
	type RunBudget,
	runBudget,
} from "../engine/run-budget.js";
import {
	BUSY_MESSAGE,
	completedReport,
	ETSY_NOT_CONNECTED,
	quietReport,
	STOPPED_REPORT,
	setupNeededReport,
	stoppedReport,
	writingOrdersPhase,
} from "../engine/run-report.js";
import { runLogEntries } from "../engine/sync-log.js";
import { runSyncCycle } from "../engine/sync-run.js";
import { takeRetries } from "../platforms/http/retry-tally.js";
import { acquireLease, appsScriptLease, busyMessage, type LeaseAccess } from "../sheet/engine-lease.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { SyncReport } from "../ui/sidebar-api.js";
import { alertAfterSync } from "./alerts.js";
import {
	appsScriptClock,
	appsScriptDrive,
	appsScriptHttp,
	appsScriptLog,
	engineStore,
	scriptStore,
} from "./apps-script-ports.js";
import { offeringCarriers } from "./carrier-choices.js";
import { appsScriptLeaseAccess } from "./engine-lease.js";
import { engineSheetStore } from "./engine-sheet.js";
import { saveFindingsIfChanged } from "./findings-store.js";
import {
	type MarketplaceApi,
	type MarketplaceCredentials,
	type MarketplaceSignIn,
	type MarketplaceTokens,
	marketplaceApi,
	marketplaceCredentials,
	marketplaceSignIn,
} from "./marketplace-connection.js";
import { platformConnections } from "./platform-connections.js";
import { formatAppendedSyncLog, trimSyncLogRows } from "./sync-log-format.js";
import { finishProgress, reportProgress, setProgressWatched } from "./sync-progress.js";
import { recordTriggerRun } from "./trigger-state.js";
import { createWorkbook } from "./workbook-adapter.js";

/** What a run needs to ask Etsy, made once and shared by the quiet check and the full run. */
interface EtsyAccess {
	oauth: MarketplaceSignIn;
	/** Health may call a platform working only if a request to it worked in this run. */
	meter: RequestMeter;
	api: MarketplaceApi;
	/** Set once the run holds the lock: only then may a refused token be renewed. */
	locked: boolean;
}

/** Thrown when the quiet check, holding no lock, would have to renew Etsy's token: the full run does. */
class RenewUnderLock extends Error {}

function etsyAccess(credentials: MarketplaceCredentials): EtsyAccess {
	const oauth = marketplaceSignIn(credentials);
	const meter = new RequestMeter();
	const access = { oauth, meter, locked: false } as EtsyAccess;
	// Etsy rotates the refresh token on each renewal: two executions renewing at once could lose the
	// connection, so renewing waits for the lock (the quiet check starts only with a fresh token,
	// and one that turned stale since is not renewed by it either).
	const tokens: MarketplaceTokens = {
		accessToken: () => {
			if (!access.locked && !oauth.hasFreshAccess()) throw new RenewUnderLock();
			return oauth.accessToken();
		},
		renewAfterRejection: (rejected) => {
			if (!access.locked) throw new RenewUnderLock();
			return oauth.renewAfterRejection(rejected);
		},
		refusedAfterRenewal: (endpoint, code) => oauth.refusedAfterRenewal(endpoint, code),
		accepted: () => oauth.accepted(),
		secrets: () => oauth.secrets(),
	};
	access.api = marketplaceApi(credentials, tokens, meter.wrap("Etsy", appsScriptHttp));
	return access;
}

/** A quiet check's pull, handed to the full run that follows when Etsy had something new. */
interface Prefetched {
	shopId: string;
	cursorMs: number | null;
	pulled: FeedResult;
}

/**
 * A trigger run asks Etsy first, before the lock, the engine lease or any sheet: with nothing new,
 * nothing edited and nothing due, it ends there having written nothing (so it needs no lock: a
 * full run beside it is not disturbed). Reads only script properties, already read for the tokens.
 */
function quietCheck(etsy: EtsyAccess, startedAt: number, overBudget: () => boolean): "quiet" | Prefetched | null {
	const note = mayStayQuiet(scriptStore(), startedAt);
	if (!note || !etsy.oauth.hasFreshAccess()) return null;
	let pulled: FeedResult;
	try {
		pulled = etsyOrderFeed(etsy.api, note.shopId, overBudget).changedSince(note.cursorMs, note.overlapMinutes);
	} catch (error) {
		if (error instanceof RenewUnderLock) return null;
		throw error;
	}
	const verdict = quietVerdict(pulled, note);
	if (verdict === "quiet") return "quiet";
	return verdict === "hand over" ? { shopId: note.shopId, cursorMs: note.cursorMs, pulled } : null;
}

function runLocked(
	mode: ImportMode,
	credentials: MarketplaceCredentials | null,
	etsy: EtsyAccess | null,
	early: Prefetched | null,
	startedAt: number,
	budget: RunBudget,
	watched: boolean,
): SyncReport {
	if (!credentials || !etsy) {
		return { ...ETSY_NOT_CONNECTED };
	}
	const runId = Utilities.getUuid().slice(0, 8);
	try {
		const { oauth, meter, api } = etsy;
		etsy.locked = true;
		const store = engineStore();
		moveOldQuietKeys(store, scriptStore());
		// The quiet check's pull is this run's, unless another engine moved the cursor meanwhile.
		const prefetched = early && pullStillCurrent(store.get(ETSY_CURSOR_KEY), early.cursorMs) ? early : null;
		const workbook = createWorkbook();
		reportProgress("Reading the sheet…");
		const cycle = runSyncCycle(
			{
				workbook,
				// The engine asks for the feed once it has read the sheet, and writes once the pull returns.
				feed: (shopId) => {
					reportProgress("Reading changes from Etsy…");
					const feed = etsyOrderFeed(api, shopId, budget.overBudget);
					// The quiet check's answer is this run's pull (it read the same shop from the same cursor).
					const pulled = prefetched !== null && shopId === prefetched.shopId ? prefetched.pulled : null;
					return withProgressAfterPull(pulled ? { ...feed, changedSince: () => pulled } : feed);
				},
				connect: (settings) => ({
					...platformConnections(settings, meter),
					etsy: offeringCarriers(etsyShipping(api, settings.etsyShopId)),
				}),
				store,
				clock: appsScriptClock,
				log: appsScriptLog,
				progress: reportProgress,
				overBudget: budget.overBudget,
				pastBudget: budget.pastBudget,
				drive: appsScriptDrive,
				// The owner pressed Sync now and waits for the news: every parcel in flight is due, within
				// the day's allowance of courier reads.
				parcelsDueEarly: watched,
			},
			mode,
		);
		const summary = cycle.imported;
		if (summary.shopId !== undefined) {
			noteFullRun(store, {
				shopId: summary.shopId,
				overlapMinutes: summary.overlapMinutes ?? 0,
				startedAt,
				pulled: summary.pulled,
				cursorMs: summary.cursorAfter,
				leftWork: leftWork({
					outOfTime: budget.outOfTime,
					moreWaiting: summary.moreWaiting === true,
					failedOrders: summary.failed.length,
					platformActions: cycle.platforms?.actions.length ?? 0,
				}),
				...(cycle.platforms?.nextParcelDueAt != null ? { dueAt: cycle.platforms.nextParcelDueAt } : {}),
			});
		}
		const { summary: run } = afterRun(
			{
				cycle,
				summary,
				logEntries: () => runLogEntries(summary, cycle.platforms?.actions ?? [], takeRetries()),
				answered: (platform) => meter.answered(platform),
				etsy: {
					quotaLeftToday: api.quota?.remainingToday,
					quotaPerDay: api.quota?.limitPerDay,
					refusedThisRun: oauth.refusedThisRun,
				},
				runId,
				timeZone: workbook.timeZone,
				outOfTime: budget.outOfTime,
			},
			{
				store,
				log: appsScriptLog,
				saveFindings: saveFindingsIfChanged,
				alert: alertAfterSync,
				appendLog: (rows) => {
					reportProgress("Writing the sync log…");
					const first = workbook.appendRows(SYNC_LOG_SHEET, rows);
					formatAppendedSyncLog(first, first + rows.length - 1);
					return first;
				},
				trimLog: trimSyncLogRows,
			},
		);
		if (continuationDue({ outOfTime: budget.outOfTime, moreWaiting: summary.moreWaiting === true })) {
			scheduleContinuation();
		}
		return completedReport(summary, run, runId);
	} catch (error) {
		const needsSetup = setupNeededReport(error, runId);
		if (needsSetup) return needsSetup;
		throw error;
	}
}

function withProgressAfterPull(feed: EtsyOrderFeed): EtsyOrderFeed {
	const writing = (result: FeedResult) => {
		reportProgress(writingOrdersPhase(result.orders.length));
		return result;
	};
	return {
		changedSince: (cursorMs, overlapMinutes) => writing(feed.changedSince(cursorMs, overlapMinutes)),
		openOrders: (shippedSinceMs, from) => writing(feed.openOrders(shippedSinceMs, from)),
	};
}

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

/**
 * `watched: false` for trigger runs: no progress line. `quiet: true` lets a trigger run end after
 * one Etsy request when nothing is new, edited or due (engine/quiet-runs.ts).
 */
export function runSync(
	mode: ImportMode,
	options: { watched?: boolean; quiet?: boolean; trigger?: string } = {},
): SyncReport {
	setProgressWatched(options.watched ?? true);
	const startedAt = Date.now();
	const budget = runBudget(() => Date.now(), startedAt, APPS_SCRIPT_TIME_BUDGET_MS);
	const mayBeQuiet = options.quiet === true && mode === "incremental";
	// The check reads the script properties once (PropertiesService: secrets are kept nowhere else).
	const credentials = marketplaceCredentials();
	const etsy = credentials ? etsyAccess(credentials) : null;
	const checked = etsy && mayBeQuiet ? quietCheck(etsy, startedAt, budget.overBudget) : null;
	if (checked === "quiet") {
		return quietReport(Utilities.getUuid().slice(0, 8));
	}
	// A quiet run leaves no record (the write would be a good part of its cost): the sidebar's
	// last run is the last full one, at least hourly (engine/trigger-view.ts).
	if (options.trigger) recordTriggerRun(options.trigger);
	const lock = LockService.getScriptLock();
	// A busy run reports nothing: the progress line belongs to the run that holds the lock.
	if (!lock.tryLock(0)) return { status: "busy", message: BUSY_MESSAGE };
	let report: SyncReport = { ...STOPPED_REPORT };
	// The run's changes to the bookkeeping shared with the runner go in one write, at its end.
	engineSheetStore().deferWrites();
	let lease: { access: LeaseAccess; sheetId: number } | null = null;
	try {
		// One engine at a time: a runner (Google Cloud) may be syncing this spreadsheet.
		const access = appsScriptLeaseAccess(engineStore());
		if (access) {
			const now = Date.now();
			const taken = acquireLease(access, appsScriptLease(now), now, engineStore());
			if (!taken.ok) {
				report = { status: "busy", message: busyMessage(taken.heldBy, Session.getScriptTimeZone()) };
				return report;
			}
			lease = { access, sheetId: taken.sheetId };
		}
		report = runLocked(mode, credentials, etsy, checked, startedAt, budget, options.watched ?? true);
		return report;
	} catch (error) {
		report = stoppedReport(error);
		alertAfterSync({ failure: report.message });
		throw error;
	} finally {
		if (lease) lease.access.release(lease.sheetId);
		if (report.status !== "busy") finishProgress(report);
		engineSheetStore().flush();
		// The next holder of the lock may read through the Sheets API, which does not see writes
		// SpreadsheetApp still holds back (Apps Script: flush before releasing a lock).
		SpreadsheetApp.flush();
		lock.releaseLock();
	}
}
