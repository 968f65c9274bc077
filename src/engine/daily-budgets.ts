/**
 * Each platform's daily allowance during one run: before a batch of work goes to a platform, how
 * much of it may go (core/daily-budget.ts decides), and which orders wait for the renewal. What
 * waits is simply not started, so nothing is lost or made twice: no intent is recorded for it, and
 * the next run plans it again from the sheet. The allowance a platform last reported is kept in the
 * store, so the next run knows it before its first request.
 */

import type { PlatformName } from "../core/connector-contracts.js";
import {
	type BudgetPolicy,
	type BudgetReading,
	type BudgetWork,
	budgetWaitWords,
	costPerItem,
	itemsAllowed,
} from "../core/daily-budget.js";
import type { Store } from "../ports.js";
import type { LogEntry } from "./sync-log.js";

const BUDGET_KEY_PREFIX = "hubsheet.budget.";

/** A platform whose allowance is watched: its price list, and the allowance its last answer in this run reported. */
export interface BudgetSource {
	platform: PlatformName;
	policy: BudgetPolicy;
	live: () => { left: number; perDay: number | null } | null | undefined;
	/**
	 * Kept in the store for the next run's first batch. Not for the marketplace: every run reads
	 * from it before its platform phase, so its allowance is always this run's.
	 */
	keep?: boolean;
}

/** Work left waiting on a platform's allowance in this run, with the owner's sentence. */
export interface BudgetWait {
	platform: PlatformName;
	orders: number;
	sentence: string;
}

interface Watched extends BudgetSource {
	saved: BudgetReading | null;
	learnt: Partial<Record<BudgetWork, number>>;
	last: { work: BudgetWork; left: number; items: number } | null;
	waiting: Set<string>;
}

export class DailyBudgets {
	private readonly watched = new Map<PlatformName, Watched>();

	/** `offsetsMs`: the UTC offsets of the midnights an allowance may renew at (UTC's and the shop's). */
	constructor(
		private readonly store: Store,
		private readonly now: () => number,
		private readonly offsetsMs: readonly number[],
		sources: readonly BudgetSource[],
	) {
		for (const source of sources) {
			this.watched.set(source.platform, {
				...source,
				saved: source.keep ? readSaved(store.get(BUDGET_KEY_PREFIX + source.platform)) : null,
				learnt: {},
				last: null,
				waiting: new Set(),
			});
		}
	}

	/** The allowance as last reported: in this run if the platform answered, else as a run before kept it. */
	private reading(watched: Watched): BudgetReading | null {
		const live = watched.live();
		return live ? { left: live.left, perDay: live.perDay, at: this.now() } : watched.saved;
	}

	/** Of these orders' work, those that may go now (in order); the others wait for the renewal. */
	allow(platform: PlatformName, work: BudgetWork, orderIds: readonly string[]): string[] {
		const watched = this.watched.get(platform);
		if (!watched || orderIds.length === 0) return [...orderIds];
		const reading = this.reading(watched);
		const { last } = watched;
		if (last && last.work === work && reading) {
			watched.learnt[work] = costPerItem(watched.policy[work], last.left, reading.left, last.items);
		}
		const perItem = watched.learnt[work] ?? watched.policy[work];
		const count = itemsAllowed(reading, this.now(), perItem, watched.policy.reserve, orderIds.length, this.offsetsMs);
		watched.last = reading ? { work, left: reading.left, items: count } : null;
		for (const orderId of orderIds.slice(count)) watched.waiting.add(orderId);
		return orderIds.slice(0, count);
	}

	/** Whether an optional read (changed deals) may go now; it never makes orders wait. */
	mayRead(platform: PlatformName): boolean {
		const watched = this.watched.get(platform);
		if (!watched) return true;
		const reading = this.reading(watched);
		return itemsAllowed(reading, this.now(), watched.policy.read, watched.policy.reserve, 1, this.offsetsMs) > 0;
	}

	/** The platforms whose work waited in this run, in the owner's words. */
	waits(): BudgetWait[] {
		return [...this.watched.values()]
			.filter((watched) => watched.waiting.size > 0)
			.map((watched) => ({
				platform: watched.platform,
				orders: watched.waiting.size,
				sentence: budgetWaitWords(watched.platform, watched.waiting.size),
			}));
	}

	/** The platforms watched in this run (their health says whether work waits). */
	platforms(): PlatformName[] {
		return [...this.watched.keys()];
	}

	/** Keeps each allowance a platform reported in this run, for the next run's first batch. */
	save(): void {
		for (const watched of this.watched.values()) {
			const live = watched.keep ? watched.live() : null;
			if (!live) continue;
			const reading: BudgetReading = { left: live.left, perDay: live.perDay, at: this.now() };
			this.store.set(BUDGET_KEY_PREFIX + watched.platform, JSON.stringify(reading));
		}
	}
}

/** One Sync log row per platform whose work waited in this run. */
export function budgetLogEntries(waits: readonly BudgetWait[]): LogEntry[] {
	return waits.map((wait) => ({
		order: "",
		platform: wait.platform,
		action: "daily allowance",
		change: `${wait.orders} order${wait.orders === 1 ? "" : "s"} wait`,
		result: wait.sentence,
	}));
}

function readSaved(raw: string | null): BudgetReading | null {
	if (raw === null) return null;
	try {
		const parsed = JSON.parse(raw) as Partial<BudgetReading>;
		if (typeof parsed.left !== "number" || typeof parsed.at !== "number") return null;
		return { left: parsed.left, perDay: typeof parsed.perDay === "number" ? parsed.perDay : null, at: parsed.at };
	} catch {
		return null;
	}
}
