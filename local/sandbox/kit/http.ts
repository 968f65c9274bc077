/** The request and response shapes every sandbox handler sees, and helpers to build responses. */

export type Query = Record<string, string | string[]>;

export interface SandboxRequest {
	method: string;
	/** Decoded path without the query string. */
	path: string;
	/** Named segments of the matched route pattern. */
	params: Record<string, string>;
	query: Query;
	/** Lower-cased header names; repeated headers joined with ", ". */
	headers: Record<string, string>;
	rawBody: string;
	/** Parsed JSON or form body; undefined when empty or of another type. */
	body: unknown;
	/** True when the body claimed to be JSON or a form but could not be parsed. */
	bodyInvalid: boolean;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON. */
	json?: unknown;
	/** Sent as is, when `json` is absent. */
	text?: string;
	/** Sent byte for byte (a PDF label), when `json` and `text` are absent. */
	bytes?: Uint8Array;
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
	return { status, json: body, ...(headers ? { headers } : {}) };
}

export function text(status: number, body: string, contentType = "text/plain; charset=utf-8"): SandboxResponse {
	return { status, text: body, headers: { "content-type": contentType } };
}

export function redirect(location: string, status = 302): SandboxResponse {
	return { status, text: "", headers: { location } };
}

/** The header a 429 carries: how many seconds to wait (besides any the response has). */
export function withRetryAfter(response: SandboxResponse, seconds: number): SandboxResponse {
	return { ...response, headers: { ...response.headers, "retry-after": String(seconds) } };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(req: SandboxRequest): string | undefined {
	return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] || undefined;
}

/** A JSON object body, or `{}` when the body is empty or not an object (lenient, as control calls are). */
export function bodyObject(req: SandboxRequest): Record<string, unknown> {
	return req.body && typeof req.body === "object" && !Array.isArray(req.body)
		? (req.body as Record<string, unknown>)
		: {};
}

/**
 * A JSON object body for a vendor endpoint: `{}` when empty, the vendor's own error (thrown) when
 * the body is something else.
 */
export function requiredBodyObject(req: SandboxRequest, invalid: () => Error): Record<string, unknown> {
	if (req.body === undefined) return {};
	if (req.body === null || typeof req.body !== "object" || Array.isArray(req.body)) throw invalid();
	return req.body as Record<string, unknown>;
}

/** The single value of a query parameter; a repeated parameter yields its last value. */
export function queryValue(query: Query, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}

export function parseQuery(search: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of search) {
		const existing = query[key];
		if (existing === undefined) query[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else query[key] = [existing, value];
	}
	return query;
}

/** Parses a body the way the platforms do: JSON or url-encoded form, chosen by content type. */
export function parseBody(contentType: string, raw: string): { body: unknown; invalid: boolean } {
	if (raw === "") return { body: undefined, invalid: false };
	const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
	if (type === "application/json" || type.endsWith("+json")) {
		try {
			return { body: JSON.parse(raw), invalid: false };
		} catch {
			return { body: undefined, invalid: true };
		}
	}
	if (type === "application/x-www-form-urlencoded") {
		return { body: Object.fromEntries(new URLSearchParams(raw)), invalid: false };
	}
	return { body: undefined, invalid: false };
}
