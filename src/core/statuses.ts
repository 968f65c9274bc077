/** The canonical order statuses, in the order an order normally moves through them. */
export const CANONICAL_STATUSES = [
	"New",
	"Design",
	"Production",
	"Ready to ship",
	"Shipped",
	"Delivered",
	"On hold",
	"Cancelled",
] as const;

export type CanonicalStatus = (typeof CANONICAL_STATUSES)[number];

/** The status every new order starts in. */
export const INITIAL_STATUS: CanonicalStatus = "New";

/** The canonical statuses followed by the owner's custom ones, without duplicates or blanks. */
export function statusChoices(customStatuses: readonly string[]): string[] {
	const choices: string[] = [...CANONICAL_STATUSES];
	for (const raw of customStatuses) {
		const status = raw.trim();
		if (status !== "" && !choices.some((known) => known.toLowerCase() === status.toLowerCase())) choices.push(status);
	}
	return choices;
}

/**
 * True while Etsy has not received the buyer's payment: status `open` (placed, unpaid) or `payment
 * processing` (NOTES.md, was_paid / status semantics). Such an order gets no CRM deal and no
 * shipment until it is paid.
 */
export function awaitingPayment(etsyStatus: string): boolean {
	const status = etsyStatus.trim().replace(/\s+/g, " ").toLowerCase();
	return status === "open" || status === "payment processing";
}

/**
 * The Status a row starts with. A paid order starts New; an order Etsy already shows as shipped,
 * cancelled or refunded (a first import of a shop with history) starts where it really is, so that
 * no CRM deal or shipment is made for it.
 */
export function initialStatus(order: { isShipped: boolean; etsyStatus: string }): CanonicalStatus {
	const etsyStatus = order.etsyStatus.toLowerCase();
	if (etsyStatus === "canceled" || etsyStatus === "cancelled" || etsyStatus === "fully refunded") return "Cancelled";
	if (order.isShipped || etsyStatus === "completed") return "Shipped";
	return INITIAL_STATUS;
}
