/**
 * Etsy credentials, the OAuth sign-in through Apps Script's /usercallback, and the API client.
 * The keystring and shared secret live in script properties only; the shop id is not a secret and
 * lives on the Settings sheet where the owner can see it.
 */
import { SETTINGS_SHEET } from "../core/settings.js";
import { readSettings } from "../platforms/catalog.js";
import { EtsyApi } from "../platforms/etsy/client.js";
import { type AccessTokenSource, EtsyOAuth } from "../platforms/etsy/oauth.js";
import type { Http } from "../ports.js";
import { appsScriptClock, appsScriptCrypto, appsScriptHttp, appsScriptLog, scriptStore } from "./apps-script-ports.js";

export const ETSY_PROPERTY_KEYS = {
	keystring: "etsy.keystring",
	sharedSecret: "etsy.sharedSecret",
	/** Overrides for the local sandbox; absent on a real deployment. */
	apiBaseUrl: "etsy.apiBaseUrl",
	authorizeUrl: "etsy.authorizeUrl",
} as const;

export const ETSY_CALLBACK = "etsyOAuthCallback";

export interface EtsyCredentials {
	keystring: string;
	sharedSecret: string;
	apiBaseUrl?: string;
	authorizeUrl?: string;
}

export function etsyCredentials(): EtsyCredentials | null {
	const store = scriptStore();
	const keystring = store.get(ETSY_PROPERTY_KEYS.keystring);
	const sharedSecret = store.get(ETSY_PROPERTY_KEYS.sharedSecret);
	if (!keystring || !sharedSecret) return null;
	const credentials: EtsyCredentials = { keystring, sharedSecret };
	const apiBaseUrl = store.get(ETSY_PROPERTY_KEYS.apiBaseUrl);
	const authorizeUrl = store.get(ETSY_PROPERTY_KEYS.authorizeUrl);
	if (apiBaseUrl) credentials.apiBaseUrl = apiBaseUrl;
	if (authorizeUrl) credentials.authorizeUrl = authorizeUrl;
	return credentials;
}

/** Apps Script's own OAuth redirect: register exactly this URL with the Etsy app. */
export function etsyRedirectUri(): string {
	return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

export function etsyOAuth(credentials: EtsyCredentials): EtsyOAuth {
	return new EtsyOAuth({
		http: appsScriptHttp,
		clock: appsScriptClock,
		store: scriptStore(),
		crypto: appsScriptCrypto,
		log: appsScriptLog,
		keystring: credentials.keystring,
		redirectUri: etsyRedirectUri(),
		...(credentials.apiBaseUrl ? { apiBaseUrl: credentials.apiBaseUrl } : {}),
		...(credentials.authorizeUrl ? { authorizeUrl: credentials.authorizeUrl } : {}),
	});
}

/** `http` lets a sync meter Etsy's answers (connection health); Apps Script's own by default. */
export function etsyApi(
	credentials: EtsyCredentials,
	oauth: AccessTokenSource = etsyOAuth(credentials),
	http: Http = appsScriptHttp,
): EtsyApi {
	return new EtsyApi({
		http,
		clock: appsScriptClock,
		log: appsScriptLog,
		keystring: credentials.keystring,
		sharedSecret: credentials.sharedSecret,
		tokens: oauth,
		...(credentials.apiBaseUrl ? { apiBaseUrl: credentials.apiBaseUrl } : {}),
	});
}

/** The Etsy page the owner opens to connect; its redirect runs `etsyOAuthCallback`. */
export function startEtsyConnection(): string {
	const credentials = etsyCredentials();
	if (!credentials) throw new Error("Save the Etsy keystring and shared secret first (Hubsheet > Settings).");
	const state = ScriptApp.newStateToken().withMethod(ETSY_CALLBACK).withTimeout(3600).createToken();
	return etsyOAuth(credentials).startAuthorization(state);
}

export function shopIdFromSettings(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): string {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	return sheet ? readSettings(sheet.getDataRange().getValues()).settings.etsyShopId : "";
}

/** Writes the shop id into the Settings sheet's row for it, adding the row if set-up has not. */
export function saveShopId(shopId: string, spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) throw new Error(`There is no "${SETTINGS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const values = sheet.getDataRange().getValues();
	const index = values.findIndex((row) => String(row[0]).trim().toLowerCase() === "etsy shop id");
	const row = index >= 1 ? index + 1 : sheet.getLastRow() + 1;
	sheet
		.getRange(row, 1, 1, 2)
		.setNumberFormat("@")
		.setValues([["Etsy shop id", shopId]]);
}
