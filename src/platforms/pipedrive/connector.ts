/**
 * Hubsheet's CRM connector for Pipedrive (API v2, personal API token).
 *
 * Finding a deal again. Each deal Hubsheet creates carries the Etsy order id in a deal custom field
 * ("Etsy order", a text field the connector finds by name or creates once). The title also names
 * the order, but owners rename deals, so the title is never trusted. `findDeal` looks, cheapest and
 * most reliable first:
 *   1. the ids this connector noted in the Store right after its own creates (search lags);
 *   2. the most recently added deals (`GET /deals?sort_by=add_time`), read directly from the
 *      database: where a deal lost to a crash is, and free of the search index's lag;
 *   3. Pipedrive's search on the custom field (`/deals/search?fields=custom_fields&exact_match`),
 *      for older deals.
 * Every candidate is read back (`GET /deals/{id}`) and must carry the order id in the field.
 *
 * Tokens. Every request costs tokens from the company's daily budget (see rate-limit.ts). The
 * connector reads stages once per execution, verifies the order field once per execution (1 token),
 * moves stages with one PATCH each (Pipedrive has no bulk update), sent a few at a time with
 * fetchAll, and keeps a reserve of tokens that the optional read (`dealsChangedSince`) will not
 * touch, so a busy day still leaves room for new deals.
 */

import type {
	CrmConnector,
	CrmDeal,
	NewDeal,
	PlatformError,
	StageMove,
	StageMoveResult,
} from "../../core/connector-contracts.js";
import { trustedOrigins } from "../../core/link-policy.js";
import type { Clock, Http, Log, Store } from "../../ports.js";
import { PipedriveClient, type RetryPolicy } from "./client.js";
import { companyOrigin, normalizeCompanyDomain } from "./company-domain.js";
import { checkOrderId, createPipedriveDeal, type DealCreateParts } from "./deal-create.js";
import { DealLookup, readOrderId } from "./deal-lookup.js";
import { listChangedDeals } from "./deal-search.js";
import { pipedriveError } from "./errors.js";
import { DEFAULT_ORDER_FIELD_NAME, ORDER_FIELD_STORE_KEY, OrderField } from "./order-field.js";
import { PERSON_LOOK_UP_BATCH } from "./person-lookups.js";
import { PipedrivePersons } from "./persons.js";
import type { PipedriveQuota } from "./rate-limit.js";
import { RecentCreations } from "./recent-creations.js";
import { type PipedriveDeal, parseTime } from "./schemas.js";
import { moveDealStages } from "./stage-moves.js";
import { PipedriveStages } from "./stages.js";

export { DEFAULT_ORDER_FIELD_NAME, ORDER_FIELD_STORE_KEY };

/** How long after a create Pipedrive's look-ups can be trusted to show it, unless told (the descriptor's searchLagMs). */
const SEARCH_LAG_MS = 60_000;

export interface PipedriveConnectorOptions {
	http: Http;
	clock: Clock;
	store: Store;
	log?: Log;
	/** The personal API token (secret). */
	apiToken: string;
	/** `acme` of acme.pipedrive.com (the owner may paste the whole address). */
	companyDomain: string;
	/** Where the API is: `https://<company>.pipedrive.com` unless told otherwise (the local sandbox). */
	apiOrigin?: string;
	/** Where deal links point: the company's web address, or `apiOrigin` when that is overridden. */
	webOrigin?: string;
	/** Keep deals in this pipeline; without it, the pipeline holding most of the mapped stage names. */
	pipelineName?: string;
	/** The deal field holding the Etsy order id; created when missing. */
	orderFieldName?: string;
	/** Tokens `dealsChangedSince` leaves for creates and moves; default 500. */
	reserveTokens?: number;
	/** Requests sent together by fetchAll when moving stages; default 5 (the burst window is small). */
	parallelRequests?: number;
	/** Pages of 500 deals `dealsChangedSince` reads at most per call; default 10. */
	maxChangedPages?: number;
	retry?: Partial<RetryPolicy>;
	/** How long after a create Pipedrive's look-ups can be trusted to show it (the descriptor's searchLagMs). */
	searchLagMs?: number;
}

export class PipedriveConnector implements CrmConnector {
	readonly platform = "Pipedrive" as const;
	private readonly client: PipedriveClient;
	private readonly recent: RecentCreations;
	private readonly webOrigin: string;
	private readonly reserveTokens: number;
	private readonly parallel: number;
	private readonly maxChangedPages: number;
	private readonly field: OrderField;
	private readonly stages: PipedriveStages;
	private readonly persons: PipedrivePersons;
	private readonly deals: DealLookup;
	private readonly creates: DealCreateParts;

	constructor(private readonly options: PipedriveConnectorOptions) {
		const company = normalizeCompanyDomain(options.companyDomain);
		if (company === null) {
			throw pipedriveError(
				"connector",
				"auth",
				`Pipedrive's company domain "${options.companyDomain.slice(0, 60)}" is not one: enter the part before .pipedrive.com (e.g. acme for acme.pipedrive.com).`,
			);
		}
		if (options.apiToken.trim() === "") {
			throw pipedriveError(
				"connector",
				"auth",
				"Pipedrive is not connected: enter the API token in Hubsheet's settings.",
			);
		}
		const apiOrigin = (options.apiOrigin ?? companyOrigin(company)).replace(/\/+$/, "");
		this.webOrigin = (options.webOrigin ?? (options.apiOrigin ? apiOrigin : companyOrigin(company))).replace(
			/\/+$/,
			"",
		);
		this.reserveTokens = options.reserveTokens ?? 500;
		this.parallel = Math.max(1, options.parallelRequests ?? 5);
		this.maxChangedPages = Math.max(1, options.maxChangedPages ?? 10);
		this.client = new PipedriveClient({
			http: options.http,
			clock: options.clock,
			apiToken: options.apiToken.trim(),
			apiOrigin,
			...(options.log ? { log: options.log } : {}),
			...(options.retry ? { retry: options.retry } : {}),
		});
		this.recent = new RecentCreations(options.store, company, options.log);
		const name = options.orderFieldName?.trim() || DEFAULT_ORDER_FIELD_NAME;
		this.field = new OrderField(this.client, options.store, company, name, options.log);
		this.stages = new PipedriveStages(this.client, options.pipelineName, options.log);
		const searchLagMs = Math.max(0, options.searchLagMs ?? SEARCH_LAG_MS);
		this.deals = new DealLookup(this.client, this.recent, this.field, options.log);
		this.persons = new PipedrivePersons(this.client, this.recent, options.clock, searchLagMs, options.log);
		this.creates = {
			client: this.client,
			field: this.field,
			stages: this.stages,
			persons: this.persons,
			deals: this.deals,
			recent: this.recent,
			...(options.log ? { log: options.log } : {}),
			toCrmDeal: (deal, orderId) => this.toCrmDeal(deal, orderId),
		};
	}

	/** The limits Pipedrive reported last (daily token budget, burst window). */
	get quota(): PipedriveQuota | null {
		return this.client.quota;
	}

	/** The daily token budget left, as Pipedrive's last answer reported it (shown in the health). */
	dailyAllowance(): { left: number; perDay: number | null } | null {
		const quota = this.client.quota;
		if (!quota || quota.dailyTokensRemaining === null) return null;
		return { left: quota.dailyTokensRemaining, perDay: quota.dailyTokenLimit };
	}

	/** Tokens this execution's requests cost, by the spec's price list. */
	get tokensSpent(): number {
		return this.client.tokensSpent;
	}

	/** Pipedrive's own hosts and the configured company address (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins(["https://*.pipedrive.com"], [this.webOrigin]);
	}

	/** A link for humans to open a deal. */
	dealUrl(dealId: string | number): string {
		return `${this.webOrigin}/deal/${dealId}`;
	}

	// ------------------------------------------------------------------ CrmConnector

	unknownStages(stageNames: readonly string[]): string[] {
		return this.stages.unknownStages(stageNames);
	}

	/** New deals' buyers are searched for together, in batches Pipedrive's burst window allows. */
	readonly lookUpBatchSize = PERSON_LOOK_UP_BATCH;
	prepareDeals(deals: readonly NewDeal[]): Map<string, PlatformError> {
		return this.persons.prepare(deals);
	}

	findDeal(orderId: string): CrmDeal | null {
		const order = checkOrderId(orderId, "searchDeals");
		const deal = this.deals.find(order);
		return deal ? this.toCrmDeal(deal, order) : null;
	}

	createDeal(deal: NewDeal): CrmDeal {
		return createPipedriveDeal(this.creates, deal);
	}

	moveStages(moves: readonly StageMove[]): StageMoveResult[] {
		return moveDealStages(this.client, this.stages, moves, this.parallel);
	}

	dealsChangedSince(sinceMs: number): CrmDeal[] {
		// Optional work: it leaves the reserve to creates and moves.
		this.client.checkBudget("getDeals", this.reserveTokens);
		const key = this.field.existingKey();
		// Without the field Hubsheet has made no deal in this company yet.
		if (key === null) return [];
		const items = listChangedDeals(this.client, this.options.log, key, sinceMs, {
			maxPages: this.maxChangedPages,
			reserveTokens: this.reserveTokens,
		});
		const deals: CrmDeal[] = [];
		for (const deal of items) {
			if (deal.is_deleted) continue;
			// Deals without an order id were not made by Hubsheet: not the sheet's business.
			if (readOrderId(deal.custom_fields?.[key]) === null) continue;
			deals.push(this.toCrmDeal(deal, null));
		}
		return deals;
	}

	private toCrmDeal(deal: PipedriveDeal, orderId: string | null): CrmDeal {
		const key = this.field.current;
		return {
			dealId: String(deal.id),
			orderId: (key !== null ? readOrderId(deal.custom_fields?.[key]) : null) ?? orderId ?? "",
			stageName: this.stages.stageName(deal.stage_id),
			value: deal.value,
			currency: deal.currency,
			url: this.dealUrl(deal.id),
			updatedAtMs: parseTime(deal.update_time),
		};
	}
}
