/**
 * Etsy OAuth 2.0 (authorization code with PKCE S256): the access token's life once signed in.
 *
 * An access token is renewed with the refresh token shortly before it expires; Etsy rotates the
 * refresh token on every refresh, so another execution's renewal is adopted rather than repeated.
 * A refused grant asks the owner to reconnect; a refused renewed token does so only after it has
 * happened in several syncs in a row. The sign-in itself is in oauth-sign-in.ts, the token endpoint
 * in oauth-token.ts, what is kept in the Store in oauth-store.ts.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Crypto, Http, Log, Store } from "../../ports.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import { type AccessTokenSource, ETSY_API_BASE_URL } from "./client.js";
import {
	accessRefused,
	type EtsyEndpoint,
	type EtsySignInError,
	etsyHttpError,
	needsReconnect,
	type ReconnectReason,
	reconnectRequired,
} from "./errors.js";
import {
	authorizePage,
	checkCallback,
	codeExchangeForm,
	ETSY_AUTHORIZE_URL,
	ETSY_OAUTH_SCOPES,
	type EtsyAuthorizationResult,
	type EtsyCallbackParameters,
	exchangeFailed,
	newVerifier,
} from "./oauth-sign-in.js";
import {
	connectionState,
	ETSY_STORE_KEYS,
	type EtsyConnectionState,
	forgetSignIn,
	readPending,
	readReconnectFlag,
	readTokens,
	type StoredEtsyTokens,
	writePending,
	writeReconnectFlag,
	writeTokens,
} from "./oauth-store.js";
import { refreshForm, requestTokens, type TokenAnswer, tokensFromAnswer } from "./oauth-token.js";
import type { EtsyTokenResponse } from "./schemas.js";

export type { AccessTokenSource } from "./client.js";
export type { EtsyAuthorizationResult, EtsyCallbackParameters } from "./oauth-sign-in.js";
export { ETSY_STORE_KEYS, type EtsyConnectionState, type StoredEtsyTokens } from "./oauth-store.js";

/**
 * Syncs in a row in which Etsy must refuse even a renewed access token before Hubsheet gives up and
 * asks the owner to reconnect. Etsy's documented answer for a lost grant is `invalid_grant` on the
 * refresh (NOTES.md, "Requests and auth"), which asks at once; a 401 after a good refresh is not
 * documented as final, and a passing one must not stop Etsy until the owner acts.
 */
export const REFUSED_RUNS_BEFORE_RECONNECT = 3;

/** Refresh this long before expiry, so a token never expires between the check and Etsy reading it. */
export const REFRESH_MARGIN_MS = 60_000;

export interface EtsyOAuthOptions {
	http: Http;
	clock: Clock;
	store: Store;
	crypto: Crypto;
	log?: Log;
	/** The app's keystring, sent as `client_id`. */
	keystring: string;
	/** `https://script.google.com/macros/d/<script id>/usercallback`, registered with the Etsy app. */
	redirectUri: string;
	/** Real Etsy or the local sandbox. */
	apiBaseUrl?: string;
	authorizeUrl?: string;
	scopes?: readonly string[];
	retry?: Partial<RetryPolicy>;
}

export class EtsyOAuth implements AccessTokenSource {
	private readonly apiBaseUrl: string;
	private readonly authorizeUrl: string;
	private readonly scopes: readonly string[];
	private readonly transport: Transport;
	private cached: StoredEtsyTokens | null = null;
	private loaded = false;
	/** Set once Etsy refused the grant in this execution, so later requests fail without asking again. */
	private refused: EtsySignInError | null = null;
	/** Set once Etsy refused a renewed token in this execution: counted once per execution. */
	private refusedNow: EtsySignInError | null = null;

	constructor(private readonly options: EtsyOAuthOptions) {
		this.apiBaseUrl = (options.apiBaseUrl ?? ETSY_API_BASE_URL).replace(/\/+$/, "");
		this.authorizeUrl = options.authorizeUrl ?? ETSY_AUTHORIZE_URL;
		this.scopes = options.scopes ?? ETSY_OAUTH_SCOPES;
		this.transport = transport({ http: options.http, clock: options.clock, log: options.log, retry: options.retry });
	}

	/**
	 * Makes a PKCE verifier, keeps it for the callback, and returns the Etsy page the owner must open.
	 * A second start replaces the first: only the latest sign-in can complete.
	 */
	startAuthorization(state: string): string {
		const { crypto, keystring, redirectUri, store } = this.options;
		const verifier = newVerifier(crypto);
		writePending(store, { verifier, state, createdAtMs: this.nowMs() });
		return authorizePage(
			{ authorizeUrl: this.authorizeUrl, keystring, redirectUri, scopes: this.scopes, state, verifier },
			crypto,
		);
	}

	/** Finishes the sign-in from Etsy's redirect: checks `state`, exchanges the code, stores the tokens. */
	completeAuthorization(callback: EtsyCallbackParameters): EtsyAuthorizationResult {
		const checked = checkCallback(callback, readPending(this.options.store), this.secrets());
		if (!checked.ok) return checked.result;
		let answer: TokenAnswer;
		try {
			const { keystring, redirectUri } = this.options;
			answer = this.requestTokens(codeExchangeForm(keystring, redirectUri, checked), [checked.code, checked.verifier]);
		} catch (error) {
			if (error instanceof PlatformError) return exchangeFailed({ problem: error.message });
			throw error;
		}
		if (!answer.ok) return exchangeFailed(answer);
		const tokens = this.saveTokens(answer.tokens, null);
		this.options.store.delete(ETSY_STORE_KEYS.pending);
		this.options.store.delete(ETSY_STORE_KEYS.reconnect);
		this.refused = null;
		this.options.log?.info(`Etsy connected${tokens.userId ? ` (user ${tokens.userId})` : ""}`);
		return { kind: "connected", userId: tokens.userId };
	}

	/** For the sidebar and the menu: is Etsy usable, and if not, what should the owner do. */
	connectionState(): EtsyConnectionState {
		return connectionState(this.options.store, this.nowMs());
	}

	/**
	 * True when a request may go out now without renewing the token first (connected, no reconnect
	 * pending, the token fresh) and without writing the tokens back (no run of refusals to end): a
	 * trigger run's quiet check, which holds no lock, never writes them.
	 */
	hasFreshAccess(): boolean {
		try {
			const tokens = this.load();
			return this.refused === null && !tokens.refusedRuns && this.isFresh(tokens);
		} catch {
			return false;
		}
	}

	accessToken(): string {
		if (this.refused) throw this.refused;
		const tokens = this.load();
		if (this.isFresh(tokens)) return tokens.accessToken;
		// Another execution (a trigger beside a click on Sync now) may have refreshed already; its
		// refresh rotated the refresh token, so ours would be refused.
		const stored = readTokens(this.options.store);
		if (stored && this.isFresh(stored)) {
			this.cached = stored;
			return stored.accessToken;
		}
		const current = stored ?? tokens;
		try {
			return this.refresh(current).accessToken;
		} catch (error) {
			// A refresh that failed for a passing reason (Etsy down, timeout) need not stop a run whose
			// token still has a few seconds left.
			const passing = error instanceof PlatformError && !needsReconnect(error);
			if (passing && current.expiresAtMs > this.nowMs()) return current.accessToken;
			throw error;
		}
	}

	renewAfterRejection(rejected: string): string {
		if (this.refused) throw this.refused;
		const stored = readTokens(this.options.store);
		if (stored && stored.accessToken !== rejected && this.isFresh(stored)) {
			this.cached = stored;
			return stored.accessToken;
		}
		const current = stored ?? this.cached;
		if (!current) throw reconnectRequired("oauth", "not-connected");
		return this.refresh(current).accessToken;
	}

	refusedAfterRenewal(endpoint: EtsyEndpoint, etsyCode: string): EtsySignInError {
		if (this.refused) return this.refused;
		if (this.refusedNow) return this.refusedNow;
		const tokens = this.cached ?? readTokens(this.options.store);
		const runs = (tokens?.refusedRuns ?? 0) + 1;
		if (!tokens || runs >= REFUSED_RUNS_BEFORE_RECONNECT) {
			if (tokens) this.writeTokens({ ...tokens, refusedRuns: undefined });
			return this.requireReconnect(endpoint, "rejected", etsyCode);
		}
		this.writeTokens({ ...tokens, refusedRuns: runs });
		this.refusedNow = accessRefused(endpoint, etsyCode, runs, REFUSED_RUNS_BEFORE_RECONNECT);
		this.options.log?.warn(this.refusedNow.message);
		return this.refusedNow;
	}

	/** Etsy refused a renewed token in this execution, without saying the grant is gone. */
	get refusedThisRun(): boolean {
		return this.refusedNow !== null && this.refused === null;
	}

	accepted(): void {
		if (this.refusedNow || !this.cached?.refusedRuns) return;
		this.writeTokens({ ...this.cached, refusedRuns: undefined });
	}

	requireReconnect(endpoint: EtsyEndpoint, reason: ReconnectReason, etsyCode: string): EtsySignInError {
		writeReconnectFlag(this.options.store, { reason, etsyCode, sinceMs: this.nowMs() });
		const error = reconnectRequired(endpoint, reason, etsyCode);
		this.refused = error;
		this.options.log?.warn(error.message);
		return error;
	}

	/** Forgets the connection (menu: Disconnect Etsy). Etsy itself keeps the grant until the owner removes the app there. */
	disconnect(): void {
		forgetSignIn(this.options.store);
		this.cached = null;
		this.loaded = false;
		this.refused = null;
	}

	secrets(): string[] {
		const tokens = this.cached;
		return tokens ? [tokens.accessToken, tokens.refreshToken] : [];
	}

	private load(): StoredEtsyTokens {
		if (!this.loaded || !this.cached) {
			const flag = readReconnectFlag(this.options.store);
			// Once Etsy has refused the grant, asking again spends quota and changes nothing.
			if (flag) throw reconnectRequired("oauth", flag.reason, flag.etsyCode);
			this.cached = readTokens(this.options.store);
			this.loaded = true;
		}
		if (!this.cached) throw reconnectRequired("oauth", "not-connected");
		return this.cached;
	}

	/**
	 * Exchanges the refresh token and stores the answer at once. On `invalid_grant`, looks once more
	 * at the Store: if another execution rotated the token meanwhile, its tokens are used instead of
	 * declaring the connection lost.
	 */
	private refresh(current: StoredEtsyTokens, mayAdopt = true): StoredEtsyTokens {
		const form = refreshForm(this.options.keystring, current.refreshToken);
		const answer = this.requestTokens(form, [current.accessToken, current.refreshToken]);
		if (answer.ok) {
			const tokens = this.saveTokens(answer.tokens, current.userId, current.refusedRuns);
			this.options.log?.info("Etsy access renewed");
			return tokens;
		}
		if (answer.code === "invalid_grant") {
			const stored = mayAdopt ? readTokens(this.options.store) : null;
			if (stored && stored.refreshToken !== current.refreshToken) {
				if (this.isFresh(stored)) {
					this.cached = stored;
					return stored;
				}
				return this.refresh(stored, false);
			}
			throw this.requireReconnect("oauthToken", "revoked", answer.code);
		}
		throw etsyHttpError("oauthToken", answer.status, answer.text);
	}

	private requestTokens(form: ReadonlyArray<readonly [string, string]>, secrets: readonly string[]): TokenAnswer {
		return requestTokens(this.transport, this.apiBaseUrl, form, [...secrets, ...this.secrets()]);
	}

	private saveTokens(answer: EtsyTokenResponse, knownUserId: string | null, refusedRuns?: number): StoredEtsyTokens {
		return this.writeTokens(tokensFromAnswer(answer, this.nowMs(), knownUserId, refusedRuns));
	}

	private writeTokens(tokens: StoredEtsyTokens): StoredEtsyTokens {
		const kept = writeTokens(this.options.store, tokens);
		this.cached = kept;
		this.loaded = true;
		return kept;
	}

	private isFresh(tokens: StoredEtsyTokens): boolean {
		return tokens.expiresAtMs - REFRESH_MARGIN_MS > this.nowMs();
	}

	private nowMs(): number {
		return this.options.clock.now().getTime();
	}
}
