/**
 * What an Etsy request is before it is sent: the endpoint, a path whose ids are checked to be digits,
 * a query or form, and whether it carries the owner's access token; and the HttpRequest built from
 * it with Etsy's headers. Sending, signing in and parsing stay in client.ts.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpRequest } from "../../ports.js";
import { encodeQuery, type QueryParams, withQuery } from "../http/query-string.js";
import type { EtsyEndpoint } from "./errors.js";

/** An id as text or number; ids are keys, and paths accept only digits. */
export type EtsyId = string | number;

export interface CallSpec {
	endpoint: EtsyEndpoint;
	method: "get" | "post";
	path: string;
	query?: QueryParams;
	form?: QueryParams;
	/** Sends the owner's access token; false for public endpoints that need only the API key. */
	oauth: boolean;
	idempotent: boolean;
}

/**
 * The request for `spec`: `x-api-key: <keystring>:<shared secret>` (Etsy's current format) on every
 * one, `Authorization: Bearer <access token>` when the endpoint acts on the owner's shop.
 */
export function etsyRequest(
	apiBaseUrl: string,
	apiKey: string,
	spec: CallSpec,
	accessToken: string | null,
): HttpRequest {
	const headers: Record<string, string> = { "x-api-key": apiKey, accept: "application/json" };
	if (spec.oauth && accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
	const request: HttpRequest = {
		url: withQuery(`${apiBaseUrl}${spec.path}`, spec.query ?? []),
		method: spec.method,
		headers,
	};
	if (spec.form) {
		request.body = encodeQuery(spec.form);
		request.contentType = "application/x-www-form-urlencoded";
	}
	return request;
}

/** Digits only: an id from a sheet cell must not be able to change the path (`..`, `/`, `?`). */
export function pathId(id: EtsyId, what: string, endpoint: EtsyEndpoint): string {
	const text = String(id).trim();
	if (!/^\d+$/.test(text) || /^0+$/.test(text)) {
		throw new PlatformError(
			"Etsy",
			endpoint,
			"rejected",
			`Etsy ${endpoint}: the ${what} must be a positive whole number, not "${text.slice(0, 40)}"`,
		);
	}
	return text;
}
