/**
 * Furgonetka's OAuth: one login, then the stored token for its lifetime, then the refresh token;
 * a new login only when nothing else works, never per run (the 21st token revokes the oldest).
 */
import { describe, expect, it } from "vitest";
import { FURGONETKA_STORE_KEYS } from "../../../src/platforms/furgonetka/oauth.js";
import { json, text } from "../etsy/fakes.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { BASE, CREDENTIALS, FakeFurgonetka, jwtLike, pathOf } from "./fake-furgonetka.js";

const DAY = 86_400_000;

function tokenRequests(fake: FakeFurgonetka) {
	return fake.http.requests.filter((r) => pathOf(r) === "/oauth/token");
}

function form(fake: FakeFurgonetka, index: number): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(tokenRequests(fake)[index]?.body ?? ""));
}

describe("Furgonetka sign-in", () => {
	it("logs in once with the password grant, Basic client credentials and scope api, and stores the token", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		const [request] = tokenRequests(fake);
		expect(request?.url).toBe(`${BASE}/oauth/token`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		const basic = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64");
		expect(request?.headers?.authorization).toBe(`Basic ${basic}`);
		expect(form(fake, 0)).toEqual({
			grant_type: "password",
			scope: "api",
			username: CREDENTIALS.username,
			password: CREDENTIALS.password,
		});
		const stored = JSON.parse(fake.store.get(FURGONETKA_STORE_KEYS.tokens) ?? "{}");
		expect(stored.accessToken).toBe(jwtLike("access-1"));
		expect(stored.refreshToken).toBe(jwtLike("refresh-1"));
		expect(stored.expiresAtMs).toBe(fake.clock.nowMs + 2_592_000_000);
		const api = fake.http.requests.find((r) => pathOf(r) === "/account/services");
		expect(api?.headers?.authorization).toBe(`Bearer ${jwtLike("access-1")}`);
	});

	it("reuses the stored token in every later run for its lifetime: one login over 29 days of runs", () => {
		const fake = new FakeFurgonetka();
		for (let run = 0; run < 29 * 24; run++) {
			fake.connector().services();
			fake.clock.advance(3_600_000);
		}
		expect(fake.logins).toBe(1);
		expect(fake.refreshes).toBe(0);
	});

	it("renews with the refresh token near expiry, never with a new login", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.clock.advance(30 * DAY - 60_000);
		fake.connector().services();
		expect(fake.logins).toBe(1);
		expect(fake.refreshes).toBe(1);
		expect(form(fake, 1)).toEqual({ grant_type: "refresh_token", refresh_token: jwtLike("refresh-1") });
		const stored = JSON.parse(fake.store.get(FURGONETKA_STORE_KEYS.tokens) ?? "{}");
		expect(stored.refreshToken).toBe(jwtLike("refresh-2"));
		// A year of hourly runs: one login, a refresh a month.
		for (let run = 0; run < 365 * 24; run++) {
			fake.clock.advance(3_600_000);
			fake.connector().services();
		}
		expect(fake.logins).toBe(1);
		expect(fake.refreshes).toBeGreaterThanOrEqual(12);
		expect(fake.refreshes).toBeLessThanOrEqual(14);
	});

	it("keeps the old refresh token when a refresh answer brings none", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.clock.advance(31 * DAY);
		fake.once("POST", /^\/oauth\/token$/, () =>
			json(200, { token_type: "Bearer", expires_in: 3600, access_token: jwtLike("access-x") }),
		);
		fake.connector().services();
		const stored = JSON.parse(fake.store.get(FURGONETKA_STORE_KEYS.tokens) ?? "{}");
		expect(stored.accessToken).toBe(jwtLike("access-x"));
		expect(stored.refreshToken).toBe(jwtLike("refresh-1"));
	});

	it("logs in again only when Furgonetka refuses the refresh token", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.clock.advance(31 * DAY);
		fake.once("POST", /^\/oauth\/token$/, () =>
			json(400, { error: "invalid_grant", error_description: "Invalid refresh token." }),
		);
		fake.connector().services();
		expect(fake.logins).toBe(2);
		expect(form(fake, 2).grant_type).toBe("password");
		expect(fake.log.lines.some((line) => line.includes("no longer accepts the saved refresh token"))).toBe(true);
	});

	it("adopts tokens another execution stored after rotating the refresh token, without logging in", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.clock.advance(31 * DAY);
		const connector = fake.connector();
		fake.once("POST", /^\/oauth\/token$/, () => {
			// Meanwhile another execution refreshed and saved its tokens.
			fake.store.set(
				FURGONETKA_STORE_KEYS.tokens,
				JSON.stringify({
					...JSON.parse(fake.store.get(FURGONETKA_STORE_KEYS.tokens) ?? "{}"),
					accessToken: jwtLike("other-access"),
					refreshToken: jwtLike("other-refresh"),
					expiresAtMs: fake.clock.nowMs + 30 * DAY,
				}),
			);
			return json(400, { error: "invalid_grant" });
		});
		connector.services();
		expect(fake.logins).toBe(1);
		const last = fake.http.requests[fake.http.requests.length - 1];
		expect(last?.headers?.authorization).toBe(`Bearer ${jwtLike("other-access")}`);
	});

	it("after a 401 (session revoked by a 21st login elsewhere) refreshes, retries, and goes on", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		const connector = fake.connector();
		fake.once("GET", /^\/account\/services$/, () => json(401, { error: "invalid_token" }));
		expect(connector.services()).toHaveLength(2);
		expect(fake.refreshes).toBe(1);
		expect(fake.logins).toBe(1);
	});

	it("logs in once when both tokens are dead, and reports auth when even the new session is refused", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		const connector = fake.connector();
		fake.once("GET", /^\/account\/services$/, () => json(401, { error: "invalid_token" }));
		fake.once("POST", /^\/oauth\/token$/, () => json(400, { error: "invalid_grant" }));
		connector.services();
		expect(fake.logins).toBe(2);

		const stubborn = fake.connector();
		for (let i = 0; i < 5; i++) {
			fake.once("GET", /^\/account\/services$/, () =>
				json(401, { error: "invalid_token", error_description: "Revoked." }),
			);
		}
		const error = platformErrorOf(() => stubborn.services());
		expect(error.kind).toBe("auth");
		expect(error.platform).toBe("Furgonetka");
		expect(error.message).toMatch(/refused Hubsheet's access/);
		// One refresh for the first 401; no login storm.
		expect(fake.logins).toBeLessThanOrEqual(3);
	});

	it("remembers refused credentials and does not try them again until they change", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/oauth\/token$/, () =>
			json(400, { error: "invalid_grant", error_description: "Invalid username and password combination." }),
		);
		const error = platformErrorOf(() => fake.connector().services());
		expect(error.kind).toBe("auth");
		expect(error.message).toMatch(/username or password/);
		const before = fake.http.requests.length;
		expect(platformErrorOf(() => fake.connector().services()).kind).toBe("auth");
		expect(fake.http.requests.length).toBe(before);
		// The owner fixes the password in the settings: tried again, once.
		fake.connector({ credentials: { ...CREDENTIALS, password: "the-right-password" } }).services();
		// (The refused attempt was answered by the override, so the fake counts only this one.)
		expect(fake.logins).toBe(1);
		expect(tokenRequests(fake)).toHaveLength(2);
		expect(fake.store.get(FURGONETKA_STORE_KEYS.refused)).toBeNull();
	});

	it("explains two-step login and a wrong client secret in plain words", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/oauth\/token$/, () => json(400, { error: "2fa_required" }));
		expect(platformErrorOf(() => fake.connector().services()).message).toMatch(/two-step login/);
		const other = new FakeFurgonetka();
		other.once("POST", /^\/oauth\/token$/, () => json(401, { error: "invalid_client" }));
		expect(platformErrorOf(() => other.connector().services()).message).toMatch(/client id or secret/);
	});

	it("ignores a token stored for another account (changed username or app)", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.connector({ credentials: { ...CREDENTIALS, username: "someone-else@example.com" } }).services();
		expect(fake.logins).toBe(2);
	});

	it("treats missing credentials as not connected, without a request", () => {
		const fake = new FakeFurgonetka();
		const error = platformErrorOf(() => fake.connector({ credentials: { ...CREDENTIALS, password: "" } }).services());
		expect(error.kind).toBe("auth");
		expect(error.message).toMatch(/not connected/);
		expect(fake.http.requests).toHaveLength(0);
	});

	it("keeps using a token with minutes left when the token endpoint is down", () => {
		const fake = new FakeFurgonetka();
		fake.connector().services();
		fake.clock.advance(30 * DAY - 2 * 60_000);
		for (let i = 0; i < 3; i++) fake.once("POST", /^\/oauth\/token$/, () => text(503, "down"));
		expect(fake.connector().services()).toHaveLength(2);
		expect(fake.logins).toBe(1);
	});

	it("reports an unreadable token answer without quoting it", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/oauth\/token$/, () => text(200, `{"access_token":"${jwtLike("leak")}","expires_in":`));
		const error = platformErrorOf(() => fake.connector().services());
		expect(error.kind).toBe("malformed");
		expect(error.message).not.toContain(jwtLike("leak"));
		expect(error.message).toMatch(/not JSON/);
	});
});
