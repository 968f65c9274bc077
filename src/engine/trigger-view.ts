/**
 * What the sidebar shows about the triggers, from facts the Apps Script shell gathers (which
 * handlers have a trigger, the recorded interval, install and last-run times): the next-run rule.
 */
import { SYNC_INTERVALS } from "../core/settings.js";
import type { SyncInterval, TriggerView } from "../ui/sidebar-api.js";

const DEFAULT_INTERVAL: SyncInterval = 10;
/** The nightly full pass runs around this hour on the spreadsheet's clock (the owner's, not the script's). */
export const NIGHTLY_HOUR = 2;

function isSyncInterval(value: unknown): value is SyncInterval {
	return (SYNC_INTERVALS as readonly unknown[]).includes(value);
}

/** The interval Settings asks for, or the default when it says nothing usable. */
export function settingsIntervalOrDefault(minutes: unknown): SyncInterval {
	return isSyncInterval(minutes) ? minutes : DEFAULT_INTERVAL;
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

/**
 * The interval the sidebar asks to install: Settings' when it names none. google.script.run may
 * hand over anything, so only the intervals Settings allows pass; anything else is refused in words.
 */
export function requestedInterval(requested: unknown, settingsInterval: SyncInterval): SyncInterval {
	const minutes = requested === undefined ? settingsInterval : Number(requested);
	if (!isSyncInterval(minutes))
		throw new Error(
			`Choose ${SYNC_INTERVALS.slice(0, -1).join(", ")} or ${SYNC_INTERVALS[SYNC_INTERVALS.length - 1]} minutes, not "${String(requested)}".`,
		);
	return minutes;
}

/**
 * What the sidebar's Install triggers installs, and the Settings value to write first when it asks
 * for another interval than Settings': Settings holds the interval, so the menu's Install triggers
 * (which reads it there) and the sidebar agree.
 */
export function intervalToInstall(
	requested: unknown,
	settingsInterval: SyncInterval,
): { minutes: SyncInterval; settingToWrite: string | null } {
	const minutes = requestedInterval(requested, settingsInterval);
	return { minutes, settingToWrite: minutes === settingsInterval ? null : String(minutes) };
}

/** What the menu's Install triggers says once they are in. */
export function triggersInstalledWords(minutes: SyncInterval, nightlyHour: number = NIGHTLY_HOUR): string {
	return `Hubsheet syncs every ${minutes} minutes and re-reads every open order nightly around ${nightlyHour}:00.`;
}

/** What the menu's Remove triggers says, by how many it removed. */
export function triggersRemovedWords(removed: number): string {
	return removed === 0
		? "There were no Hubsheet triggers."
		: `Removed ${removed} Hubsheet triggers; syncs now run only when you ask.`;
}
