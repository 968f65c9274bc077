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
import type { Clock, Http, Log } from "../../ports.js";
import { percentEncode } from "../http/query-string.js";
import type { RetryPolicy } from "../http/retrying-send.js";
import { HubSpotClient } from "./client.js";
import { readCompanyCurrency } from "./company-currency.js";
import { CONTACT_LOOK_UP_BATCH, ContactLookUps } from "./contact-lookups.js";
import { createHubSpotDeal, type DealCreateParts, mentionsOrderId } from "./deal-create.js";
import { DEFAULT_ORDER_ID_PROPERTY, type DealContext, dealPropertyNames, toCrmDeal } from "./deal-mapping.js";
import { searchChangedDeals } from "./deal-search.js";
import { ensureOrderIdProperty, type OrderIdPropertyStatus } from "./order-id-property.js";
import { crmObjectSchema, pipelinesSchema } from "./schemas.js";
import { PIPELINES_ENDPOINT, StageCatalog } from "./stage-catalog.js";
import { BATCH_UPDATE, moveDealStages } from "./stage-moves.js";

export const HUBSPOT_APP_BASE_URL = "https://app.hubspot.com";

const GET_DEAL = "GET /crm/v3/objects/deals/{orderId}?idProperty";

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
	private readonly creates: DealCreateParts;
	private readonly contacts: ContactLookUps;
	/** New deals' buyers are read together, in batches HubSpot's general rate limit allows. */
	readonly lookUpBatchSize = CONTACT_LOOK_UP_BATCH;

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
		this.contacts = new ContactLookUps(this.client);
		this.creates = {
			client: this.client,
			...(options.log ? { log: options.log } : {}),
			orderIdProperty: this.orderIdProperty,
			pipelineId: this.pipelineId,
			linkContacts: options.linkContacts !== false,
			refusedCurrencies: new Set<string>(),
			stages: () => this.stages(),
			companyCurrency: () => this.companyCurrency(),
			dealContext: () => this.dealContext(),
			findDeal: (orderId) => this.findDeal(orderId),
			contacts: this.contacts,
		};
	}

	/** HubSpot's own hosts and the configured app address (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins(["https://*.hubspot.com"], [this.appBaseUrl]);
	}

	/** The daily API limit left, as HubSpot's last answer reported it (daily-limit.ts). */
	dailyAllowance(): { left: number; perDay: number | null } | null {
		return this.client.dailyLimit;
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

	prepareDeals(deals: readonly NewDeal[]): Map<string, PlatformError> {
		return this.options.linkContacts === false ? new Map() : this.contacts.prepare(deals);
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
		return createHubSpotDeal(this.creates, deal);
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

	/** A 400 on an idProperty read usually means set-up never created the order id property. */
	private missingPropertyOr(
		endpoint: string,
		response: { status: number; headers: Record<string, string>; body: string },
	): PlatformError {
		if (mentionsOrderId(this.creates, response)) {
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
