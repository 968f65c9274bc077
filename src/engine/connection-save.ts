/**
 * What the settings dialog's CRM, courier and Sender parts mean, decided before anything is written:
 * the owner's choice (one of the registry's platforms or None), the chosen platforms' settings and
 * secrets checked by their descriptors (only whitelisted fields; an empty secret keeps the saved one;
 * no message quotes a secret), the Sender rows as plain one-line text, and the view sent back to the
 * dialog. src/gas/connection-secrets.ts only reads and writes script properties and the Settings sheet.
 */

import { findTables } from "../core/mapping-settings.js";
import { readSettings, uniqueSettings } from "../platforms/catalog.js";
import { type ConnectorDescriptor, propertyKey } from "../platforms/http/descriptor.js";
import { COURIERS, CRMS, descriptorOf, PLATFORMS } from "../platforms/registry.js";
import type {
	ConnectionSecretsView,
	ConnectionSettingsFields,
	CourierChoice,
	CrmChoice,
	DialogField,
	DialogPlatform,
	SenderFields,
} from "../ui/sidebar-api.js";

export const CRM_CHOICES = ["None", ...CRMS.map((d) => d.name)] as readonly CrmChoice[];
export const COURIER_CHOICES = ["None", ...COURIERS.map((d) => d.name)] as readonly CourierChoice[];

/** Whether a script property holds a value (a secret is never read back for the dialog). */
export type IsSaved = (propertyKey: string) => boolean;

export interface ConnectionSavePlan {
	crm: CrmChoice;
	courier: CourierChoice;
	/** Settings rows to write, by setting key. */
	settings: Array<[keyof ConnectionSettingsFields, string]>;
	/** Script properties to set: only whitelisted keys of the chosen platforms. */
	properties: Array<[string, string]>;
}

/** One of `choices`, matched case aside; the first (None) when empty. */
export function pick<Choice extends string>(value: unknown, choices: readonly Choice[], what: string): Choice {
	const text = String(value ?? "").trim();
	if (text === "") return choices[0] as Choice;
	const match = choices.find((choice) => choice.toLowerCase() === text.toLowerCase());
	if (!match) throw new Error(`Choose the ${what} from ${choices.join(", ")}.`);
	return match;
}

/** An object handed over by google.script.run, or {} for anything else. */
const record = (value: unknown): Record<string, unknown> =>
	value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};

/** Secrets longer than this are not a token someone copied: script properties hold 9 kB each. */
const MAX_SECRET = 4096;

function platformProperties(
	descriptor: ConnectorDescriptor,
	given: Record<string, unknown>,
	isSaved: IsSaved,
): Array<[string, string]> {
	const properties: Array<[string, string]> = [];
	for (const [field, spec] of Object.entries(descriptor.secrets)) {
		const key = propertyKey(descriptor, field);
		const value = typeof given[field] === "string" ? (given[field] as string).trim() : "";
		if (value === "") {
			if (!isSaved(key)) throw new Error(`Enter the ${spec.label}.`);
			continue;
		}
		const problem = value.length > MAX_SECRET ? `The ${spec.label} is too long; copy it again.` : spec.check(value);
		if (problem) throw new Error(problem);
		properties.push([key, value]);
	}
	return properties;
}

/**
 * Checks the dialog's form (whatever google.script.run handed over) and says what to write.
 * Throws a message naming the first wrong field; the message never quotes a secret.
 */
export function planConnectionSave(form: unknown, isSaved: IsSaved): ConnectionSavePlan {
	const given = record(form);
	const crm = pick(given.crm, CRM_CHOICES, "CRM");
	const courier = pick(given.courier, COURIER_CHOICES, "courier");
	const settingsGiven = record(given.settings);
	const settings: ConnectionSavePlan["settings"] = [];
	const chosen = [crm, courier].flatMap((name) => descriptorOf(name) ?? []);
	for (const rule of uniqueSettings(chosen)) {
		const key = rule.key as keyof ConnectionSettingsFields;
		const value = typeof settingsGiven[key] === "string" ? (settingsGiven[key] as string).trim() : "";
		if (value === "") {
			if (rule.required) throw new Error(`Enter the ${rule.label}.`);
			continue;
		}
		settings.push([key, rule.normalize(value)]);
	}
	const secretsGiven = record(given.secrets);
	const properties: ConnectionSavePlan["properties"] = [];
	for (const descriptor of chosen) {
		properties.push(...platformProperties(descriptor, record(secretsGiven[descriptor.id]), isSaved));
	}
	return { crm, courier, settings, properties };
}

/** A form name as an input id part: "apiToken" → "api-token". */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The dialog's CRMs and couriers with their fields, labels, help and suggestions: from the descriptors. */
export function dialogPlatforms(platforms: readonly ConnectorDescriptor[] = PLATFORMS): DialogPlatform[] {
	return platforms.map((d) => ({
		id: d.id,
		name: d.name,
		kind: d.kind,
		offered: d.offered ?? d.name,
		fields: [
			...d.settings.map(
				(s): DialogField => ({
					kind: "setting",
					key: s.key,
					id: `${d.id}-${kebab(s.key)}`,
					label: s.field,
					help: s.help ?? s.about,
					...(s.numeric ? { numeric: true } : {}),
					...(s.choices ? { choices: [...s.choices] } : {}),
				}),
			),
			...Object.entries(d.secrets).map(
				([field, spec]): DialogField => ({
					kind: "secret",
					key: propertyKey(d, field),
					id: `${d.id}-${kebab(field)}`,
					label: spec.field,
					...(spec.generate ? { generate: true } : {}),
				}),
			),
		],
		...(d.guide ? { guide: d.guide } : {}),
		senderRequired: d.kind === "courier" && d.senderRequired === true,
	}));
}

/** Which secrets are saved, from a lookup of script properties. */
export function savedSecrets(
	isSaved: IsSaved,
	platforms: readonly ConnectorDescriptor[] = PLATFORMS,
): ConnectionSecretsView["saved"] {
	const saved = Object.fromEntries(
		platforms.map((d) => [
			d.id,
			Object.fromEntries(Object.keys(d.secrets).map((field) => [field, isSaved(propertyKey(d, field))])),
		]),
	);
	return saved as ConnectionSecretsView["saved"];
}

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
export function senderValue(label: string, value: unknown): string {
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

/** The form's Sender rows, each checked: a wrong one throws before anything is written. */
export function checkedSender(form: unknown): Record<string, unknown> {
	const sender = record(record(form).sender);
	for (const label of SENDER_ROWS) if (label in sender) senderValue(label, sender[label]);
	return sender;
}

/** One write to the Settings sheet's Sender table (1-based rows, as text). */
export type SenderEdit =
	| { kind: "set"; row: number; value: string }
	| { kind: "insert"; row: number; label: string; value: string };

/**
 * The given Sender rows against the sheet's values: a changed row is set in place, a row the table
 * lacks is inserted after its last row (each insert below the previous one, so rows above stay put).
 */
export function senderEdits(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	given: Record<string, unknown>,
): SenderEdit[] {
	const rows = findTables(values).sender;
	if (!rows) throw new Error('The Settings sheet has no "Sender" table: run Hubsheet > Set up sheets first.');
	const edits: SenderEdit[] = [];
	let end = rows.length > 0 ? (rows[rows.length - 1]?.row ?? 0) : 0;
	for (const label of SENDER_ROWS) {
		if (!(label in given)) continue;
		const value = senderValue(label, given[label]);
		const existing = rows.find((row) => (row.cells[0] ?? "").toLowerCase() === label.toLowerCase());
		if (existing) {
			if ((existing.cells[1] ?? "") !== value) edits.push({ kind: "set", row: existing.row, value });
		} else if (end > 0) {
			end++;
			edits.push({ kind: "insert", row: end, label, value });
		}
	}
	return edits;
}

/** What the dialog shows, from the Settings sheet's values and which secrets are saved. */
export function connectionView(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	isSaved: IsSaved,
): Omit<ConnectionSecretsView, "tests"> {
	const { settings } = readSettings(values);
	return {
		platforms: dialogPlatforms(),
		crm: pick(settings.crm, CRM_CHOICES, "CRM"),
		courier: pick(settings.courier, COURIER_CHOICES, "courier"),
		settings: Object.fromEntries(
			uniqueSettings(PLATFORMS).map((setting) => [
				setting.key,
				String((settings as unknown as Record<string, unknown>)[setting.key] ?? ""),
			]),
		) as unknown as ConnectionSettingsFields,
		sender: senderFrom(values),
		saved: savedSecrets(isSaved),
	};
}
