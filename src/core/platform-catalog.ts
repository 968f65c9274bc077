/**
 * What the pure core knows of the marketplace, CRMs and couriers Hubsheet can connect: their names, their rows on
 * the Settings sheet, their default mapping vocabulary and their owner words. The list itself is
 * src/platforms/registry.ts, which core may not import (layering): the engine and the Apps Script
 * shell build this plain data from it (src/platforms/platform-catalog.ts) and hand it in.
 */

export interface CatalogPlatform {
	name: string;
	/** How a choice list offers it, with a word on what it is; its name when absent. */
	offered?: string;
}

/** A row of the Settings sheet's key/value table. */
export interface CatalogSetting {
	key: string;
	label: string;
	defaultValue: string;
	about: string;
}

export interface PlatformCatalog {
	/** The marketplace's own Settings rows (its shop), first on the sheet. */
	marketplace: readonly CatalogSetting[];
	crms: readonly CatalogPlatform[];
	couriers: readonly CatalogPlatform[];
	/** The platforms' own Settings rows, each key once. */
	settings: readonly CatalogSetting[];
	/** Default rows of "Courier state -> Status", each state once. */
	courierStates: ReadonlyArray<readonly [string, string]>;
	/** Default rows of "Courier service -> Etsy carrier" that a courier adds. */
	carriers: ReadonlyArray<readonly [string, string]>;
}

/** No CRM or courier at all: what the core's defaults are made of. */
export const NO_PLATFORMS: PlatformCatalog = {
	marketplace: [],
	crms: [],
	couriers: [],
	settings: [],
	courierStates: [],
	carriers: [],
};
