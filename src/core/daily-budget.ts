/**
 * A platform's daily allowance (a CRM's API tokens, a marketplace's requests a day): how
 * much of a batch of work may go out now, so that a run stops a little before the allowance is
 * spent instead of running into the platform's refusals, and the rest waits for the renewal. Pure:
 * the engine gives the allowance as the platform last reported it, and keeps what waits.
 */

const DAY_MS = 86_400_000;

/** The allowance left, as one of the platform's answers reported it. */
export interface BudgetReading {
	left: number;
	perDay: number | null;
	/** When the answer came (epoch ms). */
	at: number;
}

/** What the platform's work costs in its own unit (tokens, requests), and what is never spent. */
export interface BudgetPolicy {
	/** Kept back whatever waits: room for the owner's other tools and for Hubsheet's own reads. */
	reserve: number;
	/** An order's deal or shipment made (the look-ups that come with it included). */
	create: number;
	/** A stage moved or tracking sent. */
	move: number;
	/** A read of what changed (a page of changed deals). */
	read: number;
}

export type BudgetWork = "create" | "move" | "read";

/**
 * Whether the allowance may have renewed since the reading: a midnight passed in one of the zones
 * (UTC offsets in ms) the renewal might follow. Which midnight a vendor means is not always stated
 * (UNCONFIRMED in the notes: the account's zone or UTC), so both are given and either counts.
 */
export function mayHaveRenewed(readingAt: number, now: number, offsetsMs: readonly number[]): boolean {
	return offsetsMs.some((offset) => Math.floor((readingAt + offset) / DAY_MS) !== Math.floor((now + offset) / DAY_MS));
}

/**
 * How many of `wanted` items may go out now. Without any reading (the platform reports none, or
 * never answered yet) nothing is held back. A reading from before a possible renewal is not trusted
 * either way: one item goes out, and its answer tells. Otherwise as many as the allowance pays for
 * above the reserve, at `perItem` each.
 */
export function itemsAllowed(
	reading: BudgetReading | null,
	now: number,
	perItem: number,
	reserve: number,
	wanted: number,
	offsetsMs: readonly number[],
): number {
	if (wanted <= 0) return 0;
	if (reading === null) return wanted;
	if (mayHaveRenewed(reading.at, now, offsetsMs)) return 1;
	const spendable = reading.left - reserve;
	if (spendable < perItem) return 0;
	return Math.min(wanted, Math.floor(spendable / Math.max(perItem, 1e-9)));
}

/**
 * What one item costs, learnt from the allowance before and after `items` of them went out: the
 * declared price list's figure, or more when the platform's own count fell faster (a search
 * repeated, a person made as well as the deal).
 */
export function costPerItem(declared: number, before: number, after: number, items: number): number {
	if (items <= 0 || !(before > after)) return declared;
	return Math.max(declared, (before - after) / items);
}

/** The owner's sentence for work left waiting on a platform's allowance. */
export function budgetWaitWords(platform: string, orders: number): string {
	const what = orders === 1 ? "1 order waits" : `${orders} orders wait`;
	return `${platform}'s daily allowance is nearly used up; ${what} until it renews.`;
}
