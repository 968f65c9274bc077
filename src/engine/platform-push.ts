/**
 * Carries out a push plan on the CRM, the courier and Etsy, exactly once per create: every create's
 * intent is saved (with the rest of the bookkeeping) before any create is sent, and a create whose
 * intent is already there (the previous run died after sending it) first looks for what that run
 * made. A failure on one order or one platform is recorded on that order and the rest go on.
 *
 * The phases, in order: the CRM's new deals and stage moves (push-deals.ts), the courier's new
 * shipments (push-shipments.ts) and parcel reads (push-parcel-reads.ts), Etsy's tracking
 * (push-tracking.ts); the state they share is push-run.ts.
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CourierConnector, CrmConnector, PlatformName } from "../core/connector-contracts.js";
import type { CarrierList } from "../core/etsy-carriers.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import type { EtsyOrder } from "../core/order.js";
import type { PushPlan } from "../core/push-plan.js";
import type { Clock, Log } from "../ports.js";
import type { DailyBudgets } from "./daily-budgets.js";
import { createDeals, moveDeals } from "./push-deals.js";
import type { PushOutcome } from "./push-outcome.js";
import { readParcels } from "./push-parcel-reads.js";
import { type PushOrder, startPush } from "./push-run.js";
import { createShipments } from "./push-shipments.js";
import { submitTrackings } from "./push-tracking.js";

/** What the engine needs from Etsy to ship: a fresh receipt, and the tracking submission. */
export interface EtsyShipping {
	order(orderId: string): EtsyOrder | null;
	/** Etsy's carrier names for parcels leaving this country (getShippingCarriers); null when unreadable. */
	carriers?(originIso: string): string[] | null;
	/**
	 * `kept: false`: Etsy took the submission (the order is marked shipped, the buyer emailed) but its
	 * answer holds no such tracking code, as for a carrier name Etsy does not know.
	 */
	submitTracking(
		orderId: string,
		trackingCode: string,
		carrier: string,
	): { ok: true; kept?: boolean } | { ok: false; message: string };
	/** Etsy's daily allowance left, as its last answer reported it (x-remaining-today); null before one did. */
	dailyAllowance?(): { left: number; perDay: number | null } | null;
}

export interface PushDeps {
	crm: CrmConnector | null;
	courier: CourierConnector | null;
	etsy: EtsyShipping;
	mapping: MappingSettings;
	courierService: string;
	clock: Clock;
	log: Log;
	/** How long after a create the platform's look-up can be trusted (the descriptor's searchLagMs). */
	searchLagMs?: (platform: PlatformName) => number;
	/** Etsy's carriers for the sender's country, when known: a name it does not list is sent as "other". */
	etsyCarriers?: CarrierList | null;
	/** Saves the bookkeeping of the given orders now (the intents must be stored before any create). */
	saveBookkeeping(orderIds: readonly string[]): void;
	/**
	 * True once the run nears its time budget: asked before every group of requests, so the run
	 * stops with all it did saved and the continuation goes on from there.
	 */
	overBudget?: () => boolean;
	/** How many creates go out between two saves: a kill loses at most this many. */
	saveEvery?: number;
	/**
	 * Each platform's daily allowance (engine/daily-budgets.ts): asked before each batch which of its
	 * orders may go now; the others are not started, and wait for the allowance to renew.
	 */
	budget?: Pick<DailyBudgets, "allow">;
}

export function runPlatformPush(
	plan: PushPlan,
	books: Map<string, Bookkeeping>,
	orders: Map<string, PushOrder>,
	deps: PushDeps,
): PushOutcome {
	const run = startPush(books, orders, deps);
	if (deps.crm) {
		createDeals(run, deps.crm, plan.createDeals);
		moveDeals(run, deps.crm, plan.moveStages);
	}
	if (deps.courier) {
		createShipments(run, deps.courier, plan.createShipments);
		readParcels(run, deps.courier, plan.track);
	}
	submitTrackings(run, plan);
	return run.outcome;
}
