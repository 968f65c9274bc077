/**
 * The CRM and courier part of the settings dialog: the owner's choice and the non-secret settings go to
 * the Settings sheet, the secrets to script properties. Only the chosen platforms' whitelisted fields are
 * saved; an empty secret keeps the saved one; secrets are never sent back, quoted in errors or logged.
 */

import { findTables } from "../core/mapping-settings.js";
import { readSettings, SETTINGS_SHEET } from "../core/settings.js";
import { weakSecretReason } from "../platforms/webhook/secret-strength.js";
import type {
	ConnectionSecretFields,
	ConnectionSecretsView,
	ConnectionSettingsFields,
	CourierChoice,
	CrmChoice,
	SecretPlatform,
	SenderFields,
} from "../ui/sidebar-api.js";
import { scriptStore } from "./apps-script-ports.js";
import { testConnections } from "./connection-test.js";
import { PLATFORM_PROPERTY_KEYS } from "./platform-connections.js";
import { writeSetting } from "./settings-sheet.js";

export const CRM_CHOICES: readonly CrmChoice[] = ["None", "Pipedrive", "HubSpot", "Webhook"];
export const COURIER_CHOICES: readonly CourierChoice[] = ["None", "Furgonetka", "InPost"];

interface SecretSpec {
	/** How the owner knows the field, e.g. "HubSpot access token". */
	name: string;
	/** Returns what is wrong with the (trimmed, non-empty) value, or null. Never quotes the value. */
	check: (value: string) => string | null;
}

const NO_SPACES = /^\S+$/;
const plainToken = (name: string, min: number) => (value: string) =>
	NO_SPACES.test(value) && value.length >= min
		? null
		: `The ${name} should be at least ${min} characters with no spaces; copy it again.`;

/** A webhook must be https; plain http only to this computer, for the local sandboxes. */
export function webhookUrlProblem(url: string): string | null {
	if (/^https:\/\/[^\s/?#:@]+(:\d{1,5})?([/?#]\S*)?$/i.test(url)) return null;
	if (/^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?([/?#]\S*)?$/i.test(url)) return null;
	return "The webhook URL must start with https:// (Zapier, Make and your own endpoint all give one).";
}

/** The secrets the dialog may save, per platform: the `apiBaseUrl` keys are for local sandboxes only. */
export const SECRET_SPECS: {
	[Platform in SecretPlatform]: { [Field in keyof ConnectionSecretFields[Platform]]: SecretSpec };
} = {
	pipedrive: {
		apiToken: {
			name: "Pipedrive API token",
			check: (value) =>
				/^[A-Za-z0-9]{32,64}$/.test(value)
					? null
					: "The Pipedrive API token should be letters and digits (40 of them), as Personal preferences > API shows it.",
		},
	},
	hubspot: {
		accessToken: {
			name: "HubSpot access token",
			// HubSpot states no token format (service keys are new; legacy private apps show pat-…), so
			// only an obviously cut-off paste is refused here; the connection test says whether it works.
			check: (value) =>
				/^\S{20,}$/.test(value)
					? null
					: "The HubSpot access token looks incomplete: copy the whole key from HubSpot (Development > Keys > Service keys, or a legacy private app's Auth tab), without spaces.",
		},
	},
	webhook: {
		url: { name: "webhook URL", check: webhookUrlProblem },
		signingSecret: {
			name: "webhook signing secret",
			check: weakSecretReason,
		},
	},
	furgonetka: {
		clientId: { name: "Furgonetka client id", check: plainToken("Furgonetka client id", 4) },
		clientSecret: { name: "Furgonetka client secret", check: plainToken("Furgonetka client secret", 8) },
		username: { name: "Furgonetka login", check: plainToken("Furgonetka login", 3) },
		password: { name: "Furgonetka password", check: () => null },
	},
	inpost: {
		apiToken: { name: "InPost API token", check: plainToken("InPost API token", 20) },
	},
};

/** The platforms whose secrets each choice uses. */
const CRM_PLATFORM: Record<CrmChoice, SecretPlatform | null> = {
	None: null,
	Pipedrive: "pipedrive",
	HubSpot: "hubspot",
	Webhook: "webhook",
};
const COURIER_PLATFORM: Record<CourierChoice, SecretPlatform | null> = {
	None: null,
	Furgonetka: "furgonetka",
	InPost: "inpost",
};

interface SettingRule {
	name: string;
	/** Returns the value to write, or throws a message naming the field. */
	normalize: (value: string) => string;
	required: boolean;
}

const SETTING_RULES: Record<keyof ConnectionSettingsFields, SettingRule> = {
	pipedriveCompany: {
		name: "Pipedrive company",
		required: true,
		normalize(value) {
			const company = value.replace(/^https?:\/\//i, "").replace(/\.pipedrive\.com\/?.*$/i, "");
			if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(company))
				throw new Error(
					'The Pipedrive company should be the first part of your Pipedrive address: "acme" for acme.pipedrive.com.',
				);
			return company.toLowerCase();
		},
	},
	hubspotPortalId: {
		name: "HubSpot portal id",
		required: true,
		normalize(value) {
			if (!/^\d{1,15}$/.test(value))
				throw new Error("The HubSpot portal id should be a number (the one after /contacts/ in your HubSpot address).");
			return value;
		},
	},
	hubspotPipeline: {
		name: "HubSpot pipeline",
		required: false,
		normalize(value) {
			if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
				throw new Error('The HubSpot pipeline should be a pipeline id, e.g. "default".');
			return value;
		},
	},
	courierService: {
		name: "Courier service",
		required: false,
		normalize(value) {
			if (!/^[A-Za-z0-9_-]{2,64}$/.test(value))
				throw new Error("The courier service should be one word, e.g. dpd or inpost_courier_standard.");
			return value.toLowerCase();
		},
	},
	inpostOrganizationId: {
		name: "InPost organization id",
		required: true,
		normalize(value) {
			if (!/^\d{1,15}$/.test(value))
				throw new Error(
					"The InPost organization id should be a number, as Parcel Manager > My Account > API shows it.",
				);
			return value;
		},
	},
};

const CRM_SETTINGS: Record<CrmChoice, Array<keyof ConnectionSettingsFields>> = {
	None: [],
	Pipedrive: ["pipedriveCompany"],
	HubSpot: ["hubspotPortalId", "hubspotPipeline"],
	Webhook: [],
};
const COURIER_SETTINGS: Record<CourierChoice, Array<keyof ConnectionSettingsFields>> = {
	None: [],
	Furgonetka: ["courierService"],
	InPost: ["courierService", "inpostOrganizationId"],
};

export interface ConnectionSavePlan {
	crm: CrmChoice;
	courier: CourierChoice;
	/** Settings rows to write, by setting key. */
	settings: Array<[keyof ConnectionSettingsFields, string]>;
	/** Script properties to set: only whitelisted keys of the chosen platforms. */
	properties: Array<[string, string]>;
}

function pick<Choice extends string>(value: unknown, choices: readonly Choice[], what: string): Choice {
	const text = String(value ?? "").trim();
	if (text === "") return choices[0] as Choice;
	const match = choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
	if (!match) throw new Error(`Choose the ${what} from ${choices.join(", ")}.`);
	return match;
}

const record = (value: unknown): Record<string, unknown> =>
	value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};

/** Secrets longer than this are not a token someone copied: script properties hold 9 kB each. */
const MAX_SECRET = 4096;

function platformProperties(
	platform: SecretPlatform,
	given: Record<string, unknown>,
	isSaved: (propertyKey: string) => boolean,
): Array<[string, string]> {
	const specs = SECRET_SPECS[platform] as Record<string, SecretSpec>;
	const keys = PLATFORM_PROPERTY_KEYS[platform] as Record<string, string>;
	const properties: Array<[string, string]> = [];
	for (const [field, spec] of Object.entries(specs)) {
		const key = keys[field] as string;
		const value = typeof given[field] === "string" ? (given[field] as string).trim() : "";
		if (value === "") {
			if (!isSaved(key)) throw new Error(`Enter the ${spec.name}.`);
			continue;
		}
		const problem = value.length > MAX_SECRET ? `The ${spec.name} is too long; copy it again.` : spec.check(value);
		if (problem) throw new Error(problem);
		properties.push([key, value]);
	}
	return properties;
}

/**
 * Checks the dialog's form (whatever google.script.run handed over) and says what to write.
 * Throws a message naming the first wrong field; the message never quotes a secret.
 */
export function planConnectionSave(form: unknown, isSaved: (propertyKey: string) => boolean): ConnectionSavePlan {
	const given = record(form);
	const crm = pick(given.crm, CRM_CHOICES, "CRM");
	const courier = pick(given.courier, COURIER_CHOICES, "courier");
	const settingsGiven = record(given.settings);
	const settings: ConnectionSavePlan["settings"] = [];
	for (const key of [...CRM_SETTINGS[crm], ...COURIER_SETTINGS[courier]]) {
		const rule = SETTING_RULES[key];
		const value = typeof settingsGiven[key] === "string" ? (settingsGiven[key] as string).trim() : "";
		if (value === "") {
			if (rule.required) throw new Error(`Enter the ${rule.name}.`);
			continue;
		}
		settings.push([key, rule.normalize(value)]);
	}
	const secretsGiven = record(given.secrets);
	const properties: ConnectionSavePlan["properties"] = [];
	for (const platform of [CRM_PLATFORM[crm], COURIER_PLATFORM[courier]]) {
		if (platform) properties.push(...platformProperties(platform, record(secretsGiven[platform]), isSaved));
	}
	return { crm, courier, settings, properties };
}

/** Which secrets are saved, from a lookup of script properties. */
export function savedSecrets(isSaved: (propertyKey: string) => boolean): ConnectionSecretsView["saved"] {
	const saved = Object.fromEntries(
		Object.entries(SECRET_SPECS).map(([platform, specs]) => {
			const keys = PLATFORM_PROPERTY_KEYS[platform as SecretPlatform] as Record<string, string>;
			return [platform, Object.fromEntries(Object.keys(specs).map((field) => [field, isSaved(keys[field] as string)]))];
		}),
	);
	return saved as ConnectionSecretsView["saved"];
}

const isSavedInStore = (key: string): boolean => Boolean(scriptStore().get(key));

export const SENDER_ROWS: ReadonlyArray<keyof SenderFields> = [
	"Name",
	"Company",
	"Street",
	"City",
	"Postcode",
	"Country",
	"Email",
	"Phone",
];

/** The Sender table's values by row label; "" for a row the sheet lacks. */
export function senderFrom(values: ReadonlyArray<ReadonlyArray<unknown>>): SenderFields {
	const rows = findTables(values).sender ?? [];
	const sender = Object.fromEntries(SENDER_ROWS.map((label) => [label, ""])) as unknown as SenderFields;
	for (const { cells } of rows) {
		const label = SENDER_ROWS.find((candidate) => candidate.toLowerCase() === (cells[0] ?? "").toLowerCase());
		if (label) sender[label] = cells[1] ?? "";
	}
	return sender;
}

/** Plain text only, one line, of a reasonable length: the sheet keeps it as typed. */
function senderValue(label: string, value: unknown): string {
	const text = String(value ?? "")
		.replace(/\s+/g, " ")
		.trim();
	if (text.length > 120) throw new Error(`The sender's ${label.toLowerCase()} is too long.`);
	if (label === "Email" && text !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
		throw new Error("The sender's email does not look like an email address.");
	if (label === "Country" && text !== "" && !/^[A-Za-z]{2}$/.test(text))
		throw new Error('The sender\'s country should be its two-letter code, e.g. "PL".');
	return label === "Country" ? text.toUpperCase() : text;
}

/** Writes the given Sender rows in place; a row the table lacks is added at its end. */
function writeSender(sheet: GoogleAppsScript.Spreadsheet.Sheet, given: Record<string, unknown>): void {
	const values = sheet.getDataRange().getValues();
	const rows = findTables(values).sender;
	if (!rows) throw new Error('The Settings sheet has no "Sender" table: run Hubsheet > Set up sheets first.');
	let end = rows.length > 0 ? (rows[rows.length - 1]?.row ?? 0) : 0;
	for (const label of SENDER_ROWS) {
		if (!(label in given)) continue;
		const value = senderValue(label, given[label]);
		const existing = rows.find((row) => (row.cells[0] ?? "").toLowerCase() === label.toLowerCase());
		if (existing) {
			if ((existing.cells[1] ?? "") === value) continue;
			// Text format: a postcode such as 01-234 or a phone with a leading + stays as typed.
			sheet.getRange(existing.row, 2).setNumberFormat("@").setValue(value);
		} else if (end > 0) {
			end++;
			sheet.insertRowBefore(end);
			sheet
				.getRange(end, 1, 1, 2)
				.setNumberFormat("@")
				.setValues([[label, value]]);
		}
	}
}

export function connectionSecretsView(spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): ConnectionSecretsView {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const values = sheet ? sheet.getDataRange().getValues() : [];
	const { settings } = readSettings(values);
	return {
		crm: pick(settings.crm, CRM_CHOICES, "CRM"),
		courier: pick(settings.courier, COURIER_CHOICES, "courier"),
		settings: {
			pipedriveCompany: settings.pipedriveCompany,
			hubspotPortalId: settings.hubspotPortalId,
			hubspotPipeline: settings.hubspotPipeline,
			courierService: settings.courierService,
			inpostOrganizationId: settings.inpostOrganizationId,
		},
		sender: senderFrom(values),
		saved: savedSecrets(isSavedInStore),
	};
}

/** Saves the form, then tries each chosen platform with one cheap request and says how it went. */
export function saveConnectionSecrets(form: unknown): ConnectionSecretsView {
	const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) throw new Error(`There is no "${SETTINGS_SHEET}" sheet: run Hubsheet > Set up sheets first.`);
	const plan = planConnectionSave(form, isSavedInStore);
	const sender = record(record(form).sender);
	// Checked before anything is written, so a wrong field saves nothing.
	for (const label of SENDER_ROWS) if (label in sender) senderValue(label, sender[label]);
	const store = scriptStore();
	for (const [key, value] of plan.properties) store.set(key, value);
	writeSetting("crm", plan.crm, spreadsheet);
	writeSetting("courier", plan.courier, spreadsheet);
	for (const [key, value] of plan.settings) writeSetting(key, value, spreadsheet);
	if (Object.keys(sender).length > 0) writeSender(sheet, sender);
	return { ...connectionSecretsView(spreadsheet), tests: testConnections(spreadsheet) };
}
