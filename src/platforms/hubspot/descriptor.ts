/** HubSpot as Hubsheet lists it: a CRM reached with a service key (or a legacy private app's token). */
import type { CrmDescriptor } from "../http/descriptor.js";
import { HubSpotConnector } from "./connector.js";

/** Deals are found by a unique "hubsheet_order_id" property, made once in the portal. */
const PROPERTY_READY = "hubspot.orderIdPropertyReady";

export const hubspot: CrmDescriptor = {
	name: "HubSpot",
	id: "hubspot",
	kind: "crm",
	secrets: {
		accessToken: {
			label: "HubSpot access token",
			short: "access token",
			field: "Access token (service key, or a legacy private app's token)",
			// HubSpot states no token format (service keys are new; legacy private apps show pat-…), so
			// only an obviously cut-off paste is refused here; the connection test says whether it works.
			check: (value) =>
				/^\S{20,}$/.test(value)
					? null
					: "The HubSpot access token looks incomplete: copy the whole key from HubSpot (Development > Keys > Service keys, or a legacy private app's Auth tab), without spaces.",
		},
	},
	settings: [
		{
			key: "hubspotPortalId",
			label: "HubSpot portal id",
			short: "portal id",
			field: "Portal id",
			about: "The number in your HubSpot address after /contacts/.",
			help: "The number after /contacts/ in your HubSpot address.",
			numeric: true,
			required: true,
			normalize(value) {
				if (!/^\d{1,15}$/.test(value))
					throw new Error(
						"The HubSpot portal id should be a number (the one after /contacts/ in your HubSpot address).",
					);
				return value;
			},
		},
		{
			key: "hubspotPipeline",
			label: "HubSpot pipeline",
			short: "pipeline",
			field: "Pipeline",
			about: "The id of the deal pipeline Hubsheet uses; default is HubSpot's standard pipeline.",
			defaultValue: "default",
			required: false,
			normalize(value) {
				if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
					throw new Error('The HubSpot pipeline should be a pipeline id, e.g. "default".');
				return value;
			},
		},
	],
	whereToFind: "in HubSpot, Development > Keys > Service keys (or a legacy private app's Auth tab)",
	guide: {
		text: "In HubSpot: Development > Keys > Service keys, or a legacy private app's Auth tab.",
		link: {
			href: "https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/account-service-keys",
			text: "HubSpot's guide to service keys",
		},
	},
	searchLagMs: 60_000,
	// Requests a day (NOTES.md, Rate limits: 250,000 on Free/Starter): a deal made is a contact
	// search, the contact and the deal; moves go in batches.
	dailyBudget: { reserve: 1000, create: 4, move: 1, read: 1 },
	create(context) {
		const connector = new HubSpotConnector({
			http: context.http,
			clock: context.clock,
			log: context.log,
			accessToken: context.secrets.accessToken ?? "",
			portalId: context.settings.hubspotPortalId ?? "",
			pipelineId: context.settings.hubspotPipeline || "default",
			...(context.apiBaseUrl ? { apiBaseUrl: context.apiBaseUrl, appBaseUrl: context.apiBaseUrl } : {}),
		});
		if (context.store.get(PROPERTY_READY) !== "yes") {
			connector.ensureOrderIdProperty();
			context.store.set(PROPERTY_READY, "yes");
		}
		return connector;
	},
	probe(connector) {
		connector.unknownStages(["Hubsheet connection test"]);
		return {};
	},
};
