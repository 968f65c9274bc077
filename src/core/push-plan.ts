/**
 * Plans what the other platforms must be told, from the sheet and Hubsheet's bookkeeping: deals to
 * create and move, shipments to create and follow, tracking to submit to Etsy. Pure: the engine
 * carries the plan out (recording an intent before every create) and reports what happened.
 */
import type { Bookkeeping } from "./bookkeeping.js";
import type { MappingSettings } from "./mapping-settings.js";
import type { RowCells } from "./order-upsert.js";
import type { ParcelPhase } from "./parcel-polling.js";
import type { TrackingMoment } from "./settings.js";
import { awaitingPayment } from "./statuses.js";

export interface PlannedOrder {
	orderId: string;
	rowNumber: number;
	cells: RowCells;
	books: Bookkeeping;
}

export interface PushPlan {
	createDeals: Array<{ orderId: string; stageName: string }>;
	moveStages: Array<{ orderId: string; dealId: string; stageName: string }>;
	createShipments: string[];
	/** Shipments still moving: their state, tracking and label are read again. */
	track: Array<{ orderId: string; shipmentId: string }>;
	pushTracking: Array<{ orderId: string; trackingNumber: string; carrier: string }>;
	/**
	 * Tracked parcels whose tracking waits only for the pick-up: if this run's read of the parcel
	 * shows it collected, the engine sends the tracking in the same run.
	 */
	trackingAtPickUp: Array<{ orderId: string; carrier: string }>;
	/** Orders that cannot be pushed until the owner changes something, with what to change. */
	problems: Array<{ orderId: string; message: string }>;
}

/** Orders in these statuses get no new deal: a first import of old orders makes no CRM noise. */
const CLOSED = new Set(["shipped", "delivered", "cancelled"]);
/** Courier states after which a shipment needs no more polling. */
const FINAL_COURIER_STATES = new Set(["delivered", "cancelled", "canceled", "returned", "returned_to_sender"]);
const READY_TO_SHIP = "ready to ship";
const LEFT = new Set(["shipped", "delivered"]);

function text(value: unknown): string {
	return value === null || value === undefined ? "" : String(value).trim();
}

export function stageFor(status: string, mapping: MappingSettings): string | undefined {
	const key = Object.keys(mapping.statusToStage).find((candidate) => candidate.toLowerCase() === status.toLowerCase());
	return key === undefined ? undefined : mapping.statusToStage[key];
}

export function carrierFor(service: string, mapping: MappingSettings): string {
	const key = Object.keys(mapping.serviceToCarrier).find(
		(candidate) => candidate.toLowerCase() === service.toLowerCase(),
	);
	// Etsy accepts "other" for carriers it does not list.
	return key === undefined ? "other" : (mapping.serviceToCarrier[key] as string);
}

/** True once the parcel has left: the courier's state maps to Shipped or Delivered, or the sheet says so. */
function parcelHasLeft(status: string, courierState: string | undefined, mapping: MappingSettings): boolean {
	const left = (value: string | undefined) => value !== undefined && LEFT.has(value.trim().toLowerCase());
	if (left(status)) return true;
	if (courierState === undefined) return false;
	const key = Object.keys(mapping.courierStateToStatus).find(
		(candidate) => candidate.toLowerCase() === courierState.trim().toLowerCase(),
	);
	return key !== undefined && left(mapping.courierStateToStatus[key]);
}

/** True once the courier's state says the parcel has left: it maps to Shipped or Delivered by Settings. */
export function courierStateMeansLeft(courierState: string, mapping: MappingSettings): boolean {
	return parcelHasLeft("", courierState, mapping);
}

/** Where the parcel is for polling: done (a final state), on its way (Shipped or Delivered), or waiting. */
export function parcelPhase(courierState: string, mapping: MappingSettings): ParcelPhase {
	if (FINAL_COURIER_STATES.has(courierState.trim().toLowerCase())) return "done";
	return parcelHasLeft("", courierState, mapping) ? "in-transit" : "awaiting-pick-up";
}

export function planPushes(input: {
	orders: readonly PlannedOrder[];
	crm: boolean;
	courier: boolean;
	mapping: MappingSettings;
	/** When tracking goes to Etsy; default at pick-up. */
	trackingToEtsy?: TrackingMoment;
}): PushPlan {
	const plan: PushPlan = {
		createDeals: [],
		moveStages: [],
		createShipments: [],
		track: [],
		pushTracking: [],
		trackingAtPickUp: [],
		problems: [],
	};
	for (const { orderId, cells, books } of input.orders) {
		const status = text(cells.status);
		// Not paid yet: nothing is made for it (the awaiting-payment finding says so); moves of what
		// already exists still go out.
		// An order Etsy answered it does not have (a typo, another shop's row): nothing is made for it
		// either; the unknown-order finding says why.
		const unpaid = awaitingPayment(text(cells.etsyStatus)) || (books.etsyMissing !== undefined && !books.etsy);
		let tracked = false;
		if (input.crm && status !== "") {
			const stage = stageFor(status, input.mapping);
			if (stage === undefined) {
				plan.problems.push({
					orderId,
					message: `Status "${status}" has no CRM stage: add it to the "Status → CRM stage" table on Settings.`,
				});
			} else if (!books.deal) {
				if (!CLOSED.has(status.toLowerCase()) && !unpaid) plan.createDeals.push({ orderId, stageName: stage });
			} else if (books.deal.stagePushed !== stage) {
				plan.moveStages.push({ orderId, dealId: books.deal.id, stageName: stage });
			}
		}
		if (input.courier) {
			if (status.toLowerCase() === READY_TO_SHIP && !books.shipment && !unpaid) plan.createShipments.push(orderId);
			if (books.shipment && !FINAL_COURIER_STATES.has(books.shipment.state.toLowerCase())) {
				plan.track.push({ orderId, shipmentId: books.shipment.id });
				tracked = true;
			}
		}
		const tracking = books.shipment?.trackingNumber;
		const etsyShows = text(cells.etsyStatus).toLowerCase();
		const etsyTakesTracking =
			!books.etsyTracking && etsyShows !== "completed" && etsyShows !== "canceled" && etsyShows !== "cancelled";
		const carrier = carrierFor(books.shipment?.service ?? "", input.mapping);
		const due = input.trackingToEtsy === "label" || parcelHasLeft(status, books.shipment?.state, input.mapping);
		if (tracking && due && etsyTakesTracking) {
			plan.pushTracking.push({ orderId, trackingNumber: tracking, carrier });
		} else if (tracked && !due && etsyTakesTracking) {
			plan.trackingAtPickUp.push({ orderId, carrier });
		}
	}
	return plan;
}
