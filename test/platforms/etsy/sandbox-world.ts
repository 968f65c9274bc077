/**
 * Etsy as its tests meet it: the Etsy sandbox (local/sandbox/etsy/) answering in this process, an app
 * registered there with its keystring and shared secret, and the owner's sign-in done the way the
 * add-on does it (authorize page, redirect with a code, PKCE exchange), so every token a test uses was
 * issued by the sandbox. Faults are injected per request with `InProcessHttp.intercept`.
 */
import { SHOP } from "../../../local/sandbox/etsy/catalog.js";
import { EtsySandbox, type EtsySandboxOptions } from "../../../local/sandbox/etsy/sandbox.js";
import { DEFAULT_APP } from "../../../local/sandbox/etsy/state.js";
import { EtsyApi, type EtsyApiOptions } from "../../../src/platforms/etsy/client.js";
import { EtsyOAuth } from "../../../src/platforms/etsy/oauth.js";
import { readTokens } from "../../../src/platforms/etsy/oauth-store.js";
import type { ConnectorContext, MarketplaceContext } from "../../../src/platforms/http/descriptor.js";
import { MARKETPLACE } from "../../../src/platforms/registry.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { FakeClock, FakeLog, FakeStore, nodeCrypto } from "../harness/stand-ins.js";

export const KEYSTRING = DEFAULT_APP.keystring;
export const SHARED_SECRET = DEFAULT_APP.sharedSecret;
export const SHOP_ID = String(SHOP.shop_id);
export const USER_ID = String(SHOP.user_id);
export const BASE = "https://etsy.sandbox.test";
export const REDIRECT_URI = "https://script.google.com/macros/d/SCRIPT_ID/usercallback";

export type EtsySignIn = ReturnType<typeof MARKETPLACE.signIn>;
export type EtsyClient = ReturnType<typeof MARKETPLACE.create>;

/**
 * The sandbox with no seeded receipts (a test makes the ones it needs) and Etsy's per-second limit
 * out of the way: its clock is frozen, so every request would fall in one second.
 */
export function etsySandbox(options: EtsySandboxOptions = {}): EtsySandbox {
	return new EtsySandbox({
		now: Date.UTC(2026, 10, 2, 9, 0, 0),
		frozen: true,
		seed: 7,
		receipts: 0,
		...options,
		settings: { perSecond: 100_000, ...options.settings },
	});
}

/** A paid receipt in the sandbox, as a buyer's order makes it; its id. */
export function paidReceipt(sandbox: EtsySandbox, spec: Parameters<EtsySandbox["state"]["create"]>[0] = {}): string {
	return String(sandbox.state.create(spec, sandbox.now()).receipt_id);
}

/** The owner approves Hubsheet on the sandbox's authorize page; the callback completes the sign-in. */
export function approve(signIn: EtsySignIn, http: InProcessHttp): ReturnType<EtsySignIn["completeAuthorization"]> {
	const page = signIn.startAuthorization("state-1");
	const answer = http.fetch({ url: page, method: "get" });
	const location = answer.headers.location;
	if (!location) throw new Error(`the Etsy sandbox's authorize page answered ${answer.status}: ${answer.body}`);
	const back = new URL(location).searchParams;
	return signIn.completeAuthorization({
		code: back.get("code") ?? undefined,
		state: back.get("state") ?? undefined,
		error: back.get("error") ?? undefined,
		error_description: back.get("error_description") ?? undefined,
	});
}

/** The marketplace's context as the add-on builds it, pointed at the sandbox. */
export function marketplaceContext(context: Omit<ConnectorContext, "settings" | "apiBaseUrl">): MarketplaceContext {
	return {
		...context,
		secrets: { keystring: KEYSTRING, sharedSecret: SHARED_SECRET, ...context.secrets },
		overrides: { apiBaseUrl: BASE, authorizeUrl: `${BASE}/oauth/connect` },
	};
}

/**
 * The API client as a sync builds it: a fresh sign-in object over the same Store (signed in through
 * the sandbox the first time), and the client on top.
 */
export function connectEtsy(context: MarketplaceContext, http: InProcessHttp): { signIn: EtsySignIn; api: EtsyClient } {
	const signIn = MARKETPLACE.signIn(context, REDIRECT_URI);
	if (signIn.connectionState().kind === "not-connected") {
		const result = approve(signIn, http);
		if (result.kind !== "connected") throw new Error(`signing in to the Etsy sandbox failed: ${result.kind}`);
	}
	return { signIn, api: MARKETPLACE.create(context, signIn) };
}

export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
export const RECEIPTS_PATH = `/v3/application/shops/${SHOP_ID}/receipts`;
export const TOKEN_PATH = "/v3/public/oauth/token";

export interface EtsyWorld {
	sandbox: EtsySandbox;
	http: InProcessHttp<EtsySandbox>;
	store: FakeStore;
	clock: FakeClock;
	log: FakeLog;
	oauth: EtsySignIn;
	api: EtsyClient;
	/** A new execution: fresh sign-in and API objects (no per-execution state) on the same Store and sandbox. */
	nextRun(): { oauth: EtsySignIn; api: EtsyClient };
	/** The access token the sign-in holds now (issued by the sandbox). */
	accessToken(): string;
	/** A new paid order in the shop, as a buyer makes it; its receipt id. */
	receipt(spec?: Parameters<EtsySandbox["state"]["create"]>[0]): string;
}

/**
 * The Etsy client and sign-in over the sandbox in this process, signed in (unless `signedIn: false`)
 * through the sandbox's authorize page with the add-on's scopes (or `scopes`); the requests of the
 * sign-in itself are not in `http.requests`.
 */
export function etsyWorld(
	options: {
		signedIn?: boolean;
		scopes?: readonly string[];
		api?: Partial<EtsyApiOptions>;
		sandbox?: EtsySandboxOptions;
	} = {},
): EtsyWorld {
	const sandbox = etsySandbox({ now: NOW, ...options.sandbox });
	const http = new InProcessHttp(sandbox);
	const store = new FakeStore();
	const clock = new FakeClock(NOW);
	const log = new FakeLog();
	const make = () => {
		const oauth = new EtsyOAuth({
			http,
			clock,
			store,
			log,
			crypto: nodeCrypto,
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
			apiBaseUrl: BASE,
			authorizeUrl: `${BASE}/oauth/connect`,
			...(options.scopes ? { scopes: options.scopes } : {}),
		});
		const api = new EtsyApi({
			http,
			clock,
			log,
			keystring: KEYSTRING,
			sharedSecret: SHARED_SECRET,
			tokens: oauth,
			apiBaseUrl: `${BASE}/`,
			...options.api,
		});
		return { oauth, api };
	};
	const { oauth, api } = make();
	if (options.signedIn !== false) {
		const result = approve(oauth, http);
		if (result.kind !== "connected") throw new Error(`signing in to the Etsy sandbox failed: ${result.kind}`);
		http.requests.splice(0);
	}
	return {
		sandbox,
		http,
		store,
		clock,
		log,
		oauth,
		api,
		nextRun: make,
		accessToken: () => readTokens(store)?.accessToken ?? "",
		receipt: (spec) => paidReceipt(sandbox, spec),
	};
}

/**
 * `n` paid, unshipped orders in the sandbox: receipt 3000000000 + i created and last changed at
 * t0 + i, so pages and high-water marks read plainly.
 */
export function seedReceipts(sandbox: EtsySandbox, n: number, t0: number): string[] {
	return Array.from({ length: n }, (_, i) => {
		const at = t0 + i;
		const receipt = sandbox.state.create(
			{ created: at, fields: { receipt_id: 3_000_000_000 + i, updated_timestamp: at, update_timestamp: at } },
			sandbox.now(),
		);
		return String(receipt.receipt_id);
	});
}
