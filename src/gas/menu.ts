/** The Hubsheet menu, the sidebar and the dialogs on `SpreadsheetApp.getUi()`; their words: core/menu-words.ts. */
import { MENU_BOX_TITLES, MENU_CAPTIONS, MENU_ORDER, MENU_TITLE } from "../core/menu-words.js";

export const SIDEBAR_TITLE = MENU_BOX_TITLES.sidebar;

export interface MenuItem {
	caption: string;
	functionName: string;
}

/** Menu items in display order (null is a separator); each functionName is an entry point of `main.ts`. */
export const MENU_ITEMS: Array<MenuItem | null> = MENU_ORDER.map((entry) =>
	entry === null ? null : { caption: MENU_CAPTIONS[entry], functionName: entry },
);

export function addHubsheetMenu(ui: GoogleAppsScript.Base.Ui): void {
	const menu = ui.createMenu(MENU_TITLE);
	for (const item of MENU_ITEMS) {
		if (item) menu.addItem(item.caption, item.functionName);
		else menu.addSeparator();
	}
	menu.addToUi();
}

export function showSidebar(): void {
	const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle(SIDEBAR_TITLE);
	SpreadsheetApp.getUi().showSidebar(html);
}

export function showSettingsDialog(): void {
	const html = HtmlService.createHtmlOutputFromFile("Settings").setWidth(460).setHeight(640);
	SpreadsheetApp.getUi().showModalDialog(html, MENU_BOX_TITLES.settings);
}

export function tell(title: string, message: string): void {
	const ui = SpreadsheetApp.getUi();
	ui.alert(title, message, ui.ButtonSet.OK);
}
