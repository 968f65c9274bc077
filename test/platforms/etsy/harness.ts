/** An EtsyApi wired to fakes, signed in with tokens that are valid for the next hour. */

import { EtsyApi, type EtsyApiOptions } from "../../../src/platforms/etsy/client.js";
import { ETSY_STORE_KEYS, EtsyOAuth } from "../../../src/platforms/etsy/oauth.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { FakeClock, FakeLog, FakeStore, json, nodeCrypto } from "../harness/stand-ins.js";
import { FakeHttp, type Responder } from "./fakes.js";
import type { Wire } from "./receipt-fixtures.js";

export const BASE = "https://etsy-sandbox.test";
export const KEYSTRING = "keystringabc123";
export const SHARED_SECRET = "sharedsecret-XYZ-987";
export const ACCESS_TOKEN = "12345678.access-aaaaaaaaaaaaaaaaaaaaaaaa";
export const REFRESH_TOKEN = "12345678.refresh-rrrrrrrrrrrrrrrrrrrrrrrr";
export const REDIRECT_URI = "https://script.google.com/macros/d/SCRIPT_ID/usercallback";
export const SHOP_ID = "5550001";

export function tokenAnswer(n: number, expiresIn = 3600): HttpResponse {
	return json(200, {
		access_token: `12345678.access-new-${n}-aaaaaaaaaaaaaaaaaaaa`,
		token_type: "Bearer",
		expires_in: expiresIn,
		refresh_token: `12345678.refresh-new-${n}-rrrrrrrrrrrrrrrrrrrr`,
	});
}

export function isTokenRequest(request: HttpRequest): boolean {
	return request.url === `${BASE}/v3/public/oauth/token`;
}

export interface Harness {
	http: FakeHttp;
	store: FakeStore;
	clock: FakeClock;
	log: FakeLog;
	oauth: EtsyOAuth;
	api: EtsyApi;
	/** A new execution: fresh OAuth and API objects (no per-execution state) on the same Store and Etsy. */
	nextRun(): { oauth: EtsyOAuth; api: EtsyApi };
}

export function harness(
	responder: Responder,
	options: { signedIn?: boolean; expiresInMs?: number; api?: Partial<EtsyApiOptions> } = {},
): Harness {
	const http = new FakeHttp(responder);
	const store = new FakeStore();
	const clock = new FakeClock();
	const log = new FakeLog();
	if (options.signedIn !== false) {
		store.values.set(
			ETSY_STORE_KEYS.tokens,
			JSON.stringify({
				accessToken: ACCESS_TOKEN,
				refreshToken: REFRESH_TOKEN,
				expiresAtMs: clock.nowMs + (options.expiresInMs ?? 3_600_000),
				userId: "12345678",
				savedAtMs: clock.nowMs,
			}),
		);
	}
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
	return { http, store, clock, log, oauth, api, nextRun: make };
}

/** A getShopReceipts endpoint over a fixed list, honouring limit and offset as Etsy does. */
export function receiptsEndpoint(
	receipts: Wire[],
	headers: (request: HttpRequest) => Record<string, string> = () => ({}),
): (request: HttpRequest) => HttpResponse {
	return (request) => {
		const query = new URL(request.url).searchParams;
		const limit = Number(query.get("limit") ?? 25);
		const offset = Number(query.get("offset") ?? 0);
		return json(200, { count: receipts.length, results: receipts.slice(offset, offset + limit) }, headers(request));
	};
}
