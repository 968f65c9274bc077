/**
 * One push's running state, shared by its phases (deals, shipments, tracking): the bookkeeping it
 * touches, the actions it reports, the create intents (saved before any create is sent), the groups
 * between two saves, the daily allowances and the time budget.
 */

import { type Bookkeeping, type IntentKind, intentKey } from "../core/bookkeeping.js";
import type { PlatformName } from "../core/connector-contracts.js";
import type { BudgetWork } from "../core/daily-budget.js";
import { nextPollAt } from "../core/parcel-polling.js";
import { parcelPhase } from "../core/push-plan.js";
import { descriptorOf } from "../platforms/registry.js";
import type { PushDeps } from "./platform-push.js";
import { clearError, errorRecord, failureOf, type PushOutcome } from "./push-outcome.js";

/** A look-up trusted this long after a create, for a platform that does not say (no vendor states a figure). */
const DEFAULT_LAG_MS = 60_000;

/** Creates between two saves of the bookkeeping (a kill costs at most one group's look-ups). */
export const SAVE_EVERY = 10;

/** What the push knows of an order from its row on the sheet. */
export interface PushOrder {
	buyer: string;
	email: string;
	buyerId?: string;
	total: number;
	currency: string;
	phone: string;
	shipToOverride?: string;
}

/** The running state each phase of the push works through (made by `startPush`). */
export interface PushRun {
	deps: PushDeps;
	books: Map<string, Bookkeeping>;
	orders: Map<string, PushOrder>;
	outcome: PushOutcome;
	now: () => number;
	/** The order's bookkeeping (made if new), noted as touched. */
	book: (orderId: string) => Bookkeeping;
	failed: (orderId: string, platform: PlatformName, action: string, error: unknown) => void;
	succeeded: (orderId: string, platform: PlatformName, action: string, result: string) => void;
	/** True when a previous run recorded this intent and may have created the object already. */
	recovering: Map<string, boolean>;
	intend: (orderId: string, kind: IntentKind, platform: PlatformName) => boolean;
	waitingFor: (orderId: string, kind: IntentKind, platform: PlatformName) => boolean;
	settle: (orderId: string, kind: IntentKind) => void;
	pollTimes: (state: string, stateSince: number) => { stateSince: number; nextPollAt?: number };
	allowed: (platform: PlatformName, work: BudgetWork, orderIds: readonly string[]) => Set<string>;
	outOfTime: () => boolean;
	inGroups: <T>(items: readonly T[], group: (items: T[]) => string[]) => void;
}

export function startPush(books: Map<string, Bookkeeping>, orders: Map<string, PushOrder>, deps: PushDeps): PushRun {
	const outcome: PushOutcome = { touched: new Set(), statusChanges: new Map(), actions: [] };
	const now = () => deps.clock.now().getTime();
	const book = (orderId: string) => {
		let found = books.get(orderId);
		if (!found) {
			found = {};
			books.set(orderId, found);
		}
		outcome.touched.add(orderId);
		return found;
	};
	const failed = (orderId: string, platform: PlatformName, action: string, error: unknown) => {
		const record = errorRecord(error, action, now());
		const entry = book(orderId);
		entry.errors = { ...entry.errors, [platform]: record };
		// The Sync log keeps the platform's own words too, for whoever helps the owner.
		const result = record.details ? `${record.message} (${record.details})` : record.message;
		outcome.actions.push({
			orderId,
			platform,
			action,
			result,
			outcome: "failed",
			...(record.kind ? { kind: record.kind } : {}),
			...failureOf(error),
		});
		deps.log.warn(`${platform} ${action} for order ${orderId} failed: ${result}`);
	};
	const succeeded = (orderId: string, platform: PlatformName, action: string, result: string) => {
		clearError(book(orderId), platform);
		outcome.actions.push({ orderId, platform, action, result, outcome: "ok" });
	};
	/** True when a previous run recorded this intent and may have created the object already. */
	const recovering = new Map<string, boolean>();
	// Each platform's descriptor says how long its look-ups lag behind its creates.
	const lag = deps.searchLagMs ?? ((platform: PlatformName) => descriptorOf(platform)?.searchLagMs ?? DEFAULT_LAG_MS);
	/**
	 * Records the intent (kept from an earlier run, or new) and returns true when the create (or its
	 * recovering look-up) may go ahead now. An intent sent less than the platform's search lag ago
	 * waits: a look-up now could miss a create that is still landing, and lead to a second one.
	 */
	const intend = (orderId: string, kind: IntentKind, platform: PlatformName) => {
		if (waitingFor(orderId, kind, platform)) return false;
		const entry = book(orderId);
		const existing = entry.intents?.[kind];
		recovering.set(`${orderId}:${kind}`, existing !== undefined);
		entry.intents = {
			...entry.intents,
			[kind]: { key: existing?.key ?? intentKey(orderId, kind), at: existing?.at ?? now(), sentAt: now() },
		};
		return true;
	};
	/** True (and said in the actions) when an earlier create was sent less than the platform's search lag ago. */
	const waitingFor = (orderId: string, kind: IntentKind, platform: PlatformName) => {
		const existing = books.get(orderId)?.intents?.[kind];
		if (!existing || now() - (existing.sentAt ?? existing.at) >= lag(platform)) return false;
		book(orderId);
		outcome.actions.push({
			orderId,
			platform,
			action: `wait to look up ${kind}`,
			result: "an earlier create may still be landing; looking it up at a later sync",
			outcome: "waiting",
		});
		return true;
	};
	// Cleared only once the outcome is proven (the create answered, or a look-up found the object):
	// any error after the request may have gone out leaves it, and the next run looks up first.
	const settle = (orderId: string, kind: IntentKind) => {
		const entry = book(orderId);
		if (!entry.intents) return;
		const { [kind]: _done, ...rest } = entry.intents;
		entry.intents = rest;
	};

	/** When a parcel in this state since then is next read (core/parcel-polling.ts). */
	const pollTimes = (state: string, stateSince: number): { stateSince: number; nextPollAt?: number } => {
		const due = nextPollAt(parcelPhase(state, deps.mapping), stateSince, now());
		return due === null ? { stateSince } : { stateSince, nextPollAt: due };
	};

	const every = Math.max(1, deps.saveEvery ?? SAVE_EVERY);
	/** The orders whose work on the platform its daily allowance lets go now (all, without a budget). */
	const allowed = (platform: PlatformName, work: BudgetWork, orderIds: readonly string[]) =>
		new Set(deps.budget ? deps.budget.allow(platform, work, orderIds) : orderIds);
	/** Asked before each group of requests; once true, the rest waits for the continuation. */
	const outOfTime = () => {
		if (!outcome.outOfTime && deps.overBudget?.()) outcome.outOfTime = true;
		return outcome.outOfTime === true;
	};
	/**
	 * Sends creates in groups: each group's intents are saved before its first request, and what it
	 * made is saved after its last, so a kill costs at most one group's look-ups and a stop for time
	 * leaves no intent behind that was never sent.
	 */
	const inGroups = <T>(items: readonly T[], group: (items: T[]) => string[]) => {
		for (let start = 0; start < items.length; start += every) {
			if (outOfTime()) return;
			const done = group(items.slice(start, start + every));
			if (done.length > 0) deps.saveBookkeeping(done);
		}
	};
	return {
		deps,
		books,
		orders,
		outcome,
		now,
		book,
		failed,
		succeeded,
		recovering,
		intend,
		waitingFor,
		settle,
		pollTimes,
		allowed,
		outOfTime,
		inGroups,
	};
}
