/**
 * Starting and finishing an Etsy sign-in: the PKCE verifier (S256), the Etsy page the owner opens,
 * and the checks on what Etsy's redirect brings back before any code is exchanged.
 *
 * The redirect goes to Apps Script's own `/usercallback`, and `state` is an Apps Script state token
 * made by the caller, which routes the callback to the right function; it is also checked here
 * against the sign-in Hubsheet started, so an old or reused link cannot complete.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Crypto } from "../../ports.js";
import { withQuery } from "../http/query-string.js";
import { foreignText } from "./errors.js";
import type { PendingAuthorization } from "./oauth-store.js";

export const ETSY_AUTHORIZE_URL = "https://www.etsy.com/oauth/connect";
/**
 * Reading receipts and submitting tracking: nothing more. The shop id comes from the settings
 * dialog, so Hubsheet does not ask for `shops_r` (which getMe would need).
 */
export const ETSY_OAUTH_SCOPES: readonly string[] = ["transactions_r", "transactions_w"];

const VERIFIER_LENGTH = 96;
/** RFC 7636: 43 to 128 characters of the unreserved set. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
const TRY_AGAIN = "Try connecting Etsy again from the Hubsheet menu.";

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

/** A fresh PKCE verifier; Etsy would refuse one of the wrong shape only at the exchange, confusingly. */
export function newVerifier(crypto: Crypto): string {
	const verifier = crypto.randomToken(VERIFIER_LENGTH);
	if (!VERIFIER_PATTERN.test(verifier)) {
		throw new PlatformError(
			"Etsy",
			"oauth",
			"auth",
			"Etsy sign-in could not start: the random verifier has the wrong shape",
		);
	}
	return verifier;
}

export interface AuthorizeRequest {
	authorizeUrl: string;
	keystring: string;
	redirectUri: string;
	scopes: readonly string[];
	state: string;
	verifier: string;
}

/** The Etsy page the owner opens to grant access. */
export function authorizePage(request: AuthorizeRequest, crypto: Crypto): string {
	return withQuery(request.authorizeUrl, [
		["response_type", "code"],
		["client_id", request.keystring],
		["redirect_uri", request.redirectUri],
		["scope", request.scopes.join(" ")],
		["state", request.state],
		["code_challenge", crypto.sha256Base64Url(request.verifier)],
		["code_challenge_method", "S256"],
	]);
}

/**
 * What the redirect brings, checked against the sign-in Hubsheet started: the code to exchange, or
 * the owner's answer when there is nothing to exchange. `secrets` are redacted from Etsy's words.
 */
export function checkCallback(
	callback: EtsyCallbackParameters,
	pending: PendingAuthorization | null,
	secrets: readonly string[],
): { ok: true; code: string; verifier: string } | { ok: false; result: EtsyAuthorizationResult } {
	if (callback.error) {
		const detail = foreignText([callback.error, callback.error_description].filter(Boolean).join(": "), secrets);
		return {
			ok: false,
			result:
				callback.error === "access_denied"
					? { kind: "denied", message: `Etsy access was not granted (${detail}). ${TRY_AGAIN}` }
					: { kind: "failed", message: `Etsy sign-in failed (${detail}). ${TRY_AGAIN}` },
		};
	}
	if (!pending || callback.state !== pending.state) {
		return signInFailed(
			`This Etsy sign-in does not match the one Hubsheet started (it may be an old or reused link). ${TRY_AGAIN}`,
		);
	}
	if (!callback.code) return signInFailed(`Etsy sent no authorization code. ${TRY_AGAIN}`);
	return { ok: true, code: callback.code, verifier: pending.verifier };
}

/** The form that exchanges the redirect's code, proven by the verifier, for tokens. */
export function codeExchangeForm(
	keystring: string,
	redirectUri: string,
	checked: { code: string; verifier: string },
): Array<[string, string]> {
	return [
		["grant_type", "authorization_code"],
		["client_id", keystring],
		["redirect_uri", redirectUri],
		["code", checked.code],
		["code_verifier", checked.verifier],
	];
}

/** The exchange failed: Etsy refused it (`status`, its words) or could not be asked (`problem`). */
export function exchangeFailed(
	failure: { status: number; text: string } | { problem: string },
): EtsyAuthorizationResult {
	const message =
		"problem" in failure
			? `${failure.problem}. ${TRY_AGAIN}`
			: `Etsy refused the sign-in (HTTP ${failure.status}${failure.text ? `: ${failure.text}` : ""}). ${TRY_AGAIN}`;
	return { kind: "failed", message };
}

function signInFailed(message: string): { ok: false; result: EtsyAuthorizationResult } {
	return { ok: false, result: { kind: "failed", message } };
}
