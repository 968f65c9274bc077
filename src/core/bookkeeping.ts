/**
 * What Hubsheet remembers about each order beyond what the Orders sheet shows: the ids of what it
 * made on other platforms, the last values it pushed, the intents it recorded before each create,
 * and the last error of each platform. Kept as JSON, one row per order, on the hidden state sheet.
 */
import type { PlatformErrorKind, PlatformName } from "./connector-contracts.js";
import type { EtsyOrder } from "./order.js";
import { INITIAL_STATUS } from "./statuses.js";

export type IntentKind = "deal" | "shipment" | "tracking";

export interface Intent {
	/** Stable for one order and one kind: a retry after a crash carries the same key. */
	key: string;
	at: number;
	/**
	 * When the create was last sent (or about to be). Until the platform's search lag has passed
	 * since then, a look-up cannot prove the create did not happen, so recovery waits.
	 */
	sentAt?: number;
}

export interface Bookkeeping {
	/** The Status last seen, and since when (for "stuck in a status"). */
	status?: string;
	statusSince?: number;
	/**
	 * When the order first reached each Status (epoch ms), as Hubsheet saw it: the sync after the
	 * owner's edit, or the sync that read the courier's pick-up or delivery. A status the order was
	 * already in when Hubsheet first saw it (a first import of shipped orders) has no date: when it
	 * happened is unknown, and a made-up date would bend the lead times.
	 */
	reached?: Record<string, number>;
	/** Since when each kind of finding has been open on this order (epoch ms); gone once it closes. */
	findingsSince?: Record<string, number>;
	/** `changes`: how many stage changes were pushed (numbers each change, so event ids sent for it are unique). */
	deal?: { id: string; url: string; stagePushed: string; changes?: number };
	shipment?: {
		id: string;
		url: string;
		state: string;
		service: string;
		trackingNumber: string | null;
		trackingUrl: string | null;
		labelUrl: string | null;
		/** The label PDF saved in the owner's Drive (engine/label-files.ts); the Label cell links it. */
		labelFile?: { id: string; url: string };
		/** The address the shipment was made for, to notice a later change on Etsy. */
		addressUsed: string;
		/** Since when the courier has shown `state`, as Hubsheet saw it (epoch ms). */
		stateSince?: number;
		/** When the parcel is next read from the courier (core/parcel-polling.ts); none once it is done. */
		nextPollAt?: number;
	};
	/**
	 * The tracking Hubsheet submitted to Etsy. `dropped`: Etsy took the submission (marked the order
	 * shipped, emailed the buyer) but kept no tracking code, as it does for a carrier name it does not
	 * know (NOTES.md, Carrier names); never submitted again, the owner is told.
	 */
	etsyTracking?: { code: string; carrier: string; at: number; dropped?: boolean };
	/**
	 * The order as Etsy last described it (long texts left out), so that reconciliation can judge
	 * orders the incremental pull did not bring this time.
	 */
	etsy?: EtsyOrder;
	/** When Etsy answered that it has no such order (404) to a look-up of this row's number. */
	etsyMissing?: { at: number };
	/**
	 * The order's folder in Drive (engine/order-folders.ts): its name is recorded before the folder is
	 * made, and its id once made. A name without an id is a create whose outcome is unknown (a killed
	 * run): the folder is looked up by that name before another is made.
	 */
	folder?: { name: string; id?: string; url?: string };
	/**
	 * Recorded before each create and cleared only when its outcome is proven: the create answered,
	 * or a look-up found the object. Any error after the request may have gone out keeps it.
	 */
	intents?: Partial<Record<IntentKind, Intent>>;
	errors?: Partial<Record<PlatformName, PushErrorRecord>>;
}

/** The last failed push to a platform: owner words first, the platform's own words as details. */
export interface PushErrorRecord {
	message: string;
	at: number;
	/** What kind of failure: decides whether retrying can help (and so whether a fix is offered). */
	kind?: PlatformErrorKind;
	operation?: "create-deal" | "move-stage" | "create-shipment" | "track-shipment" | "submit-tracking";
	/** The platform's own words when `message` translates them, e.g. "receiver.phone: This value should not be blank." */
	details?: string;
}

export function intentKey(orderId: string, kind: IntentKind): string {
	return `hubsheet:${orderId}:${kind}`;
}

export function parseBookkeeping(text: unknown): Bookkeeping {
	if (typeof text !== "string" || text.trim() === "") return {};
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === "object" ? (parsed as Bookkeeping) : {};
	} catch {
		// A hand-edited cell: start over for this order rather than stop the sync.
		return {};
	}
}

/**
 * Records the Status seen now, keeping the time it was first seen, and the first time the order
 * reached it. A new order is first seen New (it has just arrived); any other first sighting has no
 * date. An order that reaches Delivered without Shipped having been seen left the shop then too.
 */
export function noteStatus(books: Bookkeeping, status: string, now: number): Bookkeeping {
	if (books.status === status && books.statusSince !== undefined) return books;
	const seenBefore = books.status !== undefined;
	const reached = { ...books.reached };
	const name = status.trim();
	if (name !== "" && reached[name] === undefined && (seenBefore || name === INITIAL_STATUS)) {
		reached[name] = now;
		// Delivered straight from an earlier status: it left the shop then too (not when it was already
		// Shipped at first sight: that day is unknown).
		if (seenBefore && name === "Delivered" && books.status !== "Shipped" && reached.Shipped === undefined) {
			reached.Shipped = now;
		}
	}
	const next: Bookkeeping = { ...books, status, statusSince: now };
	if (Object.keys(reached).length > 0) next.reached = reached;
	return next;
}

/** The day the order left the shop and the day it arrived, when Hubsheet saw them happen. */
export function lifeDates(books: Bookkeeping): { shippedOn: number | null; deliveredOn: number | null } {
	return { shippedOn: books.reached?.Shipped ?? null, deliveredOn: books.reached?.Delivered ?? null };
}

/** The order without its long free texts, which the sheet already holds and no rule needs. */
export function compactEtsyOrder(order: EtsyOrder): EtsyOrder {
	// Item titles and personalisations are the buyer's texts too: kept short (parcel sizes need only
	// the listing id, SKU and quantity), so that one order's state fits its cell.
	const itemLines = order.itemLines.map((item) => ({
		...item,
		title: item.title.slice(0, 200),
		options: item.options.map((option) => option.slice(0, 100)),
	}));
	return { ...order, items: "", buyerNote: "", giftMessage: "", itemLines };
}

/**
 * An order's bookkeeping as its state cell holds it. Should it still not fit a cell (hundreds of
 * items), the Etsy copy is left out: reconciliation then judges the order by the sheet until Etsy
 * sends it again, which is better than Google refusing every order's state.
 */
export function bookkeepingJson(books: Bookkeeping, maxCharacters: number): string {
	const json = JSON.stringify(books);
	if (json.length <= maxCharacters || books.etsy === undefined) return json;
	const { etsy: _left, ...rest } = books;
	return JSON.stringify(rest);
}
