/**
 * What the sidebar shows about the triggers: installed or not, the interval, the last and the next
 * run. Apps Script's Trigger object tells neither its interval nor when it last fired, so the
 * install records the interval and each trigger run that is not quiet records its time, in script
 * properties.
 */
import { SETTINGS_SHEET } from "../core/settings.js";
import { describeTriggers, settingsIntervalOrDefault } from "../engine/trigger-view.js";
import { readSettings } from "../platforms/catalog.js";
import type { Store } from "../ports.js";
import type { SyncInterval, TriggerView } from "../ui/sidebar-api.js";
import { scriptStore } from "./apps-script-ports.js";

export const TRIGGER_KEYS = {
	interval: "hubsheet.triggers.interval",
	installedAt: "hubsheet.triggers.installedAt",
	lastRunPrefix: "hubsheet.triggers.lastRun.",
} as const;

/** The interval the Settings sheet asks for (10 when it says nothing usable). */
export function settingsInterval(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): SyncInterval {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	return settingsIntervalOrDefault(
		sheet ? readSettings(sheet.getDataRange().getValues()).settings.syncIntervalMinutes : undefined,
	);
}

/** A trigger run that goes past its quiet check calls this, so the sidebar can tell when a full run last was. */
export function recordTriggerRun(handler: string): void {
	try {
		scriptStore().set(`${TRIGGER_KEYS.lastRunPrefix}${handler}`, String(Date.now()));
	} catch (error) {
		console.warn(`Could not record the trigger run: ${(error as Error).message}`);
	}
}

export function recordInstall(minutes: SyncInterval): void {
	scriptStore().setAll({
		[TRIGGER_KEYS.interval]: String(minutes),
		[TRIGGER_KEYS.installedAt]: String(Date.now()),
	});
}

function numberProperty(store: Store, key: string): number | null {
	const raw = store.get(key);
	const value = raw === null ? Number.NaN : Number(raw);
	return Number.isFinite(value) ? value : null;
}

export function triggerView(syncHandler: string, nightlyHandler: string): TriggerView {
	const handlers = ScriptApp.getProjectTriggers().map((trigger) => trigger.getHandlerFunction());
	const properties = scriptStore();
	return describeTriggers({
		syncInstalled: handlers.includes(syncHandler),
		nightlyInstalled: handlers.includes(nightlyHandler),
		installedInterval: numberProperty(properties, TRIGGER_KEYS.interval),
		settingsInterval: settingsInterval(),
		installedAtMs: numberProperty(properties, TRIGGER_KEYS.installedAt),
		lastRunAtMs: numberProperty(properties, `${TRIGGER_KEYS.lastRunPrefix}${syncHandler}`),
		nowMs: Date.now(),
	});
}
