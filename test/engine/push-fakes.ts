/**
 * Plain fakes for the push's unit tests (platform-push and its phases push-*.ts): a CRM and a
 * courier kept in Maps, an Etsy that records what it was sent, and the deps and orders a push reads.
 */
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import {
	type CourierConnector,
	type CourierShipment,
	type CrmConnector,
	type CrmDeal,
	type NewDeal,
	PlatformError,
	type TrackResult,
} from "../../src/core/connector-contracts.js";
import { type PushPlan, planPushes } from "../../src/core/push-plan.js";
import type { EtsyShipping, PushDeps } from "../../src/engine/platform-push.js";
import { type PushOrder, type PushRun, startPush } from "../../src/engine/push-run.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";
import { sampleOrder } from "../core/sample-order.js";
import { shipmentRequest } from "../platforms/harness/shipment-request.js";

const defaults = readMappingSettings(missingTableRows([])).settings;
export const SENDER = shipmentRequest({ sender: { firstLine: "ul. Stolarska 12", phone: "600100200" } }).sender;
export const mapping = { ...defaults, sender: SENDER };
/** A plan with nothing to push, as the planner makes it for no orders. */
export const EMPTY: PushPlan = planPushes({ orders: [], crm: false, courier: false, mapping: defaults });

/** The deal a fake CRM makes for a new deal: its id and link follow the order id. */
export const madeDeal = (deal: NewDeal): CrmDeal => ({
	dealId: `D${deal.orderId}`,
	orderId: deal.orderId,
	stageName: deal.stageName,
	value: deal.value,
	currency: deal.currency,
	url: `https://crm/D${deal.orderId}`,
	updatedAtMs: 0,
});

export class FakeCrm implements CrmConnector {
	readonly platform = "Pipedrive" as const;
	deals = new Map<string, CrmDeal>();
	created: NewDeal[] = [];
	failFor = new Set<string>();
	unknownStages = () => [];
	findDeal = (orderId: string) => this.deals.get(orderId) ?? null;
	/** A deal an earlier run made whose answer was lost: the CRM holds it, the sheet does not know it. */
	madeEarlier(orderId: string, stageName = "New order"): void {
		this.createDeal({ orderId, title: "t", value: 1, currency: "EUR", stageName, person: { name: "", email: "" } });
	}
	createDeal(deal: NewDeal): CrmDeal {
		if (this.failFor.has(deal.orderId))
			throw new PlatformError("Pipedrive", "createDeal", "unavailable", "HTTP 503", { mayHaveApplied: false });
		this.created.push(deal);
		const made = madeDeal(deal);
		this.deals.set(deal.orderId, made);
		return made;
	}
	moveStages = (moves: ReadonlyArray<{ orderId: string }>) =>
		moves.map((move) => ({ orderId: move.orderId, ok: true as const }));
	dealsChangedSince = () => [];
}

export function shipment(orderId: string, state: string, trackingNumber: string | null = null): CourierShipment {
	return {
		shipmentId: `S${orderId}`,
		orderId,
		state,
		trackingNumber,
		trackingUrl: null,
		labelUrl: `https://courier/label/S${orderId}`,
		service: "dpd",
		url: `https://courier/S${orderId}`,
	};
}

export class FakeCourier implements CourierConnector {
	readonly platform = "Furgonetka" as const;
	made = new Map<string, CourierShipment>();
	creates = 0;
	states = new Map<string, string>();
	validate: CourierConnector["validate"] = () => [];
	findShipment = (orderId: string) => this.made.get(orderId) ?? null;
	createShipment(request: { orderId: string }) {
		this.creates++;
		const made = shipment(request.orderId, "waiting_for_pickup");
		this.made.set(request.orderId, made);
		return made;
	}
	/** Shipment ids the courier fails to read (503), and ids it no longer knows. */
	failing = new Set<string>();
	unknown = new Set<string>();
	track = (ids: readonly string[]) =>
		this.trackEach(ids).flatMap((result) => (result.kind === "found" ? [result.shipment] : []));
	trackEach = (ids: readonly string[]): TrackResult[] =>
		ids.map((id) => {
			if (this.failing.has(id)) {
				return {
					shipmentId: id,
					kind: "failed",
					error: new PlatformError("Furgonetka", "GET /packages/{id}", "unavailable", `HTTP 503 on ${id}`),
				};
			}
			if (this.unknown.has(id)) return { shipmentId: id, kind: "not-found" };
			const found = shipment(
				id.slice(1),
				this.states.get(id) ?? "waiting_for_pickup",
				this.states.has(id) ? "123456789012345678901234" : null,
			);
			return { shipmentId: id, kind: "found", shipment: found };
		});
}

export function deps(overrides: Partial<PushDeps> = {}) {
	const saved: string[][] = [];
	const submitted: string[] = [];
	const etsy: EtsyShipping = {
		order: (orderId) => sampleOrder({ orderId }),
		submitTracking: (orderId, code) => {
			submitted.push(`${orderId}:${code}`);
			return { ok: true };
		},
	};
	const all: PushDeps = {
		crm: null,
		courier: null,
		etsy,
		mapping,
		courierService: "dpd",
		clock: { now: () => new Date(1_800_000_000_000), sleep: () => {} },
		log: { info: () => {}, warn: () => {}, error: () => {} },
		saveBookkeeping: (ids) => void saved.push([...ids]),
		...overrides,
	};
	return { all, saved, submitted };
}

export const ORDERS = new Map<string, PushOrder>([
	["1", { buyer: "Anna", email: "anna@example.com", total: 100, currency: "EUR", phone: "600100200" }],
	["2", { buyer: "Jan", email: "jan@example.com", total: 200, currency: "PLN", phone: "" }],
]);

/** A push's running state over fresh bookkeeping (or the given one), as a phase receives it. */
export function pushRun(overrides: Partial<PushDeps> = {}, books = new Map<string, Bookkeeping>(), orders = ORDERS) {
	const made = deps(overrides);
	const run: PushRun = startPush(books, orders, made.all);
	return { ...made, run, books };
}
