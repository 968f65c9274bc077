/**
 * Typed failures of the Etsy connector. Every message names the platform and the endpoint, so a
 * line in the audit log or the Issues column says where it came from without a stack trace.
 *
 * Messages never carry a secret: text that comes from outside (Etsy's error bodies, transport
 * messages, JSON parser messages) goes through `redactSecrets` before it becomes part of a
 * message, because a stack trace captures the message at construction and cannot be cleaned later.
 */
import { foreignText as sharedForeignText, redactSecrets as sharedRedact } from "../http/redaction.js";

/** The operation ids of the Etsy Open API v3 spec, plus the OAuth token endpoint (absent from the spec). */
export type EtsyEndpoint =
	| "getShopReceipts"
	| "getShopReceipt"
	| "createReceiptShipment"
	| "getShippingCarriers"
	| "getMe"
	| "oauthToken";

export class EtsyError extends Error {
	override name = "EtsyError";
	readonly platform = "Etsy";
	constructor(
		readonly endpoint: EtsyEndpoint | "oauth",
		message: string,
	) {
		super(message);
	}
}

/** Etsy answered with a 4xx the connector has no more specific meaning for. */
export class EtsyHttpError extends EtsyError {
	override name = "EtsyHttpError";
	constructor(
		endpoint: EtsyEndpoint,
		readonly status: number,
		/** Etsy's own `error` text, redacted and shortened. */
		readonly etsyMessage: string,
	) {
		super(endpoint, `Etsy ${endpoint} failed with HTTP ${status}${etsyMessage ? `: ${etsyMessage}` : ""}`);
	}
}

/** Etsy answered with a redirect, which Hubsheet never follows with credentials (http/redirects.ts). */
export class EtsyRedirected extends EtsyError {
	override name = "EtsyRedirected";
}

/** Etsy kept answering 5xx (or, for a request that must not be repeated, answered 5xx once). */
export class EtsyServerError extends EtsyError {
	override name = "EtsyServerError";
	constructor(
		endpoint: EtsyEndpoint,
		readonly status: number,
		readonly attempts: number,
		/**
		 * True for a request that changes something (createReceiptShipment): Etsy may have carried it
		 * out before failing, so the caller must re-read before trying again.
		 */
		readonly mayHaveApplied: boolean,
		etsyMessage: string,
	) {
		super(
			endpoint,
			`Etsy ${endpoint} failed with HTTP ${status} after ${attempts} attempt${attempts === 1 ? "" : "s"}${
				etsyMessage ? `: ${etsyMessage}` : ""
			}`,
		);
	}
}

/** No answer came (timeout, DNS, connection refused). */
export class EtsyNetworkError extends EtsyError {
	override name = "EtsyNetworkError";
	constructor(
		endpoint: EtsyEndpoint,
		readonly attempts: number,
		readonly mayHaveApplied: boolean,
		transportMessage: string,
	) {
		super(
			endpoint,
			`Etsy ${endpoint} could not be reached after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${transportMessage}`,
		);
	}
}

/** Etsy kept answering 429, or asked for a longer wait than a sync run can afford. */
export class EtsyRateLimited extends EtsyError {
	override name = "EtsyRateLimited";
	constructor(
		endpoint: EtsyEndpoint,
		/** What Etsy asked for, when it said. */
		readonly retryAfterSeconds: number | null,
		/** The daily quota left according to the last answer; 0 means the day's requests are spent. */
		readonly remainingToday: number | null,
		detail: string,
	) {
		super(endpoint, `Etsy ${endpoint} is rate-limited: ${detail}`);
	}
}

/** The body was not JSON. */
export class EtsyMalformedResponse extends EtsyError {
	override name = "EtsyMalformedResponse";
	constructor(endpoint: EtsyEndpoint, detail: string) {
		super(endpoint, `Etsy ${endpoint} returned a malformed response: ${detail}`);
	}
}

/** The body was JSON but not the shape Hubsheet relies on; `path` names the field, e.g. `results[3].grandtotal.divisor`. */
export class EtsyUnexpectedResponse extends EtsyError {
	override name = "EtsyUnexpectedResponse";
	constructor(
		endpoint: EtsyEndpoint,
		readonly path: string,
		problem: string,
	) {
		super(endpoint, `Etsy ${endpoint}: ${path}: ${problem}`);
	}
}

export type ReconnectReason =
	/** No tokens stored: Etsy was never connected (or was disconnected). */
	| "not-connected"
	/** Etsy refused the refresh token (`invalid_grant`): revoked, expired after 90 days, or the password changed. */
	| "revoked"
	/** Etsy refused a freshly refreshed access token (a 401 that persists after one refresh). */
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
 * The owner has to connect Etsy again. Thrown before any damage: the caller stops pulling from Etsy,
 * keeps what it already wrote, and shows this message.
 */
export class EtsyReconnectRequired extends EtsyError {
	override name = "EtsyReconnectRequired";
	constructor(
		endpoint: EtsyEndpoint | "oauth",
		readonly reason: ReconnectReason,
		/** Etsy's error code when it gave one (`invalid_grant`, `invalid_token`). */
		readonly etsyCode = "",
	) {
		super(
			endpoint,
			`${RECONNECT_EXPLANATIONS[reason]}${etsyCode ? ` (Etsy said: ${etsyCode})` : ""}. ` +
				"Reconnect Etsy from the Hubsheet menu. " +
				"Orders already in the sheet are kept; Etsy syncing resumes once you reconnect.",
		);
	}
}

/**
 * Etsy refused a freshly renewed access token in this run (a 401 after a refresh), but has not said
 * the grant is gone (`invalid_grant`): most often passing. The run stops pulling from Etsy and the
 * next run tries again; only when it keeps happening run after run is the owner asked to reconnect.
 */
export class EtsyAccessRefused extends EtsyError {
	override name = "EtsyAccessRefused";
	constructor(
		endpoint: EtsyEndpoint | "oauth",
		readonly etsyCode: string,
		/** Syncs in a row that met this, this one included. */
		readonly runs: number,
		runsBeforeReconnect: number,
	) {
		super(
			endpoint,
			`Etsy refused Hubsheet's access just now, even after renewing it${etsyCode ? ` (Etsy said: ${etsyCode})` : ""}. ` +
				`Hubsheet tries again at the next sync; if Etsy still refuses after ${runsBeforeReconnect} syncs in a row, you will be asked to reconnect Etsy.`,
		);
	}
}

/** Etsy tokens look like `<numeric user id>.<long url-safe string>`; catch ones we were never told about. */
const TOKEN_LIKE = /\b\d{3,}\.[A-Za-z0-9_~-]{16,}/g;

/**
 * Removes secrets from text that came from outside (every wire form, see http/redaction.ts);
 * anything shaped like an Etsy token is replaced too, since a garbled token response may contain a
 * token the connector never parsed.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return sharedRedact(text, secrets, [TOKEN_LIKE]);
}

/** Foreign text made fit for a message: redacted, on one line, and short. */
export function foreignText(text: string, secrets: readonly string[]): string {
	return sharedForeignText(text, secrets, [TOKEN_LIKE]);
}
