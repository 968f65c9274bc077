/**
 * One sync run as the owner or a trigger starts it: lock, import from Etsy, log, report.
 * A second run while one holds the script lock ends at once and says so.
 */

import { finishRun } from "../engine/after-run.js";
import { etsyOrderFeed } from "../engine/etsy-feed.js";
import type { EtsyOrderFeed, FeedResult, ImportMode } from "../engine/etsy-import.js";
import { etsyShipping } from "../engine/etsy-shipping.js";
import {
	currentHandOver,
	type HandedOverPull,
	handedOverFor,
	mayStayQuiet,
	moveOldQuietKeys,
	noteFullCycle,
	quietCheckAllowed,
	quietCheckOutcome,
} from "../engine/quiet-runs.js";
import { RenewUnderLock } from "../engine/renew-under-lock.js";
import { APPS_SCRIPT_TIME_BUDGET_MS, continuationDue, type RunBudget, runBudget } from "../engine/run-budget.js";
import {
	BUSY_MESSAGE,
	ETSY_NOT_CONNECTED,
	quietReport,
	STOPPED_REPORT,
	setupNeededReport,
	stoppedReport,
	writingOrdersPhase,
} from "../engine/run-report.js";
import { runSyncCycle } from "../engine/sync-run.js";
import { acquireLease, appsScriptLease, busyMessage, type LeaseAccess } from "../sheet/engine-lease.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { SyncReport } from "../ui/sidebar-api.js";
import { alertAfterSync } from "./alerts.js";
import { appsScriptClock, appsScriptDrive, appsScriptLog, engineStore, scriptStore } from "./apps-script-ports.js";
import { offeringCarriers } from "./carrier-choices.js";
import { scheduleContinuation } from "./continuation-trigger.js";
import { appsScriptLeaseAccess } from "./engine-lease.js";
import { engineSheetStore } from "./engine-sheet.js";
import { saveFindingsIfChanged } from "./findings-store.js";
import { type MarketplaceAccess, marketplaceAccess } from "./marketplace-access.js";
import { type MarketplaceCredentials, marketplaceCredentials } from "./marketplace-connection.js";
import { platformConnections } from "./platform-connections.js";
import { formatAppendedSyncLog, trimSyncLogRows } from "./sync-log-format.js";
import { finishProgress, reportProgress, setProgressWatched } from "./sync-progress.js";
import { recordTriggerRun } from "./trigger-state.js";
import { createWorkbook } from "./workbook-adapter.js";

/**
 * A trigger run asks Etsy first, before the lock, the engine lease or any sheet: with nothing new,
 * nothing edited and nothing due, it ends there having written nothing (so it needs no lock: a
 * full run beside it is not disturbed). Reads only script properties, already read for the tokens.
 * What the pull means: engine/quiet-runs.ts.
 */
function quietCheck(
	etsy: MarketplaceAccess,
	startedAt: number,
	overBudget: () => boolean,
): "quiet" | HandedOverPull | null {
	const note = mayStayQuiet(scriptStore(), startedAt);
	// Without a fresh token the check would have to renew it, which only the locked run may.
	if (!note || !etsy.oauth.hasFreshAccess()) return null;
	try {
		return quietCheckOutcome(
			etsyOrderFeed(etsy.api, note.shopId, overBudget).changedSince(note.cursorMs, note.overlapMinutes),
			note,
		);
	} catch (error) {
		if (error instanceof RenewUnderLock) return null;
		throw error;
	}
}

function runLocked(
	mode: ImportMode,
	credentials: MarketplaceCredentials | null,
	etsy: MarketplaceAccess | null,
	early: HandedOverPull | null,
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
		const prefetched = currentHandOver(early, store);
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
					const pulled = handedOverFor(prefetched, shopId);
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
		noteFullCycle(store, cycle, startedAt, budget.outOfTime);
		const { report } = finishRun(
			{
				cycle,
				meter,
				marketplace: { api, signIn: oauth },
				runId,
				timeZone: workbook.timeZone,
				budget,
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
		if (continuationDue({ outOfTime: budget.outOfTime, moreWaiting: cycle.imported.moreWaiting === true })) {
			scheduleContinuation();
		}
		return report;
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
	const mayBeQuiet = quietCheckAllowed(mode, options.quiet === true);
	// The check reads the script properties once (PropertiesService: secrets are kept nowhere else).
	const credentials = marketplaceCredentials();
	const etsy = credentials ? marketplaceAccess(credentials) : null;
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
