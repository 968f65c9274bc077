/**
 * A row whose order number Etsy says it does not have: a typo in the Order column, a row pasted from
 * another shop, or an order made outside Etsy. Hubsheet cannot sync it either way; only the owner
 * knows which, so there is no fix.
 */
import type { Rule } from "./order-snapshot.js";

export const unknownOrder: Rule = (snapshot) => {
	if (!snapshot.etsyNotFound || snapshot.etsy !== null) return [];
	return [
		{
			orderId: snapshot.orderId,
			kind: "unknown-order",
			severity: "warning",
			message: `Etsy has no order ${snapshot.orderId} in this shop. Check the number in the Order column; if the order is not from Etsy, Hubsheet cannot sync it.`,
			summary: "order unknown to Etsy",
			values: { Sheet: snapshot.orderId, Etsy: "no such order" },
		},
	];
};
