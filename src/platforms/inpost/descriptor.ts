/** InPost as Hubsheet lists it: a courier reached through ShipX with an API token and an organization id. */
import { COURIER_SERVICE_SETTING, type CourierDescriptor, plainToken } from "../http/descriptor.js";
import { InpostConnector } from "./connector.js";

/** A reference no order has: the look-up answers "none" when the credentials work. */
const PROBE_REFERENCE = "hubsheet-connection-test";

export const inpost: CourierDescriptor = {
	name: "InPost",
	id: "inpost",
	kind: "courier",
	secrets: {
		apiToken: {
			label: "InPost API token",
			short: "API token",
			field: "API token",
			check: plainToken("InPost API token", 20),
		},
	},
	settings: [
		{
			...COURIER_SERVICE_SETTING,
			choices: ["inpost_courier_standard", "inpost_courier_express_1000", "inpost_courier_palette"],
		},
		{
			key: "inpostOrganizationId",
			label: "InPost organization id",
			short: "organization id",
			field: "Organization id",
			about: "Shown beside your API token in InPost Parcel Manager (My Account > API).",
			numeric: true,
			required: true,
			normalize(value) {
				if (!/^\d{1,15}$/.test(value))
					throw new Error(
						"The InPost organization id should be a number, as Parcel Manager > My Account > API shows it.",
					);
				return value;
			},
		},
	],
	whereToFind: "in InPost Parcel Manager, My Account > API",
	guide: {
		text: "In InPost Parcel Manager: My Account > API (token and organization id).",
		link: { href: "https://manager.paczkomaty.pl", text: "Parcel Manager" },
	},
	// ShipX's statuses as ../shared/specs/inpost/NOTES.md sources them.
	stateWords: {
		created: "Being prepared",
		offers_prepared: "Being prepared",
		offer_selected: "Being prepared",
		confirmed: "Waiting for the courier",
		collected_from_sender: "Collected by the courier",
		dispatched_by_sender: "Posted by you",
		dispatched_by_sender_to_pok: "Posted by you",
		taken_by_courier: "Collected by the courier",
		taken_by_courier_from_pok: "Collected by the courier",
		adopted_at_source_branch: "On its way",
		sent_from_source_branch: "On its way",
		adopted_at_sorting_center: "On its way",
		sent_from_sorting_center: "On its way",
		adopted_at_target_branch: "On its way",
		out_for_delivery: "Out for delivery",
		avizo: "Buyer not at home: notice left",
		undelivered_wrong_address: "Not delivered: wrong address",
		rejected_by_receiver: "Refused by the buyer",
		returned_to_sender: "Returned to you",
	},
	// The statuses by which the parcel has left the seller.
	stateStatuses: [
		["dispatched_by_sender", "Shipped"],
		["dispatched_by_sender_to_pok", "Shipped"],
		["collected_from_sender", "Shipped"],
		["taken_by_courier", "Shipped"],
		["taken_by_courier_from_pok", "Shipped"],
		["adopted_at_source_branch", "Shipped"],
		["sent_from_source_branch", "Shipped"],
		["adopted_at_sorting_center", "Shipped"],
		["sent_from_sorting_center", "Shipped"],
		["adopted_at_target_branch", "Shipped"],
		["out_for_delivery", "Shipped"],
		["out_for_delivery_to_address", "Shipped"],
		["ready_to_pickup", "Shipped"],
		["ready_to_pickup_from_pok", "Shipped"],
	],
	carriers: [["inpost_courier_standard", "inpost"]],
	searchLagMs: 60_000,
	create: (context) =>
		new InpostConnector({
			http: context.http,
			clock: context.clock,
			log: context.log,
			apiToken: context.secrets.apiToken ?? "",
			organizationId: context.settings.inpostOrganizationId ?? "",
			...(context.apiBaseUrl ? { apiBaseUrl: context.apiBaseUrl } : {}),
		}),
	probe(connector) {
		connector.findShipment(PROBE_REFERENCE);
		return {};
	},
};
