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
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, HttpResponse, Log, Store } from "../../ports.js";
import { basicAuthorization } from "../http/base64.js";
import { parseJson, parseWith } from "../http/json-edge.js";
import { encodeQuery } from "../http/query-string.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { Transport } from "../http/transport.js";
import * as z from "../http/zod.js";
import { type FurgonetkaTokenResponse, oauthErrorSchema, tokenResponseSchema } from "./schemas.js";

export const FURGONETKA_API_BASE_URL = "https://api.furgonetka.pl";
export const FURGONETKA_SANDBOX_API_BASE_URL = "https://api.sandbox.furgonetka.pl";
export const FURGONETKA_TOKEN_PATH = "/oauth/token";
const TOKEN_ENDPOINT = "POST /oauth/token";

/** All four are secrets: they never appear in a message, a log line or a cell. */
export interface FurgonetkaCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
}

export const FURGONETKA_STORE_KEYS = {
	/** `{ accessToken, refreshToken, expiresAtMs, savedAtMs, account }` */
	tokens: "furgonetka.oauth.tokens",
	/** `{ fingerprint, code, sinceMs }` once Furgonetka refused these credentials. */
	refused: "furgonetka.oauth.refused",
} as const;

/** Renew this long before expiry, so a token never dies between the check and Furgonetka reading it. */
export const RENEW_MARGIN_MS = 5 * 60_000;

/** Token shapes (JWTs) and Basic credentials, redacted even when the connector never parsed them. */
export const FURGONETKA_SECRET_PATTERNS: readonly RegExp[] = [
	/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
	/Basic\s+[A-Za-z0-9+/=]{8,}/g,
];

const storedTokensSchema = z.object({
	accessToken: z.string().check(z.minLength(1)),
	refreshToken: z.nullable(z.string().check(z.minLength(1))),
	expiresAtMs: z.number(),
	savedAtMs: z.number(),
	/** Which client and user the token belongs to (a fingerprint): other credentials mean another account. */
	account: z.string(),
});
export type StoredFurgonetkaTokens = z.output<typeof storedTokensSchema>;

const refusedSchema = z.object({ fingerprint: z.string(), code: z.string(), sinceMs: z.number() });

export interface FurgonetkaAuthOptions {
	clock: Clock;
	store: Store;
	log?: Log | undefined;
	credentials: FurgonetkaCredentials;
	apiBaseUrl: string;
	/** The connector's transport: retries, 429 waits, redaction, PlatformError. */
	transport: Transport;
}

type TokenAnswer =
	| { ok: true; tokens: FurgonetkaTokenResponse }
	| { ok: false; status: number; code: string; text: string };

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
		const refused = this.readRefused();
		if (refused && refused.fingerprint === this.fingerprint) {
			return { kind: "refused", code: refused.code, sinceMs: refused.sinceMs };
		}
		const tokens = this.readTokens();
		return tokens ? { kind: "connected", accessExpiresAtMs: tokens.expiresAtMs } : { kind: "not-connected" };
	}

	/** Forgets the token (the owner disconnects). Furgonetka keeps the session until it expires. */
	disconnect(): void {
		this.options.store.delete(FURGONETKA_STORE_KEYS.tokens);
		this.options.store.delete(FURGONETKA_STORE_KEYS.refused);
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
		throw this.tokenFailure(answer);
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
				this.options.store.set(
					FURGONETKA_STORE_KEYS.refused,
					JSON.stringify({ fingerprint: this.fingerprint, code: answer.code, sinceMs: this.nowMs() }),
				);
			}
			throw this.tokenFailure(answer);
		}
		this.loggedIn = true;
		this.options.store.delete(FURGONETKA_STORE_KEYS.refused);
		this.options.log?.info("Furgonetka: signed in (a new session; it is kept and reused until it expires)");
		return this.save(answer.tokens, null);
	}

	private requestTokens(form: ReadonlyArray<readonly [string, string]>, extraSecrets: readonly string[]): TokenAnswer {
		const { clientId, clientSecret } = this.options.credentials;
		const secrets = [...extraSecrets, ...this.secrets()];
		const response = this.options.transport.send(
			{
				url: `${this.options.apiBaseUrl}${FURGONETKA_TOKEN_PATH}`,
				method: "post",
				contentType: "application/x-www-form-urlencoded",
				headers: { authorization: basicAuthorization(clientId, clientSecret), accept: "application/json" },
				body: encodeQuery(form),
			},
			{
				platform: "Furgonetka",
				endpoint: TOKEN_ENDPOINT,
				// A repeated refresh is refused with invalid_grant (which ends in a login anyway); a repeated
				// login adds at most one session, far from the 20 that would cost anyone a token.
				idempotent: true,
				secrets,
				patterns: FURGONETKA_SECRET_PATTERNS,
				describeError: oauthErrorText,
			},
		);
		if (response.status >= 200 && response.status < 300) {
			return { ok: true, tokens: parseTokenBody(response, secrets) };
		}
		return {
			ok: false,
			status: response.status,
			code: oauthErrorCode(response),
			text: foreignText(oauthErrorText(response), secrets, FURGONETKA_SECRET_PATTERNS),
		};
	}

	private tokenFailure(answer: Extract<TokenAnswer, { ok: false }>): PlatformError {
		const why: Record<string, string> = {
			invalid_grant:
				"Furgonetka refused the account's username or password. Correct them in Hubsheet's settings; Hubsheet will not try these again.",
			invalid_client:
				"Furgonetka refused the OAuth app's client id or secret. Correct them in Hubsheet's settings; Hubsheet will not try these again.",
			unauthorized_client:
				"Furgonetka does not allow this OAuth app to sign in with a password. Check the app in Furgonetka's settings.",
			"2fa_required":
				"The Furgonetka account asks for two-step login, which an API sign-in cannot pass. Use an account (or API user) without two-step login.",
		};
		const explanation = why[answer.code];
		return new PlatformError(
			"Furgonetka",
			TOKEN_ENDPOINT,
			"auth",
			explanation ??
				`Furgonetka refused Hubsheet's sign-in (HTTP ${answer.status}${answer.text ? `: ${answer.text}` : ""}).`,
			{ status: answer.status },
		);
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
		this.options.store.set(FURGONETKA_STORE_KEYS.tokens, JSON.stringify(stored));
		this.cached = stored;
		this.loaded = true;
		return stored;
	}

	private readTokens(): StoredFurgonetkaTokens | null {
		const raw = this.options.store.get(FURGONETKA_STORE_KEYS.tokens);
		if (raw === null) return null;
		const parsed = storedTokensSchema.safeParse(safeJson(raw));
		// Unreadable (never quoted: it holds tokens) or another account's: as if there were none.
		if (!parsed.success || parsed.data.account !== this.account) return null;
		return parsed.data;
	}

	private readRefused(): z.output<typeof refusedSchema> | null {
		const raw = this.options.store.get(FURGONETKA_STORE_KEYS.refused);
		if (raw === null) return null;
		const parsed = refusedSchema.safeParse(safeJson(raw));
		return parsed.success ? parsed.data : null;
	}

	private checkNotRefused(): void {
		const refused = this.readRefused();
		if (refused && refused.fingerprint === this.fingerprint) {
			throw this.tokenFailure({ ok: false, status: 400, code: refused.code, text: "" });
		}
	}

	private isFresh(tokens: StoredFurgonetkaTokens): boolean {
		return tokens.expiresAtMs - RENEW_MARGIN_MS > this.nowMs();
	}

	private nowMs(): number {
		return this.options.clock.now().getTime();
	}
}

/** The token answer is secret as a whole: a parser message quoting it would leak a token. */
function parseTokenBody(response: HttpResponse, secrets: readonly string[]): FurgonetkaTokenResponse {
	const edge = {
		platform: "Furgonetka" as const,
		endpoint: TOKEN_ENDPOINT,
		secrets,
		patterns: FURGONETKA_SECRET_PATTERNS,
		status: response.status,
		sensitiveBody: true,
	};
	return parseWith(tokenResponseSchema, edge, parseJson(edge, response.body));
}

function oauthErrorCode(response: HttpResponse): string {
	const parsed = oauthErrorSchema.safeParse(safeJson(response.body));
	// Only a code-shaped word: it goes into messages and the Store as is.
	return parsed.success && /^[A-Za-z0-9_]{1,40}$/.test(parsed.data.error) ? parsed.data.error : "";
}

function oauthErrorText(response: HttpResponse): string {
	const parsed = oauthErrorSchema.safeParse(safeJson(response.body));
	if (!parsed.success) return unknownBodyText(response.body);
	return [parsed.data.error, parsed.data.error_description].filter(Boolean).join(": ");
}

/** A short, stable fingerprint (FNV-1a) that tells credentials apart without keeping a copy of them. */
export function fingerprintOf(parts: readonly string[]): string {
	let hash = 0x811c9dc5;
	const text = parts.join("\u0000");
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	let second = 0x9e3779b9;
	for (let i = text.length - 1; i >= 0; i--) {
		second ^= text.charCodeAt(i);
		second = Math.imul(second, 0x01000193) >>> 0;
	}
	return `${(hash >>> 0).toString(16).padStart(8, "0")}${(second >>> 0).toString(16).padStart(8, "0")}`;
}

function safeJson(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}
