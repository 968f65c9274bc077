/**
 * The buyer's address on Etsy is no longer the one the courier shipment was made for: the label
 * sends the parcel to the old address. Re-creating a shipment costs money and may race a pick-up,
 * so there is no one-click fix; the owner cancels and re-creates it, or calls the courier.
 * Addresses are compared as addresses (core/postal-address.ts), not as text.
 */
import { sameAddress } from "../postal-address.js";
import { parseTypedAddress } from "../ship-to-address.js";
import { cellText, courierStatus, type OrderSnapshot, type Rule, sheetStatus, shipTo } from "./order-snapshot.js";
import { clip, oneLineAddress } from "./wording.js";

/**
 * Where the parcel should go now, as one text: the owner's Ship to (yours) when filled (it overrides
 * Etsy's, so a change on Etsy no longer matters), else Etsy's Ship to.
 */
function destination(snapshot: OrderSnapshot): { source: "Etsy" | "Ship to (yours)"; text: string } {
	const typed = cellText(snapshot.rows[0]?.cells.shipToOverride);
	if (typed === "") return { source: "Etsy", text: shipTo(snapshot) };
	const parsed = parseTypedAddress(typed, snapshot.etsy?.buyer ?? cellText(snapshot.rows[0]?.cells.buyer));
	if ("problem" in parsed) return { source: "Ship to (yours)", text: typed };
	const { name, firstLine, secondLine, zip, city, state, countryIso } = parsed.address;
	const parts = [name, firstLine, secondLine, `${zip} ${city}`.trim(), state, countryIso];
	return { source: "Ship to (yours)", text: parts.filter((part) => part.trim() !== "").join(", ") };
}

export const addressChangedAfterShipment: Rule = (snapshot, context) => {
	const courier = context.courier;
	const used = snapshot.books.shipmentAddress;
	const { source, text: current } = destination(snapshot);
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
			message:
				source === "Etsy"
					? `The buyer's address on Etsy changed after the ${courier} shipment was made. Etsy: ${clip(now, 160)}. Shipment: ${clip(then, 160)}. Cancel the shipment and make a new one, or ask ${courier} to redirect the parcel.`
					: `The Ship to (yours) cell changed after the ${courier} shipment was made. Ship to (yours): ${clip(now, 160)}. Shipment: ${clip(then, 160)}. Cancel the shipment and make a new one, or ask ${courier} to redirect the parcel.`,
			summary: "address changed after shipment",
			values: source === "Etsy" ? { Etsy: now, [courier]: then } : { Sheet: now, [courier]: then },
		},
	];
};
