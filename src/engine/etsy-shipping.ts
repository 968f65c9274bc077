/** Etsy's side of shipping, for the platform phase: fresh receipts, and tracking submitted once. */

import { PlatformError } from "../platforms/contracts.js";
import { EtsyNetworkError, EtsyServerError } from "../platforms/etsy/errors.js";
import type { EtsyApi } from "../platforms/etsy/etsy-api.js";
import { receiptToOrder } from "../platforms/etsy/receipt-mapping.js";
import type { EtsyShipping } from "./platform-push.js";

function normalisedCode(code: string): string {
	return code.replace(/\s+/g, "").toUpperCase();
}

export function etsyShipping(
	api: Pick<EtsyApi, "getShopReceipt" | "createReceiptShipment">,
	shopId: string,
): EtsyShipping {
	return {
		order(orderId) {
			const receipt = api.getShopReceipt(shopId, orderId);
			return receipt ? receiptToOrder(receipt) : null;
		},
		submitTracking(orderId, trackingCode, carrier) {
			try {
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
			} catch (error) {
				// Etsy may have recorded the shipment (and emailed the buyer) before failing: the intent
				// stays, and the next run reads the receipt before submitting again.
				if ((error instanceof EtsyServerError || error instanceof EtsyNetworkError) && error.mayHaveApplied) {
					throw new PlatformError("Etsy", "createReceiptShipment", "unavailable", error.message, {
						mayHaveApplied: true,
					});
				}
				throw error;
			}
		},
	};
}
