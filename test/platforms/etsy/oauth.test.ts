/**
 * Etsy's sign-in against the Etsy sandbox in this process: the authorize page, the PKCE code exchange
 * and the refresh-token rotation are the sandbox's own (local/sandbox/etsy/oauth.ts); an answer it
 * does not give (its token endpoint down) is injected for that request only.
 */
import { describe, expect, it } from "vitest";
import { EtsySignInError } from "../../../src/platforms/etsy/errors.js";
import { ETSY_STORE_KEYS, EtsyOAuth } from "../../../src/platforms/etsy/oauth.js";
import type { HttpRequest } from "../../../src/ports.js";
import { InProcessHttp, once } from "../harness/in-process-http.js";
import { FakeClock, type FakeStore, json, nodeCrypto } from "../harness/stand-ins.js";
import {
	BASE,
	type EtsyWorld,
	etsySandbox,
	etsyWorld,
	KEYSTRING,
	REDIRECT_URI,
	TOKEN_PATH,
	USER_ID,
} from "./sandbox-world.js";

const STATE = "apps-script-state-token-abc";
const formOf = (request: HttpRequest) => Object.fromEntries(new URLSearchParams(request.body ?? ""));

function stored(store: FakeStore, key: string): Record<string, unknown> {
	const raw = store.get(key);
	if (raw === null) throw new Error(`nothing stored under ${key}`);
	return JSON.parse(raw) as Record<string, unknown>;
}

/** Moves the owner's clock so the sandbox-issued access token (an hour's life) has `ms` left. */
function expiresIn(w: EtsyWorld, ms: number): EtsyWorld {
	w.clock.advance(3_600_000 - ms);
	return w;
}

/** The code the sandbox's authorize page gives for the sign-in `w.oauth` started. */
function approvedCode(w: EtsyWorld, state = STATE): string {
	const page = w.oauth.startAuthorization(state);
	const location = w.http.fetch({ url: page, method: "get" }).headers.location ?? "";
	w.http.requests.splice(0);
	return new URL(location).searchParams.get("code") ?? "";
}

const tokensOf = (w: EtsyWorld) => stored(w.store, ETSY_STORE_KEYS.tokens);

describe("starting the sign-in", () => {
	it("builds Etsy's authorize URL with an S256 challenge of the stored verifier", () => {
		const http = new InProcessHttp(etsySandbox());
		const w = etsyWorld({ signedIn: false });
		const oauth = new EtsyOAuth({
			http,
			clock: w.clock,
			store: w.store,
			crypto: nodeCrypto,
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
		});
		const url = new URL(oauth.startAuthorization(STATE));

		expect(`${url.origin}${url.pathname}`).toBe("https://www.etsy.com/oauth/connect");
		const params = Object.fromEntries(url.searchParams);
		const verifier = String(stored(w.store, ETSY_STORE_KEYS.pending).verifier);
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
		const w = etsyWorld({ signedIn: false });
		expect(w.oauth.startAuthorization(STATE)).toMatch(
			/^https:\/\/etsy\.sandbox\.test\/oauth\/connect\?response_type=code&/,
		);
		const first = stored(w.store, ETSY_STORE_KEYS.pending).verifier;
		w.oauth.startAuthorization(STATE);
		expect(stored(w.store, ETSY_STORE_KEYS.pending).verifier).not.toBe(first);
		// The sandbox's authorize page takes it: S256, the registered keystring, a state.
		const answer = w.http.fetch({ url: w.oauth.startAuthorization(STATE), method: "get" });
		expect(new URL(answer.headers.location ?? "").searchParams.get("code")).toMatch(/^\S{20,}$/);
	});

	it("refuses a verifier outside the unreserved set", () => {
		const oauth = new EtsyOAuth({
			http: new InProcessHttp(etsySandbox()),
			clock: new FakeClock(),
			store: etsyWorld({ signedIn: false }).store,
			crypto: { ...nodeCrypto, randomToken: (n) => "+/".repeat(n / 2) },
			keystring: KEYSTRING,
			redirectUri: REDIRECT_URI,
		});
		expect(() => oauth.startAuthorization(STATE)).toThrow(/verifier/);
	});
});

describe("completing the sign-in", () => {
	it("exchanges the code with the verifier and stores the tokens with their expiry", () => {
		const w = etsyWorld({ signedIn: false });
		const code = approvedCode(w);
		const verifier = stored(w.store, ETSY_STORE_KEYS.pending).verifier;

		expect(w.oauth.completeAuthorization({ code, state: STATE })).toEqual({ kind: "connected", userId: USER_ID });

		const [request] = w.http.requests;
		expect(request?.method).toBe("post");
		expect(request?.url).toBe(`${BASE}${TOKEN_PATH}`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		expect(request && formOf(request)).toEqual({
			grant_type: "authorization_code",
			client_id: KEYSTRING,
			redirect_uri: REDIRECT_URI,
			code,
			code_verifier: verifier,
		});
		// Etsy's apps are public clients: the shared secret is not part of the token exchange.
		expect(request?.headers?.["x-api-key"]).toBeUndefined();
		const tokens = tokensOf(w);
		expect(tokens).toEqual({
			accessToken: expect.stringMatching(new RegExp(`^${USER_ID}\\.`)),
			refreshToken: expect.stringMatching(new RegExp(`^${USER_ID}\\.`)),
			expiresAtMs: w.clock.nowMs + 3_600_000,
			userId: USER_ID,
			savedAtMs: w.clock.nowMs,
		});
		// The tokens are the ones the sandbox issued.
		expect(w.sandbox.state.tokens.get(String(tokens.accessToken))?.kind).toBe("access");
		expect(w.store.get(ETSY_STORE_KEYS.pending)).toBeNull();
		expect(w.oauth.connectionState()).toEqual({
			kind: "connected",
			userId: USER_ID,
			accessExpiresAtMs: w.clock.nowMs + 3_600_000,
		});
	});

	it("refuses a callback whose state is not the one it started, without calling Etsy", () => {
		const w = etsyWorld({ signedIn: false });
		const code = approvedCode(w);
		const result = w.oauth.completeAuthorization({ code, state: "someone-elses-state" });
		expect(result.kind).toBe("failed");
		expect(w.http.requests).toHaveLength(0);
		expect(etsyWorld({ signedIn: false }).oauth.completeAuthorization({ code, state: STATE }).kind).toBe("failed");
	});

	it("reports a denied sign-in in plain words", () => {
		// The owner presses Deny on Etsy's page: the sandbox redirects back with access_denied.
		const w = etsyWorld({ signedIn: false, sandbox: { settings: { denyAuthorization: true } } });
		const back = new URL(w.http.fetch({ url: w.oauth.startAuthorization(STATE), method: "get" }).headers.location ?? "")
			.searchParams;
		const result = w.oauth.completeAuthorization({
			error: back.get("error") ?? undefined,
			error_description: back.get("error_description") ?? undefined,
			state: back.get("state") ?? undefined,
		});
		expect(result).toEqual({
			kind: "denied",
			message:
				"Etsy access was not granted (access_denied: The user denied the request). Try connecting Etsy again from the Hubsheet menu.",
		});
	});

	it("reports a code Etsy refuses", () => {
		const w = etsyWorld({ signedIn: false });
		const code = approvedCode(w);
		// Used once already (a reload of the callback page): Etsy refuses it the second time.
		expect(w.oauth.completeAuthorization({ code, state: STATE }).kind).toBe("connected");
		w.oauth.disconnect();
		w.oauth.startAuthorization(STATE);
		const result = w.oauth.completeAuthorization({ code, state: STATE });
		expect(result).toEqual({
			kind: "failed",
			message:
				"Etsy refused the sign-in (HTTP 400: invalid_grant: code has already been used). Try connecting Etsy again from the Hubsheet menu.",
		});
		expect(w.store.get(ETSY_STORE_KEYS.tokens)).toBeNull();
	});
});

describe("getting an access token", () => {
	it("returns the stored token while it is fresh, without calling Etsy", () => {
		const w = etsyWorld();
		const token = String(tokensOf(w).accessToken);
		expect(w.oauth.accessToken()).toBe(token);
		expect(w.oauth.accessToken()).toBe(token);
		expect(w.http.requests).toHaveLength(0);
	});

	it("refreshes an expired token and stores both new tokens", () => {
		const w = expiresIn(etsyWorld(), -1000);
		const before = tokensOf(w);
		const renewed = w.oauth.accessToken();
		expect(renewed).not.toBe(before.accessToken);
		const [request] = w.http.requests;
		expect(request && formOf(request)).toEqual({
			grant_type: "refresh_token",
			client_id: KEYSTRING,
			refresh_token: before.refreshToken,
		});
		const after = tokensOf(w);
		expect(after).toMatchObject({ accessToken: renewed, expiresAtMs: w.clock.nowMs + 3_600_000 });
		expect(after.refreshToken).not.toBe(before.refreshToken);
		expect(w.sandbox.state.tokens.get(String(after.refreshToken))?.kind).toBe("refresh");
	});

	it("refreshes within 60 s of expiry, not earlier", () => {
		const early = expiresIn(etsyWorld(), 61_000);
		expect(early.oauth.accessToken()).toBe(tokensOf(early).accessToken);
		expect(early.http.requests).toHaveLength(0);

		const late = expiresIn(etsyWorld(), 59_000);
		const token = tokensOf(late).accessToken;
		expect(late.oauth.accessToken()).not.toBe(token);
		expect(late.http.requests).toHaveLength(1);
	});

	it("stores the rotated refresh token on every refresh and uses it for the next one", () => {
		const w = expiresIn(etsyWorld(), -1);
		const writesBefore = w.store.writes.length;
		const refreshTokens = [tokensOf(w).refreshToken];
		for (let round = 1; round <= 3; round++) {
			expect(w.oauth.accessToken()).toBe(tokensOf(w).accessToken);
			refreshTokens.push(tokensOf(w).refreshToken);
			w.clock.advance(3_600_000);
		}
		expect(new Set(refreshTokens).size).toBe(4);
		// Each refresh sent the one the last refresh returned: the sandbox refuses a rotated one.
		expect(w.http.requests.map((request) => formOf(request).refresh_token)).toEqual(refreshTokens.slice(0, 3));
		expect(w.store.writes.slice(writesBefore).filter(([key]) => key === ETSY_STORE_KEYS.tokens)).toHaveLength(3);
	});

	it("turns a revoked grant into a reconnect state, keeping the stored tokens", () => {
		const w = expiresIn(etsyWorld(), -1);
		const refreshToken = tokensOf(w).refreshToken;
		// The owner changed the Etsy password (NOTES.md): every token stops working.
		w.sandbox.state.revokeAll();
		const error = captureError(() => w.oauth.accessToken());
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			kind: "auth",
			reconnect: true,
			reason: "revoked",
			etsyCode: "invalid_grant",
			endpoint: "oauthToken",
		});
		expect((error as Error).message).toMatch(/Reconnect Etsy from the Hubsheet menu/);
		expect(w.oauth.connectionState()).toMatchObject({ kind: "reconnect-required", reason: "revoked" });
		expect(tokensOf(w).refreshToken).toBe(refreshToken);

		// Later calls, in this execution or the next, fail without asking Etsy again.
		expect(() => w.oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		expect(() => w.nextRun().oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		expect(w.http.requests).toHaveLength(1);
	});

	it("clears the reconnect state when the owner signs in again", () => {
		const w = expiresIn(etsyWorld(), -1);
		w.sandbox.state.revokeAll();
		expect(() => w.oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
		const code = approvedCode(w);
		expect(w.oauth.completeAuthorization({ code, state: STATE }).kind).toBe("connected");
		expect(w.oauth.connectionState().kind).toBe("connected");
		expect(w.oauth.accessToken()).toBe(tokensOf(w).accessToken);
	});

	it("uses tokens another execution rotated meanwhile instead of declaring the grant lost", () => {
		const w = expiresIn(etsyWorld(), -1);
		const other = w.nextRun().oauth;
		let raced = false;
		// Another execution refreshes while ours is on its way: the sandbox rotates the refresh
		// token ours carries, and refuses it.
		w.http.intercept((exchange) => {
			if (exchange.path !== TOKEN_PATH || raced) return undefined;
			raced = true;
			other.accessToken();
			return undefined;
		});
		const theirs = () => tokensOf(w).accessToken;
		expect(w.oauth.accessToken()).toBe(theirs());
		expect(w.http.requests).toHaveLength(2);
		expect(w.store.get(ETSY_STORE_KEYS.reconnect)).toBeNull();
	});

	it("keeps using a token that is about to expire when Etsy's token endpoint is down, and fails typed once it has expired", () => {
		const w = expiresIn(etsyWorld(), 30_000);
		w.http.intercept(once("POST", TOKEN_PATH, json(503, { error: "Server Error" }), { times: 100 }));
		expect(w.oauth.accessToken()).toBe(tokensOf(w).accessToken);
		expect(w.http.requests).toHaveLength(3);
		w.clock.advance(60_000);
		const error = captureError(() => w.oauth.accessToken());
		expect(error).toMatchObject({ platform: "Etsy", kind: "unavailable", options: { status: 503 } });
		expect((error as Error).message).toBe("Etsy oauthToken failed with HTTP 503 after 3 attempts: Server Error");
		expect(w.oauth.connectionState().kind).toBe("connected");
	});

	it("says Etsy is not connected when nothing is stored", () => {
		const { oauth } = etsyWorld({ signedIn: false });
		const error = captureError(() => oauth.accessToken());
		expect(error).toMatchObject({ reason: "not-connected" });
		expect((error as Error).message).toMatch(
			/^Etsy is not connected to Hubsheet yet\. Reconnect Etsy from the Hubsheet menu/,
		);
		expect(oauth.connectionState()).toEqual({ kind: "not-connected" });
	});

	it("treats unreadable stored tokens as a reconnect, without quoting them", () => {
		const { oauth, store } = etsyWorld({ signedIn: false });
		store.values.set(ETSY_STORE_KEYS.tokens, '{"accessToken":"12345678.half-a-tok');
		const error = captureError(() => oauth.accessToken());
		expect(error).toMatchObject({ reason: "unreadable" });
		expect((error as Error).message).not.toContain("half-a-tok");
		expect(oauth.connectionState()).toMatchObject({ kind: "reconnect-required", reason: "unreadable" });
	});

	it("forgets everything on disconnect", () => {
		const { oauth, store } = etsyWorld();
		oauth.startAuthorization(STATE);
		oauth.disconnect();
		expect([...store.values.keys()]).toEqual([]);
		expect(() => oauth.accessToken()).toThrow(/Reconnect Etsy from the Hubsheet menu/);
	});

	it("sends token requests to the configured base URL only", () => {
		const w = expiresIn(etsyWorld(), -1);
		w.oauth.accessToken();
		expect(w.http.requests.map((request) => request.url)).toEqual([`${BASE}${TOKEN_PATH}`]);
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
		expect(etsyWorld().oauth.hasFreshAccess()).toBe(true);
		// Near expiry: the full run renews it, under the lock.
		expect(expiresIn(etsyWorld(), 30_000).oauth.hasFreshAccess()).toBe(false);
		expect(etsyWorld({ signedIn: false }).oauth.hasFreshAccess()).toBe(false);
		// Etsy refused the token in an earlier run: accepting it now would write the tokens back.
		const refused = etsyWorld();
		const tokens = tokensOf(refused);
		refused.store.values.set(ETSY_STORE_KEYS.tokens, JSON.stringify({ ...tokens, refusedRuns: 1 }));
		expect(refused.nextRun().oauth.hasFreshAccess()).toBe(false);
		expect(refused.http.requests).toHaveLength(0);
	});
});
