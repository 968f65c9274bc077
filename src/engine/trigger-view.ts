/**
 * What the sidebar shows about the triggers, from facts the Apps Script shell gathers (which
 * handlers have a trigger, the recorded interval, install and last-run times): the next-run rule.
 */
import { SYNC_INTERVALS } from "../core/settings.js";
import type { SyncInterval, TriggerView } from "../ui/sidebar-api.js";

export const DEFAULT_INTERVAL: SyncInterval = 10;

export function isSyncInterval(value: unknown): value is SyncInterval {
	return (SYNC_INTERVALS as readonly unknown[]).includes(value);
}

export interface TriggerFacts {
	syncInstalled: boolean;
	nightlyInstalled: boolean;
	installedInterval: number | null;
	settingsInterval: SyncInterval;
	installedAtMs: number | null;
	/** The last recorded run: a full one (quiet runs leave no record), so at least hourly. */
	lastRunAtMs: number | null;
	nowMs: number;
}

/** The view from the facts. */
export function describeTriggers(facts: TriggerFacts): TriggerView {
	const interval =
		facts.syncInstalled && isSyncInterval(facts.installedInterval) ? facts.installedInterval : facts.settingsInterval;
	const view: TriggerView = {
		installed: facts.syncInstalled,
		intervalMinutes: interval,
		intervals: [...SYNC_INTERVALS],
		nightly: facts.nightlyInstalled,
	};
	if (facts.lastRunAtMs !== null) view.lastRun = new Date(facts.lastRunAtMs).toISOString();
	if (!facts.syncInstalled) return view;
	// A run before the latest install belongs to the old trigger; the new one first fires one interval after installing.
	const ranSinceInstall =
		facts.lastRunAtMs !== null && (facts.installedAtMs === null || facts.lastRunAtMs >= facts.installedAtMs);
	if (ranSinceInstall && facts.lastRunAtMs !== null) {
		// Quiet runs since the recorded one fired on the same beat: the next is the first beat ahead.
		const beat = interval * 60_000;
		const beats = Math.max(1, Math.ceil((facts.nowMs - facts.lastRunAtMs) / beat));
		view.nextRun = new Date(facts.lastRunAtMs + beats * beat).toISOString();
	} else {
		view.nextRunNote = `within ${interval} minutes of installing`;
	}
	return view;
}
