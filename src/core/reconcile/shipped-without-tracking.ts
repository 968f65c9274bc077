/**
 * A row says Shipped (or Delivered) but no tracking number exists anywhere: not from the courier,
 * not in the Tracking cell, not on Etsy. The buyer cannot follow the parcel, and Etsy counts the
 * order as unshipped until it gets one.
 */
import { courierStateInWords } from "../owner-words.js";
import { etsyTrackingCodes, hasLeft, type Rule, sheetStatus, trackingNumber } from "./order-snapshot.js";

export const shippedWithoutTracking: Rule = (snapshot, context) => {
	const status = sheetStatus(snapshot);
	if (!hasLeft(status)) return [];
	if (trackingNumber(snapshot) !== null || etsyTrackingCodes(snapshot).length > 0) return [];
	const courier = context.courier ?? "the courier";
	const why = snapshot.shipment
		? `${courier} has not given the shipment a tracking number yet (it shows ${courierStateInWords(snapshot.shipment.state, context.courierStateWords)}).`
		: "No courier shipment is linked to the order.";
	return [
		{
			orderId: snapshot.orderId,
			kind: "shipped-without-tracking",
			severity: "warning",
			message: `Status is ${status} but the order has no tracking number, so the buyer cannot follow the parcel. ${why} Add the tracking on Etsy if you sent it another way.`,
			summary: `${status} without tracking`,
			values: { Sheet: status },
			...(snapshot.shipment ? { details: `${courier} state: ${snapshot.shipment.state}` } : {}),
		},
	];
};
