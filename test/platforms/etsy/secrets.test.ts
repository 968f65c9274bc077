/**
 * Secrets (the shared secret, tokens, the PKCE verifier, the authorization code) must never reach
 * an error message, a stack trace or a log line, even when Etsy or the transport echoes them back.
 * Signed in to the Etsy sandbox in this process (its tokens are the ones to keep); each echoing
 * answer is injected for the requests it names (the API's, the token endpoint's, or all).
 */
import { describe, expect, it } from "vitest";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth.js";
import { readTokens } from "../../../src/platforms/etsy/oauth-store.js";
import { pullChangedReceipts } from "../../../src/platforms/etsy/receipt-pages.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { json, text } from "../harness/stand-ins.js";
import { type EtsyWorld, etsyWorld, KEYSTRING, SHARED_SECRET, SHOP_ID, TOKEN_PATH } from "./sandbox-world.js";

const CODE = "authcode-SECRET-4711";
const NEW_ACCESS = "12345678.leaked-new-access-token-zzzzzzzz";
const NEW_REFRESH = "12345678.leaked-new-refresh-token-yyyyyyy";

/** Everything an answer could echo: the headers and body of the request that caused it. */
function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} ${request.body ?? ""} x-api-key=${KEYSTRING}:${SHARED_SECRET}`;
}

interface Scenario {
	name: string;
	responder: (request: HttpRequest) => HttpResponse;
	/** Which requests get the answer: Etsy's API, its token endpoint, or (default) every one. */
	only?: "api" | "token";
	expiresInMs?: number;
	act: (h: EtsyWorld) => unknown;
}

const scenarios: Scenario[] = [
	{
		name: "a 4xx whose error text echoes the request",
		responder: (request) => json(400, { error: echo(request) }),
		only: "api",
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a 5xx whose body echoes the request as plain text",
		responder: (request) => text(500, `Internal error for ${echo(request)}`),
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a transport failure whose message quotes the headers",
		responder: (request) => {
			throw new Error(`connect ECONNRESET while sending ${echo(request)}`);
		},
		act: (h) => h.api.getShippingCarriers("PL"),
	},
	{
		name: "a malformed body that contains the token",
		responder: (request) => text(200, `{"echo": "${request.headers?.authorization}", "secret": "${SHARED_SECRET}"`),
		only: "api",
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a persistent 401 that echoes the tokens",
		// The renewal is the sandbox's own: its new tokens are secrets too.
		responder: (request) => json(401, { error: "invalid_token", error_description: echo(request) }),
		only: "api",
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a refresh refused with the refresh token echoed",
		responder: (request) => json(400, { error: "invalid_grant", error_description: `revoked: ${request.body}` }),
		only: "token",
		expiresInMs: -1,
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a refresh refused for another reason, echoing the form",
		responder: (request) => json(401, { error: "invalid_client", error_description: `bad: ${request.body}` }),
		only: "token",
		expiresInMs: -1,
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a token answer cut off in the middle of a new token",
		responder: () => text(200, `{"access_token":"${NEW_ACCESS}","refresh_token":"${NEW_REFRESH.slice(0, 30)}`),
		only: "token",
		expiresInMs: -1,
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a token answer of the wrong shape",
		responder: () => json(200, { access_token: NEW_ACCESS, refresh_token: NEW_REFRESH, expires_in: "soon" }),
		only: "token",
		expiresInMs: -1,
		act: (h) => h.api.getShopReceipts(SHOP_ID, {}),
	},
	{
		name: "a paging failure, reported in the outcome",
		responder: (request) => text(503, echo(request)),
		only: "api",
		act: (h) => {
			const outcome = pullChangedReceipts(h.api, { shopId: SHOP_ID, cursorMs: null, onPage: () => {} });
			throw outcome.error ?? new Error(outcome.summary);
		},
	},
	{
		name: "a code exchange refused with the code and verifier echoed",
		responder: (request) => json(400, { error: "invalid_grant", error_description: `${request.body}` }),
		only: "token",
		act: (h) => {
			h.oauth.startAuthorization("state-1");
			const result = h.oauth.completeAuthorization({ code: CODE, state: "state-1" });
			throw new Error(result.kind === "connected" ? "connected" : result.message);
		},
	},
	{
		name: "a code exchange whose transport failure echoes the form",
		responder: (request) => {
			throw new Error(`socket hang up: ${request.body}`);
		},
		only: "token",
		act: (h) => {
			h.oauth.startAuthorization("state-1");
			const result = h.oauth.completeAuthorization({ code: CODE, state: "state-1" });
			throw new Error(result.kind === "connected" ? "connected" : result.message);
		},
	},
];

describe("no secret in any error message or log line", () => {
	for (const scenario of scenarios) {
		it(scenario.name, () => {
			const h = etsyWorld();
			const signedIn = readTokens(h.store);
			h.clock.advance(3_600_000 - (scenario.expiresInMs ?? 3_600_000));
			h.http.intercept((exchange) => {
				const token = exchange.path === TOKEN_PATH;
				if ((scenario.only === "api" && token) || (scenario.only === "token" && !token)) return undefined;
				return scenario.responder(exchange.request);
			});
			let error: unknown = null;
			try {
				scenario.act(h);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(Error);
			const verifier = JSON.parse(h.store.get(ETSY_STORE_KEYS.pending) ?? '{"verifier":"no-verifier-stored"}').verifier;
			const now = readTokens(h.store);
			const tokens = [signedIn, now].flatMap((t) => (t ? [t.accessToken, t.refreshToken] : []));
			const secrets = [SHARED_SECRET, ...tokens, NEW_ACCESS, NEW_REFRESH, CODE, verifier];
			const exposed = [String(error), (error as Error).stack ?? "", ...h.log.lines].join("\n");
			for (const secret of secrets) {
				expect(exposed).not.toContain(secret);
				// Nor a recognisable part of one.
				expect(exposed).not.toContain(secret.slice(-16));
			}
			// The message still says what happened.
			expect((error as Error).message).toMatch(/Etsy/);
		});
	}
});
