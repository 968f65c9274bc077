/** The Triggers section's text: installed or not, the interval, the last and next run. */
import type { TriggerView } from "../sidebar-api.js";
import { formatTime } from "./format.js";

/** Pure: the lines the section shows. */
export function triggerLines(view: TriggerView, timeZone: string, nowIso?: string): string[] {
	if (!view.installed) {
		const lines = ["Not installed: syncs run only when you press Sync now."];
		if (view.lastRun) lines.push(`Last run: ${formatTime(view.lastRun, timeZone, nowIso)}`);
		return lines;
	}
	const lines = [
		`Installed: a sync every ${view.intervalMinutes} minutes${view.nightly ? ", and a full pass nightly" : ""}.`,
	];
	// Quiet runs (nothing new, nothing edited) leave no record: the last full sync is shown.
	lines.push(`Last full sync: ${view.lastRun ? formatTime(view.lastRun, timeZone, nowIso) : "not yet"}`);
	if (view.nextRun) lines.push(`Next run: ${formatTime(view.nextRun, timeZone, nowIso)}`);
	else if (view.nextRunNote) lines.push(`Next run: ${view.nextRunNote}`);
	return lines;
}
