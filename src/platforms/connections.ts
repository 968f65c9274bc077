/**
 * Builds the CRM and courier connectors the owner chose on the Settings sheet from the registry's
 * descriptors, with their secrets from a secret store (script properties in Apps Script). A chosen
 * platform whose secrets or settings are missing is reported, not guessed.
 */
import type { CourierConnector, CrmConnector, PlatformName } from "../core/connector-contracts.js";
import type { Clock, Crypto, Http, Log, Store } from "../ports.js";
import { type ConnectorDescriptor, missingFields, propertyKey } from "./http/descriptor.js";
import { COURIERS, CRMS } from "./registry.js";

export interface Connections {
	crm: CrmConnector | null;
	courier: CourierConnector | null;
	/** What keeps a chosen platform from being used, in words for the owner. */
	problems: string[];
}

export interface ConnectionPorts {
	/** The transport for one platform (a run's meter wraps it to note who answered). */
	http: (platform: PlatformName) => Http;
	clock: Clock;
	log: Log;
	crypto: Crypto;
	/** Where connectors keep their bookkeeping. */
	store: Store;
	/** Where secrets live (never the spreadsheet). */
	secrets: Store;
}

/** The owner's choices and the platforms' settings, by setting key. */
export interface ChosenPlatforms {
	crm: string;
	courier: string;
	[settingKey: string]: unknown;
}

function missing(descriptor: ConnectorDescriptor, names: string[]): string {
	return `${descriptor.called ?? descriptor.name} is chosen on Settings but its ${names.join(" and ")} ${names.length === 1 ? "is" : "are"} not saved: open Hubsheet > Settings.`;
}

function build<Connector>(
	descriptor: (ConnectorDescriptor & { create(context: never): Connector }) | undefined,
	chosen: ChosenPlatforms,
	ports: ConnectionPorts,
	problems: string[],
): Connector | null {
	if (!descriptor) return null;
	const secrets = Object.fromEntries(
		Object.keys(descriptor.secrets).map((field) => [field, ports.secrets.get(propertyKey(descriptor, field)) ?? ""]),
	);
	const settings = Object.fromEntries(
		descriptor.settings.map((setting) => [setting.key, String(chosen[setting.key] ?? "").trim()]),
	);
	const absent = missingFields(descriptor, secrets, settings);
	if (absent.length > 0) {
		problems.push(missing(descriptor, absent));
		return null;
	}
	try {
		return (descriptor.create as (context: unknown) => Connector)({
			http: ports.http(descriptor.name),
			clock: ports.clock,
			log: ports.log,
			crypto: ports.crypto,
			store: ports.store,
			secrets,
			settings,
			apiBaseUrl: ports.secrets.get(propertyKey(descriptor, "apiBaseUrl")) ?? "",
		});
	} catch (error) {
		problems.push(`${descriptor.name}: ${error instanceof Error ? error.message : String(error)}`);
		return null;
	}
}

export function buildConnections(chosen: ChosenPlatforms, ports: ConnectionPorts): Connections {
	const problems: string[] = [];
	const crm = build(
		CRMS.find((d) => d.name === chosen.crm),
		chosen,
		ports,
		problems,
	);
	const courier = build(
		COURIERS.find((d) => d.name === chosen.courier),
		chosen,
		ports,
		problems,
	);
	return { crm, courier, problems };
}
