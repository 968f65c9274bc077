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
