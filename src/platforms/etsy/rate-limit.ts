/**
 * Reading Etsy's rate-limit headers. Etsy limits each API key per second and per rolling 24 hours
 * (commonly 10 QPS / 10,000 QPD) and reports both on every answer; a 429 carries `retry-after`.
 */

export interface EtsyQuota {
	limitPerSecond: number | null;
	remainingThisSecond: number | null;
	limitPerDay: number | null;
	remainingToday: number | null;
}

function headerNumber(headers: Record<string, string>, name: string): number | null {
	const raw = headers[name];
	if (raw === undefined || raw.trim() === "") return null;
	const value = Number(raw.trim());
	return Number.isFinite(value) ? value : null;
}

/** The quota an answer reports, or null when it reports none (the token endpoint, some error pages). */
export function readQuota(headers: Record<string, string>): EtsyQuota | null {
	const quota: EtsyQuota = {
		limitPerSecond: headerNumber(headers, "x-limit-per-second"),
		remainingThisSecond: headerNumber(headers, "x-remaining-this-second"),
		limitPerDay: headerNumber(headers, "x-limit-per-day"),
		remainingToday: headerNumber(headers, "x-remaining-today"),
	};
	return Object.values(quota).every((value) => value === null) ? null : quota;
}

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
