/** Etsy's side of shipping, for the platform phase: fresh receipts, and tracking submitted once. */

import { type CarrierList, storedCarrierList } from "../core/etsy-carriers.js";
import { findTables } from "../core/mapping-settings.js";
import { countryCode } from "../core/postal-address.js";
import { readMappingSettings } from "../platforms/catalog.js";
import type { EtsyApi } from "../platforms/etsy/client.js";
import { receiptToOrder } from "../platforms/etsy/receipt-mapping.js";
import type { Store } from "../ports.js";
import type { EtsyShipping } from "./platform-push.js";

function normalisedCode(code: string): string {
	return code.replace(/\s+/g, "").toUpperCase();
}

export function etsyShipping(
	api: Pick<EtsyApi, "getShopReceipt" | "createReceiptShipment" | "getShippingCarriers" | "quota">,
	shopId: string,
): EtsyShipping {
	return {
		dailyAllowance() {
			const remaining = api.quota?.remainingToday;
			return remaining == null ? null : { left: remaining, perDay: api.quota?.limitPerDay ?? null };
		},
		carriers(originIso) {
			try {
				return api.getShippingCarriers(originIso).map((carrier) => carrier.name);
			} catch {
				// Without the list nothing is checked; Etsy's answer to each submission still is.
				return null;
			}
		},
		order(orderId) {
			const receipt = api.getShopReceipt(shopId, orderId);
			return receipt ? receiptToOrder(receipt) : null;
		},
		// Etsy may record a shipment (and email the buyer) before failing: the transport's error then
		// says `mayHaveApplied`, the intent stays, and the next run reads the receipt before submitting again.
		submitTracking(orderId, trackingCode, carrier) {
			const result = api.createReceiptShipment(shopId, orderId, { trackingCode, carrierName: carrier });
			if (result.kind === "created") {
				// An unreadable answer proves nothing either way; a readable one must hold the code.
				if (result.receipt === null) return { ok: true };
				const wanted = normalisedCode(trackingCode);
				const kept = receiptToOrder(result.receipt).shipments.some(
					(shipment) => normalisedCode(shipment.trackingCode) === wanted,
				);
				return { ok: true, kept };
			}
			return { ok: false, message: `Etsy did not take the tracking number: ${result.message}` };
		},
	};
}

export const CARRIERS_KEY = "hubsheet.etsy.carriers";

/**
 * Etsy's carriers for parcels from the sender's country, read at most once a week (one Etsy request)
 * and kept in the Store; null when the country is unknown or Etsy would not say.
 */
export function knownEtsyCarriers(
	store: Store,
	etsy: Pick<EtsyShipping, "carriers">,
	senderCountry: string,
	now: number,
): CarrierList | null {
	const origin = carrierOrigin(senderCountry);
	if (origin === null || !etsy.carriers) return null;
	const stored = storedCarrierList(store.get(CARRIERS_KEY), origin, now);
	if (stored) return stored;
	const names = etsy.carriers(origin);
	if (!names || names.length === 0) return null;
	const list: CarrierList = { origin, at: now, names };
	store.set(CARRIERS_KEY, JSON.stringify(list));
	return list;
}

/** The origin country of parcels as Etsy's carrier list needs it (ISO code), or null. */
export function carrierOrigin(senderCountry: string): string | null {
	const origin = countryCode(senderCountry) ?? senderCountry.trim().toUpperCase();
	return /^[A-Z]{2}$/.test(origin) ? origin : null;
}

/** The sender's country on the Settings sheet (its values), as the origin Etsy's list is read for, or null. */
export function senderCarrierOrigin(settingsValues: ReadonlyArray<ReadonlyArray<unknown>>): string | null {
	return carrierOrigin(readMappingSettings(settingsValues).settings.sender.countryIso);
}

/**
 * Connecting Etsy reads the list for the sender's country at once (`etsy` is made only then), so the
 * dropdown is there from the start; without a sender country there is no list to read.
 */
export function carriersAfterConnect(
	store: Store,
	origin: string | null,
	etsy: () => Pick<EtsyShipping, "carriers">,
	now: number,
): CarrierList | null {
	if (origin === null) return null;
	return knownEtsyCarriers(store, etsy(), origin, now);
}

/**
 * The list set-up offers from the store: of any age (a week-old list beats none), but only for the
 * sender's current country (`senderOrigin`, asked only when there is a readable list); null otherwise.
 */
export function storedCarriersToOffer(
	raw: string | null,
	senderOrigin: () => string | null,
): { origin: string; names: string[] } | null {
	if (!raw) return null;
	try {
		const list = JSON.parse(raw) as { origin?: unknown; names?: unknown };
		if (!Array.isArray(list.names) || list.origin !== senderOrigin()) return null;
		return { origin: String(list.origin), names: list.names.map(String) };
	} catch {
		// An unreadable note: the next read from Etsy writes a good one.
		return null;
	}
}

/** The Settings sheet's "Etsy carrier" dropdown: on which cells, offering what, saying what. */
export interface CarrierDropdown {
	/** 1-based: the carrier table's first row, its number of rows, and the column of Etsy's names. */
	row: number;
	rows: number;
	column: number;
	/** Etsy's names and "other", each once. */
	choices: string[];
	helpText: string;
}

/**
 * The dropdown of Etsy's carrier names for parcels from `origin` on the carrier table of the Settings
 * sheet (its values); null without the table or without a name. `other` is offered too: Etsy keeps
 * the tracking number with it (NOTES.md, Carrier names).
 */
export function carrierDropdown(
	settingsValues: ReadonlyArray<ReadonlyArray<unknown>>,
	names: readonly string[],
	origin: string,
): CarrierDropdown | null {
	const table = findTables(settingsValues).carriers;
	const first = table?.[0]?.row;
	const last = table?.[table.length - 1]?.row;
	if (first === undefined || last === undefined || names.length === 0) return null;
	return {
		row: first,
		rows: last - first + 1,
		column: 2,
		choices: [...new Set([...names, "other"])],
		helpText: `Etsy's carriers for parcels from ${origin}. Etsy drops the tracking number sent with a carrier it does not list; "other" keeps it.`,
	};
}

/** Etsy's shipping side whose fresh carrier lists (with a name in them) also go to `offer`, e.g. the dropdown. */
export function offeringFreshCarriers(
	etsy: EtsyShipping,
	offer: (names: string[], originIso: string) => void,
): EtsyShipping {
	const read = etsy.carriers?.bind(etsy);
	if (!read) return etsy;
	return {
		...etsy,
		carriers(originIso) {
			const names = read(originIso);
			if (names && names.length > 0) offer(names, originIso);
			return names;
		},
	};
}
