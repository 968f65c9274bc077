/** HubSpot deal objects <-> the engine's CrmDeal and NewDeal. HubSpot property values are all strings. */
import type { CrmDeal, NewDeal } from "../../core/connector-contracts.js";
import { DEAL_TO_CONTACT_ASSOCIATION } from "./contacts.js";
import type { HubSpotObject } from "./schemas.js";
import type { StageCatalog } from "./stage-catalog.js";

export const DEFAULT_ORDER_ID_PROPERTY = "hubsheet_order_id";
/** HubSpot's own currency property of a deal (set in multi-currency portals, empty in others). */
export const CURRENCY_PROPERTY = "deal_currency_code";

/** What Hubsheet asks HubSpot to return of a deal; asking overrides HubSpot's default list. */
export function dealPropertyNames(orderIdProperty: string): string[] {
	return ["dealname", "amount", "dealstage", "pipeline", CURRENCY_PROPERTY, "hs_lastmodifieddate", orderIdProperty];
}

export interface DealContext {
	orderIdProperty: string;
	stages: StageCatalog;
	/** The portal's company currency, for deals whose currency property is empty ("" when unknown). */
	companyCurrency(): string;
	dealUrl(dealId: string): string;
}

export function toCrmDeal(deal: HubSpotObject, context: DealContext): CrmDeal {
	const properties = deal.properties;
	const amount = Number(properties.amount ?? "");
	const updated = Date.parse(deal.updatedAt);
	const modified = Date.parse(properties.hs_lastmodifieddate ?? "");
	return {
		dealId: deal.id,
		orderId: properties[context.orderIdProperty] ?? "",
		stageName: context.stages.stageLabel(properties.dealstage),
		// An amount erased by hand reads as 0, so reconciliation reports it as differing from Etsy's total.
		value: properties.amount != null && properties.amount.trim() !== "" && Number.isFinite(amount) ? amount : 0,
		currency: (properties[CURRENCY_PROPERTY] ?? "").trim().toUpperCase() || context.companyCurrency(),
		url: context.dealUrl(deal.id),
		updatedAtMs: Number.isNaN(updated) ? (Number.isNaN(modified) ? 0 : modified) : updated,
	};
}

/**
 * How a new deal carries its money: with the order's currency; without the currency property when
 * the order is in the company currency (HubSpot's default for a new deal, and all a single-currency
 * portal accepts); or with neither amount nor currency when the portal does not have the order's
 * currency, since an amount without its currency would read as company currency (NOTES, Deals).
 */
export type DealMoney = "with-currency" | "company-currency" | "no-amount";

/** The properties of a new deal. `amount` keeps at most two decimals: HubSpot shows money, not float noise. */
export function newDealProperties(
	deal: NewDeal,
	context: { orderIdProperty: string; pipelineId: string; stageId: string; money?: DealMoney },
): Record<string, string> {
	const money = context.money ?? "with-currency";
	return {
		dealname: deal.title,
		...(money === "no-amount" ? {} : { amount: String(Math.round(deal.value * 100) / 100) }),
		pipeline: context.pipelineId,
		dealstage: context.stageId,
		...(money === "with-currency" ? { [CURRENCY_PROPERTY]: deal.currency.trim().toUpperCase() } : {}),
		[context.orderIdProperty]: deal.orderId,
	};
}

/** The create request's body: the properties, and the buyer's contact associated when there is one. */
export function newDealBody(
	deal: NewDeal,
	context: { orderIdProperty: string; pipelineId: string; stageId: string; money: DealMoney; contactId: string | null },
) {
	const { contactId, ...properties } = context;
	return {
		properties: newDealProperties(deal, properties),
		...(contactId === null
			? {}
			: {
					associations: [
						{
							to: { id: contactId },
							types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: DEAL_TO_CONTACT_ASSOCIATION }],
						},
					],
				}),
	};
}
