/**
 * Query strings and form bodies without URLSearchParams, which Apps Script's V8 runtime lacks.
 * Shared by every platform connector (the marketplace, the CRMs and the couriers all send query strings
 * or url-encoded forms), hence `platforms/http/` rather than one platform's folder.
 */

export type QueryValue = string | number | boolean | null | undefined;

/** Pairs keep their order; a record keeps insertion order. Null and undefined values are left out. */
export type QueryParams = Record<string, QueryValue> | ReadonlyArray<readonly [string, QueryValue]>;

/**
 * Percent-encodes per RFC 3986: encodeURIComponent leaves `!'()*` alone, which some servers
 * (and OAuth signature checks) treat as reserved, so they are encoded too. Spaces become `%20`,
 * which form parsers accept as well as `+`.
 */
export function percentEncode(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `a=1&b=two%20words`, without a leading `?`; also the body of an x-www-form-urlencoded request. */
export function encodeQuery(params: QueryParams): string {
	const pairs: ReadonlyArray<readonly [string, QueryValue]> = Array.isArray(params)
		? (params as ReadonlyArray<readonly [string, QueryValue]>)
		: Object.entries(params);
	const parts: string[] = [];
	for (const [key, value] of pairs) {
		if (value === null || value === undefined) continue;
		if (typeof value === "number" && !Number.isFinite(value)) {
			// A NaN in a query is always a bug upstream; sending "NaN" would hide it.
			throw new Error(`Query parameter ${key} is not a finite number`);
		}
		parts.push(`${percentEncode(key)}=${percentEncode(String(value))}`);
	}
	return parts.join("&");
}

/** Appends parameters to a URL that may already carry a query string. */
export function withQuery(url: string, params: QueryParams): string {
	const query = encodeQuery(params);
	if (query === "") return url;
	return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}
