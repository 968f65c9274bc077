/** Server side of the sidebar and dialog API; each function is also an entry point of `main.ts`. */
import type { EtsyOAuth } from "../platforms/etsy/oauth.js";
import type { EtsyConnectionView, SidebarApi } from "../ui/sidebar-api.js";
import { scriptStore } from "./apps-script-ports.js";
import {
	ETSY_PROPERTY_KEYS,
	etsyCredentials,
	etsyOAuth,
	etsyRedirectUri,
	saveShopId,
	shopIdFromSettings,
	startEtsyConnection,
} from "./etsy-connection.js";
import { runSync } from "./sync.js";
import { HUBSHEET_VERSION } from "./version.js";

function connectionView(oauth: EtsyOAuth | null): EtsyConnectionView {
	if (!oauth) return { kind: "no-credentials" };
	const state = oauth.connectionState();
	if (state.kind === "connected")
		return { kind: "connected", accessExpiresAt: new Date(state.accessExpiresAtMs).toISOString() };
	if (state.kind === "reconnect-required") return { kind: "reconnect-required", message: state.message };
	return { kind: "not-connected" };
}

function currentConnection(): EtsyConnectionView {
	const credentials = etsyCredentials();
	return connectionView(credentials ? etsyOAuth(credentials) : null);
}

const ETSY_ID = /^\d{1,20}$/;
const KEYSTRING = /^[A-Za-z0-9]{8,64}$/;

export const sidebarServer: SidebarApi = {
	getSidebarState() {
		const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
		return {
			version: HUBSHEET_VERSION,
			spreadsheetName: spreadsheet.getName(),
			timeZone: spreadsheet.getSpreadsheetTimeZone(),
			readAt: new Date().toISOString(),
			etsy: currentConnection(),
		};
	},
	syncNow: () => runSync("incremental"),
	getEtsySettings() {
		const credentials = etsyCredentials();
		return {
			keystring: credentials?.keystring ?? scriptStore().get(ETSY_PROPERTY_KEYS.keystring) ?? "",
			hasSharedSecret: Boolean(scriptStore().get(ETSY_PROPERTY_KEYS.sharedSecret)),
			shopId: shopIdFromSettings(),
			redirectUri: etsyRedirectUri(),
			connection: currentConnection(),
		};
	},
	saveEtsySettings(form) {
		const keystring = String(form.keystring ?? "").trim();
		const sharedSecret = String(form.sharedSecret ?? "").trim();
		const shopId = String(form.shopId ?? "").trim();
		if (!KEYSTRING.test(keystring))
			throw new Error("The Etsy keystring should be letters and digits, as Etsy shows it under Your apps.");
		if (!ETSY_ID.test(shopId)) throw new Error(`The Etsy shop id should be a number, not "${shopId.slice(0, 40)}".`);
		const store = scriptStore();
		if (sharedSecret === "" && !store.get(ETSY_PROPERTY_KEYS.sharedSecret)) {
			throw new Error("Enter the Etsy shared secret, as Etsy shows it under Your apps.");
		}
		store.set(ETSY_PROPERTY_KEYS.keystring, keystring);
		if (sharedSecret !== "") store.set(ETSY_PROPERTY_KEYS.sharedSecret, sharedSecret);
		saveShopId(shopId);
		return { authorizeUrl: startEtsyConnection() };
	},
};

/** The page Etsy's redirect lands on, in the owner's browser tab. */
export function etsyCallbackPage(parameter: Record<string, string>): GoogleAppsScript.HTML.HtmlOutput {
	const credentials = etsyCredentials();
	const result = credentials
		? etsyOAuth(credentials).completeAuthorization(parameter)
		: { kind: "failed" as const, message: "Save the Etsy keystring and shared secret first (Hubsheet > Settings)." };
	const heading = result.kind === "connected" ? "Etsy is connected" : "Etsy is not connected";
	const text =
		result.kind === "connected"
			? "Hubsheet can now read your Etsy orders. You can close this tab and press Sync now in the sidebar."
			: result.message;
	const output = HtmlService.createHtmlOutput("<!doctype html><meta charset='utf-8'><title>Hubsheet</title>");
	output.append(`<h1>${heading}</h1><p>`);
	// The message may quote Etsy's own words: never markup.
	output.appendUntrusted(text);
	output.append("</p>");
	return output.setTitle("Hubsheet");
}
