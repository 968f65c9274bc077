/** Server side of the sidebar and dialog API; each function is also an entry point of `main.ts`. */

import { sortFindings } from "../core/findings.js";
import { readHealthRecords } from "../engine/connection-health.js";
import {
	connectionHealthList,
	marketplaceConnectionView,
	missingCredentials,
	signInPageWords,
} from "../engine/connection-views.js";
import { readDashboardState } from "../engine/dashboard-refresh.js";
import { engineView } from "../engine/engine-place.js";
import { marketplaceView } from "../engine/marketplace-settings.js";
import { intervalToInstall } from "../engine/trigger-view.js";
import { checkMarketplaceForm } from "../platforms/http/marketplace-form.js";
import { MARKETPLACE } from "../platforms/registry.js";
import { RUNNER_SEEN_KEY } from "../sheet/engine-lease.js";
import type { ConnectionHealth, EtsyConnectionView, SidebarApi, TriggerView } from "../ui/sidebar-api.js";
import { engineStore, scriptStore } from "./apps-script-ports.js";
import { offerCarriersAfterConnect } from "./carrier-choices.js";
import { connectionSecretsView, saveConnectionSecrets } from "./connection-secrets.js";
import { makeDesignFolder } from "./design-folder-action.js";
import { loadFindings } from "./findings-store.js";
import { applyFix } from "./fixes.js";
import {
	marketplaceCredentials,
	marketplaceRedirectUri,
	marketplaceSettings,
	marketplaceSignIn,
	startMarketplaceSignIn,
} from "./marketplace-connection.js";
import { selectOrder, selectOrders } from "./select-order.js";
import { writeSetting } from "./settings-sheet.js";
import { runSync } from "./sync.js";
import { readLastSync, readProgress } from "./sync-progress.js";
import { settingsInterval, triggerView } from "./trigger-state.js";
import { installHubsheetTriggers, NIGHTLY_HANDLER, removeHubsheetTriggers, SYNC_HANDLER } from "./triggers.js";
import { HUBSHEET_VERSION } from "./version.js";

function currentConnection(): EtsyConnectionView {
	const credentials = marketplaceCredentials();
	return marketplaceConnectionView(credentials ? marketplaceSignIn(credentials).connectionState() : null);
}

/** The marketplace first; a CRM or courier once the sync has recorded how it answered (engine/connection-views.ts). */
function connectionHealth(connection: EtsyConnectionView): ConnectionHealth[] {
	const { name, tokensKey } = MARKETPLACE;
	const marketplace = { name, connection, storedTokens: scriptStore().get(tokensKey) };
	return connectionHealthList(marketplace, readHealthRecords(engineStore()), Date.now());
}

const currentTriggers = (): TriggerView => triggerView(SYNC_HANDLER, NIGHTLY_HANDLER);

export const sidebarServer: SidebarApi = {
	getSidebarState() {
		const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
		const marketplace = currentConnection();
		const triggers = currentTriggers();
		const lastSync = readLastSync();
		const state: ReturnType<SidebarApi["getSidebarState"]> = {
			version: HUBSHEET_VERSION,
			spreadsheetName: spreadsheet.getName(),
			timeZone: spreadsheet.getSpreadsheetTimeZone(),
			readAt: new Date().toISOString(),
			marketplace,
			health: connectionHealth(marketplace),
			triggers,
			engine: engineView({
				lastSyncOnRunner: lastSync?.ranOn === "runner",
				runnerSeen: engineStore().get(RUNNER_SEEN_KEY) !== null,
				triggersInstalled: triggers.installed,
			}),
		};
		if (lastSync) state.lastSync = lastSync;
		const strip = readDashboardState(engineStore()).strip;
		if (strip) state.strip = strip;
		return state;
	},
	syncNow: () => runSync("incremental"),
	getSyncProgress() {
		// One cache read and one property read: cheap enough for the sidebar to ask every so often.
		const progress = readProgress();
		const at = readLastSync()?.at;
		if (at) progress.lastSyncAt = at;
		return progress;
	},
	getFindings: () => sortFindings(loadFindings()),
	selectOrder: (orderId) => selectOrder(orderId),
	selectOrders: (which, afterRow) => selectOrders(which, afterRow),
	applyFix: (orderId, action) => applyFix(orderId, action),
	makeDesignFolder: () => makeDesignFolder(),
	installTriggers(intervalMinutes) {
		const { minutes, settingToWrite } = intervalToInstall(intervalMinutes, settingsInterval());
		if (settingToWrite !== null) writeSetting("syncIntervalMinutes", settingToWrite);
		installHubsheetTriggers(minutes);
		return currentTriggers();
	},
	removeTriggers() {
		removeHubsheetTriggers();
		return currentTriggers();
	},
	getEtsySettings() {
		const store = scriptStore();
		return marketplaceView({
			read: (key) => store.get(key),
			settings: marketplaceSettings(),
			redirectUri: marketplaceRedirectUri(),
			connection: currentConnection(),
		});
	},
	saveEtsySettings(form) {
		const store = scriptStore();
		const save = checkMarketplaceForm(MARKETPLACE, form, (key) => Boolean(store.get(key)));
		for (const [key, value] of save.properties) store.set(key, value);
		for (const [key, value] of save.settings) writeSetting(key, value);
		return { authorizeUrl: startMarketplaceSignIn() };
	},
	getConnectionSecrets: () => connectionSecretsView(),
	saveConnectionSecrets: (form) => saveConnectionSecrets(form),
};

/** The page the marketplace's redirect lands on, in the owner's browser tab. */
export function etsyCallbackPage(parameter: Record<string, string>): GoogleAppsScript.HTML.HtmlOutput {
	const { name, signInNeeds } = MARKETPLACE;
	const credentials = marketplaceCredentials();
	const result = credentials
		? marketplaceSignIn(credentials).completeAuthorization(parameter)
		: missingCredentials(signInNeeds);
	if (credentials && result.kind === "connected") offerCarriersAfterConnect(credentials);
	const { heading, text } = signInPageWords(name, result);
	const output = HtmlService.createHtmlOutput("<!doctype html><meta charset='utf-8'><title>Hubsheet</title>");
	output.append(`<h1>${heading}</h1><p>`);
	// The message may quote the platform's own words: never markup.
	output.appendUntrusted(text);
	output.append("</p>");
	return output.setTitle("Hubsheet");
}
