/**
 * What Hubsheet knows about a platform, said once in the platform's own folder
 * (src/platforms/<name>/descriptor.ts) and listed in src/platforms/registry.ts: its name and kind,
 * the secrets and settings the owner enters (labels, help, checks), where to find them, how long its
 * look-ups lag behind its creates, how to build its connector and how to test a connection. The
 * settings dialog (its fields, labels, help and checks), the Settings sheet's rows, the default
 * mapping vocabulary, the secrets' property keys, the connection factory and the connection test are
 * generated from the list, so adding a courier is one folder plus one line there.
 */
import type { CourierConnector, CrmConnector, PlatformName } from "../../core/connector-contracts.js";
import type { BudgetPolicy } from "../../core/daily-budget.js";
import type { Clock, Crypto, Http, Log, Store } from "../../ports.js";

export type PlatformKind = "marketplace" | "crm" | "courier";

export interface SecretField {
	/** How the owner knows the field in a sentence, e.g. "<Platform> access token". */
	label: string;
	/** How it is named in "its API token and company are not saved". */
	short: string;
	/** The settings dialog's label for the field, e.g. "API token". */
	field: string;
	/** Returns what is wrong with the (trimmed, non-empty) value, or null. Never quotes the value. */
	check: (value: string) => string | null;
	/** The dialog offers a Generate button: a random secret the owner copies to the receiver. */
	generate?: boolean;
	/** Not hidden from the owner (an app's public id): shown back in the dialog, needed on every save. */
	shown?: boolean;
}

export interface SettingField {
	/** The setting's key (the dialog's field and the Settings sheet row's key). */
	key: string;
	/** The Settings sheet's row label, e.g. "<Platform> account id". */
	label: string;
	/** How it is named in "its API token and company are not saved". */
	short: string;
	/** The settings dialog's label for the field, e.g. "Company". */
	field: string;
	/** The Settings sheet's About cell; the dialog's hint under the field unless `help` says otherwise. */
	about: string;
	/** The dialog's hint under the field, when it differs from `about`. */
	help?: string;
	/** The Settings sheet's value before the owner sets one ("" when absent). */
	defaultValue?: string;
	/** Digits only: the dialog asks for the numeric keyboard. */
	numeric?: boolean;
	/** Values the dialog suggests (the connection test's choices replace them). */
	choices?: readonly string[];
	/** Needed before the connector can be built. */
	required: boolean;
	/** The settings dialog form's name for it, when not its key. */
	formName?: string;
	/** Returns the value to write, or throws a message naming the field. */
	normalize: (value: string) => string;
}

/** What a factory gets: the ports, the saved secrets by field, and the settings by key ("" when unset). */
export interface ConnectorContext {
	http: Http;
	clock: Clock;
	log: Log;
	crypto: Crypto;
	store: Store;
	secrets: Readonly<Record<string, string>>;
	/** For local runs: the sandbox's address, saved beside the secrets; "" for the real platform. */
	apiBaseUrl: string;
	settings: Readonly<Record<string, string>>;
}

/**
 * A connection test's outcome: `choices` the platform offers (e.g. courier services), or a sentence
 * saying why it was not tested (the platform would receive an event).
 */
export type ConnectionProbe = { choices?: string[] } | { skipped: string };

/** What every descriptor says, whatever its kind. */
interface PlatformBase {
	name: PlatformName;
	/** How a sentence that starts with it names it, when not by its name. */
	called?: string;
	/** The prefix of its script property keys, e.g. "acme" for "acme.apiToken". */
	id: string;
	/** The secrets the settings dialog may save, by field. */
	secrets: Readonly<Record<string, SecretField>>;
	/** Its non-secret settings on the Settings sheet. */
	settings: readonly SettingField[];
	/** Where the owner finds the credentials, for messages and the dialog's hints. */
	whereToFind?: string;
	/**
	 * Its daily allowance in its own unit, as its connector's `dailyAllowance()` reports it: what each
	 * piece of work costs and what is kept back (core/daily-budget.ts). Absent: no daily allowance.
	 */
	dailyBudget?: BudgetPolicy;
	/** The health panel's warning when few of its daily allowance are left; a generic sentence when absent. */
	lowQuotaWarning?: (left: number) => string;
	/** How the dialog's and the Settings sheet's choice lists offer it, when not by its name alone. */
	offered?: string;
	/** The dialog's note below the platform's fields, with an optional https link to the vendor's guide. */
	guide?: { text: string; link?: { href: string; text: string } };
}

interface DescriptorBase extends PlatformBase {
	/**
	 * How long after a create its look-ups (search) can be trusted to show it. No vendor note states a
	 * figure, so these are cautious defaults (search indexes are reported to lag seconds to a minute): a
	 * create whose outcome is unknown is looked up again only once this much time has passed since it
	 * was sent, so a late create is found rather than made twice.
	 */
	searchLagMs: number;
}

export interface CrmDescriptor extends DescriptorBase {
	kind: "crm";
	/** What Hubsheet makes in it for an order, e.g. "the order event"; "a <name> deal" when absent. */
	dealWords?: string;
	create(context: ConnectorContext): CrmConnector;
	/** One cheap request that needs credentials the platform accepts; throws PlatformError otherwise. */
	probe(connector: CrmConnector): ConnectionProbe;
}

export interface CourierDescriptor extends DescriptorBase {
	kind: "courier";
	/** It refuses a shipment without the Sender rows (others fall back to the account's address). */
	senderRequired?: boolean;
	/** Its states as the owner reads them, e.g. { collected: "Collected by the courier" }. */
	stateWords?: Readonly<Record<string, string>>;
	/** Default rows of Settings' "Courier state -> Status" table: its states that move the Status. */
	stateStatuses?: ReadonlyArray<readonly [state: string, status: string]>;
	/** Default rows of Settings' courier service to marketplace carrier table for its own services. */
	carriers?: ReadonlyArray<readonly [service: string, etsyCarrier: string]>;
	create(context: ConnectorContext): CourierConnector;
	probe(connector: CourierConnector): ConnectionProbe;
}

export type ConnectorDescriptor = CrmDescriptor | CourierDescriptor;

/** What a marketplace's sign-in and API client get: the ports, its saved secrets and local overrides. */
export interface MarketplaceContext {
	http: Http;
	clock: Clock;
	log: Log;
	crypto: Crypto;
	/** Where its sign-in keeps its tokens. */
	store: Store;
	secrets: Readonly<Record<string, string>>;
	/** For local runs: the sandbox's addresses saved beside the secrets, by name; none for the real platform. */
	overrides: Readonly<Record<string, string>>;
}

/**
 * The marketplace whose orders the sheet is built around: the owner signs in to it (OAuth) once,
 * and its API client reads orders and takes tracking. Typed by what its folder makes, so the kit
 * needs nothing of it.
 */
export interface MarketplaceDescriptor<SignIn, Tokens, Api> extends PlatformBase {
	kind: "marketplace";
	/** Addresses a local run saves beside the secrets ("<id>.<name>"), e.g. the sandbox's API. */
	overrides: readonly string[];
	/** Its sign-in; `redirectUri` is where the platform sends the owner back after approving Hubsheet. */
	signIn(context: MarketplaceContext, redirectUri: string): SignIn;
	/** Its API client, signing each call with `tokens`. */
	create(context: Omit<MarketplaceContext, "crypto" | "store">, tokens: Tokens): Api;
	/** The settings dialog's sentence for each state of its sign-in. */
	connectionWords: { connected: string; notConnected: string; noCredentials: string };
	/**
	 * Once signed in: one cheap request that needs the keys, the sign-in and the settings it accepts
	 * (as a CRM's or courier's probe); throws PlatformError otherwise.
	 */
	probe(api: Api, settings: Readonly<Record<string, string>>): ConnectionProbe;
	/** The secrets its sign-in needs before it can start, for "Save the … first". */
	signInNeeds: string;
	/** Where its sign-in keeps the tokens in the Store (the health panel reads their age, never them). */
	tokensKey: string;
	/** Days after it last issued the refresh token that its sign-in lapses unused; warned ten days before. */
	signInLapseDays: number;
}

/** A script property key of a platform: "<id>.<field>". */
export const propertyKey = (descriptor: { id: string }, field: string): string => `${descriptor.id}.${field}`;

/** The secrets and settings a chosen platform still lacks, by their short names. */
export function missingFields(
	descriptor: ConnectorDescriptor,
	secrets: Readonly<Record<string, string>>,
	settings: Readonly<Record<string, string>>,
): string[] {
	return [
		...Object.entries(descriptor.secrets)
			.filter(([field]) => !secrets[field])
			.map(([, spec]) => spec.short),
		...descriptor.settings.filter((setting) => setting.required && !settings[setting.key]).map((s) => s.short),
	];
}

const NO_SPACES = /^\S+$/;

/** A token the owner copies: no spaces, at least `min` characters. */
export const plainToken = (name: string, min: number) => (value: string) =>
	NO_SPACES.test(value) && value.length >= min
		? null
		: `The ${name} should be at least ${min} characters with no spaces; copy it again.`;

/** The courier service every courier's parcels go by, e.g. dpd or inpost_courier_standard. */
export const COURIER_SERVICE_SETTING: SettingField = {
	key: "courierService",
	label: "Courier service",
	short: "courier service",
	field: "Courier service",
	about: "The courier's service for your parcels, e.g. dpd, ups or inpost_courier_standard.",
	defaultValue: "dpd",
	required: false,
	normalize(value) {
		if (!/^[A-Za-z0-9_-]{2,64}$/.test(value))
			throw new Error("The courier service should be one word, e.g. dpd or inpost_courier_standard.");
		return value.toLowerCase();
	},
};
