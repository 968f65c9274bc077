/**
 * Furgonetka's token endpoint, `POST /oauth/token`: the client authenticates with HTTP Basic
 * (client id and secret), the body is a form. Password grant (scope `api`) and refresh_token grant.
 * Every login opens a session; past 20 live sessions the oldest is revoked without a word, which is
 * what makes a login per run dangerous. A refresh renews its own session (the used refresh token
 * stops working) and opens none.
 *
 * NOTES.md "Auth": "Token: `POST {base}/oauth/token`, `Authorization: Basic base64(client_id:client_secret)`,
 * form-urlencoded body"; "Password grant: `grant_type=password&scope=api&username=…&password=…`";
 * "Refresh: `grant_type=refresh_token&refresh_token=…` [PY, SP]; SP keeps the new refresh token when
 * one is returned"; "Max 20 open sessions per user per OAuth app, a new one revokes the oldest";
 * "Password grant may answer `{"error":"2fa_required"}`". Lifetimes: state.ts DEFAULT_SETTINGS.
 * NOTES.md "Auth": the host (`api.` or `konto.furgonetka.pl`) is UNCONFIRMED: the sandbox serves the
 * path on its one origin and the connector takes the token URL from its base URL setting.
 * Not in NOTES, chosen because any OAuth 2 server (RFC 6749) does so: the `{error, error_description}`
 * bodies and their codes, client id and secret also taken from the form, and that a refresh rotates
 * the refresh token (NOTES only says a new one may come; the connector keeps it when it does and the
 * old one otherwise). The authorization-code grant is not served (the connector uses the password grant).
 */
import { type Handler, json } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { type FurgonetkaSandbox, oauthError } from "./sandbox.js";

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
	if (!match?.[1]) return null;
	const decoded = Buffer.from(match[1], "base64").toString("utf8");
	const colon = decoded.indexOf(":");
	if (colon < 0) return null;
	return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function registerOAuthRoutes(sb: FurgonetkaSandbox, router: Router<Handler>): void {
	router.post("/oauth/token", (req) => {
		const decision = sb.limiter.hit();
		if (!decision.allowed) return sb.rateLimitedResponse(decision.retryAfter);
		if (req.bodyInvalid) return oauthError(400, "invalid_request", "The request body could not be parsed.");
		const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
		const field = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : undefined);
		const state = sb.state;
		const client =
			basicCredentials(req.headers.authorization) ??
			(field("client_id") ? { id: field("client_id") as string, secret: field("client_secret") ?? "" } : null);
		if (!client || client.id !== state.app.clientId || client.secret !== state.app.clientSecret) {
			return oauthError(401, "invalid_client", "Client authentication failed.");
		}
		const now = sb.now();
		const grantType = field("grant_type");

		if (grantType === "password") {
			const username = field("username");
			const password = field("password");
			if (!username || !password) return oauthError(400, "invalid_request", "Missing parameters: username, password.");
			const scope = field("scope") ?? "api";
			if (scope.split(/\s+/).some((s) => s !== "api"))
				return oauthError(400, "invalid_scope", "An unsupported scope was requested.");
			if (username !== state.user.username || password !== state.user.password) {
				state.counters.failedLogins++;
				return oauthError(400, "invalid_grant", "Invalid username and password combination.");
			}
			if (state.settings.twoFactor) return json(400, { error: "2fa_required" });
			const session = state.openSession(now, "password");
			return { ...json(200, state.tokenResponse(session, now)), headers: { "cache-control": "no-store" } };
		}

		if (grantType === "refresh_token") {
			const token = field("refresh_token");
			if (!token) return oauthError(400, "invalid_request", "Missing parameters: refresh_token.");
			const record = state.tokens.get(token);
			if (record?.kind !== "refresh" || record.session.revoked) {
				return oauthError(400, "invalid_grant", "Invalid refresh token.");
			}
			if (now >= record.session.refreshExpiresAt) return oauthError(400, "invalid_grant", "Refresh token has expired.");
			const session = state.renewSession(record.session, now);
			return { ...json(200, state.tokenResponse(session, now)), headers: { "cache-control": "no-store" } };
		}

		return oauthError(400, "unsupported_grant_type", `The grant type "${grantType ?? ""}" is not supported.`);
	});
}
