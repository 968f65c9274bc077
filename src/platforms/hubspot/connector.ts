/**
 * HubSpot as Hubsheet's CRM (CRM v3, a service key or a legacy private app's access token).
 *
 * - Each order is one deal whose unique property `hubsheet_order_id` (see order-id-property.ts) holds
 *   the Etsy order id. HubSpot refuses a second deal with the same value, and `findDeal` reads the
 *   deal by that property directly (consistent at once, unlike search).
 * - `createDeal` is a non-idempotent POST: after a 5xx or a timeout it looks the deal up before it
 *   tries again; a conflict on the order id also resolves to the existing deal.
 * - Stage changes go out in batches of up to 100; a 207 answer fails only the deals it names.
 * - Stage names are resolved to ids through the pipelines API, once per execution.
 */

import {
	type CrmConnector,
	type CrmDeal,
	type NewDeal,
	PlatformError,
	type StageMove,
	type StageMoveResult,
} from "../../core/connector-contracts.js";
import { trustedOrigins } from "../../core/link-policy.js";
import type { Clock, Http, HttpResponse, Log } from "../../ports.js";
import { percentEncode } from "../http/query-string.js";
import { noteRetry } from "../http/retry-tally.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { HubSpotClient } from "./client.js";
import { readCompanyCurrency, refusedCurrency } from "./company-currency.js";
import { findOrCreateContact } from "./contacts.js";
import {
	DEFAULT_ORDER_ID_PROPERTY,
	type DealContext,
	type DealMoney,
	dealPropertyNames,
	newDealBody,
	toCrmDeal,
} from "./deal-mapping.js";
import { searchChangedDeals } from "./deal-search.js";
import { ensureOrderIdProperty, type OrderIdPropertyStatus } from "./order-id-property.js";
import { crmObjectSchema, pipelinesSchema } from "./schemas.js";
import { PIPELINES_ENDPOINT, StageCatalog } from "./stage-catalog.js";
import { BATCH_UPDATE, moveDealStages } from "./stage-moves.js";

export const HUBSPOT_APP_BASE_URL = "https://app.hubspot.com";

const GET_DEAL = "GET /crm/v3/objects/deals/{orderId}?idProperty";
const CREATE_DEAL = "POST /crm/v3/objects/deals";

export interface HubSpotConnectorOptions {
	http: Http;
	clock: Clock;
	log?: Log;
	/** A service key or a legacy private app's token. Secret: never in a message, a log or a cell. */
	accessToken: string;
	/** The HubSpot account (portal, "hub") id, for links to deals. */
	portalId: string;
	/** The deal pipeline Hubsheet works in; HubSpot's standard one is "default". */
	pipelineId?: string;
	/** Internal name of the unique deal property holding the order id. */
	orderIdProperty?: string;
	/** Create or find the buyer's contact (by email) and associate it with the deal; default true. */
	linkContacts?: boolean;
	/**
	 * The portal's company currency, for deals whose currency is empty and to leave the currency off
	 * deals already in it; read from HubSpot (scope settings.currencies.read) when not given.
	 */
	companyCurrency?: string;
	/** https://api.hubapi.com (default) or a sandbox. */
	apiBaseUrl?: string;
	/** Where humans open deals: https://app.hubspot.com (default), app-eu1.hubspot.com for EU portals, or a sandbox. */
	appBaseUrl?: string;
	/** Inputs per batch update; HubSpot's maximum (100) unless a test wants less. */
	batchSize?: number;
	retry?: Partial<RetryPolicy>;
}

export class HubSpotConnector implements CrmConnector {
	readonly platform = "HubSpot" as const;
	private readonly client: HubSpotClient;
	private readonly pipelineId: string;
	private readonly orderIdProperty: string;
	private readonly appBaseUrl: string;
	private catalog: StageCatalog | null = null;
	/** undefined until read; null when HubSpot would not say. */
	private portalCurrency: string | null | undefined;
	/** Order currencies HubSpot refused in this execution: later deals go without amount at once. */
	private readonly refusedCurrencies = new Set<string>();

	constructor(private readonly options: HubSpotConnectorOptions) {
		this.client = new HubSpotClient({
			http: options.http,
			clock: options.clock,
			log: options.log,
			accessToken: options.accessToken,
			apiBaseUrl: options.apiBaseUrl,
			retry: options.retry,
		});
		this.pipelineId = options.pipelineId?.trim() || "default";
		this.orderIdProperty = options.orderIdProperty?.trim() || DEFAULT_ORDER_ID_PROPERTY;
		this.appBaseUrl = (options.appBaseUrl ?? HUBSPOT_APP_BASE_URL).replace(/\/+$/, "");
	}

	/** HubSpot's own hosts and the configured app address (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins(["https://*.hubspot.com"], [this.appBaseUrl]);
	}

	/** Set-up: creates the unique order id property unless it exists (needs crm.schemas.deals.write). */
	ensureOrderIdProperty(): OrderIdPropertyStatus {
		return ensureOrderIdProperty(this.client, this.orderIdProperty);
	}

	/** Deal pipelines and their stage names, for the settings dialog. */
	listPipelines(): Array<{ id: string; label: string; stages: string[] }> {
		const catalog = this.stages();
		return catalog.pipelineIds().map((id) => ({
			id,
			label: catalog.pipelineLabel(id),
			stages: new StageCatalog(catalog.all, id).stageNames(),
		}));
	}

	unknownStages(stageNames: readonly string[]): string[] {
		return this.stages().unknown(stageNames);
	}

	findDeal(orderId: string): CrmDeal | null {
		const id = orderId.trim();
		if (id === "") throw new PlatformError("HubSpot", GET_DEAL, "rejected", "HubSpot findDeal: the order id is empty");
		const response = this.client.call({
			method: "get",
			path: `/crm/v3/objects/deals/${percentEncode(id)}`,
			template: GET_DEAL,
			query: { idProperty: this.orderIdProperty, properties: dealPropertyNames(this.orderIdProperty).join(",") },
			idempotent: true,
		});
		if (response.status === 404) return null;
		if (response.status === 400) throw this.missingPropertyOr(GET_DEAL, response);
		return toCrmDeal(this.client.parse(crmObjectSchema, GET_DEAL, response), this.dealContext());
	}

	createDeal(deal: NewDeal): CrmDeal {
		const stageId = this.stages().requireStageId(deal.stageName, CREATE_DEAL);
		const contactId =
			this.options.linkContacts === false ? null : findOrCreateContact(this.client, deal.person, this.options.log);
		const currency = deal.currency.trim().toUpperCase();
		let money: DealMoney = this.refusedCurrencies.has(currency)
			? "no-amount"
			: currency !== "" && currency === this.companyCurrency()
				? "company-currency"
				: "with-currency";
		const bodyFor = (money: DealMoney) =>
			newDealBody(deal, {
				orderIdProperty: this.orderIdProperty,
				pipelineId: this.pipelineId,
				stageId,
				money,
				contactId,
			});

		// One blind retry at most, and only after looking the deal up: the unique order id property
		// would refuse a duplicate anyway, but a lost answer must not cost the owner a finding.
		for (let attempt = 1; ; attempt++) {
			let response: HttpResponse;
			try {
				response = this.client.call({
					method: "post",
					path: "/crm/v3/objects/deals",
					template: CREATE_DEAL,
					body: bodyFor(money),
					idempotent: false,
				});
			} catch (error) {
				if (!(error instanceof PlatformError) || error.kind !== "unavailable") throw error;
				const existing = this.findDeal(deal.orderId);
				if (existing) {
					this.options.log?.info(`HubSpot: the deal for order ${deal.orderId} was created despite the error; using it`);
					return existing;
				}
				if (attempt >= 2) throw error;
				this.options.log?.warn(
					`HubSpot: ${error.message}; no deal exists for order ${deal.orderId}, creating it again`,
				);
				continue;
			}
			if (response.status === 409 || (response.status === 400 && this.mentionsOrderId(response))) {
				// The order already has a deal (created by a run that crashed before recording it).
				const existing = this.findDeal(deal.orderId);
				if (existing) return existing;
			}
			if (money === "with-currency" && refusedCurrency(response)) {
				// A 400 created nothing, so sending again is safe. The owner is told once per execution.
				this.refusedCurrencies.add(currency);
				this.options.log?.warn(
					`HubSpot has no ${currency} among its currencies: deals for ${currency} orders are created without an amount. Add ${currency} in HubSpot (Settings > Account management > Currencies) to get amounts.`,
				);
				money = "no-amount";
				continue;
			}
			if (response.status >= 200 && response.status < 300) {
				const created = this.createdDeal(response, deal.orderId);
				return money === "no-amount"
					? {
							...created,
							note: `without an amount: HubSpot has no ${currency} currency; add it in HubSpot's currency settings`,
						}
					: created;
			}
			return toCrmDeal(this.client.parse(crmObjectSchema, CREATE_DEAL, response), this.dealContext());
		}
	}

	/** The company currency, read once per execution ("" when unknown). */
	private companyCurrency(): string {
		const given = this.options.companyCurrency?.trim().toUpperCase();
		if (given) return given;
		if (this.portalCurrency === undefined) this.portalCurrency = readCompanyCurrency(this.client, this.options.log);
		return this.portalCurrency ?? "";
	}

	moveStages(moves: readonly StageMove[]): StageMoveResult[] {
		return moveDealStages(this.client, moves, {
			pipelineId: this.pipelineId,
			batchSize: this.options.batchSize,
			stages: () => this.stages(),
			unknownStage: (stageName) => this.stages().unknownStageError(stageName, BATCH_UPDATE),
		});
	}

	dealsChangedSince(sinceMs: number): CrmDeal[] {
		const deals = searchChangedDeals(
			this.client,
			{ sinceMs, orderIdProperty: this.orderIdProperty, properties: dealPropertyNames(this.orderIdProperty) },
			this.options.log,
		);
		const context = this.dealContext();
		return deals.map((deal) => toCrmDeal(deal, context)).sort((a, b) => a.updatedAtMs - b.updatedAtMs);
	}

	// ------------------------------------------------------------------ internals

	/** The deal exists once HubSpot said 2xx; an unreadable answer is replaced by reading the deal back. */
	private createdDeal(response: HttpResponse, orderId: string): CrmDeal {
		try {
			return toCrmDeal(this.client.parse(crmObjectSchema, CREATE_DEAL, response), this.dealContext());
		} catch (error) {
			if (!(error instanceof PlatformError) || error.kind !== "malformed") throw error;
			noteRetry("HubSpot", "unreadable answer to a create, looked up");
			const existing = this.findDeal(orderId);
			if (existing) return existing;
			throw new PlatformError("HubSpot", CREATE_DEAL, "malformed", error.message, {
				...error.options,
				mayHaveApplied: true,
			});
		}
	}

	private stages(): StageCatalog {
		if (!this.catalog) {
			const response = this.client.call({
				method: "get",
				path: "/crm/v3/pipelines/deals",
				template: PIPELINES_ENDPOINT,
				idempotent: true,
			});
			this.catalog = new StageCatalog(
				this.client.parse(pipelinesSchema, PIPELINES_ENDPOINT, response).results,
				this.pipelineId,
			);
		}
		return this.catalog;
	}

	private dealContext(): DealContext {
		return {
			orderIdProperty: this.orderIdProperty,
			stages: this.stages(),
			companyCurrency: () => this.companyCurrency(),
			dealUrl: (dealId) =>
				`${this.appBaseUrl}/contacts/${percentEncode(this.options.portalId.trim())}/record/0-3/${percentEncode(dealId)}`,
		};
	}

	private mentionsOrderId(response: HttpResponse): boolean {
		return this.client.said(response).includes(this.orderIdProperty);
	}

	/** A 400 on an idProperty read usually means set-up never created the order id property. */
	private missingPropertyOr(
		endpoint: string,
		response: { status: number; headers: Record<string, string>; body: string },
	): PlatformError {
		if (this.mentionsOrderId(response)) {
			return new PlatformError(
				"HubSpot",
				endpoint,
				"rejected",
				`HubSpot cannot find deals by the property "${this.orderIdProperty}" (${this.client.said(response)}). Run Hubsheet's Set up, which creates it as a unique deal property.`,
				{ status: 400 },
			);
		}
		return this.client.failure(endpoint, response);
	}
}
