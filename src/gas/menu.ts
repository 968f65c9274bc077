/** The Hubsheet menu, the sidebar and the dialogs: what the owner sees in the spreadsheet. */

export const SIDEBAR_TITLE = "Hubsheet";

export interface MenuItem {
	caption: string;
	functionName: string;
}

/** Menu items in display order (null is a separator); each functionName is an entry point of `main.ts`. */
export const MENU_ITEMS: Array<MenuItem | null> = [
	{ caption: "Open Hubsheet", functionName: "openSidebar" },
	{ caption: "Sync now", functionName: "syncNowFromMenu" },
	null,
	{ caption: "Set up sheets", functionName: "setupSheets" },
	{ caption: "Settings", functionName: "openSettings" },
	{ caption: "Re-read all open orders", functionName: "fullPassFromMenu" },
	null,
	{ caption: "Install triggers", functionName: "installTriggersFromMenu" },
	{ caption: "Remove triggers", functionName: "removeTriggersFromMenu" },
];

export function addHubsheetMenu(ui: GoogleAppsScript.Base.Ui): void {
	const menu = ui.createMenu("Hubsheet");
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
	SpreadsheetApp.getUi().showModalDialog(html, "Hubsheet settings");
}

export function tell(title: string, message: string): void {
	const ui = SpreadsheetApp.getUi();
	ui.alert(title, message, ui.ButtonSet.OK);
}
