/**
 * The add-on's entry points: every export of this module becomes a top-level function of
 * `dist/Code.js` (the build generates the footer), so that triggers, menu items, OAuth callbacks and
 * google.script.run can call it by name. Adding an entry point is one line here.
 *
 * Nothing here may touch an Apps Script service at load time: the build evaluates this bundle
 * outside Apps Script to list its exports.
 */
import { MENU_BOX_TITLES, TOAST_SECONDS } from "../core/menu-words.js";
import { continuationMode } from "../engine/etsy-import.js";
import { triggersRemovedWords } from "../engine/trigger-view.js";
import { engineStore } from "./apps-script-ports.js";
import { removeContinuation } from "./continuation-trigger.js";
import { addHubsheetMenu, showSettingsDialog, showSidebar, tell } from "./menu.js";
import { describeSetup, setUpSheets } from "./setup-sheets.js";
import { etsyCallbackPage, sidebarServer } from "./sidebar-server.js";
import { runSync } from "./sync.js";
import { recordTriggerRun } from "./trigger-state.js";
import {
	installHubsheetTriggers,
	NIGHTLY_HANDLER,
	noteSheetChanged,
	removeHubsheetTriggers,
	SYNC_HANDLER,
} from "./triggers.js";

/** Simple trigger: the spreadsheet was opened. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
	addHubsheetMenu(SpreadsheetApp.getUi());
}

/** The add-on was installed from the editor: show the menu without reopening. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
	onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export const openSidebar = showSidebar;
export const openSettings = showSettingsDialog;

export function setupSheets() {
	const report = setUpSheets();
	noteSheetChanged();
	tell(MENU_BOX_TITLES.setup, describeSetup(report));
	return report;
}

export function syncNowFromMenu() {
	const report = runSync("incremental");
	SpreadsheetApp.getActiveSpreadsheet().toast(report.message, MENU_BOX_TITLES.sync, TOAST_SECONDS);
	return report;
}

export function fullPassFromMenu() {
	const report = runSync("full");
	SpreadsheetApp.getActiveSpreadsheet().toast(report.message, MENU_BOX_TITLES.fullPass, TOAST_SECONDS);
	return report;
}

// Each trigger run notes its time (a quiet one excepted): Apps Script does not tell when a trigger last fired.
export function syncFromTrigger(_event?: GoogleAppsScript.Events.TimeDriven) {
	// Noted by the run unless it stays quiet (gas/sync.ts).
	return runSync("incremental", { watched: false, quiet: true, trigger: SYNC_HANDLER });
}

export function fullPassFromTrigger(_event?: GoogleAppsScript.Events.TimeDriven) {
	recordTriggerRun(NIGHTLY_HANDLER);
	return runSync("full", { watched: false });
}

/** The installable on-edit trigger: the owner changed something, so the next trigger run reads the sheet. */
export function markSheetChanged(_event?: GoogleAppsScript.Events.SheetsOnEdit) {
	noteSheetChanged();
}

/** A run that stopped at its time budget scheduled this one-time trigger to carry on. */
export function continueSync(event?: GoogleAppsScript.Events.TimeDriven) {
	removeContinuation(event?.triggerUid);
	return runSync(continuationMode(engineStore()), { watched: false });
}

// The menu's versions tell the owner in an alert; the sidebar's (below) return the new state.
export function installTriggersFromMenu() {
	const message = installHubsheetTriggers();
	tell(MENU_BOX_TITLES.triggers, message);
	return message;
}

export function removeTriggersFromMenu() {
	const message = triggersRemovedWords(removeHubsheetTriggers());
	tell(MENU_BOX_TITLES.triggers, message);
	return message;
}

/** Etsy redirects the owner's browser here (through /usercallback) after they approve Hubsheet. */
export function etsyOAuthCallback(request: { parameter: Record<string, string> }) {
	return etsyCallbackPage(request.parameter);
}

// The sidebar and settings dialog API (google.script.run targets).
/** A sidebar or dialog action that changes the sheet or a connection: the next trigger run is a full one. */
function changesSheet<A extends unknown[], R>(action: (...args: A) => R): (...args: A) => R {
	return (...args) => {
		const result = action(...args);
		noteSheetChanged();
		return result;
	};
}

export const getSidebarState = sidebarServer.getSidebarState;
export const syncNow = sidebarServer.syncNow;
export const getSyncProgress = sidebarServer.getSyncProgress;
export const getFindings = sidebarServer.getFindings;
export const selectOrder = sidebarServer.selectOrder;
export const selectOrders = sidebarServer.selectOrders;
export const applyFix = changesSheet(sidebarServer.applyFix);
export const makeDesignFolder = changesSheet(sidebarServer.makeDesignFolder);
export const installTriggers = sidebarServer.installTriggers;
export const removeTriggers = sidebarServer.removeTriggers;
export const getEtsySettings = sidebarServer.getEtsySettings;
export const saveEtsySettings = changesSheet(sidebarServer.saveEtsySettings);
export const getConnectionSecrets = sidebarServer.getConnectionSecrets;
export const saveConnectionSecrets = changesSheet(sidebarServer.saveConnectionSecrets);
