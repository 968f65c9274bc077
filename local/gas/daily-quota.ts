/**
 * Daily quota counters shared by UrlFetchApp and MailApp. Apps Script's quotas reset about 24 hours
 * after the first call; a reset at the UTC day boundary of the virtual clock is close enough and
 * keeps the persisted state (`state.quota.day`) readable.
 */
import type { ExecutionHost } from "./host.js";

type Counter = "urlFetch" | "mail";

/** Google's quota names as they appear in the error text. */
const QUOTA_NAME: Record<Counter, string> = { urlFetch: "urlfetch", mail: "email" };

/** Counts `amount` uses of a daily quota, or throws Google's error when that would exceed `limit`. */
export function consumeDailyQuota(host: ExecutionHost, counter: Counter, limit: number, amount = 1): void {
	const quota = currentQuota(host);
	if (quota[counter] + amount > limit) {
		throw host.realm.exception(`Service invoked too many times for one day: ${QUOTA_NAME[counter]}.`);
	}
	quota[counter] += amount;
	host.markDirty("quota");
}

export function usedDailyQuota(host: ExecutionHost, counter: Counter): number {
	return currentQuota(host)[counter];
}

function currentQuota(host: ExecutionHost) {
	const day = new Date(host.now()).toISOString().slice(0, 10);
	if (host.state.quota.day !== day) {
		host.state.quota = { day, urlFetch: 0, mail: 0 };
		host.markDirty("quota");
	}
	return host.state.quota;
}
