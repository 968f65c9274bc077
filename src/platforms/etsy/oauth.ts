/**
 * Etsy OAuth 2.0 (authorization code with PKCE S256), small enough to read in one go.
 *
 * Etsy apps are public clients: no client secret is sent, the PKCE verifier proves that the code
 * exchange comes from whoever started the sign-in. The redirect goes to Apps Script's own
 * `/usercallback`, and `state` is an Apps Script state token made by the caller, which routes the
 * callback to the right function; this client also checks it against the sign-in it started.
 *
 * Tokens persist through the Store port (PropertiesService) under ETSY_STORE_KEYS, as one JSON value
 * so that the access token and the refresh token are always written together: Etsy rotates the
 * refresh token on every refresh and the previous one stops working, so losing a write means losing
 * the connection.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Crypto, Http, Log, Store } from "../../ports.js";
import { type EdgeContext, parseJson, parseWith } from "../http/json-edge.js";
import { encodeQuery, withQuery } from "../http/query-string.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import * as z from "../http/zod.js";
import {
	accessRefused,
	describeEtsyError,
	ETSY_SECRET_PATTERNS,
	type EtsyEndpoint,
	type EtsySignInError,
	etsyErrorCode,
	etsyErrorText,
	etsyHttpError,
	foreignText,
	needsReconnect,
	type ReconnectReason,
	reconnectRequired,
} from "./errors.js";
import { type EtsyTokenResponse, tokenResponseSchema } from "./schemas.js";

export const ETSY_AUTHORIZE_URL = "https://www.etsy.com/oauth/connect";
export const ETSY_API_BASE_URL = "https://api.etsy.com";
export const ETSY_TOKEN_PATH = "/v3/public/oauth/token";
/**
 * Reading receipts and submitting tracking: nothing more. The shop id comes from the settings
 * dialog, so Hubsheet does not ask for `shops_r` (which getMe would need).
 */
export const ETSY_OAUTH_SCOPES: readonly string[] = ["transactions_r", "transactions_w"];

/** Where the OAuth client keeps its state in the Store. Values are JSON. */
export const ETSY_STORE_KEYS = {
	/** `{ accessToken, refreshToken, expiresAtMs, userId, savedAtMs }` */
	tokens: "etsy.oauth.tokens",
	/** `{ verifier, state, createdAtMs }` between starting a sign-in and its callback. */
	pending: "etsy.oauth.pending",
	/** `{ reason, etsyCode, sinceMs }` once Etsy has refused the saved sign-in; cleared by a new sign-in. */
	reconnect: "etsy.oauth.reconnect",
} as const;

/**
 * Syncs in a row in which Etsy must refuse even a renewed access token before Hubsheet gives up and
 * asks the owner to reconnect. Etsy's documented answer for a lost grant is `invalid_grant` on the
 * refresh (NOTES.md, "Requests and auth"), which asks at once; a 401 after a good refresh is not
 * documented as final, and a passing one must not stop Etsy until the owner acts.
 */
export const REFUSED_RUNS_BEFORE_RECONNECT = 3;

/** Refresh this long before expiry, so a token never expires between the check and Etsy reading it. */
export const REFRESH_MARGIN_MS = 60_000;
const VERIFIER_LENGTH = 96;
/** RFC 7636: 43 to 128 characters of the unreserved set. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

const storedTokensSchema = z.object({
	accessToken: z.string().check(z.minLength(1)),
	refreshToken: z.string().check(z.minLength(1)),
	expiresAtMs: z.number(),
	userId: z.nullable(z.string()),
	savedAtMs: z.number(),
	/** Syncs in a row in which Etsy refused even a renewed access token (see accessRefused). */
	refusedRuns: z.optional(z.number().check(z.int(), z.gte(1))),
});
export type StoredEtsyTokens = z.output<typeof storedTokensSchema>;

const pendingSchema = z.object({ verifier: z.string(), state: z.string(), createdAtMs: z.number() });
type PendingAuthorization = z.output<typeof pendingSchema>;

const reconnectSchema = z.object({
	reason: z.enum(["not-connected", "revoked", "rejected", "unreadable"]),
	etsyCode: z.string(),
	sinceMs: z.number(),
});
type ReconnectFlag = z.output<typeof reconnectSchema>;

/** What the API client needs from whoever holds the tokens. */
export interface AccessTokenSource {
	/** An access token valid for at least another minute; refreshes when needed. */
	accessToken(): string;
	/** Etsy answered 401 to `rejected`: a token it should accept, refreshed unless someone already did. */
	renewAfterRejection(rejected: string): string;
	/**
	 * Etsy answered 401 even to a renewed token: returns the error to throw. Passing (retried next
	 * sync) until it has happened in `REFUSED_RUNS_BEFORE_RECONNECT` syncs in a row.
	 */
	refusedAfterRenewal(endpoint: EtsyEndpoint, etsyCode: string): EtsySignInError;
	/** Etsy accepted a token: a run of refusals is over. */
	accepted(): void;
	/** Tokens currently held, for redaction. */
	secrets(): string[];
}

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

/** The parameters Etsy put on the redirect (Apps Script hands them to the callback as `e.parameter`). */
export interface EtsyCallbackParameters {
	code?: string;
	state?: string;
	error?: string;
	error_description?: string;
}

export type EtsyAuthorizationResult =
	| { kind: "connected"; userId: string | null }
	/** The owner pressed "Deny" on Etsy's page. */
	| { kind: "denied"; message: string }
	| { kind: "failed"; message: string };

export type EtsyConnectionState =
	| { kind: "not-connected" }
	| { kind: "connected"; userId: string | null; accessExpiresAtMs: number }
	| { kind: "reconnect-required"; reason: ReconnectReason; etsyCode: string; sinceMs: number; message: string };

type TokenAnswer = { ok: true; tokens: EtsyTokenResponse } | { ok: false; status: number; code: string; text: string };

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
		const verifier = this.options.crypto.randomToken(VERIFIER_LENGTH);
		if (!VERIFIER_PATTERN.test(verifier)) {
			// A verifier outside the unreserved set would make Etsy refuse the exchange much later, confusingly.
			throw new PlatformError(
				"Etsy",
				"oauth",
				"auth",
				"Etsy sign-in could not start: the random verifier has the wrong shape",
			);
		}
		const pending: PendingAuthorization = { verifier, state, createdAtMs: this.nowMs() };
		this.options.store.set(ETSY_STORE_KEYS.pending, JSON.stringify(pending));
		return withQuery(this.authorizeUrl, [
			["response_type", "code"],
			["client_id", this.options.keystring],
			["redirect_uri", this.options.redirectUri],
			["scope", this.scopes.join(" ")],
			["state", state],
			["code_challenge", this.options.crypto.sha256Base64Url(verifier)],
			["code_challenge_method", "S256"],
		]);
	}

	/** Finishes the sign-in from Etsy's redirect: checks `state`, exchanges the code, stores the tokens. */
	completeAuthorization(callback: EtsyCallbackParameters): EtsyAuthorizationResult {
		if (callback.error) {
			const detail = foreignText(
				[callback.error, callback.error_description].filter(Boolean).join(": "),
				this.secrets(),
			);
			return callback.error === "access_denied"
				? {
						kind: "denied",
						message: `Etsy access was not granted (${detail}). Try connecting Etsy again from the Hubsheet menu.`,
					}
				: {
						kind: "failed",
						message: `Etsy sign-in failed (${detail}). Try connecting Etsy again from the Hubsheet menu.`,
					};
		}
		const pending = this.readPending();
		if (!pending || callback.state !== pending.state) {
			return {
				kind: "failed",
				message:
					"This Etsy sign-in does not match the one Hubsheet started (it may be an old or reused link). Try connecting Etsy again from the Hubsheet menu.",
			};
		}
		if (!callback.code) {
			return {
				kind: "failed",
				message: "Etsy sent no authorization code. Try connecting Etsy again from the Hubsheet menu.",
			};
		}
		const secrets = [callback.code, pending.verifier];
		let answer: TokenAnswer;
		try {
			answer = this.requestTokens(
				[
					["grant_type", "authorization_code"],
					["client_id", this.options.keystring],
					["redirect_uri", this.options.redirectUri],
					["code", callback.code],
					["code_verifier", pending.verifier],
				],
				secrets,
			);
		} catch (error) {
			if (error instanceof PlatformError)
				return { kind: "failed", message: `${error.message}. Try connecting Etsy again from the Hubsheet menu.` };
			throw error;
		}
		if (!answer.ok) {
			return {
				kind: "failed",
				message: `Etsy refused the sign-in (HTTP ${answer.status}${answer.text ? `: ${answer.text}` : ""}). Try connecting Etsy again from the Hubsheet menu.`,
			};
		}
		const tokens = this.saveTokens(answer.tokens, null);
		this.options.store.delete(ETSY_STORE_KEYS.pending);
		this.options.store.delete(ETSY_STORE_KEYS.reconnect);
		this.refused = null;
		this.options.log?.info(`Etsy connected${tokens.userId ? ` (user ${tokens.userId})` : ""}`);
		return { kind: "connected", userId: tokens.userId };
	}

	/** For the sidebar and the menu: is Etsy usable, and if not, what should the owner do. */
	connectionState(): EtsyConnectionState {
		const flag = this.readReconnectFlag();
		if (flag) {
			return {
				kind: "reconnect-required",
				reason: flag.reason,
				etsyCode: flag.etsyCode,
				sinceMs: flag.sinceMs,
				message: reconnectRequired("oauth", flag.reason, flag.etsyCode).message,
			};
		}
		let tokens: StoredEtsyTokens | null;
		try {
			tokens = this.readTokens();
		} catch (error) {
			if (needsReconnect(error)) {
				return {
					kind: "reconnect-required",
					reason: error.reason,
					etsyCode: "",
					sinceMs: this.nowMs(),
					message: error.message,
				};
			}
			throw error;
		}
		if (!tokens) return { kind: "not-connected" };
		return { kind: "connected", userId: tokens.userId, accessExpiresAtMs: tokens.expiresAtMs };
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
		const stored = this.readTokens();
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
		const stored = this.readTokens();
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
		const tokens = this.cached ?? this.readTokens();
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
		const flag: ReconnectFlag = { reason, etsyCode, sinceMs: this.nowMs() };
		this.options.store.set(ETSY_STORE_KEYS.reconnect, JSON.stringify(flag));
		const error = reconnectRequired(endpoint, reason, etsyCode);
		this.refused = error;
		this.options.log?.warn(error.message);
		return error;
	}

	/** Forgets the connection (menu: Disconnect Etsy). Etsy itself keeps the grant until the owner removes the app there. */
	disconnect(): void {
		this.options.store.delete(ETSY_STORE_KEYS.tokens);
		this.options.store.delete(ETSY_STORE_KEYS.pending);
		this.options.store.delete(ETSY_STORE_KEYS.reconnect);
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
			const flag = this.readReconnectFlag();
			// Once Etsy has refused the grant, asking again spends quota and changes nothing.
			if (flag) throw reconnectRequired("oauth", flag.reason, flag.etsyCode);
			this.cached = this.readTokens();
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
		const answer = this.requestTokens(
			[
				["grant_type", "refresh_token"],
				["client_id", this.options.keystring],
				["refresh_token", current.refreshToken],
			],
			[current.accessToken, current.refreshToken],
		);
		if (answer.ok) {
			const tokens = this.saveTokens(answer.tokens, current.userId, current.refusedRuns);
			this.options.log?.info("Etsy access renewed");
			return tokens;
		}
		if (answer.code === "invalid_grant") {
			const stored = mayAdopt ? this.readTokens() : null;
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
		const allSecrets = [...secrets, ...this.secrets()];
		const response = this.transport.send(
			{
				url: `${this.apiBaseUrl}${ETSY_TOKEN_PATH}`,
				method: "post",
				contentType: "application/x-www-form-urlencoded",
				headers: { accept: "application/json" },
				body: encodeQuery(form),
			},
			// Retrying a refresh is safe enough: if Etsy rotated the token before failing, the retry is
			// refused with invalid_grant, which is where not retrying would have ended too.
			{
				platform: "Etsy",
				endpoint: "oauthToken",
				idempotent: true,
				secrets: allSecrets,
				patterns: ETSY_SECRET_PATTERNS,
				describeError: describeEtsyError,
			},
		);
		if (response.status >= 200 && response.status < 300) {
			const edge: EdgeContext = {
				platform: "Etsy",
				endpoint: "oauthToken",
				secrets: allSecrets,
				patterns: ETSY_SECRET_PATTERNS,
				status: response.status,
				sensitiveBody: true,
			};
			return { ok: true, tokens: parseWith(tokenResponseSchema, edge, parseJson(edge, response.body)) };
		}
		return {
			ok: false,
			status: response.status,
			code: etsyErrorCode(response),
			text: etsyErrorText(response, allSecrets),
		};
	}

	private saveTokens(answer: EtsyTokenResponse, knownUserId: string | null, refusedRuns?: number): StoredEtsyTokens {
		const now = this.nowMs();
		return this.writeTokens({
			accessToken: answer.access_token,
			refreshToken: answer.refresh_token,
			expiresAtMs: now + answer.expires_in * 1000,
			// Etsy prefixes access tokens with the numeric user id.
			userId: /^(\d+)\./.exec(answer.access_token)?.[1] ?? knownUserId,
			savedAtMs: now,
			// A refresh does not end a run of refusals: only an accepted token does.
			refusedRuns,
		});
	}

	private writeTokens(tokens: StoredEtsyTokens): StoredEtsyTokens {
		const { refusedRuns, ...rest } = tokens;
		const kept: StoredEtsyTokens = refusedRuns ? { ...rest, refusedRuns } : rest;
		this.options.store.set(ETSY_STORE_KEYS.tokens, JSON.stringify(kept));
		this.cached = kept;
		this.loaded = true;
		return kept;
	}

	private readTokens(): StoredEtsyTokens | null {
		const raw = this.options.store.get(ETSY_STORE_KEYS.tokens);
		if (raw === null) return null;
		const parsed = storedTokensSchema.safeParse(safeJson(raw));
		// The value itself is never quoted: it holds the tokens.
		if (!parsed.success) throw reconnectRequired("oauth", "unreadable");
		return parsed.data;
	}

	private readPending(): PendingAuthorization | null {
		const raw = this.options.store.get(ETSY_STORE_KEYS.pending);
		if (raw === null) return null;
		const parsed = pendingSchema.safeParse(safeJson(raw));
		return parsed.success ? parsed.data : null;
	}

	private readReconnectFlag(): ReconnectFlag | null {
		const raw = this.options.store.get(ETSY_STORE_KEYS.reconnect);
		if (raw === null) return null;
		const parsed = reconnectSchema.safeParse(safeJson(raw));
		return parsed.success ? parsed.data : { reason: "revoked", etsyCode: "", sinceMs: 0 };
	}

	private isFresh(tokens: StoredEtsyTokens): boolean {
		return tokens.expiresAtMs - REFRESH_MARGIN_MS > this.nowMs();
	}

	private nowMs(): number {
		return this.options.clock.now().getTime();
	}
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}
