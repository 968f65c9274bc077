/**
 * What a running sync is doing, for the sidebar's progress line. The sync runs in one execution
 * and the sidebar polls from others, so the phase goes through CacheService (visible to every
 * execution at once, and gone by itself if a run is killed); the last finished run's summary goes
 * to script properties, where it outlives the cache.
 */
import type { RunSummary } from "../engine/run-summary.js";
import type { LastSyncView, SyncProgress, SyncReport } from "../ui/sidebar-api.js";
import { engineStore } from "./apps-script-ports.js";

export const PROGRESS_CACHE_KEY = "hubsheet.sync.progress";
export const LAST_SYNC_KEY = "hubsheet.sync.last";
/** Longer than an execution may last (6 minutes): a killed run's phase expires on its own. */
const PROGRESS_SECONDS = 420;

interface StoredProgress {
	phase: string;
	startedAt: string;
	updatedAt: string;
}

// Module state lives for one execution only, which is exactly one run.
let startedAt: string | null = null;
/**
 * Trigger runs have nobody watching: they skip the progress line, whose cache writes (about 80 ms
 * each on Google) would be most of an idle run's cost. The sidebar still shows their summary.
 */
let watched = true;

export function setProgressWatched(on: boolean): void {
	watched = on;
}

function cache(): GoogleAppsScript.Cache.Cache | null {
	return typeof CacheService === "undefined" ? null : CacheService.getScriptCache();
}

/**
 * Says what the run is doing now, e.g. "Reading changes from <the marketplace>…". The sync engine calls it
 * between phases. It never throws: a progress line is not worth failing a sync for.
 */
export function reportProgress(phase: string): void {
	if (!watched) return;
	try {
		const now = new Date().toISOString();
		startedAt ??= now;
		const stored: StoredProgress = { phase, startedAt, updatedAt: now };
		cache()?.put(PROGRESS_CACHE_KEY, JSON.stringify(stored), PROGRESS_SECONDS);
	} catch (error) {
		console.warn(`Could not report sync progress: ${(error as Error).message}`);
	}
}

/** Ends the progress line and keeps the run's summary for the sidebar. */
export function finishProgress(report: SyncReport): void {
	startedAt = null;
	// A quiet run leaves the last real sync's summary in place (the trigger's own time says it ran).
	if (report.quiet) return;
	try {
		if (watched) cache()?.remove(PROGRESS_CACHE_KEY);
		const last: LastSyncView = { at: new Date().toISOString(), status: report.status, message: report.message };
		if (report.summary) last.summary = report.summary;
		engineStore().set(LAST_SYNC_KEY, JSON.stringify(last));
	} catch (error) {
		console.warn(`Could not record the end of the sync: ${(error as Error).message}`);
	}
}

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

export function readProgress(): SyncProgress {
	return parseProgress(cache()?.get(PROGRESS_CACHE_KEY) ?? null);
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

export function readLastSync(): LastSyncView | undefined {
	const raw = engineStore().get(LAST_SYNC_KEY);
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
