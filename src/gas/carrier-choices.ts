/**
 * The "Etsy carrier" cells of Settings > "Courier service → Etsy carrier" offer Etsy's own carrier
 * names for parcels from the sender's country (getShippingCarriers, kept in script properties): Etsy
 * drops the tracking number sent with a name it does not list (NOTES.md, Carrier names), so the
 * owner picks from the list instead of typing. `other` is offered too: Etsy keeps the number with it.
 * The list is read when Etsy is connected and again, at most weekly, before tracking goes out; it is
 * kept where the sync keeps it (the engine store: the engine sheet, shared with the runner).
 */
import { findTables } from "../core/mapping-settings.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { CARRIERS_KEY, carrierOrigin, etsyShipping, knownEtsyCarriers } from "../engine/etsy-shipping.js";
import type { EtsyShipping } from "../engine/platform-push.js";
import { readMappingSettings } from "../platforms/catalog.js";
import { engineStore } from "./apps-script-ports.js";
import { type MarketplaceCredentials, marketplaceApi, shopIdFromSettings } from "./marketplace-connection.js";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Puts a dropdown of these names on the table's carrier cells; false when there is no table to put it on. */
export function offerEtsyCarriers(
	names: readonly string[],
	origin: string,
	spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): boolean {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	const rows = sheet ? findTables(sheet.getDataRange().getValues()).carriers : undefined;
	const first = rows?.[0]?.row;
	const last = rows?.[rows.length - 1]?.row;
	if (!sheet || first === undefined || last === undefined || names.length === 0) return false;
	const choices = [...new Set([...names, "other"])];
	sheet
		.getRange(first, 2, last - first + 1, 1)
		.setDataValidation(
			SpreadsheetApp.newDataValidation()
				.requireValueInList(choices, true)
				.setAllowInvalid(false)
				.setHelpText(
					`Etsy's carriers for parcels from ${origin}. Etsy drops the tracking number sent with a carrier it does not list; "other" keeps it.`,
				)
				.build(),
		);
	return true;
}

/** The sender's country on the Settings sheet, as the ISO code Etsy's list is read for. */
function senderOrigin(spreadsheet: Spreadsheet): string | null {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	if (!sheet) return null;
	return carrierOrigin(readMappingSettings(sheet.getDataRange().getValues()).settings.sender.countryIso);
}

/** Set-up offers the list kept from an earlier read (of any age: a week-old list beats none). */
export function offerStoredEtsyCarriers(spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	const raw = engineStore().get(CARRIERS_KEY);
	if (!raw) return;
	try {
		const list = JSON.parse(raw) as { origin?: unknown; names?: unknown };
		if (!Array.isArray(list.names) || list.origin !== senderOrigin(spreadsheet)) return;
		offerEtsyCarriers(list.names.map(String), String(list.origin), spreadsheet);
	} catch {
		// An unreadable note: the next read from Etsy writes a good one.
	}
}

/** Connecting Etsy reads the list for the sender's country at once, so the dropdown is there from the start. */
export function offerCarriersAfterConnect(credentials: MarketplaceCredentials): void {
	try {
		const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
		const origin = senderOrigin(spreadsheet);
		if (origin === null) return;
		const api = marketplaceApi(credentials);
		const list = knownEtsyCarriers(
			engineStore(),
			etsyShipping(api, shopIdFromSettings(spreadsheet)),
			origin,
			Date.now(),
		);
		if (list) offerEtsyCarriers(list.names, list.origin, spreadsheet);
	} catch {
		// Only a convenience: the sync reads the list again before any tracking goes out.
	}
}

/** Etsy's shipping side for a sync, whose fresh carrier lists also refresh the dropdown. */
export function offeringCarriers(etsy: EtsyShipping): EtsyShipping {
	const read = etsy.carriers?.bind(etsy);
	if (!read) return etsy;
	return {
		...etsy,
		carriers(originIso) {
			const names = read(originIso);
			if (names && names.length > 0) {
				try {
					offerEtsyCarriers(names, originIso);
				} catch {
					// The dropdown is a convenience; the check before each submission does not depend on it.
				}
			}
			return names;
		},
	};
}
