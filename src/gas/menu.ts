/** The Hubsheet menu and the sidebar: what the owner sees when the spreadsheet opens. */

export const SIDEBAR_TITLE = "Hubsheet";
export const SIDEBAR_FILE = "Sidebar";

export interface MenuItem {
	caption: string;
	functionName: string;
}

/** Menu items in display order; each functionName is an entry point of `main.ts`. */
export const MENU_ITEMS: MenuItem[] = [{ caption: "Open Hubsheet", functionName: "openSidebar" }];

export function addHubsheetMenu(ui: GoogleAppsScript.Base.Ui): void {
	const menu = ui.createMenu("Hubsheet");
	for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
	menu.addToUi();
}

export function showSidebar(): void {
	const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
	SpreadsheetApp.getUi().showSidebar(html);
}
