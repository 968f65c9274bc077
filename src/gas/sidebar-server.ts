/** Server side of the sidebar API; each function is also an entry point of `main.ts`. */
import type { SidebarApi } from "../ui/sidebar-api.js";
import { HUBSHEET_VERSION } from "./version.js";

export const sidebarServer: SidebarApi = {
	getSidebarState() {
		const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
		return {
			version: HUBSHEET_VERSION,
			spreadsheetName: spreadsheet.getName(),
			timeZone: spreadsheet.getSpreadsheetTimeZone(),
			readAt: new Date().toISOString(),
		};
	},
};
