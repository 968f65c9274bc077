/**
 * The Furgonetka states the connector reports in `CourierShipment.state`, in the order a package
 * lives through them, as `../shared/specs/furgonetka/NOTES.md` sources them: the package's own
 * `state` (`waiting` in the basket, `ordered`, `collect-problem`, `canceled`, seen in a client that
 * copies Furgonetka's sandbox) and, once ordered, the carrier's newest scan from
 * `GET /packages/{id}/tracking` (`collected`, `delivered` seen in webhooks; `transit` UNCONFIRMED).
 * Furgonetka documents no enumeration: any other string is passed through, so the owner can map it.
 */
import type { CourierStateInfo } from "../../core/connector-contracts.js";

export const FURGONETKA_STATES: readonly CourierStateInfo[] = [
	{ state: "waiting", suggestedStatus: null, description: "Package in the basket; not ordered yet" },
	{
		state: "ordered",
		suggestedStatus: null,
		description: "Ordered: waybill number, label and courier pick-up exist; waiting for the courier",
	},
	{ state: "collected", suggestedStatus: "Shipped", description: "The courier collected the parcel" },
	{ state: "transit", suggestedStatus: "Shipped", description: "On its way (name UNCONFIRMED)" },
	{ state: "delivered", suggestedStatus: "Delivered", description: "Delivered to the receiver" },
	// Off the happy path:
	{ state: "collect-problem", suggestedStatus: null, description: "The courier could not collect the parcel" },
	{ state: "canceled", suggestedStatus: null, description: "Cancelled (Furgonetka spells it with one l)" },
];

/** The state in which the connector still has to order the package (it is in the basket). */
export const NOT_ORDERED_STATE = "waiting";
/** Ordered: from here the carrier's scans (tracking) say more than the package's state. */
export const ORDERED_STATE = "ordered";
/** Furgonetka spells it `canceled`; `cancelled` is tolerated too. */
export const CANCELLED_STATES: ReadonlySet<string> = new Set(["canceled", "cancelled"]);
