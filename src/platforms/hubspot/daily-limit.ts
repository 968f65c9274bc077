/**
 * HubSpot's daily API limit as its answers report it. NOTES.md (Rate limits): "headers
 * `X-HubSpot-RateLimit-*` reflect your limits"; which of them carry the daily figures is not spelt
 * out there (UNCONFIRMED), so the `-Daily` / `-Daily-Remaining` pair HubSpot has long sent is read
 * when present, in any letter case, and an answer without them leaves the allowance unknown (the
 * engine then holds nothing back). HubSpot counts the day in the account's time zone, also
 * UNCONFIRMED: the engine tolerates a renewal at that midnight or at UTC's (core/daily-budget.ts).
 */

export interface HubSpotDailyLimit {
	left: number;
	perDay: number | null;
}

function header(headers: Record<string, string>, name: string): number | null {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const raw = key === undefined ? undefined : headers[key];
	if (raw === undefined || raw.trim() === "") return null;
	const value = Number(raw.trim());
	return Number.isFinite(value) ? value : null;
}

/** The daily limit an answer reports, or null when it reports none. */
export function readDailyLimit(headers: Record<string, string>): HubSpotDailyLimit | null {
	const left = header(headers, "x-hubspot-ratelimit-daily-remaining");
	if (left === null) return null;
	return { left, perDay: header(headers, "x-hubspot-ratelimit-daily") };
}
