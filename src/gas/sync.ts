/**
 * One sync run as the owner or a trigger starts it: lock, import from Etsy, log, report.
 * A second run while one holds the script lock ends at once and says so.
 */

import { etsyOrderFeed } from "../engine/etsy-feed.js";
import { type ImportMode, type ImportSummary, runEtsyImport, SetupNeededError } from "../engine/etsy-import.js";
import { importLogEntries, logRows } from "../engine/sync-log.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { SyncReport } from "../ui/sidebar-api.js";
import { appsScriptClock, appsScriptLog, scriptStore } from "./apps-script-ports.js";
import { etsyApi, etsyCredentials } from "./etsy-connection.js";
import { createWorkbook } from "./workbook-adapter.js";

export const BUSY_MESSAGE = "Another sync is running right now; this one stopped without changing anything.";

function describe(summary: ImportSummary): string {
	const counts = `${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged} unchanged, ${summary.failed.length} failed.`;
	if (summary.reconnect) return `${counts} ${summary.reconnect}`;
	return summary.stoppedEarly ? `${counts} Stopped early: ${summary.stoppedEarly}` : counts;
}

function runLocked(mode: ImportMode): SyncReport {
	const credentials = etsyCredentials();
	if (!credentials) {
		return { status: "needs-setup", message: "Etsy is not connected yet: open Hubsheet > Settings." };
	}
	const runId = Utilities.getUuid().slice(0, 8);
	const workbook = createWorkbook();
	try {
		const api = etsyApi(credentials);
		const summary = runEtsyImport(
			{
				workbook,
				feed: (shopId) => etsyOrderFeed(api, shopId),
				store: scriptStore(),
				clock: appsScriptClock,
				log: appsScriptLog,
			},
			mode,
		);
		workbook.appendRows(SYNC_LOG_SHEET, logRows(importLogEntries(summary), runId, new Date(), workbook.timeZone));
		const report: SyncReport = {
			status: "completed",
			message: describe(summary),
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

export function runSync(mode: ImportMode): SyncReport {
	const lock = LockService.getScriptLock();
	if (!lock.tryLock(0)) return { status: "busy", message: BUSY_MESSAGE };
	try {
		return runLocked(mode);
	} finally {
		lock.releaseLock();
	}
}
