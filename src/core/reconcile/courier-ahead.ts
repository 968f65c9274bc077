/**
 * The courier's state, mapped to a Status by Settings, is further along than the row's Status. The
 * sync moves Status forward itself when the courier collects or delivers, so a finding here means it
 * could not (the owner put the order on hold or cancelled it, or the mapping was edited since).
 */
import type { Severity } from "../findings.js";
import { courierStateInWords } from "../owner-words.js";
import { courierStatus, hasLeft, progress, type Rule, sheetStatus } from "./order-snapshot.js";

export const courierAhead: Rule = (snapshot, context) => {
	const courier = context.courier;
	const shipment = snapshot.shipment;
	if (!courier || !shipment) return [];
	const mapped = courierStatus(snapshot, context);
	const ahead = mapped === null ? null : progress(mapped);
	if (mapped === null || ahead === null) return [];
	const status = sheetStatus(snapshot);
	const here = progress(status);
	let severity: Severity;
	let advice: string;
	if (here === null) {
		// Cancelled in the sheet while a parcel moves: goods may be leaving for an order nobody pays for.
		if (!hasLeft(mapped)) return [];
		severity = "error";
		advice = ` Stop the parcel with ${courier}, or set Status to ${mapped} if the order goes ahead after all.`;
	} else if (ahead > here) {
		severity = status === "Shipped" ? "info" : "warning";
		advice = ` Set Status to ${mapped} so the CRM and Etsy follow.`;
	} else {
		return [];
	}
	return [
		{
			orderId: snapshot.orderId,
			kind: "courier-ahead",
			severity,
			message: `${courier} shows the parcel as ${courierStateInWords(shipment.state, context.courierStateWords)}; the sheet says ${status || "no Status"}.${advice}`,
			summary: `${courier} says ${mapped}, sheet ${status || "empty"}`,
			values: { Sheet: status, [courier]: shipment.state },
			details: `${courier} state: ${shipment.state}`,
		},
	];
};
