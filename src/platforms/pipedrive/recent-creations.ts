/**
 * The deals and persons this connector created lately, kept in the Store (one small JSON value).
 *
 * Pipedrive's search endpoints read a search index that lags behind writes, so a deal or person
 * created a moment ago may not be found by searching yet: the same buyer's second order in one
 * run, or a run that crashed after Pipedrive answered but before the engine kept the id. The ids
 * written here right after each create close that gap without spending tokens on lookups; every
 * id read from here is checked against Pipedrive before it is trusted (it may have been deleted).
 *
 * Emails are not kept as such, only a short hash (the id is then checked against the person's
 * emails, so a collision cannot attach a deal to the wrong person).
 */
import type { Log, Store } from "../../ports.js";

export const RECENT_CREATIONS_KEY = "pipedrive.recentCreations";
/** Per kind; ~25 characters an entry keeps the value far below PropertiesService's 9 KB. */
const CAPACITY = 100;

/**
 * `personIntents`: a person create about to be sent (person key -> epoch ms it was sent), kept until
 * its outcome is known, so a run killed right after Pipedrive made the person looks it up instead of
 * making a second one.
 */
type Kind = "deals" | "persons" | "personIntents";

interface Saved {
	/** The Pipedrive company the ids belong to: switching companies must not reuse them. */
	company: string;
	deals: Array<[string, string]>;
	persons: Array<[string, string]>;
	personIntents: Array<[string, string]>;
}

export class RecentCreations {
	/** The note as this run last read or wrote it: only this connector writes it, under the sync's lock. */
	private cached: Saved | null = null;

	constructor(
		private readonly store: Store,
		private readonly company: string,
		private readonly log?: Log,
	) {}

	get(kind: Kind, key: string): string | null {
		const entry = this.load()[kind].find(([k]) => k === key);
		return entry ? entry[1] : null;
	}

	/** Every id noted for this kind. */
	ids(kind: Kind): string[] {
		return this.load()[kind].map(([, id]) => id);
	}

	remember(kind: Kind, key: string, id: string): void {
		const saved = this.load();
		const list = saved[kind].filter(([k]) => k !== key);
		list.push([key, id]);
		saved[kind] = list.slice(-CAPACITY);
		this.save(saved);
	}

	forget(kind: Kind, key: string): void {
		const saved = this.load();
		const list = saved[kind].filter(([k]) => k !== key);
		if (list.length === saved[kind].length) return;
		saved[kind] = list;
		this.save(saved);
	}

	private save(saved: Saved): void {
		this.cached = saved;
		try {
			this.store.set(RECENT_CREATIONS_KEY, JSON.stringify(saved));
		} catch (error) {
			// Losing this note only costs a search later; it must not fail the create that succeeded.
			this.log?.warn(`Pipedrive: could not keep the note of recent creations (${String(error)})`);
		}
	}

	private load(): Saved {
		// A copy: callers change the lists they are given before saving them.
		if (this.cached) return { ...this.cached };
		this.cached = this.read();
		return { ...this.cached };
	}

	private read(): Saved {
		const empty: Saved = { company: this.company, deals: [], persons: [], personIntents: [] };
		const raw = this.store.get(RECENT_CREATIONS_KEY);
		if (raw === null) return empty;
		try {
			const parsed = JSON.parse(raw) as Partial<Saved>;
			if (parsed.company !== this.company) return empty;
			const pairs = (value: unknown) =>
				Array.isArray(value)
					? value.filter(
							(pair): pair is [string, string] =>
								Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string",
						)
					: [];
			return {
				company: this.company,
				deals: pairs(parsed.deals),
				persons: pairs(parsed.persons),
				personIntents: pairs(parsed.personIntents),
			};
		} catch {
			return empty;
		}
	}
}

/**
 * A person's key: a hash of the lower-cased email; for a buyer whose email Etsy withholds, Etsy's
 * buyer id; else the order.
 */
export function personKey(email: string, orderId: string, buyerId = ""): string {
	const normalized = email.trim().toLowerCase();
	if (normalized !== "") return `email:${fnv1a(normalized)}`;
	return buyerId !== "" ? `buyer:${buyerId}` : `order:${orderId}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell a hundred emails apart, not to recover one. */
function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(16).padStart(8, "0");
}
