/** Furgonetka as Hubsheet lists it: a courier broker reached with an OAuth2 application and the owner's login. */
import { COURIER_SERVICE_SETTING, type CourierDescriptor, plainToken } from "../http/descriptor.js";
import { FurgonetkaConnector } from "./connector.js";

export const furgonetka: CourierDescriptor = {
	name: "Furgonetka",
	id: "furgonetka",
	kind: "courier",
	secrets: {
		clientId: {
			label: "Furgonetka client id",
			short: "client id",
			field: "OAuth client id",
			check: plainToken("Furgonetka client id", 4),
		},
		clientSecret: {
			label: "Furgonetka client secret",
			short: "client secret",
			field: "OAuth client secret",
			check: plainToken("Furgonetka client secret", 8),
		},
		username: {
			label: "Furgonetka login",
			short: "login",
			field: "Account login",
			check: plainToken("Furgonetka login", 3),
		},
		password: { label: "Furgonetka password", short: "password", field: "Account password", check: () => null },
	},
	settings: [
		{
			...COURIER_SERVICE_SETTING,
			help: "E.g. dpd. Once the connection works, your account's services are offered here.",
		},
	],
	guide: {
		text: "The OAuth client id and secret come from the OAuth2 application you register with Furgonetka; the login and password are your furgonetka.pl account's.",
		link: { href: "https://furgonetka.pl/api/oauth", text: "Furgonetka's OAuth2 guide" },
	},
	senderRequired: true,
	// Its carrier scans as ../shared/specs/furgonetka/NOTES.md sources them (`transit` UNCONFIRMED).
	stateWords: {
		waiting: "Not ordered yet",
		ordered: "Waiting for the courier",
		collected: "Collected by the courier",
		transit: "On its way",
		"collect-problem": "The courier could not collect it",
	},
	stateStatuses: [
		["collected", "Shipped"],
		["transit", "Shipped"],
	],
	whereToFind:
		"from the OAuth2 application you registered with Furgonetka (furgonetka.pl/api/oauth says how), with your own furgonetka.pl login",
	searchLagMs: 60_000,
	create: (context) =>
		new FurgonetkaConnector({
			http: context.http,
			clock: context.clock,
			log: context.log,
			store: context.store,
			credentials: {
				clientId: context.secrets.clientId ?? "",
				clientSecret: context.secrets.clientSecret ?? "",
				username: context.secrets.username ?? "",
				password: context.secrets.password ?? "",
			},
			...(context.apiBaseUrl ? { apiBaseUrl: context.apiBaseUrl } : {}),
		}),
	// The account's services: the sign-in is tested, and the dialog offers them as choices.
	probe: (connector) => ({
		choices: (connector as FurgonetkaConnector).services().map((service) => service.service),
	}),
};
