/** Etsy's side of shipping, for the platform phase: fresh receipts, and tracking submitted once. */

import { type CarrierList, storedCarrierList } from "../core/etsy-carriers.js";
import { countryCode } from "../core/postal-address.js";
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
