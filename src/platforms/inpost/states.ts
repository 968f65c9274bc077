/**
 * The ShipX statuses a courier shipment reports in `CourierShipment.state`, in the order it lives
 * through them (the sandbox's path for `inpost_courier_standard`), then the ones off that path, as
 * `../shared/specs/inpost/NOTES.md` ("Status names") sources them. ShipX's full dictionary
 * (`GET /v1/statuses`) has more; any other string is passed through as is.
 */
import type { CourierStateInfo } from "../../core/connector-contracts.js";

export const INPOST_COURIER_STATUSES: readonly CourierStateInfo[] = [
	{ state: "created", suggestedStatus: null, description: "Shipment created; InPost is preparing offers" },
	{ state: "offers_prepared", suggestedStatus: null, description: "Offers prepared; buying the selected one" },
	{ state: "confirmed", suggestedStatus: null, description: "Bought: tracking number and label exist" },
	{ state: "collected_from_sender", suggestedStatus: "Shipped", description: "The courier collected the parcel" },
	{ state: "adopted_at_source_branch", suggestedStatus: "Shipped", description: "At the sender's branch" },
	{ state: "sent_from_source_branch", suggestedStatus: "Shipped", description: "Left the sender's branch" },
	{ state: "adopted_at_sorting_center", suggestedStatus: "Shipped", description: "At the sorting centre" },
	{ state: "sent_from_sorting_center", suggestedStatus: "Shipped", description: "Left the sorting centre" },
	{ state: "adopted_at_target_branch", suggestedStatus: "Shipped", description: "At the receiver's branch" },
	{ state: "out_for_delivery", suggestedStatus: "Shipped", description: "With the courier for delivery" },
	{ state: "delivered", suggestedStatus: "Delivered", description: "Delivered to the receiver" },
	// Off the happy path:
	{ state: "avizo", suggestedStatus: null, description: "Receiver absent; a notice was left" },
	{ state: "undelivered_wrong_address", suggestedStatus: null, description: "Undeliverable: wrong address" },
	{ state: "rejected_by_receiver", suggestedStatus: null, description: "The receiver refused the parcel" },
	{ state: "returned_to_sender", suggestedStatus: null, description: "Returned to the sender" },
	{ state: "cancelled", suggestedStatus: null, description: "Cancelled before it was bought" },
	// Also leaving the seller, on other services' paths (lockers, pick-up points):
	{ state: "dispatched_by_sender", suggestedStatus: "Shipped", description: "Posted by the sender at a locker" },
	{ state: "dispatched_by_sender_to_pok", suggestedStatus: "Shipped", description: "Posted at a pick-up point" },
	{ state: "taken_by_courier", suggestedStatus: "Shipped", description: "Taken by the courier" },
	{ state: "taken_by_courier_from_pok", suggestedStatus: "Shipped", description: "Taken from a pick-up point" },
];

/** Before `confirmed` a shipment has neither tracking number nor label (ShipX buys it asynchronously). */
export const UNCONFIRMED_STATUSES: ReadonlySet<string> = new Set(["created", "offers_prepared", "offer_selected"]);
/** The spelling is UNCONFIRMED (NOTES.md): `cancelled` in one client, `canceled` in others. Both count. */
export const CANCELLED_STATUSES: ReadonlySet<string> = new Set(["cancelled", "canceled"]);
