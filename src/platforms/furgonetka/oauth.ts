/**
 * Furgonetka's OAuth 2 for an own-account integration: the password grant, then the refresh token.
 *
 * Furgonetka keeps at most 20 live tokens per user and OAuth app and silently revokes the oldest
 * when a 21st is made, so a login per run would, after 20 runs, start killing the owner's other
 * integrations (and, with two executions interleaving, our own). The token is therefore kept in the
 * Store with its expiry and reused for its whole lifetime (30 days), renewed with the refresh token,
 * and a password login happens only when there is no usable token at all: first use, the refresh
 * token refused, or Furgonetka answering 401 to the token we hold. At most one login per execution.
 *
 * Credentials that Furgonetka refused are remembered by a fingerprint, so a wrong password is not
 * tried again every few minutes (which could lock the account) until the owner changes it.
 * The token endpoint is in oauth-token.ts, what is kept in the Store in oauth-store.ts.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Log, Store } from "../../ports.js";
import { basicAuthorization } from "../http/base64.js";
import type { Transport } from "../http/transport.js";
import {
	FURGONETKA_STORE_KEYS,
	fingerprintOf,
	forgetSignIn,
	readRefused,
	readTokens,
	type StoredFurgonetkaTokens,
	writeRefused,
	writeTokens,
} from "./oauth-store.js";
import { requestTokens, TOKEN_ENDPOINT, type TokenAnswer, tokenRefusal } from "./oauth-token.js";
import type { FurgonetkaTokenResponse } from "./schemas.js";

export { FURGONETKA_STORE_KEYS } from "./oauth-store.js";

export const FURGONETKA_API_BASE_URL = "https://api.furgonetka.pl";
export const FURGONETKA_SANDBOX_API_BASE_URL = "https://api.sandbox.furgonetka.pl";

/** All four are secrets: they never appear in a message, a log line or a cell. */
export interface FurgonetkaCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
}

/** Renew this long before expiry, so a token never dies between the check and Furgonetka reading it. */
export const RENEW_MARGIN_MS = 5 * 60_000;

export interface FurgonetkaAuthOptions {
	clock: Clock;
	store: Store;
	log?: Log | undefined;
	credentials: FurgonetkaCredentials;
	apiBaseUrl: string;
	/** The connector's transport: retries, 429 waits, redaction, PlatformError. */
	transport: Transport;
}

export class FurgonetkaAuth {
	private cached: StoredFurgonetkaTokens | null = null;
	private loaded = false;
	private loggedIn = false;
	private readonly account: string;
	private readonly fingerprint: string;

	constructor(private readonly options: FurgonetkaAuthOptions) {
		const { clientId, clientSecret, username, password } = options.credentials;
		this.account = fingerprintOf([clientId, username]);
		this.fingerprint = fingerprintOf([clientId, clientSecret, username, password]);
	}

	/** An access token valid for a few more minutes: the stored one, refreshed, or (only when needed) a new login. */
	accessToken(): string {
		this.checkNotRefused();
		const tokens = this.load();
		if (tokens && this.isFresh(tokens)) return tokens.accessToken;
		// Another execution may have renewed meanwhile; its refresh rotated the refresh token we hold.
		const stored = this.readTokens();
		if (stored && this.isFresh(stored)) {
			this.cached = stored;
			return stored.accessToken;
		}
		const current = stored ?? tokens;
		if (current?.refreshToken) {
			try {
				const renewed = this.refresh(current);
				if (renewed) return renewed.accessToken;
			} catch (error) {
				// Furgonetka down while renewing: a token with a few minutes left still does for this run.
				if (error instanceof PlatformError && error.kind !== "auth" && current.expiresAtMs > this.nowMs()) {
					return current.accessToken;
				}
				throw error;
			}
		}
		return this.login().accessToken;
	}

	/**
	 * Furgonetka answered 401 to `rejected`: the session was revoked (a 21st login elsewhere, a password
	 * change) or expired early. Another execution's token, a refresh, or finally one login replace it.
	 */
	renewAfterRejection(rejected: string): string {
		this.checkNotRefused();
		const stored = this.readTokens();
		if (stored && stored.accessToken !== rejected && this.isFresh(stored)) {
			this.cached = stored;
			return stored.accessToken;
		}
		const current = stored ?? this.cached;
		if (current?.refreshToken) {
			const renewed = this.refresh(current);
			if (renewed) return renewed.accessToken;
		}
		if (this.loggedIn) {
			throw new PlatformError(
				"Furgonetka",
				"oauth",
				"auth",
				"Furgonetka refused Hubsheet's access even right after signing in. Check the Furgonetka account and the OAuth app in Hubsheet's settings.",
				{ status: 401 },
			);
		}
		return this.login().accessToken;
	}

	/** Tokens and credentials currently held, for redaction. */
	secrets(): string[] {
		const { clientId, clientSecret, username, password } = this.options.credentials;
		const held = this.cached ? [this.cached.accessToken, this.cached.refreshToken ?? ""] : [];
		return [
			clientSecret,
			password,
			clientId,
			username,
			basicAuthorization(clientId, clientSecret).slice("Basic ".length),
			...held,
		].filter((secret) => secret !== "");
	}

	/** For the sidebar: whether Hubsheet holds a token and until when. */
	connectionState():
		| { kind: "not-connected" }
		| { kind: "connected"; accessExpiresAtMs: number }
		| { kind: "refused"; code: string; sinceMs: number } {
		const refused = readRefused(this.options.store);
		if (refused && refused.fingerprint === this.fingerprint) {
			return { kind: "refused", code: refused.code, sinceMs: refused.sinceMs };
		}
		const tokens = this.readTokens();
		return tokens ? { kind: "connected", accessExpiresAtMs: tokens.expiresAtMs } : { kind: "not-connected" };
	}

	/** Forgets the token (the owner disconnects). Furgonetka keeps the session until it expires. */
	disconnect(): void {
		forgetSignIn(this.options.store);
		this.cached = null;
		this.loaded = false;
	}

	private load(): StoredFurgonetkaTokens | null {
		if (!this.loaded) {
			this.cached = this.readTokens();
			this.loaded = true;
		}
		return this.cached;
	}

	/** Returns the new tokens, or null when Furgonetka refused the refresh token (the caller logs in). */
	private refresh(current: StoredFurgonetkaTokens): StoredFurgonetkaTokens | null {
		if (!current.refreshToken) return null;
		const answer = this.requestTokens(
			[
				["grant_type", "refresh_token"],
				["refresh_token", current.refreshToken],
			],
			[current.accessToken, current.refreshToken],
		);
		if (answer.ok) {
			this.options.log?.info("Furgonetka access renewed with the refresh token");
			return this.save(answer.tokens, current.refreshToken);
		}
		if (answer.code === "invalid_grant") {
			// Rotated by another execution meanwhile? Then its tokens serve us too.
			const stored = this.readTokens();
			if (stored && stored.refreshToken !== current.refreshToken && this.isFresh(stored)) {
				this.cached = stored;
				return stored;
			}
			this.options.log?.warn("Furgonetka no longer accepts the saved refresh token; signing in again");
			return null;
		}
		throw tokenRefusal(answer);
	}

	private login(): StoredFurgonetkaTokens {
		const { username, password } = this.options.credentials;
		if (!username || !password || !this.options.credentials.clientId || !this.options.credentials.clientSecret) {
			throw new PlatformError(
				"Furgonetka",
				TOKEN_ENDPOINT,
				"auth",
				"Furgonetka is not connected: the OAuth client id and secret and the account's username and password are all needed in Hubsheet's settings.",
			);
		}
		const answer = this.requestTokens(
			[
				["grant_type", "password"],
				["scope", "api"],
				["username", username],
				["password", password],
			],
			[],
		);
		if (!answer.ok) {
			if (["invalid_grant", "invalid_client", "2fa_required", "unauthorized_client"].includes(answer.code)) {
				writeRefused(this.options.store, { fingerprint: this.fingerprint, code: answer.code, sinceMs: this.nowMs() });
			}
			throw tokenRefusal(answer);
		}
		this.loggedIn = true;
		this.options.store.delete(FURGONETKA_STORE_KEYS.refused);
		this.options.log?.info("Furgonetka: signed in (a new session; it is kept and reused until it expires)");
		return this.save(answer.tokens, null);
	}

	private save(tokens: FurgonetkaTokenResponse, previousRefresh: string | null): StoredFurgonetkaTokens {
		const now = this.nowMs();
		const stored: StoredFurgonetkaTokens = {
			accessToken: tokens.access_token,
			// Without a new one in the answer, the old refresh token stays valid (no rotation).
			refreshToken: tokens.refresh_token ?? previousRefresh,
			expiresAtMs: now + tokens.expires_in * 1000,
			savedAtMs: now,
			account: this.account,
		};
		// Written at once: a refresh rotates the refresh token, and losing the write would lose the session.
		writeTokens(this.options.store, stored);
		this.cached = stored;
		this.loaded = true;
		return stored;
	}

	private requestTokens(form: ReadonlyArray<readonly [string, string]>, extraSecrets: readonly string[]): TokenAnswer {
		const { apiBaseUrl, credentials, transport } = this.options;
		return requestTokens(transport, apiBaseUrl, credentials, form, [...extraSecrets, ...this.secrets()]);
	}

	private readTokens(): StoredFurgonetkaTokens | null {
		return readTokens(this.options.store, this.account);
	}

	private checkNotRefused(): void {
		const refused = readRefused(this.options.store);
		if (refused && refused.fingerprint === this.fingerprint) {
			throw tokenRefusal({ ok: false, status: 400, code: refused.code, text: "" });
		}
	}

	private isFresh(tokens: StoredFurgonetkaTokens): boolean {
		return tokens.expiresAtMs - RENEW_MARGIN_MS > this.nowMs();
	}

	private nowMs(): number {
		return this.options.clock.now().getTime();
	}
}
