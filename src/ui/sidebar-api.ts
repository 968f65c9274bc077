/**
 * The sidebar API: the one type shared by the server (`src/gas/sidebar-server.ts`) and the client
 * (`src/ui/`). Arguments and results must survive google.script.run: plain data, no Date objects.
 */
export interface SidebarState {
	version: string;
	spreadsheetName: string;
	/** ISO timestamp of the server's clock when the state was read. */
	readAt: string;
	timeZone: string;
}

export interface SidebarApi {
	getSidebarState(): SidebarState;
}

export type SidebarFunction = keyof SidebarApi;
