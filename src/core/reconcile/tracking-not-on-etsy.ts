/**
 * The parcel has left and has a tracking number, but Etsy does not show it: the buyer got no
 * shipping email and Etsy may count the order as late. Sending it is safe only when Etsy has no
 * tracking at all; a different code there means someone marked the order shipped by hand, and a
 * second submission would send the buyer a second email.
 */
import type { Finding } from "../findings.js";
import {
	cellText,
	etsyCancellation,
	etsyTrackingCodes,
	hasLeft,
	type Rule,
	sheetStatus,
	trackingKey,
	trackingNumber,
} from "./order-snapshot.js";
import { listInWords } from "./wording.js";

export const trackingNotOnEtsy: Rule = (snapshot, context) => {
	const status = sheetStatus(snapshot);
	const tracking = trackingNumber(snapshot);
	const dropped = snapshot.books.trackingDroppedFor ?? null;
	// Tracking goes to Etsy when the courier collects the parcel (unless the owner chose the label).
	if ((!hasLeft(status) && dropped === null) || tracking === null || etsyCancellation(snapshot) !== null) return [];
	const onEtsy = etsyTrackingCodes(snapshot);
	const known = [...onEtsy, snapshot.books.trackingOnEtsy ?? ""].map(trackingKey);
	if (known.includes(trackingKey(tracking))) return [];
	const courier = context.courier ?? "the courier";
	if (dropped !== null) {
		// Submitting again would email the buyer again and be dropped again: the owner fixes it.
		return [
			{
				orderId: snapshot.orderId,
				kind: "tracking-not-on-etsy",
				severity: "error",
				message: `Etsy marked the order shipped but did not keep tracking number ${tracking}: it does not accept "${dropped}" as a carrier. Add the tracking number to the order on Etsy by hand, and choose one of Etsy's carriers (or other) for this courier service in Settings > "Courier service → Etsy carrier".`,
				summary: `tracking dropped by Etsy (carrier ${dropped})`,
				values: { Etsy: onEtsy.length === 0 ? "no tracking" : onEtsy.join(", ") },
			},
		];
	}
	const finding: Finding = {
		orderId: snapshot.orderId,
		kind: "tracking-not-on-etsy",
		severity: "warning",
		message:
			onEtsy.length === 0
				? `The parcel has tracking number ${tracking} from ${courier}, but Etsy does not have it: the buyer has not been told the order shipped.`
				: `Etsy shows tracking ${listInWords(onEtsy)}, not ${tracking} from ${courier}. Check which parcel is the buyer's and correct it on Etsy.`,
		summary: "tracking not on Etsy",
		values: { Etsy: onEtsy.length === 0 ? "none" : onEtsy.join(", ") },
	};
	const inCell = cellText(snapshot.rows[0]?.cells.tracking);
	if (inCell !== "") finding.values.Sheet = inCell;
	const fromCourier = snapshot.shipment?.trackingNumber;
	if (context.courier && fromCourier) finding.values[context.courier] = fromCourier;
	if (onEtsy.length === 0) {
		finding.fix = {
			action: "push-tracking-to-etsy",
			label: `Send tracking ${tracking} to Etsy`,
			confirm: `Send tracking number ${tracking} to Etsy? Etsy marks the order shipped and emails the buyer.`,
			value: tracking,
		};
	}
	return [finding];
};
