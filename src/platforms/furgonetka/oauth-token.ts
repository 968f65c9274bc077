/**
 * Furgonetka's token endpoint (`POST /oauth/token`, the app's Basic credentials): a password login or
 * a refresh, the answer read as a secret whole, and a refusal turned into what the owner must fix.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { basicAuthorization } from "../http/base64.js";
import { parseJson, parseWith } from "../http/json-edge.js";
import { encodeQuery } from "../http/query-string.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { Transport } from "../http/transport.js";
import { safeJson } from "./oauth-store.js";
import { type FurgonetkaTokenResponse, oauthErrorSchema, tokenResponseSchema } from "./schemas.js";

export const FURGONETKA_TOKEN_PATH = "/oauth/token";
export const TOKEN_ENDPOINT = "POST /oauth/token";

/** Token shapes (JWTs) and Basic credentials, redacted even when the connector never parsed them. */
export const FURGONETKA_SECRET_PATTERNS: readonly RegExp[] = [
	/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
	/Basic\s+[A-Za-z0-9+/=]{8,}/g,
];

export type TokenAnswer =
	| { ok: true; tokens: FurgonetkaTokenResponse }
	| { ok: false; status: number; code: string; text: string };

/** Posts the form to the token endpoint with the app's Basic credentials; `secrets` are redacted. */
export function requestTokens(
	transport: Transport,
	apiBaseUrl: string,
	credentials: { clientId: string; clientSecret: string },
	form: ReadonlyArray<readonly [string, string]>,
	secrets: readonly string[],
): TokenAnswer {
	const { clientId, clientSecret } = credentials;
	const response = transport.send(
		{
			url: `${apiBaseUrl}${FURGONETKA_TOKEN_PATH}`,
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

/** The error a refused sign-in becomes: what to correct, in the owner's words. */
export function tokenRefusal(answer: Extract<TokenAnswer, { ok: false }>): PlatformError {
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
