/**
 * The API the sidebar and the settings dialog call on the server: one type shared by the server
 * (`src/gas/`) and the client (`src/ui/`). Arguments and results must survive google.script.run:
 * plain data, no Date objects (times travel as ISO strings).
 */

import type { ConnectionTest } from "../core/connection-words.js";
import type { PlatformName } from "../core/connector-contracts.js";
import type { StatusStrip } from "../core/dashboard-layout.js";
import type { Finding, FixAction } from "../core/findings.js";
import type { SYNC_INTERVALS } from "../core/settings.js";
import type { RunSummary } from "../engine/run-summary.js";

/** 5, 10, 15, 30 or 60 minutes. */
export type SyncInterval = (typeof SYNC_INTERVALS)[number];

export interface SidebarState {
	version: string;
	spreadsheetName: string;
	/** ISO timestamp of the server's clock when the state was read. */
	readAt: string;
	timeZone: string;
	/** The marketplace's sign-in. */
	marketplace: EtsyConnectionView;
	/** One entry per platform: the marketplace always, a CRM or courier once one is configured. */
	health: ConnectionHealth[];
	triggers: TriggerView;
	/** Where the syncs run now: Apps Script's triggers or the runner on Google Cloud. */
	engine: EngineView;
	/** The last finished sync, whoever started it. */
	lastSync?: LastSyncView;
	/** Orders per status and the late ones, as the last sync counted them (the Dashboard's numbers). */
	strip?: StatusStrip;
}

export type EtsyConnectionView =
	| { kind: "no-credentials" }
	| { kind: "not-connected" }
	| { kind: "connected"; accessExpiresAt: string }
	| { kind: "reconnect-required"; message: string };

export type HealthStatus = "ok" | "warning" | "error" | "not-configured";

export interface ConnectionHealth {
	platform: PlatformName;
	status: HealthStatus;
	/** One plain sentence: what needs doing, or that all is well. */
	message: string;
	/** ISO time of the last request that worked. */
	lastSuccess?: string;
	/** The platform's own words about the last failure, if it failed after its last success or is failing now. */
	lastError?: string;
	lastErrorAt?: string;
	/** ISO time of the first success after the last error: when the platform recovered. */
	recoveredAt?: string;
	/** Days since the platform last issued the refresh token (a marketplace's sign-in may lapse when unused). */
	tokenAgeDays?: number;
	/** Requests left in the platform's daily quota, as it last reported. */
	quotaLeftToday?: number;
	quotaPerDay?: number;
}

export interface TriggerView {
	/** True when the sync trigger exists. */
	installed: boolean;
	/** The installed interval, or the one Settings asks for when none is installed. */
	intervalMinutes: SyncInterval;
	/** The choices the owner may pick from. */
	intervals: SyncInterval[];
	/** True when the nightly full pass is installed. */
	nightly: boolean;
	/** ISO time of the sync trigger's last full run (a quiet run leaves no record; a full one comes at least hourly). */
	lastRun?: string;
	/** ISO time of the next run, when it can be told (the first beat of the interval after now). */
	nextRun?: string;
	/** Said instead of nextRun before the first run, e.g. "within 10 minutes of installing". */
	nextRunNote?: string;
}

export interface EngineView {
	/** "apps-script": this spreadsheet's triggers; "runner": hubsheet on Google Cloud; "manual": neither, only Sync now. */
	kind: "apps-script" | "runner" | "manual";
	/** The sidebar's words after "Syncs run on:", e.g. "Google Cloud (runner)". */
	label: string;
}

export interface LastSyncView {
	/** ISO time it finished. */
	at: string;
	status: SyncReport["status"];
	message: string;
	/** The run's summary by platform, when it got that far. */
	summary?: RunSummary;
	/** Set when the runner (Google Cloud) made this sync rather than Apps Script. */
	ranOn?: "runner";
}

export interface SyncReport {
	status: "completed" | "busy" | "needs-setup" | "failed";
	/** One or two plain sentences for the owner. */
	message: string;
	/** The whole run by platform, with its tone (a stop or an outage is a warning or an error). */
	summary?: RunSummary;
	runId?: string;
	/** A trigger run that found nothing new, edited or due and stopped after asking the marketplace. */
	quiet?: boolean;
	created?: number;
	updated?: number;
	unchanged?: number;
	failed?: Array<{ orderId: string; reason: string }>;
	stoppedEarly?: string;
}

/** What a running sync last said it is doing (kept in CacheService, so another execution can read it). */
export interface SyncProgress {
	running: boolean;
	/** E.g. "Reading changes from the marketplace…" in its name. */
	phase?: string;
	startedAt?: string;
	updatedAt?: string;
	/** ISO time the last sync finished (a trigger's run too): the sidebar refreshes when it changes. */
	lastSyncAt?: string;
}

export interface SelectOrderResult {
	found: boolean;
	/** 1-based row on Orders. */
	row?: number;
	message: string;
}

/** What "Make the Design folder" did for the selected order. */
export interface DesignFolderResult {
	made: boolean;
	/** The folder in Drive, when made or already there. */
	url?: string;
	/** One plain sentence for the owner. */
	message: string;
}

export interface FixResult {
	/** What was done, in plain words. */
	message: string;
	/** The findings after the fix, most severe first. */
	findings: Finding[];
}

/** The marketplace's form, by the fields' form names (e.g. keystring, sharedSecret, shopId). */
export type EtsySettingsForm = Record<string, string>;

/** The marketplace's part of the settings dialog: generated from its descriptor. */
export interface EtsySettingsView {
	/** Its fields, labels, help and guide; `kind` is "marketplace". */
	platform: DialogPlatform;
	/** What the form shows back (its settings and shown secrets), by form name; hidden secrets never. */
	values: Record<string, string>;
	/** The hint under each hidden secret, by its key: whether one is saved. */
	secretHints: Record<string, string>;
	redirectUri: string;
	connection: EtsyConnectionView;
	/** The connection in one sentence. */
	status: string;
}

/** "None" or a CRM's name from the registry (src/platforms/registry.ts); the server checks it. */
export type CrmChoice = string;
/** "None" or a courier's name from the registry; the server checks it. */
export type CourierChoice = string;

/** The secrets of each CRM and courier by platform id and field; they live in script properties only. */
export type ConnectionSecretFields = Record<string, Record<string, string>>;

export type SecretPlatform = string;

/** The non-secret settings of the CRM and courier by key: rows of the Settings sheet. */
export type ConnectionSettingsFields = Record<string, string>;

/** One field of a platform in the settings dialog, from its descriptor. */
export interface DialogField {
	/** A secret ("<platform id>.<field>", never shown back) or a Settings row (its key). */
	kind: "secret" | "setting";
	key: string;
	/** The input's id: "<platform id>-<field in kebab case>". */
	id: string;
	label: string;
	/** The hint under the field. */
	help?: string;
	numeric?: boolean;
	/** Values to suggest (a datalist); a connection test's choices replace them. */
	choices?: string[];
	/** Offer a Generate button (a random secret, shown once). */
	generate?: boolean;
	/** A secret the owner may see again (an app's public id): a plain text field. */
	shown?: boolean;
	/** The form's name for it, where the form is sent as one flat object (the marketplace's). */
	name?: string;
}

/** A platform as the settings dialog offers it: generated from its descriptor. */
export interface DialogPlatform {
	id: string;
	name: string;
	kind: "marketplace" | "crm" | "courier";
	/** The choice's text, e.g. its name with a word on what it is. */
	offered: string;
	fields: DialogField[];
	/** A note below the fields, with an https link to the vendor's guide. */
	guide?: { text: string; link?: { href: string; text: string } };
	/** It needs the Sender rows on every shipment. */
	senderRequired: boolean;
}

/** The Sender table of Settings: the owner's address for the courier, by its row labels. */
export interface SenderFields {
	Name: string;
	Company: string;
	Street: string;
	City: string;
	Postcode: string;
	Country: string;
	Email: string;
	Phone: string;
}

export interface ConnectionSecretsView {
	/** The CRMs and couriers to offer, in the registry's order, with their fields. */
	platforms: DialogPlatform[];
	crm: CrmChoice;
	courier: CourierChoice;
	settings: ConnectionSettingsFields;
	sender: SenderFields;
	/** After a save: each chosen platform tried with one cheap request, in the owner's words. */
	tests?: ConnectionTest[];
	/** Which secrets are saved: never their values. */
	saved: Record<string, Record<string, boolean>>;
}

export interface ConnectionSecretsForm {
	crm: CrmChoice;
	courier: CourierChoice;
	/** Only the chosen platforms' settings are written; others are ignored. */
	settings?: Partial<ConnectionSettingsFields>;
	/** Only the chosen platforms' secrets are saved; an empty field keeps the saved value. */
	secrets?: ConnectionSecretFields;
	/** The Sender rows to write (all given rows, empty ones included). */
	sender?: Partial<SenderFields>;
}

export interface SidebarApi {
	getSidebarState(): SidebarState;
	syncNow(): SyncReport;
	/** Cheap enough to poll every second while syncNow runs, and now and then to notice a trigger's run. */
	getSyncProgress(): SyncProgress;
	/** The findings of the last sync, most severe first. */
	getFindings(): Finding[];
	/** Activates the order's row on Orders, so the owner sees it beside the sidebar. */
	selectOrder(orderId: string): SelectOrderResult;
	/**
	 * Activates the next row (after `afterRow`, from the top again past the last) whose Status is
	 * `status`, or, with `late`, whose order is past its Ship by day and not shipped.
	 */
	selectOrders(which: { status?: string; late?: boolean }, afterRow?: number): SelectOrderResult;
	/**
	 * Makes the Drive folder of the order on the selected row (once) and links it from its Design
	 * cell; a link the owner typed there is kept and no folder is made.
	 */
	makeDesignFolder(): DesignFolderResult;
	/** Applies one offered fix (the sidebar has asked the owner to confirm it). */
	applyFix(orderId: string, action: FixAction): FixResult;
	/** Installs the sync trigger at this interval (and the nightly pass); saves the interval to Settings. */
	installTriggers(intervalMinutes: SyncInterval): TriggerView;
	removeTriggers(): TriggerView;
	getEtsySettings(): EtsySettingsView;
	/** Saves the form and returns the marketplace's page to open to connect. */
	saveEtsySettings(form: EtsySettingsForm): { authorizeUrl: string };
	getConnectionSecrets(): ConnectionSecretsView;
	/** Saves the CRM and courier choice, their Settings rows and their secrets; returns what is saved now. */
	saveConnectionSecrets(form: ConnectionSecretsForm): ConnectionSecretsView;
}

export type SidebarFunction = keyof SidebarApi;
