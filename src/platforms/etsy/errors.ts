/**
 * How Etsy's failures are told: as the `PlatformError` every connector throws (the shared transport
 * makes the 5xx, 429, no-answer, redirect and unreadable-answer ones, naming Etsy and the endpoint),
 * plus the one meaning only Etsy has, its sign-in, as data on `EtsySignInError`: `reconnect` says
 * whether the owner must connect Etsy again or the next sync simply tries again.
 *
 * Messages never carry a secret: text from outside goes through the shared redaction with Etsy's
 * token shape (ETSY_SECRET_PATTERNS) before it becomes part of one.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { foreignText as sharedForeignText, redactSecrets as sharedRedact, unknownBodyText } from "../http/redaction.js";

/** The operation ids of the Etsy Open API v3 spec, plus the OAuth token endpoint (absent from the spec). */
export type EtsyEndpoint =
	| "getShopReceipts"
	| "getShopReceipt"
	| "createReceiptShipment"
	| "getShippingCarriers"
	| "getMe"
	| "oauthToken"
	| "oauth";

export type ReconnectReason =
	/** No tokens stored: Etsy was never connected (or was disconnected). */
	| "not-connected"
	/** Etsy refused the refresh token (`invalid_grant`): revoked, expired after 90 days, or the password changed. */
	| "revoked"
	/** Etsy refused a freshly refreshed access token (a 401 that persists after one refresh), sync after sync. */
	| "rejected"
	/** The stored tokens could not be read. */
	| "unreadable";

const RECONNECT_EXPLANATIONS: Record<ReconnectReason, string> = {
	"not-connected": "Etsy is not connected to Hubsheet yet",
	revoked:
		"Etsy no longer accepts Hubsheet's saved sign-in (it was revoked, expired after 90 days unused, or your Etsy password changed)",
	rejected: "Etsy refused Hubsheet's access even after renewing it",
	unreadable: "Hubsheet's saved Etsy sign-in could not be read",
};

/**
 * Etsy did not accept Hubsheet's sign-in. With `reconnect` the owner has to connect Etsy again
 * (thrown before any damage: the caller stops pulling from Etsy, keeps what it wrote, shows the
 * message). Without it, Etsy refused a freshly renewed token in this run without saying the grant is
 * gone: most often passing, so the next sync tries again, and only when it keeps happening
 * (`runs` syncs in a row) is the owner asked to reconnect.
 */
export class EtsySignInError extends PlatformError {
	constructor(
		endpoint: EtsyEndpoint,
		message: string,
		readonly reconnect: boolean,
		/** Why the owner must reconnect; "rejected" too for a refusal that is still passing. */
		readonly reason: ReconnectReason,
		/** Etsy's error code when it gave one (`invalid_grant`, `invalid_token`). */
		readonly etsyCode = "",
		/** For a passing refusal: syncs in a row that met it, this one included. */
		readonly runs = 0,
	) {
		super("Etsy", endpoint, "auth", message);
		this.name = "EtsySignInError";
	}
}

/** The owner has to connect Etsy again. */
export function reconnectRequired(endpoint: EtsyEndpoint, reason: ReconnectReason, etsyCode = ""): EtsySignInError {
	const message =
		`${RECONNECT_EXPLANATIONS[reason]}${etsyCode ? ` (Etsy said: ${etsyCode})` : ""}. ` +
		"Reconnect Etsy from the Hubsheet menu. " +
		"Orders already in the sheet are kept; Etsy syncing resumes once you reconnect.";
	return new EtsySignInError(endpoint, message, true, reason, etsyCode);
}

/** Etsy refused a renewed token in this run; the next sync tries again. */
export function accessRefused(
	endpoint: EtsyEndpoint,
	etsyCode: string,
	runs: number,
	runsBeforeReconnect: number,
): EtsySignInError {
	const message =
		`Etsy refused Hubsheet's access just now, even after renewing it${etsyCode ? ` (Etsy said: ${etsyCode})` : ""}. ` +
		`Hubsheet tries again at the next sync; if Etsy still refuses after ${runsBeforeReconnect} syncs in a row, you will be asked to reconnect Etsy.`;
	return new EtsySignInError(endpoint, message, false, "rejected", etsyCode, runs);
}

/** True for a failure that needs the owner to connect Etsy again. */
export function needsReconnect(error: unknown): error is EtsySignInError {
	return error instanceof EtsySignInError && error.reconnect;
}

/** An Etsy answer the caller has no more specific meaning for (a 4xx): about this request's data. */
export function etsyHttpError(endpoint: EtsyEndpoint, status: number, etsyMessage: string): PlatformError {
	return new PlatformError(
		"Etsy",
		endpoint,
		"rejected",
		`Etsy ${endpoint} failed with HTTP ${status}${etsyMessage ? `: ${etsyMessage}` : ""}`,
		{ status },
	);
}

/** Etsy tokens look like `<numeric user id>.<long url-safe string>`; catch ones we were never told about. */
export const ETSY_SECRET_PATTERNS: readonly RegExp[] = [/\b\d{3,}\.[A-Za-z0-9_~-]{16,}/g];

/**
 * Removes secrets from text that came from outside (every wire form, see http/redaction.ts);
 * anything shaped like an Etsy token is replaced too, since a garbled token response may contain a
 * token the connector never parsed.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return sharedRedact(text, secrets, ETSY_SECRET_PATTERNS);
}

/** Foreign text made fit for a message: redacted, on one line, and short. */
export function foreignText(text: string, secrets: readonly string[]): string {
	return sharedForeignText(text, secrets, ETSY_SECRET_PATTERNS);
}

/**
 * Etsy's explanation from an error body, not yet redacted: `error` (and `error_description` for
 * OAuth), or the explanation unknownBodyText finds in another body (an HTML error page from a proxy).
 */
export function describeEtsyError(response: HttpResponse): string {
	let text = unknownBodyText(response.body);
	try {
		const parsed: unknown = JSON.parse(response.body);
		if (parsed !== null && typeof parsed === "object") {
			const { error, error_description } = parsed as { error?: unknown; error_description?: unknown };
			const parts = [error, error_description].filter(
				(part): part is string => typeof part === "string" && part !== "",
			);
			if (parts.length > 0) text = parts.join(": ");
		}
	} catch {
		// Not JSON: unknownBodyText already said what it is.
	}
	return text;
}

/** Etsy's explanation, redacted and shortened. */
export function etsyErrorText(response: HttpResponse, secrets: readonly string[]): string {
	return foreignText(describeEtsyError(response), secrets);
}

/**
 * Etsy's `error` code alone (`invalid_grant`, `invalid_token`), or "" when the body has none. Only a
 * code-shaped word counts, so the result is safe to put in a message as is.
 */
export function etsyErrorCode(response: HttpResponse): string {
	try {
		const parsed: unknown = JSON.parse(response.body);
		if (parsed !== null && typeof parsed === "object") {
			const { error } = parsed as { error?: unknown };
			if (typeof error === "string" && /^[A-Za-z_]{1,40}$/.test(error)) return error;
		}
	} catch {
		// No code in a body that is not JSON.
	}
	return "";
}
