/**
 * The time-driven triggers: a sync every few minutes and a nightly full pass. Installing is
 * idempotent: each handler ends up with exactly one trigger, whatever was there before.
 */
import { readSettings, SETTINGS_SHEET } from "../core/settings.js";

export const SYNC_HANDLER = "syncFromTrigger";
export const NIGHTLY_HANDLER = "fullPassFromTrigger";
/** The nightly full pass runs around this hour, spreadsheet time. */
export const NIGHTLY_HOUR = 2;

export function removeHubsheetTriggers(): number {
	let removed = 0;
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if ([SYNC_HANDLER, NIGHTLY_HANDLER].includes(trigger.getHandlerFunction())) {
			ScriptApp.deleteTrigger(trigger);
			removed++;
		}
	}
	return removed;
}

function syncInterval(): number {
	const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SETTINGS_SHEET);
	return sheet ? readSettings(sheet.getDataRange().getValues()).settings.syncIntervalMinutes : 10;
}

export function installHubsheetTriggers(): string {
	removeHubsheetTriggers();
	const minutes = syncInterval();
	const clock = ScriptApp.newTrigger(SYNC_HANDLER).timeBased();
	// everyMinutes accepts 1, 5, 10, 15 or 30; an hour is everyHours(1).
	(minutes === 60 ? clock.everyHours(1) : clock.everyMinutes(minutes)).create();
	ScriptApp.newTrigger(NIGHTLY_HANDLER).timeBased().everyDays(1).atHour(NIGHTLY_HOUR).create();
	return `Hubsheet syncs every ${minutes} minutes and re-reads every open order nightly around ${NIGHTLY_HOUR}:00.`;
}
