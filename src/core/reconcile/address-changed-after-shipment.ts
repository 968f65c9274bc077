/**
 * The buyer's address on Etsy is no longer the one the courier shipment was made for: the label
 * sends the parcel to the old address. Re-creating a shipment costs money and may race a pick-up,
 * so there is no one-click fix; the owner cancels and re-creates it, or calls the courier.
 * Addresses are compared as addresses (core/postal-address.ts), not as text.
 */
import { sameAddress } from "../postal-address.js";
import { courierStatus, type Rule, sheetStatus, shipTo } from "./order-snapshot.js";
import { clip, oneLineAddress } from "./wording.js";

export const addressChangedAfterShipment: Rule = (snapshot, context) => {
	const courier = context.courier;
	const used = snapshot.books.shipmentAddress;
	const current = shipTo(snapshot);
	if (!courier || used === null || used.trim() === "" || current.trim() === "") return [];
	// Etsy's text ends in "Poland", the shipment's in "PL": the same address written two ways.
	if (sameAddress(used, current)) return [];
	// Once delivered, or for a cancelled order, there is nothing left to redirect.
	const status = sheetStatus(snapshot);
	if (status === "Delivered" || status === "Cancelled" || courierStatus(snapshot, context) === "Delivered") return [];
	const now = oneLineAddress(current);
	const then = oneLineAddress(used);
	return [
		{
			orderId: snapshot.orderId,
			kind: "address-changed-after-shipment",
			severity: "error",
			message: `The buyer's address on Etsy changed after the ${courier} shipment was made. Etsy: ${clip(now, 160)}. Shipment: ${clip(then, 160)}. Cancel the shipment and make a new one, or ask ${courier} to redirect the parcel.`,
			summary: "address changed after shipment",
			values: { Etsy: now, [courier]: then },
		},
	];
};
