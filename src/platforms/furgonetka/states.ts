/**
 * The package states the Furgonetka connector reports in `CourierShipment.state`, in the order a
 * package lives through them. Furgonetka documents no enumeration of `state` (see the notes); these
 * are the strings the sandbox uses and the ones Settings maps to a Status. An unknown string from the
 * real API is passed through unchanged, so the owner can add it to the mapping.
 */

export interface CourierStateInfo {
	state: string;
	/** The Status Settings suggests for it; null when the state does not move the Status. */
	suggestedStatus: "Shipped" | "Delivered" | "Cancelled" | null;
	description: string;
}

export const FURGONETKA_STATES: readonly CourierStateInfo[] = [
	{ state: "waiting", suggestedStatus: null, description: "Package created; pick-up not ordered yet" },
	{
		state: "waiting_for_pickup",
		suggestedStatus: null,
		description: "Pick-up ordered; waybill number and label assigned; waiting for the courier",
	},
	{ state: "picked_up", suggestedStatus: "Shipped", description: "The courier collected the parcel" },
	{ state: "in_transit", suggestedStatus: "Shipped", description: "On its way through the carrier's network" },
	{ state: "delivered", suggestedStatus: "Delivered", description: "Delivered to the receiver" },
	// Off the happy path:
	{ state: "returned", suggestedStatus: null, description: "Could not be delivered; returned to the sender" },
	{ state: "cancelled", suggestedStatus: null, description: "Cancelled before the courier collected it" },
];

/** The state in which the connector still has to order the pick-up. */
export const NOT_ORDERED_STATE = "waiting";
export const CANCELLED_STATE = "cancelled";
