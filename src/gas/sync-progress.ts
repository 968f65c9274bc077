/**
 * What a running sync is doing, for the sidebar's progress line. The sync runs in one execution
 * and the sidebar polls from others, so the phase goes through CacheService (visible to every
 * execution at once, and gone by itself if a run is killed); the last finished run's summary goes
 * to script properties, where it outlives the cache. What is kept and what it means read back:
 * engine/sync-progress.ts.
 */
import {
	LAST_SYNC_KEY,
	lastSyncRecord,
	parseLastSync,
	parseProgress,
	progressRecord,
} from "../engine/sync-progress.js";
import type { LastSyncView, SyncProgress, SyncReport } from "../ui/sidebar-api.js";
import { engineStore } from "./apps-script-ports.js";

export const PROGRESS_CACHE_KEY = "hubsheet.sync.progress";
/** Longer than an execution may last (6 minutes): a killed run's phase expires on its own. */
const PROGRESS_SECONDS = 420;

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
		cache()?.put(PROGRESS_CACHE_KEY, progressRecord(phase, startedAt, now), PROGRESS_SECONDS);
	} catch (error) {
		console.warn(`Could not report sync progress: ${(error as Error).message}`);
	}
}

/** Ends the progress line and keeps the run's summary for the sidebar (unless the engine keeps the last one). */
export function finishProgress(report: SyncReport): void {
	startedAt = null;
	try {
		const last = lastSyncRecord(report, new Date().toISOString());
		if (last === null) return;
		if (watched) cache()?.remove(PROGRESS_CACHE_KEY);
		engineStore().set(LAST_SYNC_KEY, last);
	} catch (error) {
		console.warn(`Could not record the end of the sync: ${(error as Error).message}`);
	}
}

export function readProgress(): SyncProgress {
	return parseProgress(cache()?.get(PROGRESS_CACHE_KEY) ?? null);
}

export function readLastSync(): LastSyncView | undefined {
	return parseLastSync(engineStore().get(LAST_SYNC_KEY));
}
