/**
 * Reading Etsy's rate-limit headers. Etsy limits each API key per second and per rolling 24 hours
 * (commonly 10 QPS / 10,000 QPD) and reports both on every answer; a 429 carries `retry-after`.
 * The client watches the daily one, so that pulling stops while some quota is left for pushes.
 */

import type { Log } from "../../ports.js";

/** Below this many requests left today, callers should stop pulling (see `QuotaWatch.isLow`). */
export const DEFAULT_MIN_REMAINING_TODAY = 50;

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

/** The quota Etsy reported on its latest answer, and a single warning once it is nearly spent. */
export class QuotaWatch {
	private latest: EtsyQuota | null = null;
	private warned = false;

	constructor(
		private readonly minRemainingToday = DEFAULT_MIN_REMAINING_TODAY,
		private readonly log?: Log,
	) {}

	/** Null before the first answer that reported one. */
	get quota(): EtsyQuota | null {
		return this.latest;
	}

	/** True when Etsy's daily quota is nearly spent. */
	isLow(): boolean {
		const remaining = this.latest?.remainingToday;
		return remaining !== null && remaining !== undefined && remaining < this.minRemainingToday;
	}

	/** Notes the quota an answer's headers report, if any. */
	observe(headers: Record<string, string>): void {
		const quota = readQuota(headers);
		if (!quota) return;
		this.latest = quota;
		if (this.isLow() && !this.warned) {
			this.warned = true;
			this.log?.warn(
				`Etsy's daily request quota is nearly spent: ${quota.remainingToday} left${
					quota.limitPerDay !== null ? ` of ${quota.limitPerDay}` : ""
				}`,
			);
		}
	}
}
