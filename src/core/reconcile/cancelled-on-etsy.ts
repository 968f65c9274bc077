/**
 * Etsy shows the order cancelled or fully refunded while the row is still in work: every hour spent
 * on it is lost, so it is an error and marking it Cancelled is one click. Once the parcel has left,
 * Cancelled would hide that goods went out (often a return), so the owner decides without a fix.
 */
import type { Finding } from "../findings.js";
import { courierStatus, etsyCancellation, etsyStatus, hasLeft, type Rule, sheetStatus } from "./order-snapshot.js";

export const cancelledOnEtsy: Rule = (snapshot, context) => {
	const cancellation = etsyCancellation(snapshot);
	const status = sheetStatus(snapshot);
	if (cancellation === null || status === "Cancelled") return [];
	const onEtsy = etsyStatus(snapshot).trim();
	const word = cancellation === "cancelled" ? "cancelled" : "refunded";
	const values = { Sheet: status, Etsy: onEtsy };
	if (hasLeft(status)) {
		return [
			{
				orderId: snapshot.orderId,
				kind: "cancelled-on-etsy",
				severity: "warning",
				message: `Etsy shows the order as ${onEtsy}, but the sheet says ${status}: the parcel has already left. Arrange the return with the buyer, then set Status to Cancelled.`,
				summary: `${word} on Etsy after shipping`,
				values,
			},
		];
	}
	const shipment = snapshot.shipment;
	const courierSays = courierStatus(snapshot, context);
	const parcelNote =
		shipment && context.courier && !(courierSays !== null && hasLeft(courierSays))
			? ` A ${context.courier} shipment exists (${shipment.shipmentId}): cancel it there too.`
			: "";
	const finding: Finding = {
		orderId: snapshot.orderId,
		kind: "cancelled-on-etsy",
		severity: "error",
		message: `Etsy shows the order as ${onEtsy}; the sheet still says ${status || "no Status"}. Stop work on it.${parcelNote}`,
		summary: `${word} on Etsy`,
		values,
		fix: {
			action: "mark-cancelled",
			label: "Set Status to Cancelled",
			confirm:
				"Set Status to Cancelled? The CRM deal follows at the next sync. Hubsheet does not cancel a courier shipment for you.",
			value: "Cancelled",
		},
	};
	return [finding];
};
