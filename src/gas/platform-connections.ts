/**
 * The CRM and courier connectors on Apps Script: secrets from script properties, built from the
 * registry's descriptors (src/platforms/connections.ts).
 */
import type { HubsheetSettings } from "../core/settings.js";
import type { RequestMeter } from "../engine/request-meter.js";
import { buildConnections, type Connections } from "../platforms/connections.js";
import {
	appsScriptClock,
	appsScriptCrypto,
	appsScriptHttp,
	appsScriptLog,
	engineStore,
	scriptStore,
} from "./apps-script-ports.js";

export type { Connections };

/** `meter` notes which platforms answered this run (for connection health). */
export function platformConnections(settings: HubsheetSettings, meter?: RequestMeter): Connections {
	return buildConnections(settings as unknown as Parameters<typeof buildConnections>[0], {
		http: (platform) => (meter ? meter.wrap(platform, appsScriptHttp) : appsScriptHttp),
		clock: appsScriptClock,
		log: appsScriptLog,
		crypto: appsScriptCrypto,
		// Bookkeeping shared with the runner lands in the spreadsheet; tokens stay in script properties.
		store: engineStore(),
		secrets: scriptStore(),
	});
}
