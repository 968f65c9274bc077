/**
 * When each parcel is read again from the courier (issue 11: poll only what can have changed).
 * Every courier read is one or two UrlFetch calls, and Apps Script allows 20,000 a day: polling every
 * parcel on every 10-minute run runs out above ~134 parcels. So each parcel has a due time, decided
 * here from its state and how long it has been in it, and a daily allowance of reads bounds the
 * total whatever the number of parcels in flight. Pure: the engine keeps the due times in the
 * bookkeeping and the allowance in the engine store.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Where a parcel is in its life, as far as polling is concerned. */
export type ParcelPhase = "awaiting-pick-up" | "in-transit" | "done";

/**
 * Shortest and longest wait between two reads, per phase. Between them a parcel waits half as long
 * as it has been in its state: news comes soon after a change (a label, a pick-up), seldom after days
 * of nothing. A parcel unchanged for a week is read once a day.
 */
const WAITS: Record<Exclude<ParcelPhase, "done">, { min: number; max: number }> = {
	// The pick-up sends the tracking to Etsy (the buyer's email): worth noticing within the hour.
	"awaiting-pick-up": { min: 30 * MINUTE, max: 4 * HOUR },
	// Only the delivery is left to see; a few hours late on the sheet costs the owner nothing.
	"in-transit": { min: 2 * HOUR, max: 12 * HOUR },
};
const STALE_AFTER = 7 * DAY;

/** How long after a read the parcel is next due, given how long it has been in its state. */
export function pollWaitMs(phase: ParcelPhase, inStateMs: number): number | null {
	if (phase === "done") return null;
	if (inStateMs >= STALE_AFTER) return DAY;
	const { min, max } = WAITS[phase];
	return Math.min(max, Math.max(min, Math.floor(Math.max(0, inStateMs) / 2)));
}

/** When the parcel is next due (epoch ms), or null when it needs no more reads. */
export function nextPollAt(phase: ParcelPhase, stateSince: number, now: number): number | null {
	const wait = pollWaitMs(phase, now - stateSince);
	return wait === null ? null : now + wait;
}

/** A parcel with no due time yet (bookkeeping from before due times) is due at once. */
export function isParcelDue(shipment: { nextPollAt?: number }, now: number): boolean {
	return shipment.nextPollAt === undefined || shipment.nextPollAt <= now;
}

/**
 * Courier reads a day across all parcels: at two requests a read (a broker courier's package and
 * its scans) 2,400 UrlFetch calls, leaving the rest of the 20,000 (and of the 4,000 a busy shop's day
 * should cost) for Etsy, the CRM and the creates.
 */
export const PARCEL_READS_PER_DAY = 1200;
/** At most this many reads saved up (two hours' worth): a quiet night does not become a burst. */
const MOST_SAVED = PARCEL_READS_PER_DAY / 12;

/** The reads allowance as the engine store keeps it. */
export interface PollAllowance {
	/** Reads available at `at`. */
	left: number;
	at: number;
}

/** The allowance now: it refills steadily through the day, up to two hours' worth. */
export function allowanceNow(saved: PollAllowance | null, now: number): PollAllowance {
	if (!saved || !Number.isFinite(saved.left) || !Number.isFinite(saved.at)) return { left: MOST_SAVED, at: now };
	const earned = (Math.max(0, now - saved.at) * PARCEL_READS_PER_DAY) / DAY;
	return { left: Math.min(MOST_SAVED, Math.max(0, saved.left) + earned), at: now };
}

/**
 * Which parcels in flight are read this run: the due ones, longest overdue first, as many as the
 * allowance holds. `early` (the owner pressed Sync now and is watching) makes every parcel in flight
 * due, those due soonest right after the overdue ones; the reads still come out of the same
 * allowance, so pressing Sync now never makes a day read more than the allowance gives.
 */
export function choosePolls<T extends { nextPollAt?: number }>(
	inFlight: readonly T[],
	allowance: PollAllowance,
	now: number,
	early = false,
): T[] {
	const candidates = early ? [...inFlight] : inFlight.filter((parcel) => isParcelDue(parcel, now));
	candidates.sort((a, b) => (a.nextPollAt ?? 0) - (b.nextPollAt ?? 0));
	return candidates.slice(0, Math.max(0, Math.floor(allowance.left)));
}

/** The allowance after `reads` were spent. */
export function spend(allowance: PollAllowance, reads: number): PollAllowance {
	return { left: Math.max(0, allowance.left - reads), at: allowance.at };
}
