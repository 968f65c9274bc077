/**
 * The API the sidebar and the settings dialog call on the server: one type shared by the server
 * (`src/gas/`) and the client (`src/ui/`). Arguments and results must survive google.script.run:
 * plain data, no Date objects (times travel as ISO strings).
 */

export interface SidebarState {
	version: string;
	spreadsheetName: string;
	/** ISO timestamp of the server's clock when the state was read. */
	readAt: string;
	timeZone: string;
	etsy: EtsyConnectionView;
}

export type EtsyConnectionView =
	| { kind: "no-credentials" }
	| { kind: "not-connected" }
	| { kind: "connected"; accessExpiresAt: string }
	| { kind: "reconnect-required"; message: string };

export interface SyncReport {
	status: "completed" | "busy" | "needs-setup" | "failed";
	/** One or two plain sentences for the owner. */
	message: string;
	runId?: string;
	created?: number;
	updated?: number;
	unchanged?: number;
	failed?: Array<{ orderId: string; reason: string }>;
	stoppedEarly?: string;
}

export interface EtsySettingsForm {
	keystring: string;
	/** Empty keeps the saved secret: the dialog never shows it. */
	sharedSecret: string;
	shopId: string;
}

export interface EtsySettingsView {
	keystring: string;
	hasSharedSecret: boolean;
	shopId: string;
	redirectUri: string;
	connection: EtsyConnectionView;
}

export interface SidebarApi {
	getSidebarState(): SidebarState;
	syncNow(): SyncReport;
	getEtsySettings(): EtsySettingsView;
	/** Saves the form and returns the Etsy page to open to connect. */
	saveEtsySettings(form: EtsySettingsForm): { authorizeUrl: string };
}

export type SidebarFunction = keyof SidebarApi;
