/**
 * Which parcels in flight the courier is asked about this run: those due (core/parcel-polling.ts),
 * or all of them when the owner pressed Sync now, within a daily allowance of reads kept in the
 * engine store; and when the next one falls due.
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import { allowanceNow, choosePolls, isParcelDue, type PollAllowance, spend } from "../core/parcel-polling.js";
import type { PushPlan } from "../core/push-plan.js";
import type { Store } from "../ports.js";

/** The engine store's key of the courier reads allowance (core/parcel-polling.ts). */
export const PARCEL_READS_KEY = "hubsheet.courier.reads";

/** Of the parcels in flight, those read this run (core/parcel-polling.ts), spent from the allowance. */
export function parcelsToRead(
	inFlight: PushPlan["track"],
	books: Map<string, Bookkeeping>,
	store: Store,
	now: number,
	early: boolean,
): PushPlan["track"] {
	if (inFlight.length === 0) return inFlight;
	const withDue = inFlight.map((item) => ({ ...item, nextPollAt: books.get(item.orderId)?.shipment?.nextPollAt }));
	if (!early && !withDue.some((item) => isParcelDue(item, now))) return [];
	let saved: PollAllowance | null = null;
	try {
		saved = JSON.parse(store.get(PARCEL_READS_KEY) ?? "null") as PollAllowance | null;
	} catch {
		// A hand-edited value: start from a fresh allowance.
	}
	const allowance = allowanceNow(saved, now);
	const chosen = choosePolls(withDue, allowance, now, early);
	store.set(PARCEL_READS_KEY, JSON.stringify(spend(allowance, chosen.length)));
	return chosen.map(({ orderId, shipmentId }) => ({ orderId, shipmentId }));
}

/** When the next parcel is due for a read, or null with none in flight. */
export function earliestDue(books: Map<string, Bookkeeping>): number | null {
	let earliest: number | null = null;
	for (const entry of books.values()) {
		const due = entry.shipment?.nextPollAt;
		if (due !== undefined && (earliest === null || due < earliest)) earliest = due;
	}
	return earliest;
}
