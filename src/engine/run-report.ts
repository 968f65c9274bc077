/**
 * What a sync answers whoever started it (the sidebar's Sync now, a menu, a trigger's log): its
 * status and one or two plain sentences, the orders cut or left out named.
 */
import type { SyncReport } from "../ui/sidebar-api.js";
import { type ImportSummary, SetupNeededError } from "./etsy-import.js";
import type { RunSummary } from "./run-summary.js";

export const BUSY_MESSAGE = "Another sync is running right now; this one stopped without changing anything.";

/** A trigger run that found nothing new on Etsy and nothing edited ended after one request (engine/quiet-runs.ts). */
export const QUIET_MESSAGE = "Nothing new on Etsy and nothing edited since the last sync.";

export function quietReport(runId: string): SyncReport {
	return { status: "completed", quiet: true, message: QUIET_MESSAGE, runId, created: 0, updated: 0 };
}

/** What a run that stopped with an error answers, before and once the error is known. */
export const STOPPED_REPORT: SyncReport = { status: "failed", message: "The sync stopped with an error." };

export function stoppedReport(error: unknown): SyncReport {
	return { status: "failed", message: `The sync stopped: ${error instanceof Error ? error.message : String(error)}` };
}

/** A run the sheet is not ready for (set-up needed): its report, or null for any other error, which is rethrown. */
export function setupNeededReport(error: unknown, runId: string): SyncReport | null {
	return error instanceof SetupNeededError ? { status: "needs-setup", message: error.message, runId } : null;
}

/** The progress line once Etsy's answer is in: how many orders go to the sheet. */
export function writingOrdersPhase(count: number): string {
	return `Writing ${count} order${count === 1 ? "" : "s"} to the sheet…`;
}

/** Before a sync can read Etsy at all. */
export const ETSY_NOT_CONNECTED: SyncReport = {
	status: "needs-setup",
	message: "Etsy is not connected yet: open Hubsheet > Settings.",
};

/** The orders whose texts were cut to fit a cell, by name: the owner reads the rest on Etsy. */
export function cutWords(summary: ImportSummary): string {
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
export function failedWords(summary: ImportSummary): string {
	if (summary.failed.length === 0) return "";
	const named = summary.failed
		.slice(0, 3)
		.map(({ orderId, reason }) => `Order ${orderId}: ${reason}`)
		.join(" ");
	return ` ${named}${summary.failed.length > 3 ? ` And ${summary.failed.length - 3} more (see the Sync log).` : ""}`;
}

/** A finished run: the summary's headline, then the orders cut to fit a cell or left out, by name (the summary counts them). */
export function completedReport(summary: ImportSummary, run: RunSummary, runId: string): SyncReport {
	const report: SyncReport = {
		status: "completed",
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
}
