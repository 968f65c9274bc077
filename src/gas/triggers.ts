/**
 * The time-driven triggers: a sync every few minutes and a nightly full pass. Installing is
 * idempotent: each handler ends up with exactly one trigger, whatever was there before.
 */
import { forgetEditWatch, noteSheetChanged as noteChanged, noteEditWatch } from "../engine/quiet-runs.js";
import { NIGHTLY_HOUR, triggersInstalledWords } from "../engine/trigger-view.js";
import type { SyncInterval } from "../ui/sidebar-api.js";
import { engineStore, scriptStore } from "./apps-script-ports.js";
import { recordInstall, settingsInterval } from "./trigger-state.js";

export const SYNC_HANDLER = "syncFromTrigger";
export const NIGHTLY_HANDLER = "fullPassFromTrigger";
/** The installable on-edit trigger: notes that the owner changed the sheet (engine/quiet-runs.ts). */
export const EDIT_HANDLER = "markSheetChanged";

export function removeHubsheetTriggers(): number {
	let removed = 0;
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if ([SYNC_HANDLER, NIGHTLY_HANDLER, EDIT_HANDLER].includes(trigger.getHandlerFunction())) {
			ScriptApp.deleteTrigger(trigger);
			removed++;
		}
	}
	forgetEditWatch(scriptStore(), engineStore());
	return removed;
}

/** The on-edit trigger's execution: one script-property write, no spreadsheet read. */
export function noteSheetChanged(): void {
	noteChanged(scriptStore(), Date.now());
}

/** Installs both triggers; the interval defaults to the Settings sheet's "Sync every (minutes)". */
export function installHubsheetTriggers(minutes: SyncInterval = settingsInterval()): string {
	removeHubsheetTriggers();
	const clock = ScriptApp.newTrigger(SYNC_HANDLER).timeBased();
	// everyMinutes accepts 1, 5, 10, 15 or 30; an hour is everyHours(1).
	(minutes === 60 ? clock.everyHours(1) : clock.everyMinutes(minutes)).create();
	// atHour counts in the script's zone unless told: the hour is meant on the sheet's clock.
	ScriptApp.newTrigger(NIGHTLY_HANDLER)
		.timeBased()
		.everyDays(1)
		.atHour(NIGHTLY_HOUR)
		.inTimezone(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone())
		.create();
	ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
	noteEditWatch(scriptStore());
	// Apps Script's Trigger cannot tell its interval: the sidebar reads it from here.
	recordInstall(minutes);
	return triggersInstalledWords(minutes);
}
