/** The `retry-after` header every platform may send with a 429 or a 503, read one way for all connectors. */

/**
 * Seconds to wait according to a `retry-after` header: either delta-seconds or an HTTP date
 * (RFC 9110). Null when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
	if (value === undefined) return null;
	const trimmed = value.trim();
	if (trimmed === "") return null;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return null;
	return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
