/**
 * Etsy has not received the buyer's payment yet (status Open or Payment processing). Hubsheet makes
 * no CRM deal and no shipment for such an order, so the owner is told why nothing happens: an info
 * while the order waits, a warning once the owner wants it shipped.
 */
import { awaitingPayment } from "../statuses.js";
import { etsyStatus, hasLeft, isStatus, type Rule, sheetStatus } from "./order-snapshot.js";

export const awaitingPaymentRule: Rule = (snapshot, context) => {
	const onEtsy = etsyStatus(snapshot).trim();
	const status = sheetStatus(snapshot);
	if (!awaitingPayment(onEtsy) || isStatus(status, "Cancelled") || hasLeft(status)) return [];
	const crmThing = context.crmDeal ?? `a ${context.crm} deal`;
	const held = [context.crm ? crmThing : "", context.courier ? "a shipment" : ""].filter(Boolean);
	const waits = held.length > 0 ? ` Hubsheet makes ${held.join(" or ")} once it is paid.` : "";
	const ready = isStatus(status, "Ready to ship");
	return [
		{
			orderId: snapshot.orderId,
			kind: "awaiting-payment",
			severity: ready ? "warning" : "info",
			message: ready
				? `Etsy has not received the payment for this order yet (Etsy status: ${onEtsy}), so no shipment is made. Wait for the payment, or ask the buyer.`
				: `Etsy has not received the payment for this order yet (Etsy status: ${onEtsy}).${waits}`,
			summary: "awaiting payment on Etsy",
			values: { Etsy: onEtsy, Sheet: status },
		},
	];
};
