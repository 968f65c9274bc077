/** Furgonetka as Hubsheet lists it: a courier broker reached with an OAuth2 application and the owner's login. */
import { COURIER_SERVICE_SETTING, type CourierDescriptor, plainToken } from "../http/descriptor.js";
import { FurgonetkaConnector } from "./connector.js";

export const furgonetka: CourierDescriptor = {
	name: "Furgonetka",
	id: "furgonetka",
	kind: "courier",
	secrets: {
		clientId: { label: "Furgonetka client id", short: "client id", check: plainToken("Furgonetka client id", 4) },
		clientSecret: {
			label: "Furgonetka client secret",
			short: "client secret",
			check: plainToken("Furgonetka client secret", 8),
		},
		username: { label: "Furgonetka login", short: "login", check: plainToken("Furgonetka login", 3) },
		password: { label: "Furgonetka password", short: "password", check: () => null },
	},
	settings: [COURIER_SERVICE_SETTING],
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
