/**
 * Etsy's token endpoint: exchanging a sign-in's code, or a refresh token, for a pair of tokens.
 *
 * Etsy apps are public clients: no client secret is sent. The answer is secret as a whole, so a
 * parser message about it never quotes it; a refusal comes back as a result (with Etsy's code) for
 * the caller to decide what it means.
 */

import { type EdgeContext, parseJson, parseWith } from "../http/json-edge.js";
import { encodeQuery } from "../http/query-string.js";
import type { Transport } from "../http/transport.js";
import { describeEtsyError, ETSY_SECRET_PATTERNS, etsyErrorCode, etsyErrorText } from "./errors.js";
import type { StoredEtsyTokens } from "./oauth-store.js";
import { type EtsyTokenResponse, tokenResponseSchema } from "./schemas.js";

export const ETSY_TOKEN_PATH = "/v3/public/oauth/token";

export type TokenAnswer =
	| { ok: true; tokens: EtsyTokenResponse }
	| { ok: false; status: number; code: string; text: string };

/** Posts the form to the token endpoint; `secrets` are redacted from anything the answer says. */
export function requestTokens(
	transport: Transport,
	apiBaseUrl: string,
	form: ReadonlyArray<readonly [string, string]>,
	secrets: readonly string[],
): TokenAnswer {
	const response = transport.send(
		{
			url: `${apiBaseUrl}${ETSY_TOKEN_PATH}`,
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
			secrets,
			patterns: ETSY_SECRET_PATTERNS,
			describeError: describeEtsyError,
		},
	);
	if (response.status >= 200 && response.status < 300) {
		const edge: EdgeContext = {
			platform: "Etsy",
			endpoint: "oauthToken",
			secrets,
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
		text: etsyErrorText(response, secrets),
	};
}

/** The form that exchanges a refresh token (which Etsy then rotates) for new tokens. */
export function refreshForm(keystring: string, refreshToken: string): Array<[string, string]> {
	return [
		["grant_type", "refresh_token"],
		["client_id", keystring],
		["refresh_token", refreshToken],
	];
}

/** What to store from Etsy's answer, received at `nowMs`. */
export function tokensFromAnswer(
	answer: EtsyTokenResponse,
	nowMs: number,
	knownUserId: string | null,
	refusedRuns?: number,
): StoredEtsyTokens {
	return {
		accessToken: answer.access_token,
		refreshToken: answer.refresh_token,
		expiresAtMs: nowMs + answer.expires_in * 1000,
		// Etsy prefixes access tokens with the numeric user id.
		userId: /^(\d+)\./.exec(answer.access_token)?.[1] ?? knownUserId,
		savedAtMs: nowMs,
		// A refresh does not end a run of refusals: only an accepted token does.
		refusedRuns,
	};
}
