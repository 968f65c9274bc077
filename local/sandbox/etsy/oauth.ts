/**
 * Etsy's OAuth 2: the authorize page (auto-approved locally, or denied by a switch) and the token
 * endpoint with authorization_code + PKCE S256 and refresh_token grants. Refresh tokens rotate:
 * the one just used stops working, as Etsy does (etsy/open-api#116, #353).
 *
 * NOTES.md "Requests and auth": "OAuth2 authorization code + PKCE (S256): authorize
 * `https://www.etsy.com/oauth/connect`, token `POST https://api.etsy.com/v3/public/oauth/token`,
 * form-encoded"; "Redirect URI must be pre-registered (#331 ...); https requirement carried over
 * (UNCONFIRMED)": registered URIs are checked when the app lists any, and http is taken (the local
 * runtime's callback is http; the connector's real one is Apps Script's https URL, so both readings pass).
 * "Access token lasts 3600 s, refresh token 90 days; **each refresh returns a NEW refresh token**"
 * (state.ts ACCESS_TOKEN_TTL, REFRESH_TOKEN_TTL); "A password change on Etsy invalidates all tokens"
 * (control `tokens/revoke`); error bodies `{"error":"invalid_grant","error_description":"refresh_token
 * is revoked"}` as below.
 * Not in NOTES: the other OAuth error codes and texts (RFC 6749's), the 10-minute code lifetime, the
 * scope list (the spec's securitySchemes.oauth2), and client_id taken from the form or x-api-key.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Handler, json, queryValue, redirect, type SandboxResponse, text } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { SHOP } from "./catalog.js";
import type { EtsySandbox } from "./sandbox.js";
import { AUTH_CODE_TTL } from "./state.js";

/** The scopes Etsy knows (securitySchemes.oauth2 in the spec). */
export const SCOPES = [
	"address_r",
	"address_w",
	"billing_r",
	"cart_r",
	"cart_w",
	"email_r",
	"favorites_r",
	"favorites_w",
	"feedback_r",
	"listings_d",
	"listings_r",
	"listings_w",
	"profile_r",
	"profile_w",
	"recommend_r",
	"recommend_w",
	"shops_r",
	"shops_w",
	"transactions_r",
	"transactions_w",
] as const;

const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function pkceChallenge(verifier: string): string {
	return createHash("sha256").update(verifier).digest("base64url");
}

function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { ...json(status, { error, error_description: description }), headers: { "cache-control": "no-store" } };
}

function page(status: number, message: string): SandboxResponse {
	const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	return text(
		status,
		`<!doctype html><title>Etsy sandbox</title><h1>Authorization error</h1><p>${escaped}</p>`,
		"text/html; charset=utf-8",
	);
}

function withParams(uri: string, params: Record<string, string>): string {
	const url = new URL(uri);
	for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
	return url.toString();
}

export function registerOAuthRoutes(sb: EtsySandbox, router: Router<Handler>): void {
	router.get("/oauth/connect", (req) => {
		const q = (name: string) => queryValue(req.query, name);
		const app = sb.state.app;
		if (q("client_id") !== app.keystring) return page(400, "The application could not be found (client_id).");
		const redirectUri = q("redirect_uri");
		if (!redirectUri || !URL.canParse(redirectUri)) return page(400, "redirect_uri is missing or not a URL.");
		if (app.redirectUris.length > 0 && !app.redirectUris.includes(redirectUri)) {
			return page(400, `redirect_uri ${redirectUri} is not registered for this application.`);
		}
		const state = q("state");
		const fail = (error: string, description: string) =>
			redirect(withParams(redirectUri, { error, error_description: description, ...(state ? { state } : {}) }));
		if (q("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
		if (!state) return fail("invalid_request", "state is required");
		const scopes = (q("scope") ?? "").split(/[\s+]+/).filter(Boolean);
		if (scopes.length === 0) return fail("invalid_scope", "scope is required");
		const unknown = scopes.filter((scope) => !(SCOPES as readonly string[]).includes(scope));
		if (unknown.length > 0) return fail("invalid_scope", `unknown scope ${unknown.join(" ")}`);
		if (q("code_challenge_method") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
		const challenge = q("code_challenge") ?? "";
		if (!/^[A-Za-z0-9\-_]{43}$/.test(challenge)) return fail("invalid_request", "code_challenge is invalid");
		if (sb.state.settings.denyAuthorization) return fail("access_denied", "The user denied the request");

		const code = randomBytes(32).toString("base64url");
		sb.state.codes.set(code, {
			userId: SHOP.user_id,
			clientId: app.keystring,
			redirectUri,
			scopes,
			codeChallenge: challenge,
			expiresAt: sb.now() + AUTH_CODE_TTL,
			used: false,
		});
		return redirect(withParams(redirectUri, { code, state }));
	});

	router.post("/v3/public/oauth/token", (req) => {
		if (req.bodyInvalid) return oauthError(400, "invalid_request", "the request body could not be parsed");
		const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
		const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
		const clientId = field("client_id") ?? req.headers["x-api-key"]?.split(":")[0];
		if (!clientId) return oauthError(400, "invalid_request", "Missing x-api-key header or client_id");
		if (clientId !== sb.state.app.keystring) return oauthError(401, "invalid_client", "client_id is invalid");
		const now = sb.now();
		const grantType = field("grant_type");

		if (grantType === "authorization_code") {
			const code = field("code");
			const redirectUri = field("redirect_uri");
			const verifier = field("code_verifier");
			if (!code || !redirectUri || !verifier) {
				return oauthError(400, "invalid_request", "code, redirect_uri and code_verifier are required");
			}
			const record = sb.state.codes.get(code);
			if (!record || record.clientId !== clientId) return oauthError(400, "invalid_grant", "code is invalid");
			if (record.used) return oauthError(400, "invalid_grant", "code has already been used");
			if (now >= record.expiresAt) return oauthError(400, "invalid_grant", "code is expired");
			if (record.redirectUri !== redirectUri) return oauthError(400, "invalid_grant", "redirect_uri does not match");
			if (!PKCE_VALUE.test(verifier) || pkceChallenge(verifier) !== record.codeChallenge) {
				return oauthError(400, "invalid_grant", "code_verifier is invalid");
			}
			record.used = true;
			return { ...json(200, sb.state.issueTokens(record.scopes, now)), headers: { "cache-control": "no-store" } };
		}

		if (grantType === "refresh_token") {
			const refreshToken = field("refresh_token");
			if (!refreshToken) return oauthError(400, "invalid_request", "refresh_token is required");
			const record = sb.state.tokens.get(refreshToken);
			if (record?.kind !== "refresh") return oauthError(400, "invalid_grant", "refresh_token is invalid");
			if (record.revoked) return oauthError(400, "invalid_grant", "refresh_token is revoked");
			if (now >= record.expiresAt) return oauthError(400, "invalid_grant", "refresh_token is expired");
			record.revoked = "rotated";
			return { ...json(200, sb.state.issueTokens(record.scopes, now)), headers: { "cache-control": "no-store" } };
		}

		return oauthError(400, "unsupported_grant_type", `grant_type ${grantType ?? "(missing)"} is not supported`);
	});
}
