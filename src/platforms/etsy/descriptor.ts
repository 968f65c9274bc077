/**
 * Etsy as Hubsheet lists it: the marketplace whose paid orders the sheet is built around, reached
 * with an Etsy app's keystring and shared secret (script properties) and the owner's OAuth sign-in;
 * the shop id is not a secret and is a row of the Settings sheet, where the owner sees it.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { MarketplaceDescriptor } from "../http/descriptor.js";
import { EtsyApi } from "./client.js";
import { type AccessTokenSource, EtsyOAuth } from "./oauth.js";
import { ETSY_STORE_KEYS } from "./oauth-store.js";

const KEYSTRING = /^[A-Za-z0-9]{8,64}$/;
const SHOP_ID = /^\d{1,20}$/;

export const etsy: MarketplaceDescriptor<EtsyOAuth, AccessTokenSource, EtsyApi> = {
	name: "Etsy",
	id: "etsy",
	kind: "marketplace",
	secrets: {
		keystring: {
			label: "Etsy keystring",
			short: "keystring",
			field: "Keystring",
			// The app's public id (client_id): the dialog shows it back.
			shown: true,
			check: (value) =>
				KEYSTRING.test(value)
					? null
					: "The Etsy keystring should be letters and digits, as Etsy shows it under Your apps.",
		},
		sharedSecret: {
			label: "Etsy shared secret",
			short: "shared secret",
			field: "Shared secret",
			check: () => null,
		},
	},
	// Requests a day (NOTES.md: 10,000 per 24 h per app key, `x-remaining-today` on each answer); the
	// import stops pulling below 50 (rate-limit.ts), leaving the rest for shipments' receipt reads and
	// tracking, which stop at 10.
	dailyBudget: { reserve: 10, create: 1, move: 1, read: 1 },
	settings: [
		{
			key: "etsyShopId",
			formName: "shopId",
			label: "Etsy shop id",
			short: "shop id",
			field: "Shop id",
			about: "The number of your Etsy shop. Filled in when you connect Etsy (Hubsheet > Settings).",
			help: "The number of your shop (in Shop Manager, Settings > Info & Appearance, or in your shop's API listing).",
			numeric: true,
			required: true,
			normalize(value) {
				if (!SHOP_ID.test(value)) throw new Error(`The Etsy shop id should be a number, not "${value.slice(0, 40)}".`);
				return value;
			},
		},
	],
	whereToFind: "as Etsy shows it under Your apps",
	guide: {
		text: "From Etsy > Your account > Apps, copy your app's keystring and shared secret. Register this callback URL with the app:",
		link: { href: "https://www.etsy.com/developers/your-apps", text: "etsy.com/developers/your-apps" },
	},
	overrides: ["apiBaseUrl", "authorizeUrl"],
	signInNeeds: "Etsy keystring and shared secret",
	connectionWords: {
		connected: "Etsy is connected.",
		notConnected: "Etsy is not connected yet.",
		noCredentials: "Enter your Etsy app's details to connect.",
	},
	// One receipt of the saved shop: the keys, the sign-in (transactions_r, which Hubsheet asks for;
	// getMe would need shops_r) and the shop id in one request. NOTES.md ("Shipping address withheld"):
	// "check at connect time (read one receipt ...)".
	probe(api, settings) {
		const shopId = settings.etsyShopId ?? "";
		try {
			api.getShopReceipts(shopId, { limit: 1 });
		} catch (error) {
			if (!(error instanceof PlatformError) || error.kind !== "rejected") throw error;
			throw new PlatformError(
				"Etsy",
				error.endpoint,
				"rejected",
				`it would not show the orders of ${SHOP_ID.test(shopId) ? `shop ${shopId}` : "your shop"} (${error.message}). Check the Etsy shop id on the Settings sheet and your app's keystring and shared secret, then save.`,
				error.options,
			);
		}
		return {};
	},
	tokensKey: ETSY_STORE_KEYS.tokens,
	// ../shared/specs/etsy/NOTES.md: "refresh token 90 days"; each refresh issues a new one.
	signInLapseDays: 90,
	signIn: (context, redirectUri) =>
		new EtsyOAuth({
			http: context.http,
			clock: context.clock,
			store: context.store,
			crypto: context.crypto,
			log: context.log,
			keystring: context.secrets.keystring ?? "",
			redirectUri,
			...(context.overrides.apiBaseUrl ? { apiBaseUrl: context.overrides.apiBaseUrl } : {}),
			...(context.overrides.authorizeUrl ? { authorizeUrl: context.overrides.authorizeUrl } : {}),
		}),
	create: (context, tokens) =>
		new EtsyApi({
			http: context.http,
			clock: context.clock,
			log: context.log,
			keystring: context.secrets.keystring ?? "",
			sharedSecret: context.secrets.sharedSecret ?? "",
			tokens,
			...(context.overrides.apiBaseUrl ? { apiBaseUrl: context.overrides.apiBaseUrl } : {}),
		}),
};
