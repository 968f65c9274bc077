/**
 * Submitting tracking for a receipt (createReceiptShipment): the form Etsy takes, and what its answer
 * means. Refusals are results rather than errors because the caller turns them into findings on the
 * order's row; an accepted shipment is never reported as a failure, even when its answer cannot be
 * read, so that the buyer does not get a second email. And the carriers Etsy knows (getShippingCarriers),
 * whose names a submission may give.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import type { QueryParams } from "../http/query-string.js";
import { etsyErrorText } from "./errors.js";
import type { EtsyReceipt, EtsyShippingCarrierWire } from "./schemas.js";

export interface ReceiptShipmentInput {
	/** Left out together with `carrierName` to mark the receipt shipped without tracking. */
	trackingCode?: string;
	/** One of getShippingCarriers' names, or `other`. */
	carrierName?: string;
	/** Also email the seller a copy of the shipping notification. */
	sendBcc?: boolean;
	noteToBuyer?: string;
}

/** What Etsy made of a tracking submission. */
export type ReceiptShipmentResult =
	/** `receipt` is null when Etsy accepted but its answer could not be read; the shipment exists all the same. */
	| { kind: "created"; receipt: EtsyReceipt | null; problem: string | null }
	/** Etsy insists on a tracking code and carrier (US orders over $10, orders to India). */
	| { kind: "tracking-required"; message: string }
	/** 409: the receipt's state does not allow it (already shipped, cancelled, ...). */
	| { kind: "conflict"; message: string }
	/** Any other 4xx: an unknown carrier, a receipt that does not exist, ... */
	| { kind: "rejected"; status: number; message: string };

/** The form createReceiptShipment sends. */
export function shipmentForm(shipment: ReceiptShipmentInput): QueryParams {
	return [
		["tracking_code", shipment.trackingCode],
		["carrier_name", shipment.carrierName],
		["send_bcc", shipment.sendBcc ?? false],
		["note_to_buyer", shipment.noteToBuyer],
	];
}

/** Etsy's answer to a submission; `parseReceipt` reads a 2xx answer's receipt (PlatformError if it cannot). */
export function readShipmentAnswer(
	response: HttpResponse,
	secrets: readonly string[],
	parseReceipt: () => EtsyReceipt,
): ReceiptShipmentResult {
	if (response.status >= 200 && response.status < 300) {
		// The shipment exists now; an unreadable answer must not make the caller submit it again.
		try {
			const receipt = parseReceipt();
			return { kind: "created", receipt, problem: null };
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			return { kind: "created", receipt: null, problem: error.message };
		}
	}
	const message = etsyErrorText(response, secrets);
	if (response.status === 409) return { kind: "conflict", message };
	// Etsy words it "A tracking number is required"; the rule itself is in the spec's description.
	if (response.status === 400 && /tracking[ _](number|code)[^.]*required|required[^.]*tracking/i.test(message)) {
		return { kind: "tracking-required", message };
	}
	return { kind: "rejected", status: response.status, message };
}

export interface EtsyShippingCarrier {
	id: string;
	name: string;
	domesticClasses: Array<{ key: string; name: string }>;
	internationalClasses: Array<{ key: string; name: string }>;
}

/** getShippingCarriers' answer, its mail classes as key and name. */
export function readCarriers(carriers: { results: EtsyShippingCarrierWire[] }): EtsyShippingCarrier[] {
	return carriers.results.map((carrier) => ({
		id: String(carrier.shipping_carrier_id),
		name: carrier.name,
		domesticClasses: (carrier.domestic_classes ?? []).map((c) => ({ key: c.mail_class_key, name: c.name })),
		internationalClasses: (carrier.international_classes ?? []).map((c) => ({ key: c.mail_class_key, name: c.name })),
	}));
}
