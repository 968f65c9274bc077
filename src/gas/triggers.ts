/**
 * The time-driven triggers: a sync every few minutes and a nightly full pass. Installing is
 * idempotent: each handler ends up with exactly one trigger, whatever was there before.
 */
import { EDIT_WATCH_KEY, OLD_QUIET_KEYS, SHEET_CHANGED_KEY } from "../engine/quiet-runs.js";
import { triggersInstalledWords } from "../engine/trigger-view.js";
import type { SyncInterval } from "../ui/sidebar-api.js";
import { engineStore, scriptStore } from "./apps-script-ports.js";
import { recordInstall, settingsInterval } from "./trigger-state.js";

export const SYNC_HANDLER = "syncFromTrigger";
export const NIGHTLY_HANDLER = "fullPassFromTrigger";
/** The installable on-edit trigger: notes that the owner changed the sheet (engine/quiet-runs.ts). */
export const EDIT_HANDLER = "markSheetChanged";
/** The nightly full pass runs around this hour, spreadsheet time. */
export const NIGHTLY_HOUR = 2;

export function removeHubsheetTriggers(): number {
	let removed = 0;
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if ([SYNC_HANDLER, NIGHTLY_HANDLER, EDIT_HANDLER].includes(trigger.getHandlerFunction())) {
			ScriptApp.deleteTrigger(trigger);
			removed++;
		}
	}
	// Without the edit trigger no run may stay quiet: an edit could go unseen (nor may an earlier
	// version's mark in the engine sheet be moved back by the next full run).
	scriptStore().delete(EDIT_WATCH_KEY);
	engineStore().delete(OLD_QUIET_KEYS.editWatch);
	return removed;
}

/** An edit on the spreadsheet (the owner's, or one made from the sidebar): the next run reads the sheet. */
export function noteSheetChanged(): void {
	// Script properties: one write, no spreadsheet read, in the on-edit trigger's execution.
	scriptStore().set(SHEET_CHANGED_KEY, String(Date.now()));
}

/** Installs both triggers; the interval defaults to the Settings sheet's "Sync every (minutes)". */
export function installHubsheetTriggers(minutes: SyncInterval = settingsInterval()): string {
	removeHubsheetTriggers();
	const clock = ScriptApp.newTrigger(SYNC_HANDLER).timeBased();
	// everyMinutes accepts 1, 5, 10, 15 or 30; an hour is everyHours(1).
	(minutes === 60 ? clock.everyHours(1) : clock.everyMinutes(minutes)).create();
	// atHour counts in the script's zone unless told: the owner means 2:00 on the sheet's clock.
	ScriptApp.newTrigger(NIGHTLY_HANDLER)
		.timeBased()
		.everyDays(1)
		.atHour(NIGHTLY_HOUR)
		.inTimezone(SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone())
		.create();
	ScriptApp.newTrigger(EDIT_HANDLER).forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
	scriptStore().set(EDIT_WATCH_KEY, "1");
	// Apps Script's Trigger cannot tell its interval: the sidebar reads it from here.
	recordInstall(minutes);
	return triggersInstalledWords(minutes, NIGHTLY_HOUR);
}
