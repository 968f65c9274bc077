/**
 * Builds the CRM and courier connectors the owner chose on the Settings sheet, with their secrets
 * from script properties. A chosen platform whose secrets are missing is reported, not guessed.
 */

import type { CourierConnector, CrmConnector, PlatformName } from "../core/connector-contracts.js";
import type { HubsheetSettings } from "../core/settings.js";
import type { RequestMeter } from "../engine/request-meter.js";
import { FurgonetkaConnector } from "../platforms/furgonetka/connector.js";
import { HubSpotConnector } from "../platforms/hubspot/connector.js";
import { InpostConnector } from "../platforms/inpost/connector.js";
import { PipedriveConnector } from "../platforms/pipedrive/connector.js";
import { WebhookConnector } from "../platforms/webhook/connector.js";
import { appsScriptClock, appsScriptCrypto, appsScriptHttp, appsScriptLog, scriptStore } from "./apps-script-ports.js";

/** Script property keys of each platform's secrets and (for local runs) its API address. */
export const PLATFORM_PROPERTY_KEYS = {
	pipedrive: { apiToken: "pipedrive.apiToken", apiBaseUrl: "pipedrive.apiBaseUrl" },
	hubspot: { accessToken: "hubspot.accessToken", apiBaseUrl: "hubspot.apiBaseUrl" },
	webhook: { url: "webhook.url", signingSecret: "webhook.signingSecret" },
	furgonetka: {
		clientId: "furgonetka.clientId",
		clientSecret: "furgonetka.clientSecret",
		username: "furgonetka.username",
		password: "furgonetka.password",
		apiBaseUrl: "furgonetka.apiBaseUrl",
	},
	inpost: { apiToken: "inpost.apiToken", apiBaseUrl: "inpost.apiBaseUrl" },
} as const;

const HUBSPOT_PROPERTY_READY = "hubspot.orderIdPropertyReady";

export interface Connections {
	crm: CrmConnector | null;
	courier: CourierConnector | null;
	/** What keeps a chosen platform from being used, in words for the owner. */
	problems: string[];
}

function secrets<Keys extends Record<string, string>>(keys: Keys): { [Name in keyof Keys]: string } {
	const store = scriptStore();
	return Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, store.get(key) ?? ""])) as {
		[Name in keyof Keys]: string;
	};
}

/** Set for the length of one `platformConnections` call: the run's meter, if it keeps one. */
let currentMeter: RequestMeter | undefined;

const ports = (platform: PlatformName) => ({
	http: currentMeter ? currentMeter.wrap(platform, appsScriptHttp) : appsScriptHttp,
	clock: appsScriptClock,
	log: appsScriptLog,
});

function missing(platform: string, names: string[]): string {
	return `${platform} is chosen on Settings but its ${names.join(" and ")} ${names.length === 1 ? "is" : "are"} not saved: open Hubsheet > Settings.`;
}

function crmFor(settings: HubsheetSettings, problems: string[]): CrmConnector | null {
	if (settings.crm === "Pipedrive") {
		const { apiToken, apiBaseUrl } = secrets(PLATFORM_PROPERTY_KEYS.pipedrive);
		if (!apiToken || !settings.pipedriveCompany) {
			problems.push(
				missing("Pipedrive", [...(apiToken ? [] : ["API token"]), ...(settings.pipedriveCompany ? [] : ["company"])]),
			);
			return null;
		}
		return new PipedriveConnector({
			...ports("Pipedrive"),
			store: scriptStore(),
			apiToken,
			companyDomain: settings.pipedriveCompany,
			...(apiBaseUrl ? { apiOrigin: apiBaseUrl } : {}),
		});
	}
	if (settings.crm === "HubSpot") {
		const { accessToken, apiBaseUrl } = secrets(PLATFORM_PROPERTY_KEYS.hubspot);
		if (!accessToken || !settings.hubspotPortalId) {
			problems.push(
				missing("HubSpot", [
					...(accessToken ? [] : ["access token"]),
					...(settings.hubspotPortalId ? [] : ["portal id"]),
				]),
			);
			return null;
		}
		const connector = new HubSpotConnector({
			...ports("HubSpot"),
			accessToken,
			portalId: settings.hubspotPortalId,
			pipelineId: settings.hubspotPipeline || "default",
			...(apiBaseUrl ? { apiBaseUrl, appBaseUrl: apiBaseUrl } : {}),
		});
		// Deals are found by a unique "hubsheet_order_id" property, made once in the portal.
		const store = scriptStore();
		if (store.get(HUBSPOT_PROPERTY_READY) !== "yes") {
			try {
				connector.ensureOrderIdProperty();
				store.set(HUBSPOT_PROPERTY_READY, "yes");
			} catch (error) {
				problems.push(`HubSpot: ${error instanceof Error ? error.message : String(error)}`);
				return null;
			}
		}
		return connector;
	}
	if (settings.crm === "Webhook") {
		const { url, signingSecret } = secrets(PLATFORM_PROPERTY_KEYS.webhook);
		if (!url || !signingSecret) {
			problems.push(missing("The webhook", [...(url ? [] : ["URL"]), ...(signingSecret ? [] : ["signing secret"])]));
			return null;
		}
		return new WebhookConnector({ ...ports("Webhook"), crypto: appsScriptCrypto, url, signingSecret });
	}
	return null;
}

function courierFor(settings: HubsheetSettings, problems: string[]): CourierConnector | null {
	if (settings.courier === "Furgonetka") {
		const { apiBaseUrl, ...credentials } = secrets(PLATFORM_PROPERTY_KEYS.furgonetka);
		const absent = Object.entries(credentials)
			.filter(([, value]) => value === "")
			.map(([name]) => name);
		if (absent.length > 0) {
			problems.push(missing("Furgonetka", absent));
			return null;
		}
		return new FurgonetkaConnector({
			...ports("Furgonetka"),
			store: scriptStore(),
			credentials,
			...(apiBaseUrl ? { apiBaseUrl } : {}),
		});
	}
	if (settings.courier === "InPost") {
		const { apiToken, apiBaseUrl } = secrets(PLATFORM_PROPERTY_KEYS.inpost);
		if (!apiToken || !settings.inpostOrganizationId) {
			problems.push(
				missing("InPost", [
					...(apiToken ? [] : ["API token"]),
					...(settings.inpostOrganizationId ? [] : ["organization id"]),
				]),
			);
			return null;
		}
		return new InpostConnector({
			...ports("InPost"),
			apiToken,
			organizationId: settings.inpostOrganizationId,
			...(apiBaseUrl ? { apiBaseUrl } : {}),
		});
	}
	return null;
}

/** `meter` notes which platforms answered this run (for connection health). */
export function platformConnections(settings: HubsheetSettings, meter?: RequestMeter): Connections {
	const problems: string[] = [];
	currentMeter = meter;
	try {
		return { crm: crmFor(settings, problems), courier: courierFor(settings, problems), problems };
	} finally {
		currentMeter = undefined;
	}
}
