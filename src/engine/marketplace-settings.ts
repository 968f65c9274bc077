/**
 * The marketplace's part of the settings dialog, made from its descriptor: its fields (secrets, then
 * settings) with their labels and help, its guide, what the form shows back and the connection in one
 * sentence. A hidden secret is never sent back, only whether one is saved. The form it sends is
 * checked by the same descriptor (platforms/http/marketplace-form.ts).
 */
import { propertyKey } from "../platforms/http/descriptor.js";
import { formName } from "../platforms/http/marketplace-form.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { DialogField, DialogPlatform, EtsyConnectionView, EtsySettingsView } from "../ui/sidebar-api.js";
import { kebab } from "./connection-save.js";

type Marketplace = Pick<
	typeof MARKETPLACE,
	"id" | "name" | "secrets" | "settings" | "guide" | "offered" | "connectionWords"
>;

/** Its fields as the dialog renders them; each input's id is its form name in kebab case. */
export function marketplaceDialog(marketplace: Marketplace = MARKETPLACE): DialogPlatform {
	const secrets = Object.entries(marketplace.secrets).map(
		([field, spec]): DialogField => ({
			kind: "secret",
			key: propertyKey(marketplace, field),
			id: kebab(field),
			name: field,
			label: spec.field,
			...(spec.shown ? { shown: true } : {}),
		}),
	);
	const settings = marketplace.settings.map(
		(setting): DialogField => ({
			kind: "setting",
			key: setting.key,
			id: kebab(formName(setting)),
			name: formName(setting),
			label: setting.field,
			help: setting.help ?? setting.about,
			...(setting.numeric ? { numeric: true } : {}),
		}),
	);
	return {
		id: marketplace.id,
		name: marketplace.name,
		kind: "marketplace",
		offered: marketplace.offered ?? marketplace.name,
		fields: [...secrets, ...settings],
		...(marketplace.guide ? { guide: marketplace.guide } : {}),
		senderRequired: false,
	};
}

/** The connection in the dialog's words; a refused sign-in in the platform's own message. */
export function connectionSentence(connection: EtsyConnectionView, marketplace: Marketplace = MARKETPLACE): string {
	const words = marketplace.connectionWords;
	switch (connection.kind) {
		case "connected":
			return words.connected;
		case "reconnect-required":
			return connection.message;
		case "not-connected":
			return words.notConnected;
		default:
			return words.noCredentials;
	}
}

export interface MarketplaceSaved {
	/** A script property's value: read only for shown secrets. */
	read: (propertyKey: string) => string | null;
	/** The Settings sheet's values, by key. */
	settings: Readonly<Record<string, string>>;
	redirectUri: string;
	connection: EtsyConnectionView;
}

export function marketplaceView(saved: MarketplaceSaved, marketplace: Marketplace = MARKETPLACE): EtsySettingsView {
	const values: Record<string, string> = {};
	const secretHints: Record<string, string> = {};
	for (const [field, spec] of Object.entries(marketplace.secrets)) {
		const key = propertyKey(marketplace, field);
		if (spec.shown) values[field] = saved.read(key) ?? "";
		else
			secretHints[key] = saved.read(key)
				? `A ${spec.short} is saved; leave this empty to keep it.`
				: "Saved secrets are never shown again.";
	}
	for (const setting of marketplace.settings) values[formName(setting)] = saved.settings[setting.key] ?? "";
	return {
		platform: marketplaceDialog(marketplace),
		values,
		secretHints,
		redirectUri: saved.redirectUri,
		connection: saved.connection,
		status: connectionSentence(saved.connection, marketplace),
	};
}
