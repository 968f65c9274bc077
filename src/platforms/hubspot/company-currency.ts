/**
 * The portal's company currency and HubSpot's refusal of a deal currency the portal has not set up.
 *
 * Since 2023 HubSpot accepts `deal_currency_code` only for the company currency or a currency added
 * to the account; anything else is a 400 INVALID_OPTION (../../../../shared/specs/hubspot/NOTES.md,
 * Deals). Reading the company currency needs the `settings.currencies.read` scope, which an owner's
 * key may lack: then the currency is unknown (null) and deals carry the order's currency as before.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse, Log } from "../../ports.js";
import type { HubSpotClient } from "./client.js";
import { companyCurrencySchema } from "./schemas.js";

export const COMPANY_CURRENCY = "GET /settings/currencies/2026-03/company-currency";

/** The company currency's code ("PLN"), or null when the key may not read it or HubSpot did not answer. */
export function readCompanyCurrency(client: HubSpotClient, log?: Log): string | null {
	try {
		const response = client.call({
			method: "get",
			path: "/settings/currencies/2026-03/company-currency",
			template: COMPANY_CURRENCY,
			idempotent: true,
		});
		return client.parse(companyCurrencySchema, COMPANY_CURRENCY, response).id.trim().toUpperCase();
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		// Not worth failing a deal over: the currency is then sent as the order has it.
		log?.info(`HubSpot: the company currency could not be read (${error.message}); deals carry the order's currency`);
		return null;
	}
}

/** True when HubSpot refused the deal because of its currency (the portal does not have it). */
export function refusedCurrency(response: HttpResponse): boolean {
	return (
		response.status === 400 &&
		/deal_currency_code/.test(response.body) &&
		/INVALID_OPTION|currency codes/i.test(response.body)
	);
}
