/**
 * The "Etsy carrier" cells of Settings > "Courier service → Etsy carrier" offer Etsy's own carrier
 * names for parcels from the sender's country (getShippingCarriers, kept in the engine store): Etsy
 * drops the tracking number sent with a name it does not list (NOTES.md, Carrier names), so the
 * owner picks from the list instead of typing. Which list, when, and what the dropdown offers and
 * says: engine/etsy-shipping.ts. This file puts it on the sheet as a data validation.
 */
import { SETTINGS_SHEET } from "../core/settings.js";
import {
	CARRIERS_KEY,
	carrierDropdown,
	carriersAfterConnect,
	etsyShipping,
	offeringFreshCarriers,
	senderCarrierOrigin,
	storedCarriersToOffer,
} from "../engine/etsy-shipping.js";
import type { EtsyShipping } from "../engine/platform-push.js";
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
	const dropdown = sheet ? carrierDropdown(sheet.getDataRange().getValues(), names, origin) : null;
	if (!sheet || !dropdown) return false;
	sheet
		.getRange(dropdown.row, dropdown.column, dropdown.rows, 1)
		.setDataValidation(
			SpreadsheetApp.newDataValidation()
				.requireValueInList(dropdown.choices, true)
				.setAllowInvalid(false)
				.setHelpText(dropdown.helpText)
				.build(),
		);
	return true;
}

/** The sender's country on the Settings sheet, as the ISO code Etsy's list is read for. */
function senderOrigin(spreadsheet: Spreadsheet): string | null {
	const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
	return sheet ? senderCarrierOrigin(sheet.getDataRange().getValues()) : null;
}

/** Set-up offers the list kept from an earlier read. */
export function offerStoredEtsyCarriers(spreadsheet: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): void {
	const raw = engineStore().get(CARRIERS_KEY);
	try {
		const list = storedCarriersToOffer(raw, () => senderOrigin(spreadsheet));
		if (list) offerEtsyCarriers(list.names, list.origin, spreadsheet);
	} catch {
		// Only a convenience: set-up goes on without the dropdown; the next read from Etsy offers it.
	}
}

/** Connecting Etsy reads the list for the sender's country at once, so the dropdown is there from the start. */
export function offerCarriersAfterConnect(credentials: MarketplaceCredentials): void {
	try {
		const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
		const list = carriersAfterConnect(
			engineStore(),
			senderOrigin(spreadsheet),
			() => etsyShipping(marketplaceApi(credentials), shopIdFromSettings(spreadsheet)),
			Date.now(),
		);
		if (list) offerEtsyCarriers(list.names, list.origin, spreadsheet);
	} catch {
		// Only a convenience: the sync reads the list again before any tracking goes out.
	}
}

/** Etsy's shipping side for a sync, whose fresh carrier lists also refresh the dropdown. */
export function offeringCarriers(etsy: EtsyShipping): EtsyShipping {
	return offeringFreshCarriers(etsy, (names, originIso) => {
		try {
			offerEtsyCarriers(names, originIso);
		} catch {
			// The dropdown is a convenience; the check before each submission does not depend on it.
		}
	});
}
