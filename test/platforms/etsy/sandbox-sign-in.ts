/**
 * Etsy as its tests meet it: the Etsy sandbox (local/sandbox/etsy/) answering in this process, an app
 * registered there with its keystring and shared secret, and the owner's sign-in done the way the
 * add-on does it (authorize page, redirect with a code, PKCE exchange), so every token a test uses was
 * issued by the sandbox. Faults are injected per request with `InProcessHttp.intercept`.
 */
import { SHOP } from "../../../local/sandbox/etsy/catalog.js";
import { EtsySandbox, type EtsySandboxOptions } from "../../../local/sandbox/etsy/sandbox.js";
import { DEFAULT_APP } from "../../../local/sandbox/etsy/state.js";
import type { ConnectorContext, MarketplaceContext } from "../../../src/platforms/http/descriptor.js";
import { MARKETPLACE } from "../../../src/platforms/registry.js";
import type { InProcessHttp } from "../harness/in-process-http.js";

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
