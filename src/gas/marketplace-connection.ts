/**
 * The marketplace's credentials, its OAuth sign-in through Apps Script's /usercallback, and its API
 * client, all made from its descriptor (src/platforms/registry.ts MARKETPLACE). Its secrets live in
 * script properties only ("<id>.<field>"); its settings (the shop id) are Settings rows the owner sees.
 */
import { SETTINGS_SHEET } from "../core/settings.js";
import { missingCredentials, SIGN_IN_LINK_SECONDS } from "../engine/connection-views.js";
import { readSettings } from "../platforms/catalog.js";
import { type ConnectionProbe, propertyKey } from "../platforms/http/descriptor.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Http } from "../ports.js";
import { appsScriptClock, appsScriptCrypto, appsScriptHttp, appsScriptLog, scriptStore } from "./apps-script-ports.js";

/** The entry point (main.ts) the sign-in's redirect runs. */
export const MARKETPLACE_CALLBACK = "etsyOAuthCallback";

export type MarketplaceSignIn = ReturnType<typeof MARKETPLACE.signIn>;
export type MarketplaceTokens = Parameters<typeof MARKETPLACE.create>[1];
export type MarketplaceApi = ReturnType<typeof MARKETPLACE.create>;

export interface MarketplaceCredentials {
	/** Every secret of the descriptor, saved. */
	secrets: Record<string, string>;
	/** The sandbox's addresses on a local run; none on a real deployment. */
	overrides: Record<string, string>;
}

/** The saved credentials, or null while any of its secrets is missing. */
export function marketplaceCredentials(): MarketplaceCredentials | null {
	const store = scriptStore();
	const secrets: Record<string, string> = {};
	for (const field of Object.keys(MARKETPLACE.secrets)) {
		const value = store.get(propertyKey(MARKETPLACE, field));
		if (!value) return null;
		secrets[field] = value;
	}
	const overrides: Record<string, string> = {};
	for (const name of MARKETPLACE.overrides) {
		const value = store.get(propertyKey(MARKETPLACE, name));
		if (value) overrides[name] = value;
	}
	return { secrets, overrides };
}

/** Apps Script's own OAuth redirect: register exactly this URL with the marketplace's app. */
export function marketplaceRedirectUri(): string {
	return `https://script.google.com/macros/d/${ScriptApp.getScriptId()}/usercallback`;
}

export function marketplaceSignIn(credentials: MarketplaceCredentials): MarketplaceSignIn {
	return MARKETPLACE.signIn(
		{
			http: appsScriptHttp,
			clock: appsScriptClock,
			store: scriptStore(),
			crypto: appsScriptCrypto,
			log: appsScriptLog,
			...credentials,
		},
		marketplaceRedirectUri(),
	);
}

/** `http` lets a sync meter the marketplace's answers (connection health); Apps Script's own by default. */
export function marketplaceApi(
	credentials: MarketplaceCredentials,
	tokens: MarketplaceTokens = marketplaceSignIn(credentials),
	http: Http = appsScriptHttp,
): MarketplaceApi {
	return MARKETPLACE.create({ http, clock: appsScriptClock, log: appsScriptLog, ...credentials }, tokens);
}

/** The marketplace's page the owner opens to connect; its redirect runs MARKETPLACE_CALLBACK. */
export function startMarketplaceSignIn(): string {
	const credentials = marketplaceCredentials();
	if (!credentials) throw new Error(missingCredentials(MARKETPLACE.signInNeeds).message);
	const state = ScriptApp.newStateToken()
		.withMethod(MARKETPLACE_CALLBACK)
		.withTimeout(SIGN_IN_LINK_SECONDS)
		.createToken();
	return marketplaceSignIn(credentials).startAuthorization(state);
}

/** The marketplace's settings (the shop id) as the Settings sheet holds them, by key. */
export function marketplaceSettings(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Record<string, string> {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const { settings } = readSettings(sheet ? sheet.getDataRange().getValues() : []);
	return Object.fromEntries(MARKETPLACE.settings.map((setting) => [setting.key, String(settings[setting.key] ?? "")]));
}

export const shopIdFromSettings = (spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): string =>
	marketplaceSettings(spreadsheet).etsyShopId ?? "";

/**
 * The marketplace's connection test for the settings dialog, as the CRMs' and couriers': its
 * descriptor's probe once the owner has signed in; null before (the dialog already says so in words).
 */
export function marketplaceProbe(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): (() => ConnectionProbe) | null {
	const credentials = marketplaceCredentials();
	if (!credentials) return null;
	const signIn = marketplaceSignIn(credentials);
	if (signIn.connectionState().kind !== "connected") return null;
	return () => MARKETPLACE.probe(marketplaceApi(credentials, signIn), marketplaceSettings(spreadsheet));
}
