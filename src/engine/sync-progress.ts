/**
 * What the sidebar's progress and last-sync lines mean, as text the shell keeps between executions:
 * the running phase (kept where every execution sees it at once) and the last finished run. Read
 * back, anything unreadable or half-written means "nothing to show", never an error: a progress
 * line is not worth failing the sidebar for.
 */
import type { LastSyncView, SyncProgress, SyncReport } from "../ui/sidebar-api.js";
import type { RunSummary } from "./run-summary.js";

/** Where the last finished run is kept (the engine store: it outlives any cache). */
export const LAST_SYNC_KEY = "hubsheet.sync.last";

interface StoredProgress {
	phase: string;
	startedAt: string;
	updatedAt: string;
}

/** The text kept while a run is in `phase`: when the run started, and when it said so. */
export function progressRecord(phase: string, startedAt: string, now: string): string {
	const stored: StoredProgress = { phase, startedAt, updatedAt: now };
	return JSON.stringify(stored);
}

/** A kept phase read back: running only with a phase in it. */
export function parseProgress(raw: string | null): SyncProgress {
	if (!raw) return { running: false };
	try {
		const stored = JSON.parse(raw) as Partial<StoredProgress>;
		if (typeof stored.phase !== "string") return { running: false };
		const progress: SyncProgress = { running: true, phase: stored.phase };
		if (typeof stored.startedAt === "string") progress.startedAt = stored.startedAt;
		if (typeof stored.updatedAt === "string") progress.updatedAt = stored.updatedAt;
		return progress;
	} catch {
		return { running: false };
	}
}

/**
 * The text a finished run leaves for the sidebar's last-sync line, or null to keep what is there: a
 * quiet run leaves the last real sync's summary in place (the trigger's own time says it ran).
 */
export function lastSyncRecord(report: SyncReport, at: string): string | null {
	if (report.quiet) return null;
	const last: LastSyncView = { at, status: report.status, message: report.message };
	if (report.summary) last.summary = report.summary;
	return JSON.stringify(last);
}

function isRunSummary(value: unknown): value is RunSummary {
	if (!value || typeof value !== "object") return false;
	const summary = value as Partial<RunSummary>;
	return (
		typeof summary.headline === "string" &&
		(summary.tone === "ok" || summary.tone === "warning" || summary.tone === "error") &&
		Array.isArray(summary.platforms)
	);
}

/** The kept last run read back: undefined without its time, status and message; a bad summary is left out. */
export function parseLastSync(raw: string | null): LastSyncView | undefined {
	if (!raw) return undefined;
	try {
		const last = JSON.parse(raw) as Partial<LastSyncView>;
		if (typeof last.at !== "string" || typeof last.message !== "string" || typeof last.status !== "string")
			return undefined;
		const view: LastSyncView = { at: last.at, status: last.status, message: last.message };
		if (isRunSummary(last.summary)) view.summary = last.summary;
		if (last.ranOn === "runner") view.ranOn = "runner";
		return view;
	} catch {
		return undefined;
	}
}
