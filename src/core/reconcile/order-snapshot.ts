/**
 * Everything reconciliation knows about one order, as plain data: the sheet row(s), what each
 * platform says, and what Hubsheet remembers. The engine assembles one snapshot per order after
 * its pushes, so that the rules judge the order as it will stand once this run's writes land.
 */

import type { CourierShipment, CrmDeal, PlatformErrorKind, PlatformName } from "../connector-contracts.js";
import type { DoneDefinition } from "../done-definitions.js";
import type { Finding } from "../findings.js";
import type { LinkOrigins } from "../link-policy.js";
import type { Parcel } from "../mapping-settings.js";
import type { EtsyOrder } from "../order.js";
import type { CellValue, SheetRow } from "../order-upsert.js";
import { CANONICAL_STATUSES, type CanonicalStatus } from "../statuses.js";

/** What Hubsheet was doing when a platform refused or could not be reached. */
export type PushOperation = "create-deal" | "move-stage" | "create-shipment" | "track-shipment" | "submit-tracking";

export interface PushError {
	platform: PlatformName;
	/** Plain language with the platform's own words (PlatformError.message); never a secret. */
	message: string;
	/** Epoch ms of the failed attempt. */
	at: number;
	/** Unknown when the state only kept the message; severity then falls back to the platform's role. */
	kind?: PlatformErrorKind;
	operation?: PushOperation;
	/** The platform's own words when `message` puts them in the sheet's words. */
	details?: string;
}

/** The part of Hubsheet's hidden state the rules read. */
export interface OrderBookkeeping {
	/** The Status Hubsheet last recorded for the order and since when (epoch ms); null before it first saw one. */
	status: string | null;
	statusSince: number | null;
	/** The Ship to text a courier shipment was created for; null while no shipment was created. */
	shipmentAddress: string | null;
	/** The tracking number Hubsheet submitted to Etsy successfully; null when none was. */
	trackingOnEtsy: string | null;
	/** Etsy took a submission but kept no tracking code: the carrier name it did not accept. */
	trackingDroppedFor?: string | null;
	/** The CRM stage Hubsheet last pushed; a deal still in it has not been moved by hand. Absent when unknown. */
	stagePushed?: string | null;
	/** The last failed push to each platform that has not succeeded since; [] when everything went through. */
	pushErrors: PushError[];
	/** When the order first reached each Status, as Hubsheet saw it (bookkeeping's `reached`); absent when unknown. */
	reached?: Record<string, number>;
}

export interface OrderSnapshot {
	orderId: string;
	/**
	 * Every row carrying this order id, in sheet order, with this run's planned writes applied. The
	 * first is the row Hubsheet keeps up to date; more than one means duplicates.
	 */
	rows: SheetRow[];
	/** The latest Etsy order known to this run, or null when it was not read. */
	etsy: EtsyOrder | null;
	/** True only when Etsy was asked for this order and answered that it has no such order. */
	etsyNotFound: boolean;
	/** The CRM deal as it stands after this run's pushes; null when there is none (or no CRM). */
	deal: CrmDeal | null;
	/** The courier shipment as last known (tracked this run, or as recorded); null when there is none. */
	shipment: CourierShipment | null;
	books: OrderBookkeeping;
}

export interface ReconcileContext {
	now: number;
	/** The spreadsheet's time zone: "today" and dates in messages are the owner's calendar days. */
	timeZone: string;
	mapping: {
		/** Status -> CRM stage name, as on the Settings sheet (keys matched ignoring case). */
		statusToStage: Record<string, string>;
		/** Courier state -> Status, as on the Settings sheet (keys matched ignoring case). */
		courierStateToStatus: Record<string, string>;
	};
	thresholds: {
		/** Status -> days an order may stay in it before it is flagged; statuses absent are never flagged. */
		stuckAfterDays: Record<string, number>;
	};
	/** The CRM and courier the owner chose; null when none is connected (their rules stay quiet). */
	crm: PlatformName | null;
	courier: PlatformName | null;
	/** What the CRM gets for an order, in the owner's words; "a <CRM> deal" when absent. */
	crmDeal?: string;
	/** The courier's states in the owner's words (its descriptor's); the shared words otherwise. */
	courierStateWords?: Readonly<Record<string, string>>;
	/** Where the CRM's and the courier's links may point (link-policy.ts); absent: links are not judged. */
	linkOrigins?: LinkOrigins;
	/** The owner's definition of done per status (Settings) and the parcel sizes it may ask for; absent: not judged. */
	done?: { definitions: readonly DoneDefinition[]; parcels: Readonly<Record<string, Parcel>> };
}

/** One reconciliation rule: pure, and quiet (no findings) whenever it lacks what it needs to judge. */
export type Rule = (snapshot: OrderSnapshot, context: ReconcileContext) => Finding[];

// ---------------------------------------------------------------- reading a snapshot

/** Text for comparing what people typed: case, surrounding and repeated whitespace do not count. */
export function comparable(text: string): string {
	return text.trim().replace(/\s+/g, " ").toLowerCase();
}

export function sameText(a: string, b: string): boolean {
	return comparable(a) === comparable(b);
}

/** A record's value by a key typed by hand: "production " finds "Production". */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
	// Object.hasOwn is newer than the Apps Script runtime is guaranteed to be.
	if (Object.hasOwn(record, key)) return record[key];
	const wanted = comparable(key);
	for (const [candidate, value] of Object.entries(record)) if (comparable(candidate) === wanted) return value;
	return undefined;
}

export function cellText(value: CellValue | undefined): string {
	if (value === null || value === undefined) return "";
	return String(value).trim();
}

/** A status as the owner typed it, spelled as the canonical one when it is one ("shipped" -> "Shipped"). */
export function canonicalStatus(text: string): string {
	const trimmed = text.trim().replace(/\s+/g, " ");
	return CANONICAL_STATUSES.find((status) => comparable(status) === comparable(trimmed)) ?? trimmed;
}

export function sheetStatus(snapshot: OrderSnapshot): string {
	return canonicalStatus(cellText(snapshot.rows[0]?.cells.status));
}

export function isStatus(status: string, ...statuses: CanonicalStatus[]): boolean {
	return statuses.some((candidate) => candidate === status);
}

/**
 * Where a status sits on the way to the buyer. On hold and the owner's own statuses count as work
 * before shipping; Cancelled is off the path.
 */
export function progress(status: string): number | null {
	switch (status) {
		case "New":
			return 0;
		case "Design":
			return 1;
		case "Ready to ship":
			return 3;
		case "Shipped":
			return 4;
		case "Delivered":
			return 5;
		case "Cancelled":
			return null;
		default:
			return status === "" ? 0 : 2;
	}
}

/** Shipped or Delivered: the parcel has left. */
export function hasLeft(status: string): boolean {
	return isStatus(status, "Shipped", "Delivered");
}

/** The Status the courier's state maps to, or null when the mapping has no row for it. */
export function courierStatus(snapshot: OrderSnapshot, context: ReconcileContext): string | null {
	if (!snapshot.shipment) return null;
	const mapped = lookup(context.mapping.courierStateToStatus, snapshot.shipment.state);
	return mapped === undefined || mapped.trim() === "" ? null : canonicalStatus(mapped);
}

export function shipTo(snapshot: OrderSnapshot): string {
	return snapshot.etsy?.shipTo ?? cellText(snapshot.rows[0]?.cells.shipTo);
}

export function etsyStatus(snapshot: OrderSnapshot): string {
	return snapshot.etsy?.etsyStatus ?? cellText(snapshot.rows[0]?.cells.etsyStatus);
}

/** Etsy's status when the buyer cancelled or got all their money back; null otherwise. */
export function etsyCancellation(snapshot: OrderSnapshot): "cancelled" | "refunded" | null {
	const status = comparable(etsyStatus(snapshot));
	if (status === "canceled" || status === "cancelled") return "cancelled";
	if (status === "fully refunded") return "refunded";
	return null;
}

export function shipBy(snapshot: OrderSnapshot): number | null {
	if (snapshot.etsy) return snapshot.etsy.shipBy;
	const cell = snapshot.rows[0]?.cells.shipBy;
	return typeof cell === "number" && Number.isFinite(cell) ? cell : null;
}

export function etsyTotal(snapshot: OrderSnapshot): { amount: number; currency: string } | null {
	if (snapshot.etsy) return { amount: snapshot.etsy.total, currency: snapshot.etsy.currency };
	const cells = snapshot.rows[0]?.cells;
	const amount = cells?.total;
	if (typeof amount !== "number" || !Number.isFinite(amount)) return null;
	return { amount, currency: cellText(cells?.currency) };
}

/** Tracking numbers are compared without spaces and case: couriers print them in groups. */
export function trackingKey(code: string): string {
	return code.replace(/\s+/g, "").toUpperCase();
}

/** The order's tracking number: the courier's when it has one, else what the Tracking cell shows. */
export function trackingNumber(snapshot: OrderSnapshot): string | null {
	const fromCourier = snapshot.shipment?.trackingNumber?.trim();
	if (fromCourier) return fromCourier;
	const fromCell = cellText(snapshot.rows[0]?.cells.tracking);
	return fromCell === "" ? null : fromCell;
}

/** Tracking codes Etsy shows on the order (non-empty ones). */
export function etsyTrackingCodes(snapshot: OrderSnapshot): string[] {
	return (snapshot.etsy?.shipments ?? []).map((shipment) => shipment.trackingCode.trim()).filter((code) => code !== "");
}
