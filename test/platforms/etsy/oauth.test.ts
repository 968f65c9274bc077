import { describe, expect, it } from "vitest";
import { EtsySignInError } from "../../../src/platforms/etsy/errors.js";
import { ETSY_STORE_KEYS, EtsyOAuth } from "../../../src/platforms/etsy/oauth.js";
import { FakeClock, FakeStore, json, nodeCrypto } from "../harness/stand-ins.js";
import { FakeHttp, formOf, sequence } from "./fakes.js";
import {
	ACCESS_TOKEN,
	BASE,
	harness,
	isTokenRequest,
	KEYSTRING,
	REDIRECT_URI,
	REFRESH_TOKEN,
	tokenAnswer,
} from "./harness.js";

const STATE = "apps-script-state-token-abc";

function stored(store: FakeStore, key: string): Record<string, unknown> {
	const raw = store.get(key);
	if (raw === null) throw new Error(`nothing stored under ${key}`);
	return JSON.parse(raw) as Record<string, unknown>;
}

describe("starting the sign-in", () => {
	it("builds Etsy's authorize URL with an S256 challenge of the stored verifier", () => {
		const { oauth, store, http } = harness(sequence(json(500, {})), { signedIn: false });
		const url = new URL(oauth.startAuthorization(STATE));

		expect(`${url.origin}${url.pathname}`).toBe("https://www.etsy.com/oauth/connect");
		const params = Object.fromEntries(url.searchParams);
		const verifier = String(stored(store, ETSY_STORE_KEYS.pending).verifier);
		expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{64,128}$/);
		expect(params).toEqual({
			response_type: "code",
			client_id: KEYSTRING,
			redirect_uri: REDIRECT_URI,
			scope: "transactions_r transactions_w",
			state: STATE,
			code_challenge: nodeCrypto.sha256Base64Url(verifier),
			code_challenge_method: "S256",
		});
		expect(url.search).toContain("scope=transactions_r%20transactions_w");
		expect(url.search).not.toContain("shops_r");
		expect(http.requests).toHaveLength(0);
	});

	it("uses a configured authorize URL (the sandbox) and a fresh verifier each time", () => {
		const store = new FakeStore();
		const oauth = new EtsyOAuth({
			http: new FakeHttp(sequence(json(500, {}))),
			clock: new FakeClock(),
			store,
			crypto: nodeCrypto,
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
			authorizeUrl: "http://localhost:4010/oauth/connect",
		});
		expect(oauth.startAuthorization(STATE)).toMatch(/^http:\/\/localhost:4010\/oauth\/connect\?response_type=code&/);
		const first = stored(store, ETSY_STORE_KEYS.pending).verifier;
		oauth.startAuthorization(STATE);
		expect(stored(store, ETSY_STORE_KEYS.pending).verifier).not.toBe(first);
	});

	it("refuses a verifier outside the unreserved set", () => {
		const oauth = new EtsyOAuth({
			http: new FakeHttp(sequence(json(500, {}))),
			clock: new FakeClock(),
			store: new FakeStore(),
			crypto: { ...nodeCrypto, randomToken: (n) => "+/".repeat(n / 2) },
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
		});
		expect(() => oauth.startAuthorization(STATE)).toThrow(/verifier/);
	});
});

describe("completing the sign-in", () => {
	it("exchanges the code with the verifier and stores the tokens with their expiry", () => {
		const { oauth, store, http, clock } = harness(sequence(tokenAnswer(1)), { signedIn: false });
		oauth.startAuthorization(STATE);
		const verifier = stored(store, ETSY_STORE_KEYS.pending).verifier;

		expect(oauth.completeAuthorization({ code: "the-code-123", state: STATE })).toEqual({
			kind: "connected",
			userId: "12345678",
		});

		const [request] = http.requests;
		expect(request?.method).toBe("post");
		expect(request?.url).toBe(`${BASE}/v3/public/oauth/token`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		expect(request && formOf(request)).toEqual({
			grant_type: "authorization_code",
			client_id: KEYSTRING,
			redirect_uri: REDIRECT_URI,
			code: "the-code-123",
			code_verifier: verifier,
		});
		// Etsy's apps are public clients: the shared secret is not part of the token exchange.
		expect(request?.headers?.["x-api-key"]).toBeUndefined();
		expect(stored(store, ETSY_STORE_KEYS.tokens)).toEqual({
			accessToken: "12345678.access-new-1-aaaaaaaaaaaaaaaaaaaa",
			refreshToken: "12345678.refresh-new-1-rrrrrrrrrrrrrrrrrrrr",
			expiresAtMs: clock.nowMs + 3_600_000,
			userId: "12345678",
			savedAtMs: clock.nowMs,
		});
		expect(store.get(ETSY_STORE_KEYS.pending)).toBeNull();
		expect(oauth.connectionState()).toEqual({
			kind: "connected",
			userId: "12345678",
			accessExpiresAtMs: clock.nowMs + 3_600_000,
		});
	});

	it("refuses a callback whose state is not the one it started, without calling Etsy", () => {
		const { oauth, http } = harness(sequence(tokenAnswer(1)), { signedIn: false });
		oauth.startAuthorization(STATE);
		const result = oauth.completeAuthorization({ code: "c", state: "someone-elses-state" });
		expect(result.kind).toBe("failed");
		expect(http.requests).toHaveLength(0);
		expect(
			harness(sequence(tokenAnswer(1)), { signedIn: false }).oauth.completeAuthorization({ code: "c", state: STATE })
				.kind,
		).toBe("failed");
	});

	it("reports a denied sign-in in plain words", () => {
		const { oauth } = harness(sequence(tokenAnswer(1)), { signedIn: false });
		oauth.startAuthorization(STATE);
		const result = oauth.completeAuthorization({
			error: "access_denied",
			error_description: "The user denied access",
			state: STATE,
		});
		expect(result).toEqual({
			kind: "denied",
			message:
				"Etsy access was not granted (access_denied: The user denied access). Try connecting Etsy again from the Hubsheet menu.",
		});
	});

	it("reports a code Etsy refuses", () => {
		const { oauth, store } = harness(
			sequence(json(400, { error: "invalid_grant", error_description: "code has expired" })),
			{ signedIn: false },
		);
		oauth.startAuthorization(STATE);
		const result = oauth.completeAuthorization({ code: "old-code-xyz", state: STATE });
		expect(result).toEqual({
			kind: "failed",
			message:
				"Etsy refused the sign-in (HTTP 400: invalid_grant: code has expired). Try connecting Etsy again from the Hubsheet menu.",
		});
		expect(store.get(ETSY_STORE_KEYS.tokens)).toBeNull();
	});
});

describe("getting an access token", () => {
	it("returns the stored token while it is fresh, without calling Etsy", () => {
		const { oauth, http } = harness(sequence(tokenAnswer(1)));
		expect(oauth.accessToken()).toBe(ACCESS_TOKEN);
		expect(oauth.accessToken()).toBe(ACCESS_TOKEN);
		expect(http.requests).toHaveLength(0);
	});

	it("refreshes an expired token and stores both new tokens", () => {
		const { oauth, http, store, clock } = harness(sequence(tokenAnswer(1)), { expiresInMs: -1000 });
		expect(oauth.accessToken()).toBe("12345678.access-new-1-aaaaaaaaaaaaaaaaaaaa");
		const [request] = http.requests;
		expect(request && formOf(request)).toEqual({
			grant_type: "refresh_token",
			client_id: KEYSTRING,
			refresh_token: REFRESH_TOKEN,
		});
		expect(stored(store, ETSY_STORE_KEYS.tokens)).toMatchObject({
			refreshToken: "12345678.refresh-new-1-rrrrrrrrrrrrrrrrrrrr",
			expiresAtMs: clock.nowMs + 3_600_000,
		});
	});

	it("refreshes within 60 s of expiry, not earlier", () => {
		const early = harness(sequence(tokenAnswer(1)), { expiresInMs: 61_000 });
		expect(early.oauth.accessToken()).toBe(ACCESS_TOKEN);
		expect(early.http.requests).toHaveLength(0);

		const late = harness(sequence(tokenAnswer(1)), { expiresInMs: 59_000 });
		expect(late.oauth.accessToken()).toBe("12345678.access-new-1-aaaaaaaaaaaaaaaaaaaa");
		expect(late.http.requests).toHaveLength(1);
	});

	it("stores the rotated refresh token on every refresh and uses it for the next one", () => {
		let n = 0;
		const { oauth, http, store, clock } = harness(() => tokenAnswer(++n), { expiresInMs: -1 });
		for (let round = 1; round <= 3; round++) {
			expect(oauth.accessToken()).toBe(`12345678.access-new-${round}-aaaaaaaaaaaaaaaaaaaa`);
			expect(stored(store, ETSY_STORE_KEYS.tokens).refreshToken).toBe(
				`12345678.refresh-new-${round}-rrrrrrrrrrrrrrrrrrrr`,
			);
			clock.advance(3_600_000);
		}
		expect(http.requests.map((request) => formOf(request).refresh_token)).toEqual([
			REFRESH_TOKEN,
			"12345678.refresh-new-1-rrrrrrrrrrrrrrrrrrrr",
			"12345678.refresh-new-2-rrrrrrrrrrrrrrrrrrrr",
		]);
		expect(store.writes.filter(([key]) => key === ETSY_STORE_KEYS.tokens)).toHaveLength(3);
	});

	it("turns a revoked grant into a reconnect state, keeping the stored tokens", () => {
		const { oauth, http, store } = harness(
			sequence(json(400, { error: "invalid_grant", error_description: "refresh_token is revoked" })),
			{ expiresInMs: -1 },
		);
		const error = captureError(() => oauth.accessToken());
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			kind: "auth",
			reconnect: true,
			reason: "revoked",
			etsyCode: "invalid_grant",
			endpoint: "oauthToken",
		});
		expect((error as Error).message).toMatch(/Reconnect Etsy from the Hubsheet menu/);
		expect(oauth.connectionState()).toMatchObject({ kind: "reconnect-required", reason: "revoked" });
		expect(stored(store, ETSY_STORE_KEYS.tokens).refreshToken).toBe(REFRESH_TOKEN);

		// Later calls, in this execution or the next, fail without asking Etsy again.
		expect(() => oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		const nextRun = new EtsyOAuth({
			http,
			clock: new FakeClock(),
			store,
			crypto: nodeCrypto,
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
			apiBaseUrl: BASE,
		});
		expect(() => nextRun.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		expect(http.requests).toHaveLength(1);
	});

	it("clears the reconnect state when the owner signs in again", () => {
		const { oauth, http } = harness(sequence(json(400, { error: "invalid_grant" })), { expiresInMs: -1 });
		expect(() => oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		http.respondWith(sequence(tokenAnswer(7)));
		oauth.startAuthorization(STATE);
		expect(oauth.completeAuthorization({ code: "new-code", state: STATE }).kind).toBe("connected");
		expect(oauth.connectionState().kind).toBe("connected");
		expect(oauth.accessToken()).toBe("12345678.access-new-7-aaaaaaaaaaaaaaaaaaaa");
	});

	it("uses tokens another execution rotated meanwhile instead of declaring the grant lost", () => {
		const { oauth, store, clock } = harness(
			(request) => {
				// Another execution refreshed first: our refresh token is now refused.
				expect(formOf(request).refresh_token).toBe(REFRESH_TOKEN);
				store.values.set(
					ETSY_STORE_KEYS.tokens,
					JSON.stringify({
						accessToken: "12345678.access-other-aaaaaaaaaaaaaaaaa",
						refreshToken: "12345678.refresh-other-rrrrrrrrrrrrrrrr",
						expiresAtMs: clock.nowMs + 3_600_000,
						userId: "12345678",
						savedAtMs: clock.nowMs,
					}),
				);
				return json(400, { error: "invalid_grant", error_description: "refresh_token is revoked" });
			},
			{ expiresInMs: -1 },
		);
		expect(oauth.accessToken()).toBe("12345678.access-other-aaaaaaaaaaaaaaaaa");
		expect(store.get(ETSY_STORE_KEYS.reconnect)).toBeNull();
	});

	it("keeps using a token that is about to expire when Etsy's token endpoint is down, and fails typed once it has expired", () => {
		const { oauth, http, clock } = harness(sequence(json(503, { error: "Server Error" })), { expiresInMs: 30_000 });
		expect(oauth.accessToken()).toBe(ACCESS_TOKEN);
		expect(http.requests).toHaveLength(3);
		clock.advance(60_000);
		const error = captureError(() => oauth.accessToken());
		expect(error).toMatchObject({ platform: "Etsy", kind: "unavailable", options: { status: 503 } });
		expect((error as Error).message).toBe("Etsy oauthToken failed with HTTP 503 after 3 attempts: Server Error");
		expect(oauth.connectionState().kind).toBe("connected");
	});

	it("says Etsy is not connected when nothing is stored", () => {
		const { oauth } = harness(sequence(tokenAnswer(1)), { signedIn: false });
		const error = captureError(() => oauth.accessToken());
		expect(error).toMatchObject({ reason: "not-connected" });
		expect((error as Error).message).toMatch(
			/^Etsy is not connected to Hubsheet yet\. Reconnect Etsy from the Hubsheet menu/,
		);
		expect(oauth.connectionState()).toEqual({ kind: "not-connected" });
	});

	it("treats unreadable stored tokens as a reconnect, without quoting them", () => {
		const { oauth, store } = harness(sequence(tokenAnswer(1)), { signedIn: false });
		store.values.set(ETSY_STORE_KEYS.tokens, '{"accessToken":"12345678.half-a-tok');
		const error = captureError(() => oauth.accessToken());
		expect(error).toMatchObject({ reason: "unreadable" });
		expect((error as Error).message).not.toContain("half-a-tok");
		expect(oauth.connectionState()).toMatchObject({ kind: "reconnect-required", reason: "unreadable" });
	});

	it("forgets everything on disconnect", () => {
		const { oauth, store } = harness(sequence(tokenAnswer(1)));
		oauth.startAuthorization(STATE);
		oauth.disconnect();
		expect([...store.values.keys()]).toEqual([]);
		expect(() => oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
	});

	it("sends token requests to the configured base URL only", () => {
		const { oauth, http } = harness(sequence(tokenAnswer(1)), { expiresInMs: -1 });
		oauth.accessToken();
		expect(http.requests.every(isTokenRequest)).toBe(true);
	});
});

function captureError(action: () => unknown): unknown {
	try {
		action();
	} catch (error) {
		return error;
	}
	throw new Error("expected an error");
}

describe("a request without the lock (a trigger run's quiet check)", () => {
	it("is allowed only with a fresh token and nothing to write back: never when a renewal or a run of refusals is due", () => {
		expect(harness(sequence(json(500, {}))).oauth.hasFreshAccess()).toBe(true);
		// Near expiry: the full run renews it, under the lock.
		expect(harness(sequence(json(500, {})), { expiresInMs: 30_000 }).oauth.hasFreshAccess()).toBe(false);
		expect(harness(sequence(json(500, {})), { signedIn: false }).oauth.hasFreshAccess()).toBe(false);
		// Etsy refused the token in an earlier run: accepting it now would write the tokens back.
		const refused = harness(sequence(json(500, {})));
		const tokens = stored(refused.store, ETSY_STORE_KEYS.tokens);
		refused.store.values.set(ETSY_STORE_KEYS.tokens, JSON.stringify({ ...tokens, refusedRuns: 1 }));
		expect(refused.nextRun().oauth.hasFreshAccess()).toBe(false);
		expect(refused.http.requests).toHaveLength(0);
	});
});
