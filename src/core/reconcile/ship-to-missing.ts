/**
 * The courier will need an address Hubsheet does not have: Etsy withholds this buyer's address (as
 * it does for apps in some countries, NOTES.md) and nothing is typed in Ship to (yours), or what is
 * typed is not an address. Said early, while there is time to copy it from Etsy; at Ready to ship
 * the failed shipment itself says it (push-failed), so this rule is quiet then.
 */
import { chooseShipTo } from "../ship-to-address.js";
import { cellText, etsyCancellation, hasLeft, isStatus, type Rule, sheetStatus } from "./order-snapshot.js";

export const shipToMissing: Rule = (snapshot, context) => {
	const status = sheetStatus(snapshot);
	const etsy = snapshot.etsy;
	if (!context.courier || !etsy || snapshot.shipment !== null || snapshot.books.shipmentAddress !== null) return [];
	if (isStatus(status, "Cancelled", "Ready to ship") || hasLeft(status) || etsyCancellation(snapshot) !== null)
		return [];
	const typed = cellText(snapshot.rows[0]?.cells.shipToOverride);
	const choice = chooseShipTo(etsy.address, typed, etsy.buyer);
	if (choice.source !== "none") return [];
	return [
		{
			orderId: snapshot.orderId,
			kind: "ship-to-missing",
			severity: choice.reason === "unreadable" ? "warning" : "info",
			message: choice.problem,
			summary: choice.reason === "unreadable" ? "Ship to (yours) unreadable" : "address not shared by Etsy",
			values: { Etsy: choice.reason === "withheld" ? "address withheld" : "", Sheet: typed },
		},
	];
};
