/**
 * Furgonetka's OAuth against the sandbox's token endpoint and sessions: one login, then the stored
 * token for its lifetime, then the refresh token; a new login only when nothing else works, never per
 * run (a 21st session revokes the oldest, which the sandbox does).
 */
import { describe, expect, it } from "vitest";
import { FURGONETKA_STORE_KEYS } from "../../../src/platforms/furgonetka/oauth.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { json, text } from "../harness/stand-ins.js";
import { BASE, CREDENTIALS, type Harness, harness, once, pathOf } from "./harness.js";

const DAY = 86_400_000;
const TOKEN = /^\/oauth\/token$/;
const SERVICES = /^\/account\/services$/;

function tokenRequests(h: Harness) {
	return h.http.requests.filter((r) => pathOf(r) === "/oauth/token");
}

function form(h: Harness, index: number): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(tokenRequests(h)[index]?.body ?? ""));
}

function stored(h: Harness): { accessToken?: string; refreshToken?: string; expiresAtMs?: number } {
	return JSON.parse(h.store.get(FURGONETKA_STORE_KEYS.tokens) ?? "{}");
}

/** The session Hubsheet's logins opened (the first one), as Furgonetka holds it. */
function session(h: Harness) {
	const [first] = h.sandbox.state.sessions;
	if (!first) throw new Error("no session");
	return first;
}

/** A token-shaped string Furgonetka never issued. */
function jwtLike(label: string): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
	return `${part({ typ: "JWT" })}.${part({ label })}.${Buffer.from(`signature-${label}-0123456789`).toString("base64url")}`;
}

describe("Furgonetka sign-in", () => {
	it("logs in once with the password grant, Basic client credentials and scope api, and stores the token", () => {
		const h = harness();
		h.connector().services();
		const [request] = tokenRequests(h);
		expect(request?.url).toBe(`${BASE}/oauth/token`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		const basic = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64");
		expect(request?.headers?.authorization).toBe(`Basic ${basic}`);
		expect(form(h, 0)).toEqual({
			grant_type: "password",
			scope: "api",
			username: CREDENTIALS.username,
			password: CREDENTIALS.password,
		});
		expect(stored(h).accessToken).toBe(session(h).accessToken);
		expect(stored(h).refreshToken).toBe(session(h).refreshToken);
		expect(stored(h).expiresAtMs).toBe(h.clock.nowMs + 2_592_000_000);
		const api = h.http.requests.find((r) => pathOf(r) === "/account/services");
		expect(api?.headers?.authorization).toBe(`Bearer ${session(h).accessToken}`);
	});

	it("reuses the stored token in every later run for its lifetime: one login over 29 days of runs", () => {
		const h = harness();
		for (let run = 0; run < 29 * 24; run++) {
			h.connector().services();
			h.clock.advance(3_600_000);
		}
		expect(h.logins()).toBe(1);
		expect(h.refreshes()).toBe(0);
	});

	it("renews with the refresh token near expiry, never with a new login", () => {
		const h = harness();
		h.connector().services();
		const firstRefresh = session(h).refreshToken;
		h.clock.advance(30 * DAY - 60_000);
		h.connector().services();
		expect(h.logins()).toBe(1);
		expect(h.refreshes()).toBe(1);
		expect(form(h, 1)).toEqual({ grant_type: "refresh_token", refresh_token: firstRefresh });
		expect(stored(h).refreshToken).toBe(session(h).refreshToken);
		expect(stored(h).refreshToken).not.toBe(firstRefresh);
		// A year of hourly runs: one login, a refresh a month.
		for (let run = 0; run < 365 * 24; run++) {
			h.clock.advance(3_600_000);
			h.connector().services();
		}
		expect(h.logins()).toBe(1);
		expect(h.refreshes()).toBeGreaterThanOrEqual(12);
		expect(h.refreshes()).toBeLessThanOrEqual(14);
	});

	it("keeps the old refresh token when a refresh answer brings none", () => {
		const h = harness();
		h.connector().services();
		const firstRefresh = session(h).refreshToken;
		h.clock.advance(31 * DAY);
		// Furgonetka renews the session, but its answer leaves the refresh token out.
		h.http.intercept((exchange) => {
			if (exchange.path !== "/oauth/token") return undefined;
			h.http.clearIntercepts();
			const answer = exchange.pass();
			const { refresh_token: _left, ...rest } = JSON.parse(answer.body) as Record<string, unknown>;
			return { ...answer, body: JSON.stringify(rest) };
		});
		h.connector().services();
		expect(stored(h).accessToken).toBe(session(h).accessToken);
		expect(stored(h).refreshToken).toBe(firstRefresh);
	});

	it("logs in again only when Furgonetka refuses the refresh token", () => {
		const h = harness();
		h.connector().services();
		h.clock.advance(31 * DAY);
		h.sandbox.state.revoke(session(h), "control");
		h.connector().services();
		expect(h.logins()).toBe(2);
		expect(form(h, 1).grant_type).toBe("refresh_token");
		expect(form(h, 2).grant_type).toBe("password");
		expect(h.log.lines.some((line) => line.includes("no longer accepts the saved refresh token"))).toBe(true);
	});

	it("adopts tokens another execution stored after rotating the refresh token, without logging in", () => {
		const h = harness();
		h.connector().services();
		h.clock.advance(31 * DAY);
		const connector = h.connector();
		let raced = false;
		h.http.intercept((exchange) => {
			if (raced || exchange.path !== "/oauth/token") return undefined;
			raced = true;
			// Meanwhile another execution refreshed and saved its tokens: the refresh token sent here is used up.
			h.connector().services();
			return exchange.pass();
		});
		connector.services();
		expect(h.logins()).toBe(1);
		expect(h.refreshes()).toBe(1);
		const last = h.http.requests[h.http.requests.length - 1];
		expect(last?.headers?.authorization).toBe(`Bearer ${session(h).accessToken}`);
		expect(stored(h).accessToken).toBe(session(h).accessToken);
	});

	it("after a 401 (session revoked by a 21st login elsewhere) refreshes, retries, and goes on", () => {
		const h = harness();
		h.connector().services();
		const connector = h.connector();
		h.http.intercept(once("GET", SERVICES, json(401, { error: "invalid_token" })));
		expect(connector.services()).toHaveLength(h.sandbox.state.services.length);
		expect(h.refreshes()).toBe(1);
		expect(h.logins()).toBe(1);
	});

	it("logs in once when both tokens are dead, and reports auth when even the new session is refused", () => {
		const h = harness();
		h.connector().services();
		const connector = h.connector();
		// Twenty logins elsewhere (the panel, another tool): Furgonetka revokes Hubsheet's session.
		for (let i = 0; i < 20; i++) h.sandbox.state.openSession(h.sandbox.now(), "control");
		expect(session(h).revoked).toBe("session-limit");
		connector.services();
		expect(h.logins()).toBe(2);

		const stubborn = h.connector();
		h.http.intercept(
			once("GET", SERVICES, json(401, { error: "invalid_token", error_description: "Revoked." }), { times: 5 }),
		);
		const error = platformErrorOf(() => stubborn.services());
		expect(error.kind).toBe("auth");
		expect(error.platform).toBe("Furgonetka");
		expect(error.message).toMatch(/refused Hubsheet's access/);
		// One refresh for the first 401; no login storm.
		expect(h.logins()).toBeLessThanOrEqual(3);
	});

	it("remembers refused credentials and does not try them again until they change", () => {
		const h = harness();
		const wrong = { ...CREDENTIALS, password: "not-the-password" };
		const error = platformErrorOf(() => h.connector({ credentials: wrong }).services());
		expect(error.kind).toBe("auth");
		expect(error.message).toMatch(/username or password/);
		const before = h.http.requests.length;
		expect(platformErrorOf(() => h.connector({ credentials: wrong }).services()).kind).toBe("auth");
		expect(h.http.requests.length).toBe(before);
		// The owner fixes the password in the settings: tried again, once.
		h.connector().services();
		expect(h.logins()).toBe(1);
		expect(h.sandbox.state.counters.failedLogins).toBe(1);
		expect(tokenRequests(h)).toHaveLength(2);
		expect(h.store.get(FURGONETKA_STORE_KEYS.refused)).toBeNull();
	});

	it("explains two-step login and a wrong client secret in plain words", () => {
		const h = harness({ settings: { twoFactor: true } });
		expect(platformErrorOf(() => h.connector().services()).message).toMatch(/two-step login/);
		const other = harness();
		const wrongApp = { ...CREDENTIALS, clientSecret: "not-the-client-secret" };
		expect(platformErrorOf(() => other.connector({ credentials: wrongApp }).services()).message).toMatch(
			/client id or secret/,
		);
	});

	it("ignores a token stored for another account (changed username or app)", () => {
		const h = harness();
		h.connector().services();
		// The owner connects another Furgonetka account.
		h.sandbox.state.user.username = "someone-else@example.com";
		h.connector({ credentials: { ...CREDENTIALS, username: "someone-else@example.com" } }).services();
		expect(h.logins()).toBe(2);
		expect(form(h, 1).username).toBe("someone-else@example.com");
	});

	it("treats missing credentials as not connected, without a request", () => {
		const h = harness();
		const error = platformErrorOf(() => h.connector({ credentials: { ...CREDENTIALS, password: "" } }).services());
		expect(error.kind).toBe("auth");
		expect(error.message).toMatch(/not connected/);
		expect(h.http.requests).toHaveLength(0);
	});

	it("keeps using a token with minutes left when the token endpoint is down", () => {
		const h = harness();
		h.connector().services();
		h.clock.advance(30 * DAY - 2 * 60_000);
		h.http.intercept(once("POST", TOKEN, text(503, "down"), { times: 3 }));
		expect(h.connector().services()).toHaveLength(h.sandbox.state.services.length);
		expect(h.logins()).toBe(1);
		expect(h.http.sent("POST", TOKEN).length).toBeGreaterThan(1);
	});

	it("reports an unreadable token answer without quoting it", () => {
		const h = harness();
		h.http.intercept(once("POST", TOKEN, text(200, `{"access_token":"${jwtLike("leak")}","expires_in":`)));
		const error = platformErrorOf(() => h.connector().services());
		expect(error.kind).toBe("malformed");
		expect(error.message).not.toContain(jwtLike("leak"));
		expect(error.message).toMatch(/not JSON/);
	});
});
