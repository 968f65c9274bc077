/**
 * Creating the deal for an order (`POST /crm/v3/objects/deals`, not idempotent). After a 5xx or a
 * timeout the deal is looked up before one more try; a conflict on the unique order id property
 * resolves to the existing deal; a currency the portal has not set up is sent again without an
 * amount (a 400 created nothing) and the owner told once per execution; a 2xx whose answer cannot be
 * read is replaced by reading the deal back.
 */
import { type CrmDeal, type NewDeal, PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse, Log } from "../../ports.js";
import { noteRetry } from "../http/retry-tally.js";
import type { HubSpotClient } from "./client.js";
import { refusedCurrency } from "./company-currency.js";
import type { LookedUpContacts } from "./contact-reads.js";
import { findOrCreateContact } from "./contacts.js";
import { type DealContext, type DealMoney, newDealBody, toCrmDeal } from "./deal-mapping.js";
import { crmObjectSchema } from "./schemas.js";
import type { StageCatalog } from "./stage-catalog.js";

export const CREATE_DEAL = "POST /crm/v3/objects/deals";

/** What a create needs of the connector: its client and settings, and its per-execution reads. */
export interface DealCreateParts {
	client: HubSpotClient;
	log?: Log;
	orderIdProperty: string;
	pipelineId: string;
	linkContacts: boolean;
	/** Order currencies HubSpot refused in this execution: later deals go without amount at once. */
	refusedCurrencies: Set<string>;
	stages(): StageCatalog;
	companyCurrency(): string;
	dealContext(): DealContext;
	findDeal(orderId: string): CrmDeal | null;
	/** What a batch read of the buyers found ahead of the creates (contact-lookups.ts). */
	contacts?: LookedUpContacts;
}

export function createHubSpotDeal(parts: DealCreateParts, deal: NewDeal): CrmDeal {
	const { client, log } = parts;
	const stageId = parts.stages().requireStageId(deal.stageName, CREATE_DEAL);
	const contactId = parts.linkContacts ? findOrCreateContact(client, deal.person, log, parts.contacts) : null;
	const currency = deal.currency.trim().toUpperCase();
	let money: DealMoney = parts.refusedCurrencies.has(currency)
		? "no-amount"
		: currency !== "" && currency === parts.companyCurrency()
			? "company-currency"
			: "with-currency";
	const bodyFor = (money: DealMoney) =>
		newDealBody(deal, {
			orderIdProperty: parts.orderIdProperty,
			pipelineId: parts.pipelineId,
			stageId,
			money,
			contactId,
		});

	// One blind retry at most, and only after looking the deal up: the unique order id property
	// would refuse a duplicate anyway, but a lost answer must not cost the owner a finding.
	for (let attempt = 1; ; attempt++) {
		let response: HttpResponse;
		try {
			response = client.call({
				method: "post",
				path: "/crm/v3/objects/deals",
				template: CREATE_DEAL,
				body: bodyFor(money),
				idempotent: false,
			});
		} catch (error) {
			if (!(error instanceof PlatformError) || error.kind !== "unavailable") throw error;
			const existing = parts.findDeal(deal.orderId);
			if (existing) {
				log?.info(`HubSpot: the deal for order ${deal.orderId} was created despite the error; using it`);
				return existing;
			}
			if (attempt >= 2) throw error;
			log?.warn(`HubSpot: ${error.message}; no deal exists for order ${deal.orderId}, creating it again`);
			continue;
		}
		if (response.status === 409 || (response.status === 400 && mentionsOrderId(parts, response))) {
			// The order already has a deal (created by a run that crashed before recording it).
			const existing = parts.findDeal(deal.orderId);
			if (existing) return existing;
		}
		if (money === "with-currency" && refusedCurrency(response)) {
			// A 400 created nothing, so sending again is safe. The owner is told once per execution.
			parts.refusedCurrencies.add(currency);
			log?.warn(
				`HubSpot has no ${currency} among its currencies: deals for ${currency} orders are created without an amount. Add ${currency} in HubSpot (Settings > Account management > Currencies) to get amounts.`,
			);
			money = "no-amount";
			continue;
		}
		if (response.status >= 200 && response.status < 300) {
			const created = createdDeal(parts, response, deal.orderId);
			return money === "no-amount"
				? {
						...created,
						note: `without an amount: HubSpot has no ${currency} currency; add it in HubSpot's currency settings`,
					}
				: created;
		}
		return toCrmDeal(client.parse(crmObjectSchema, CREATE_DEAL, response), parts.dealContext());
	}
}

/** Whether HubSpot's answer names the order id property (a duplicate, or a property set-up never made). */
export function mentionsOrderId(parts: Pick<DealCreateParts, "client" | "orderIdProperty">, response: HttpResponse) {
	return parts.client.said(response).includes(parts.orderIdProperty);
}

/** The deal exists once HubSpot said 2xx; an unreadable answer is replaced by reading the deal back. */
function createdDeal(parts: DealCreateParts, response: HttpResponse, orderId: string): CrmDeal {
	try {
		return toCrmDeal(parts.client.parse(crmObjectSchema, CREATE_DEAL, response), parts.dealContext());
	} catch (error) {
		if (!(error instanceof PlatformError) || error.kind !== "malformed") throw error;
		noteRetry("HubSpot", "unreadable answer to a create, looked up");
		const existing = parts.findDeal(orderId);
		if (existing) return existing;
		throw new PlatformError("HubSpot", CREATE_DEAL, "malformed", error.message, {
			...error.options,
			mayHaveApplied: true,
		});
	}
}
