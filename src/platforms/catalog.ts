/**
 * The registry's descriptors as the plain data the pure core takes (core/platform-catalog.ts): the
 * marketplace's Settings rows, the CRM and courier choices, their Settings rows, their default mapping vocabulary and owner words.
 * The Settings sheet readers bound to it are what the engine and the Apps Script shell call, so a
 * platform's rows and words are said once, in its descriptor.
 */

import * as mapping from "../core/mapping-settings.js";
import type { PlatformCatalog } from "../core/platform-catalog.js";
import * as core from "../core/settings.js";
import type { ConnectorDescriptor, CourierDescriptor, CrmDescriptor, SettingField } from "./http/descriptor.js";
import { MARKETPLACE, PLATFORMS } from "./registry.js";

/** Each setting once, in the order the platforms list them (couriers share the service). */
export function uniqueSettings(platforms: readonly ConnectorDescriptor[]): SettingField[] {
	const seen = new Map<string, SettingField>();
	for (const setting of platforms.flatMap((d) => d.settings))
		if (!seen.has(setting.key)) seen.set(setting.key, setting);
	return [...seen.values()];
}

const offered = (d: ConnectorDescriptor) => (d.offered ? { name: d.name, offered: d.offered } : { name: d.name });

const catalogSetting = (s: SettingField) => ({
	key: s.key,
	label: s.label,
	defaultValue: s.defaultValue ?? "",
	about: s.about,
});

export function platformCatalog(
	platforms: readonly ConnectorDescriptor[] = PLATFORMS,
	marketplace: { settings: readonly SettingField[] } = MARKETPLACE,
): PlatformCatalog {
	const couriers = platforms.filter((d): d is CourierDescriptor => d.kind === "courier");
	const states = new Map<string, readonly [string, string]>();
	for (const row of couriers.flatMap((d) => d.stateStatuses ?? [])) if (!states.has(row[0])) states.set(row[0], row);
	return {
		marketplace: marketplace.settings.map(catalogSetting),
		crms: platforms.filter((d) => d.kind === "crm").map(offered),
		couriers: couriers.map(offered),
		settings: uniqueSettings(platforms).map(catalogSetting),
		courierStates: [...states.values()],
		carriers: couriers.flatMap((d) => d.carriers ?? []),
	};
}

export const CATALOG = platformCatalog();

export const settingSpecs = () => core.settingSpecs(CATALOG);
export const readSettings = (values: ReadonlyArray<ReadonlyArray<unknown>>) => core.readSettings(values, CATALOG);
export const missingSettingRows = (values: ReadonlyArray<ReadonlyArray<unknown>>) =>
	core.missingSettingRows(values, CATALOG);
export const readMappingSettings = (values: ReadonlyArray<ReadonlyArray<unknown>>) =>
	mapping.readMappingSettings(values, CATALOG);
export const missingTableRows = (values: ReadonlyArray<ReadonlyArray<unknown>>) =>
	mapping.missingTableRows(values, CATALOG);

/**
 * The chosen CRM's and courier's owner words, for the reconcile rules' context. A state is read in
 * the chosen courier's words first, then any courier's (a state word means the same whoever says it).
 */
export function platformWords(
	crm: string | null,
	courier: string | null,
	platforms: readonly ConnectorDescriptor[] = PLATFORMS,
): { crmDeal?: string; courierStateWords?: Readonly<Record<string, string>> } {
	const crmDescriptor = platforms.find((d): d is CrmDescriptor => d.kind === "crm" && d.name === crm);
	const couriers = platforms.filter((d): d is CourierDescriptor => d.kind === "courier");
	const chosen = couriers.filter((d) => d.name === courier);
	const courierStateWords = Object.assign({}, ...[...couriers, ...chosen].map((d) => d.stateWords ?? {}));
	return {
		...(crmDescriptor?.dealWords ? { crmDeal: crmDescriptor.dealWords } : {}),
		...(Object.keys(courierStateWords).length > 0 ? { courierStateWords } : {}),
	};
}

/** Whether the courier refuses a shipment without the Sender rows. */
export const senderRequired = (courier: string, platforms: readonly ConnectorDescriptor[] = PLATFORMS): boolean =>
	platforms.some((d) => d.kind === "courier" && d.name === courier && d.senderRequired === true);

export { MAPPING_TABLES, parcelFor } from "../core/mapping-settings.js";
export { SETTINGS_HEADER, SETTINGS_SHEET } from "../core/settings.js";
