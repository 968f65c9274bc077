/** A courier that does not exist, described as src/platforms/<id>/descriptor.ts would describe it. */
import type { CourierConnector } from "../../src/core/connector-contracts.js";
import { COURIER_SERVICE_SETTING, type CourierDescriptor, plainToken } from "../../src/platforms/http/descriptor.js";

export const throwawayCourier: CourierDescriptor = {
	name: "Throwaway Parcels",
	id: "throwaway",
	kind: "courier",
	secrets: {
		apiKey: {
			label: "Throwaway API key",
			short: "API key",
			field: "API key",
			check: plainToken("Throwaway API key", 16),
		},
	},
	settings: [
		COURIER_SERVICE_SETTING,
		{
			key: "throwawayDepot",
			label: "Throwaway depot",
			short: "depot",
			field: "Depot",
			about: "The depot that collects your parcels.",
			required: true,
			normalize: (value) => value.toUpperCase(),
		},
	],
	guide: { text: "In the Throwaway panel: Settings > API." },
	searchLagMs: 0,
	senderRequired: true,
	stateWords: { handed_over: "Collected by the courier" },
	stateStatuses: [["handed_over", "Shipped"]],
	carriers: [["throwaway_express", "other"]],
	// A stand-in connector: what the factory was given, to show the registry's secrets and settings reach it.
	create: (context) =>
		({
			platform: "Throwaway Parcels",
			depot: context.settings.throwawayDepot,
			apiKey: context.secrets.apiKey,
		}) as unknown as CourierConnector,
	probe: () => ({}),
};
