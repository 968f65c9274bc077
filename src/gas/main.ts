/**
 * The add-on's entry points: every export of this module becomes a top-level function of
 * `dist/Code.js` (the build generates the footer), so that triggers, menu items and
 * google.script.run can call it by name. Adding an entry point is one line here.
 *
 * Nothing here may touch an Apps Script service at load time: the build evaluates this bundle
 * outside Apps Script to list its exports.
 */
import { addHubsheetMenu, showSidebar } from "./menu.js";
import { sidebarServer } from "./sidebar-server.js";

/** Simple trigger: the spreadsheet was opened. */
export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
	addHubsheetMenu(SpreadsheetApp.getUi());
}

/** The add-on was installed from the editor: show the menu without reopening. */
export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
	onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export const openSidebar = showSidebar;
export const getSidebarState = sidebarServer.getSidebarState;
