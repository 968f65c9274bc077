/**
 * Look-ups that do not depend on each other (a buyer's person for each new deal) are sent together
 * with fetchAll, in batches a platform's published rate limit allows. A batch may take half of the
 * platform's rolling window: the other half stays for the creates that follow it one after another,
 * and for the retry of any answer that asked for patience.
 */

/** A published rate limit: at most `requests` in any rolling `windowMs`. */
export interface RateWindow {
	requests: number;
	windowMs: number;
}

/** Look-ups one batch may send: half the window's requests, at least 1, at most `cap`. */
export function lookUpBatchSize(limit: RateWindow, cap = Number.POSITIVE_INFINITY): number {
	const half = Math.floor(limit.requests / 2);
	return Math.max(1, Math.min(Number.isFinite(cap) ? Math.floor(cap) : half, half));
}

/** The items in batches of `size` (the last one may be smaller), in order. */
export function lookUpBatches<T>(items: readonly T[], size: number): T[][] {
	const step = Math.max(1, Math.floor(size) || 1);
	const batches: T[][] = [];
	for (let start = 0; start < items.length; start += step) batches.push(items.slice(start, start + step));
	return batches;
}
