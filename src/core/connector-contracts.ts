/**
 * What the engine needs from a CRM and from a courier, whichever one the owner chose. Each
 * connector (src/platforms/<name>/) implements one of these over the ports; the engine never sees a
 * vendor's JSON. All methods are synchronous (UrlFetchApp is) and throw `PlatformError` when the
 * platform cannot be reached or refuses, so the engine can turn it into a finding on the rows it
 * concerns and go on with the others.
 */
import type { PostalAddress } from "./order.js";

/**
 * A platform's display name, e.g. "Etsy" or a CRM's or courier's descriptor name: the list of CRMs and
 * couriers is src/platforms/registry.ts (core may not import it), and the Settings sheet and the
 * settings dialog check a name against it at the edge.
 */
export type PlatformName = string;

export type PlatformErrorKind =
	/** Credentials missing, wrong, expired or revoked: the owner must fix the connection. */
	| "auth"
	/** 429 after the bounded retries, or a quota spent. */
	| "rate-limit"
	/** 5xx or a timeout: worth retrying on the next run. `mayHaveApplied` says whether a create may have happened. */
	| "unavailable"
	/** The answer could not be read (malformed JSON, unexpected shape). */
	| "malformed"
	/** The platform refused the input (e.g. a courier's validation): the owner must fix the data. */
	| "rejected";

export class PlatformError extends Error {
	constructor(
		readonly platform: PlatformName,
		/** The operation, e.g. "createDeal" or "POST /packages". */
		readonly endpoint: string,
		readonly kind: PlatformErrorKind,
		/** Plain language, with the platform's own words where it gave some; never a secret. */
		message: string,
		readonly options: {
			status?: number;
			mayHaveApplied?: boolean;
			retryAfterSeconds?: number;
			/** A refusal's field errors, so the engine can name the sheet's cell instead of the courier's field. */
			problems?: ValidationProblem[];
		} = {},
	) {
		super(message);
		this.name = "PlatformError";
	}
}

// ---------------------------------------------------------------- CRM

export interface CrmDeal {
	dealId: string;
	/** The Etsy order id the deal was created for (kept in a field/property of the deal). */
	orderId: string;
	/** The stage's name as the owner sees it in the CRM (resolved from ids). */
	stageName: string;
	value: number;
	currency: string;
	/** A link for humans to open the deal. */
	url: string;
	updatedAtMs: number;
	/** What the owner should know about how the deal was made (e.g. without an amount), for the Sync log. */
	note?: string;
}

export interface NewDeal {
	orderId: string;
	/** E.g. "Etsy 3100000001 · Anna Kowalska". */
	title: string;
	value: number;
	currency: string;
	stageName: string;
	/** `buyerId`: Etsy's buyer id, which finds the person when Etsy withholds the email. */
	person: { name: string; email: string; buyerId?: string };
}

export interface StageMove {
	orderId: string;
	dealId: string;
	stageName: string;
	/**
	 * Which change of this order's stage this is (1, 2, ...): the same number for every retry of one
	 * change, a new one for the next change, so an event id sent for it is unique per change even when
	 * the order returns to an earlier stage.
	 */
	change?: number;
}

export type StageMoveResult = { orderId: string; ok: true } | { orderId: string; ok: false; error: PlatformError };

export interface CrmConnector {
	readonly platform: PlatformName;
	/**
	 * Where links from this platform may point (core/link-policy.ts): https on its own hosts, or the
	 * exact origins the owner configured. Any other link is written as text and reported.
	 */
	readonly linkOrigins?: readonly string[];
	/**
	 * Checks that every stage name of the mapping exists in the CRM. Returns the names it does not
	 * know (the owner sees them by name). Connectors cache the ids for the rest of the execution.
	 */
	unknownStages(stageNames: readonly string[]): string[];
	/** The deal made for this order, if one exists (the crash-recovery path of exactly-once creates). */
	findDeal(orderId: string): CrmDeal | null;
	/** Creates the deal (and the person, found by email first); never called twice for one order by the engine. */
	createDeal(deal: NewDeal): CrmDeal;
	/** Moves deals, batched where the platform batches; one result per move, in order. */
	moveStages(moves: readonly StageMove[]): StageMoveResult[];
	/** Deals changed since `sinceMs` (to notice stages edited by hand in the CRM); [] for a CRM that only receives events. */
	dealsChangedSince(sinceMs: number): CrmDeal[];
	/**
	 * What is left of the platform's daily allowance as its last answer reported it (a CRM's daily
	 * API tokens), for the connection's health; null when it reports none.
	 */
	dailyAllowance?(): { left: number; perDay: number | null } | null;
	/**
	 * How many new deals' look-ups (the buyer's person or contact) the platform takes at once, sized
	 * to its published rate limits; with `prepareDeals`, the engine hands new deals over in batches of
	 * this size, checking its time budget before each batch.
	 */
	readonly lookUpBatchSize?: number;
	/**
	 * Looks up what these new deals need before they are created (the buyer), all together (fetchAll);
	 * the `createDeal` calls that follow use the answers instead of asking one by one. Returns the
	 * orders whose look-up failed, each with its error: only those orders fail. Sends no create.
	 */
	prepareDeals?(deals: readonly NewDeal[]): Map<string, PlatformError>;
}

// ---------------------------------------------------------------- Courier

export interface Parcel {
	lengthCm: number;
	widthCm: number;
	heightCm: number;
	weightKg: number;
}

export interface ShipmentRequest {
	/** The Etsy order id: sent as the courier's reference, so a lost answer can be found again. */
	orderId: string;
	receiver: PostalAddress & { email: string; phone: string };
	sender: PostalAddress & { email: string; phone: string; company: string };
	parcels: Parcel[];
	/** The courier service as the owner named it in Settings, e.g. "dpd" or "inpost_courier_standard". */
	service: string;
}

export interface ValidationProblem {
	/** The courier's field, e.g. "receiver.postcode". */
	field: string;
	/** The courier's own message. */
	message: string;
}

export interface CourierShipment {
	shipmentId: string;
	orderId: string;
	/** The courier's own state, e.g. "ordered", "collected", "delivered"; mapped to a Status by Settings. */
	state: string;
	/** Null until the courier assigns it (some couriers confirm asynchronously). */
	trackingNumber: string | null;
	trackingUrl: string | null;
	labelUrl: string | null;
	/** The courier's service, e.g. "dpd": mapped to an Etsy carrier name by Settings. */
	service: string;
	/** A link for humans to open the shipment in the courier's panel. */
	url: string;
}

/**
 * One shipment's answer to `trackEach`: read, unknown to the courier (404: deleted in its panel?),
 * or failed with the courier's reason. One per id asked, in order, so a failure lands on its row.
 */
export type TrackResult =
	| { shipmentId: string; kind: "found"; shipment: CourierShipment }
	| { shipmentId: string; kind: "not-found" }
	| { shipmentId: string; kind: "failed"; error: PlatformError };

/** One state a courier reports, with the Status Settings suggests for it (the courier's own vocabulary). */
export interface CourierStateInfo {
	state: string;
	/** The Status Settings suggests for it; null when the state does not move the Status. */
	suggestedStatus: "Shipped" | "Delivered" | "Cancelled" | null;
	description: string;
}

export interface CourierConnector {
	readonly platform: PlatformName;
	/**
	 * Where links from this platform may point (core/link-policy.ts): https on its own hosts, or the
	 * exact origins the owner configured. Any other link is written as text and reported.
	 */
	readonly linkOrigins?: readonly string[];
	/** The courier's own validation of a shipment before creating it; [] when it would be accepted. */
	validate(request: ShipmentRequest): ValidationProblem[];
	/** The shipment made for this order, found by reference (the crash-recovery path). */
	findShipment(orderId: string): CourierShipment | null;
	/** Creates the shipment (and orders the pick-up where the courier needs that as a separate step). */
	createShipment(request: ShipmentRequest): CourierShipment;
	/** Current state, tracking and label of shipments in flight, batched where possible (the ids it could read). */
	track(shipmentIds: readonly string[]): CourierShipment[];
	/**
	 * The same, one result per id: what the engine uses, so a shipment that could not be read is a
	 * finding on its row rather than silently skipped. Throws only for the whole connection (auth).
	 */
	trackEach(shipmentIds: readonly string[]): TrackResult[];
	/**
	 * The shipment's label as PDF bytes, downloaded with the courier's credentials (a link to the
	 * courier's API would need the token, so the owner could not open it); null while the courier
	 * has no label yet.
	 */
	labelPdf?(shipmentId: string): Uint8Array | null;
}

/** True when `bytes` start as a PDF does (`%PDF-`): an empty or HTML answer is no label. */
export function isPdf(bytes: Uint8Array | undefined): boolean {
	return bytes !== undefined && bytes.length > 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}
