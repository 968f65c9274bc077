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
		apiToken: { label: "InPost API token", short: "API token", check: plainToken("InPost API token", 20) },
	},
	settings: [
		COURIER_SERVICE_SETTING,
		{
			key: "inpostOrganizationId",
			label: "InPost organization id",
			short: "organization id",
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
