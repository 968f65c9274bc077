/**
 * Carries out a push plan on the CRM, the courier and Etsy, exactly once per create: every create's
 * intent is saved (with the rest of the bookkeeping) before any create is sent, and a create whose
 * intent is already there (the previous run died after sending it) first looks for what that run
 * made. A failure on one order or one platform is recorded on that order and the rest go on.
 */

import { type Bookkeeping, type IntentKind, intentKey, type PushErrorRecord } from "../core/bookkeeping.js";
import {
	type CourierConnector,
	type CourierShipment,
	type CrmConnector,
	type CrmDeal,
	type NewDeal,
	PlatformError,
	type PlatformErrorKind,
	type PlatformName,
	type ValidationProblem,
} from "../core/connector-contracts.js";
import type { BudgetWork } from "../core/daily-budget.js";
import { type CarrierList, etsyKnowsCarrier, unknownCarrierProblem } from "../core/etsy-carriers.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import { parcelFor } from "../core/mapping-settings.js";
import { neutralAddress, neutralText } from "../core/neutral-text.js";
import type { EtsyOrder, PostalAddress } from "../core/order.js";
import { missingBeforeShipment, shipmentProblemsInWords } from "../core/owner-words.js";
import { nextPollAt } from "../core/parcel-polling.js";
import { courierStateMeansLeft, type PushPlan, parcelPhase } from "../core/push-plan.js";
import { chooseShipTo } from "../core/ship-to-address.js";
import { statusForCourierState } from "../core/status-plan.js";
import { senderRequired } from "../platforms/catalog.js";
import { descriptorOf } from "../platforms/registry.js";
import type { Clock, Log } from "../ports.js";
import type { DailyBudgets } from "./daily-budgets.js";
import { lookUpInBatches } from "./deal-look-ups.js";

/** A look-up trusted this long after a create, for a platform that does not say (no vendor states a figure). */
const DEFAULT_LAG_MS = 60_000;

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

/** Creates between two saves of the bookkeeping (a kill costs at most one group's look-ups). */
export const SAVE_EVERY = 10;

export interface PushOutcome {
	/** Orders whose bookkeeping changed (their cells are recomputed from it). */
	touched: Set<string>;
	/** Status changes the courier caused (picked up -> Shipped, delivered -> Delivered). */
	statusChanges: Map<string, string>;
	actions: PushAction[];
	/** Settings the owner should correct (e.g. a carrier name Etsy does not list), each said once. */
	settingsProblems?: string[];
	/** True when the time budget stopped the push before all of the plan was done (a continuation follows). */
	outOfTime?: boolean;
}

/**
 * One thing the push did for one order on one platform, typed so nothing is read from its words:
 * done ("ok"), failed with its reason (and, when the request went out, whether it may have applied,
 * so the next run looks up before retrying), or put off ("waiting": an earlier create may still be
 * landing).
 */
export interface PushAction {
	orderId: string;
	platform: PlatformName;
	/** What was done, in words for the Sync log: "created deal", "track shipment". */
	action: string;
	/** The id made, the stage set, or the reason it failed. */
	result: string;
	outcome: "ok" | "failed" | "waiting";
	/** For a failure: what kind, so the run's summary can say what the owner can do. */
	kind?: PlatformErrorKind;
	/** For a failure: the request went out and may have done its work before the answer was lost. */
	mayHaveApplied?: boolean;
	/**
	 * For a failure of a platform's connection (sign-in, rate limit, outage, unreadable answer): that
	 * platform, whose health shows it. A refusal of this order's data (a missing phone) is the
	 * order's finding, not a connection error, and sets none.
	 */
	connectionFailed?: PlatformName;
}

/** What a failure says beyond its words: whether it may have applied, and which connection failed. */
export function failureOf(error: unknown): Pick<PushAction, "mayHaveApplied" | "connectionFailed"> {
	if (!(error instanceof PlatformError)) return {};
	return {
		...(error.options.mayHaveApplied ? { mayHaveApplied: true } : {}),
		...(error.kind === "rejected" ? {} : { connectionFailed: error.platform }),
	};
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * A problem with the order's data or the Settings that the owner must correct: said in the sheet's
 * words, with the platform's own words (if any) kept as details. Retrying cannot help until then.
 */
export class OwnerMustFix extends Error {
	constructor(
		message: string,
		readonly details?: string,
	) {
		super(message);
		this.name = "OwnerMustFix";
	}
}

const OPERATION: Record<string, PushErrorRecord["operation"]> = {
	"create deal": "create-deal",
	"move deal": "move-stage",
	"validate shipment": "create-shipment",
	"create shipment": "create-shipment",
	"track shipment": "track-shipment",
	"submit tracking": "submit-tracking",
};

function problemText(problems: readonly ValidationProblem[]): string {
	return problems.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
}

/** The error as the bookkeeping keeps it: a courier's field errors become the sheet's words. */
function errorRecord(error: unknown, action: string, at: number): PushErrorRecord {
	const record: PushErrorRecord = { message: describe(error), at };
	const operation = OPERATION[action];
	if (operation) record.operation = operation;
	if (error instanceof OwnerMustFix) {
		record.kind = "rejected";
		if (error.details) record.details = error.details;
	} else if (error instanceof PlatformError) {
		record.kind = error.kind;
		const problems = error.options.problems ?? [];
		if (problems.length > 0) {
			record.message = shipmentProblemsInWords(error.platform, problems).join(" ");
			record.details = problemText(problems);
		}
	}
	return record;
}

export function formatAddress(address: PostalAddress): string {
	const { name, firstLine, secondLine, city, state, zip, countryIso } = address;
	return [name, firstLine, secondLine, `${zip} ${city}`.trim(), state, countryIso]
		.filter((part) => part !== "")
		.join(", ");
}

export function runPlatformPush(
	plan: PushPlan,
	books: Map<string, Bookkeeping>,
	orders: Map<
		string,
		{
			buyer: string;
			email: string;
			buyerId?: string;
			total: number;
			currency: string;
			phone: string;
			shipToOverride?: string;
		}
	>,
	deps: PushDeps,
): PushOutcome {
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
		const entry = book(orderId);
		if (entry.errors?.[platform]) {
			const { [platform]: _cleared, ...rest } = entry.errors;
			entry.errors = rest;
		}
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

	// Shipments need a fresh address and a courier's validation before any intent is recorded.
	const validateShipment = (
		orderId: string,
	): { request: Parameters<CourierConnector["createShipment"]>[0]; address: string } | null => {
		const courier = deps.courier;
		if (!courier) return null;
		// The fresh receipt is Etsy's part: its failure is Etsy's, not the courier's.
		let order: EtsyOrder | null;
		try {
			order = deps.etsy.order(orderId);
		} catch (error) {
			failed(orderId, "Etsy", "read order for shipment", error);
			return null;
		}
		// A good read clears Etsy's last error on this order (the read is the only Etsy step before the shipment).
		const before = books.get(orderId);
		if (before?.errors?.Etsy) {
			const { Etsy: _cleared, ...rest } = before.errors;
			book(orderId).errors = rest;
		}
		try {
			if (!order) throw new Error("Etsy no longer knows this order.");
			// The owner's typed address wins; Etsy may withhold its own (NOTES.md).
			const shipTo = chooseShipTo(order.address, orders.get(orderId)?.shipToOverride ?? "", order.buyer);
			if (shipTo.source === "none") throw new OwnerMustFix(shipTo.problem);
			const parcel = parcelFor(order.itemLines, deps.mapping.parcels);
			const phone = orders.get(orderId)?.phone ?? "";
			// What Hubsheet can see is missing is said before the courier is asked (and says it in its words).
			const missing = missingBeforeShipment(courier.platform, {
				phone,
				sender: deps.mapping.sender,
				parcel,
				senderRequired: senderRequired(courier.platform),
			});
			if (missing.length > 0 || !parcel) throw new OwnerMustFix(missing.join(" "));
			const request = {
				orderId,
				// Etsy does not share phone numbers; the owner types them in the Phone column.
				// Buyer text goes on inert (core/neutral-text.ts): it may reach someone's CSV export.
				receiver: { ...neutralAddress(shipTo.address), email: order.email, phone },
				sender: deps.mapping.sender,
				parcels: [parcel],
				service: deps.courierService,
			};
			const problems = courier.validate(request);
			if (problems.length > 0) {
				throw new OwnerMustFix(shipmentProblemsInWords(courier.platform, problems).join(" "), problemText(problems));
			}
			return { request, address: formatAddress(shipTo.address) };
		} catch (error) {
			failed(orderId, courier.platform, "validate shipment", error);
			return null;
		}
	};

	/** The deal the CRM gets for an order: buyer text goes on inert (core/neutral-text.ts). */
	const newDealOf = ({ orderId, stageName }: { orderId: string; stageName: string }): NewDeal => {
		const order = orders.get(orderId);
		return {
			orderId,
			title: neutralText(`Etsy ${orderId} · ${order?.buyer ?? ""}`.trim()),
			value: order?.total ?? 0,
			currency: order?.currency ?? "",
			stageName,
			person: { name: neutralText(order?.buyer ?? ""), email: order?.email ?? "", buyerId: order?.buyerId ?? "" },
		};
	};

	if (deps.crm) {
		const crm = deps.crm;
		inGroups(plan.createDeals, (group) => {
			// The buyers' look-ups go first, together (deal-look-ups.ts), before any intent: a failed one
			// fails only its order. An order with an intent from an earlier run looks for its deal first.
			// Only what the CRM's daily allowance pays for goes on; the rest waits for its renewal.
			const affordable = allowed(
				crm.platform,
				"create",
				group.map((deal) => deal.orderId),
			);
			const open = group.filter(({ orderId }) => affordable.has(orderId) && !waitingFor(orderId, "deal", crm.platform));
			const fresh = open.filter(({ orderId }) => !books.get(orderId)?.intents?.deal);
			const looked = lookUpInBatches(crm, fresh.map(newDealOf), outOfTime);
			for (const [orderId, error] of looked.failed) failed(orderId, crm.platform, "create deal", error);
			const ready = new Set(looked.ready.map((deal) => deal.orderId));
			// Out of time during the look-ups: only what was looked up goes on, the rest is the continuation's.
			const dealsToCreate = open.filter(
				({ orderId }) => ready.has(orderId) || (!fresh.some((deal) => deal.orderId === orderId) && !outcome.outOfTime),
			);
			for (const { orderId } of dealsToCreate) intend(orderId, "deal", crm.platform);
			const done = [...looked.failed.keys(), ...dealsToCreate.map((deal) => deal.orderId)];
			if (dealsToCreate.length === 0) return done;
			deps.saveBookkeeping(dealsToCreate.map((deal) => deal.orderId));
			for (const { orderId, stageName } of dealsToCreate) {
				try {
					let deal: CrmDeal | null = recovering.get(`${orderId}:deal`) ? crm.findDeal(orderId) : null;
					const found = deal !== null;
					deal ??= crm.createDeal(newDealOf({ orderId, stageName }));
					book(orderId).deal = { id: deal.dealId, url: deal.url, stagePushed: stageName };
					settle(orderId, "deal");
					succeeded(
						orderId,
						crm.platform,
						found ? "found deal" : "created deal",
						deal.note ? `${deal.dealId} (${deal.note})` : deal.dealId,
					);
				} catch (error) {
					failed(orderId, crm.platform, "create deal", error);
				}
			}
			return done;
		});
		const affordableMoves = allowed(
			crm.platform,
			"move",
			plan.moveStages.map((move) => move.orderId),
		);
		const movesNow = plan.moveStages.filter((move) => affordableMoves.has(move.orderId));
		if (movesNow.length > 0 && !outOfTime()) {
			// Numbered per order: a retry of a change keeps its number, the next change gets a new one.
			const moves = movesNow.map((move) => ({
				...move,
				change: (books.get(move.orderId)?.deal?.changes ?? 0) + 1,
			}));
			try {
				const results = crm.moveStages(moves);
				results.forEach((result, index) => {
					const move = moves[index];
					if (!move) return;
					const deal = book(move.orderId).deal;
					if (result.ok && deal) {
						deal.stagePushed = move.stageName;
						deal.changes = move.change;
						succeeded(move.orderId, crm.platform, "moved deal", move.stageName);
					} else if (!result.ok) failed(move.orderId, crm.platform, "move deal", result.error);
				});
			} catch (error) {
				for (const move of movesNow) failed(move.orderId, crm.platform, "move deal", error);
			}
		}
	}

	if (deps.courier) {
		const courier = deps.courier;
		inGroups(plan.createShipments, (group) => {
			const shipmentRequests = new Map<string, NonNullable<ReturnType<typeof validateShipment>>>();
			// Each shipment starts with a fresh read of the order from Etsy.
			const affordable = allowed("Etsy", "create", group);
			for (const orderId of group.filter((id) => affordable.has(id))) {
				const valid = validateShipment(orderId);
				if (valid && intend(orderId, "shipment", courier.platform)) shipmentRequests.set(orderId, valid);
			}
			if (shipmentRequests.size > 0) deps.saveBookkeeping([...shipmentRequests.keys()]);
			for (const [orderId, { request, address }] of shipmentRequests) {
				try {
					let shipment: CourierShipment | null = recovering.get(`${orderId}:shipment`)
						? courier.findShipment(orderId)
						: null;
					const found = shipment !== null;
					shipment ??= courier.createShipment(request);
					book(orderId).shipment = {
						...shipmentBook(shipment),
						addressUsed: address,
						...pollTimes(shipment.state, now()),
					};
					settle(orderId, "shipment");
					succeeded(orderId, courier.platform, found ? "found shipment" : "created shipment", shipment.shipmentId);
				} catch (error) {
					failed(orderId, courier.platform, "create shipment", error);
				}
			}
			return group.filter((orderId) => outcome.touched.has(orderId));
		});
		if (plan.track.length > 0 && !outOfTime()) {
			try {
				// One result per shipment: one the courier could not read is a finding on its own row.
				const results = new Map(
					courier.trackEach(plan.track.map((item) => item.shipmentId)).map((r) => [r.shipmentId, r]),
				);
				for (const { orderId, shipmentId } of plan.track) {
					const result = results.get(shipmentId);
					const entry = book(orderId);
					if (!entry.shipment) continue;
					if (result?.kind !== "found") {
						// Read again when it would have been due anyway: a parcel the courier lost is not asked every run.
						Object.assign(entry.shipment, pollTimes(entry.shipment.state, entry.shipment.stateSince ?? now()));
						const reason =
							result?.kind === "failed"
								? result.error
								: new PlatformError(
										courier.platform,
										"track",
										"rejected",
										result
											? `${courier.platform} does not know shipment ${shipmentId} any more (was it deleted in ${courier.platform}?).`
											: `${courier.platform} gave no answer about shipment ${shipmentId}.`,
									);
						failed(orderId, courier.platform, "track shipment", reason);
						continue;
					}
					const latest = result.shipment;
					const before = entry.shipment;
					// A state new to Hubsheet starts its clock: the next read is due sooner after a change.
					const stateSince = latest.state === before.state ? (before.stateSince ?? now()) : now();
					entry.shipment = {
						...shipmentBook(latest),
						addressUsed: before.addressUsed,
						// The label saved to Drive stays saved: a read of the parcel does not send it to be fetched again.
						...(before.labelFile ? { labelFile: before.labelFile } : {}),
						...pollTimes(latest.state, stateSince),
					};
					// A good read of the parcel clears the courier's last error on this order.
					if (entry.errors?.[courier.platform]) {
						const { [courier.platform]: _cleared, ...rest } = entry.errors;
						entry.errors = rest;
					}
					const status = statusForCourierState(latest.state, deps.mapping);
					if (status) outcome.statusChanges.set(orderId, status);
				}
			} catch (error) {
				for (const { orderId } of plan.track) failed(orderId, courier.platform, "track shipment", error);
			}
		}
	}

	// A parcel this run's read shows collected: its tracking goes to Etsy now, not a run later. Its
	// intent is stored first, as for every create.
	const collectedNow: PushPlan["pushTracking"] = [];
	for (const { orderId, carrier } of plan.trackingAtPickUp) {
		const shipment = books.get(orderId)?.shipment;
		if (!shipment?.trackingNumber || !courierStateMeansLeft(shipment.state, deps.mapping)) continue;
		collectedNow.push({ orderId, trackingNumber: shipment.trackingNumber, carrier });
	}

	const carrierList = deps.etsyCarriers ?? null;
	inGroups([...plan.pushTracking, ...collectedNow], (group) => {
		const affordable = allowed(
			"Etsy",
			"move",
			group.map((push) => push.orderId),
		);
		const pushes = group.filter(({ orderId }) => affordable.has(orderId) && intend(orderId, "tracking", "Etsy"));
		if (pushes.length === 0) return [];
		deps.saveBookkeeping(pushes.map((push) => push.orderId));
		for (const push of pushes) submitTracking(push);
		return pushes.map((push) => push.orderId);
	});
	return outcome;

	function submitTracking(push: PushPlan["pushTracking"][number]): void {
		const { orderId, trackingNumber } = push;
		let carrier = push.carrier;
		if (carrierList && !etsyKnowsCarrier(carrierList.names, carrier)) {
			// Etsy would drop the number for a name it does not know; "other" keeps it (NOTES.md).
			const problem = unknownCarrierProblem(carrierList, carrier);
			outcome.settingsProblems = [...new Set([...(outcome.settingsProblems ?? []), problem])];
			carrier = "other";
		}
		try {
			// After a crash the submission may have gone through: Etsy then already shows the tracking.
			const already =
				recovering.get(`${orderId}:tracking`) &&
				deps.etsy.order(orderId)?.shipments.some((shipment) => shipment.trackingCode === trackingNumber);
			const result: ReturnType<EtsyShipping["submitTracking"]> = already
				? { ok: true }
				: deps.etsy.submitTracking(orderId, trackingNumber, carrier);
			// Etsy answered (yes, or a refusal in its own words): the outcome is known either way.
			settle(orderId, "tracking");
			if (result.ok && result.kept === false) {
				book(orderId).etsyTracking = { code: trackingNumber, carrier, at: now(), dropped: true };
				succeeded(
					orderId,
					"Etsy",
					"submitted tracking",
					`${trackingNumber}, but Etsy kept no tracking for carrier "${carrier}"`,
				);
			} else if (result.ok) {
				book(orderId).etsyTracking = { code: trackingNumber, carrier, at: now() };
				succeeded(orderId, "Etsy", "submitted tracking", trackingNumber);
			} else {
				const refusal = new PlatformError("Etsy", "createReceiptShipment", "rejected", result.message);
				failed(orderId, "Etsy", "submit tracking", refusal);
			}
		} catch (error) {
			failed(orderId, "Etsy", "submit tracking", error);
		}
	}
}

function shipmentBook(shipment: CourierShipment): Omit<NonNullable<Bookkeeping["shipment"]>, "addressUsed"> {
	return {
		id: shipment.shipmentId,
		url: shipment.url,
		state: shipment.state,
		service: shipment.service,
		trackingNumber: shipment.trackingNumber,
		trackingUrl: shipment.trackingUrl,
		labelUrl: shipment.labelUrl,
	};
}
