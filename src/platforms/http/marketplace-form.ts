/**
 * The marketplace part of the settings dialog, checked by its descriptor before anything is saved:
 * google.script.run may hand over anything, so each field is read as text, trimmed and checked for
 * its shape. A hidden secret left empty keeps the one already saved (the dialog never shows it back);
 * with none saved, it is needed. No message quotes a hidden secret.
 */
import { propertyKey, type SecretField, type SettingField } from "./descriptor.js";

interface FormDescriptor {
	id: string;
	secrets: Readonly<Record<string, SecretField>>;
	settings: readonly SettingField[];
	whereToFind?: string;
}

export interface MarketplaceSave {
	/** Script properties to set ("<id>.<field>"); a hidden secret left empty is not among them. */
	properties: Array<[string, string]>;
	/** Settings rows to write, by key. */
	settings: Array<[string, string]>;
}

const text = (value: unknown): string => String(value ?? "").trim();

/** The form's field names: a secret by its field, a setting by its form name or key. */
export const formName = (setting: SettingField): string => setting.formName ?? setting.key;

/**
 * What to save, or an Error in the owner's words naming the first wrong field: shown secrets and
 * settings in order, then a hidden secret that is neither given nor saved.
 */
export function checkMarketplaceForm(
	descriptor: FormDescriptor,
	form: unknown,
	isSaved: (propertyKey: string) => boolean,
): MarketplaceSave {
	const given = (form !== null && typeof form === "object" ? form : {}) as Record<string, unknown>;
	const secrets = Object.entries(descriptor.secrets).map(([field, spec]) => ({
		key: propertyKey(descriptor, field),
		spec,
		value: text(given[field]),
	}));
	const properties: Array<[string, string]> = [];
	for (const { key, spec, value } of secrets) {
		if (value === "" && !spec.shown) continue;
		const problem = spec.check(value);
		if (problem) throw new Error(problem);
		properties.push([key, value]);
	}
	const settings: Array<[string, string]> = [];
	for (const setting of descriptor.settings) {
		const value = text(given[formName(setting)]);
		if (value === "" && !setting.required) continue;
		settings.push([setting.key, setting.normalize(value)]);
	}
	const where = descriptor.whereToFind ? `, ${descriptor.whereToFind}` : "";
	for (const { key, spec, value } of secrets)
		if (value === "" && !spec.shown && !isSaved(key)) throw new Error(`Enter the ${spec.label}${where}.`);
	return { properties, settings };
}
