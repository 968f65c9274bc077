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

import {
	type CrmConnector,
	type CrmDeal,
	type NewDeal,
	PlatformError,
	type StageMove,
	type StageMoveResult,
} from "../../core/connector-contracts.js";
import { trustedOrigins } from "../../core/link-policy.js";
import { DEFAULT_SEARCH_LAG_MS } from "../../core/search-lag.js";
import type { Clock, Http, HttpResponse, Log, Store } from "../../ports.js";
import { noteRetry } from "../http/retry-tally.js";
import type * as z from "../http/zod.js";
import { type CallSpec, PipedriveClient, type RetryPolicy } from "./client.js";
import { companyOrigin, normalizeCompanyDomain } from "./company-domain.js";
import { pipedriveError } from "./errors.js";
import type { PipedriveOperation, PipedriveQuota } from "./rate-limit.js";
import { personKey, RecentCreations } from "./recent-creations.js";
import {
	dealFieldSchema,
	dealSchema,
	dealSearchSchema,
	itemEnvelopeSchema,
	listEnvelopeSchema,
	type PipedriveDeal,
	type PipedrivePerson,
	parseTime,
	personSchema,
	personSearchSchema,
	pipelineSchema,
	stageSchema,
} from "./schemas.js";
import { normalizeName, StageDirectory, type StageEntry } from "./stage-directory.js";

export const DEFAULT_ORDER_FIELD_NAME = "Etsy order";
export const ORDER_FIELD_STORE_KEY = "pipedrive.orderField";
/** Custom field types that hold an order id as typed and that Pipedrive's deal search looks into. */
const ORDER_FIELD_TYPES = ["varchar", "varchar_auto", "text"];
const API = "/api/v2";
/** How far Pipedrive's clock and the script's may disagree when matching a person to its create. */
const PERSON_CLOCK_SLACK_MS = 5 * 60_000;

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
	/** How long after a create Pipedrive's look-ups can be trusted to show it (core/search-lag.ts). */
	searchLagMs?: number;
}

export class PipedriveConnector implements CrmConnector {
	readonly platform = "Pipedrive" as const;
	private readonly client: PipedriveClient;
	private readonly recent: RecentCreations;
	private readonly company: string;
	private readonly webOrigin: string;
	private readonly orderFieldName: string;
	private readonly reserveTokens: number;
	private readonly parallel: number;
	private readonly maxChangedPages: number;
	private fieldKey: string | null = null;
	/** The field was looked for in this execution and is not there. */
	private fieldMissing = false;
	private directory: StageDirectory | null = null;
	/** The pipeline named in settings, once resolved. */
	private fixedPipeline: number | null = null;
	/** The pipeline chosen for ambiguous names, from the names `unknownStages` was given. */
	private home: number | null = null;
	private directoryReloaded = false;
	private readonly searchLagMs: number;

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
		this.company = company;
		const apiOrigin = (options.apiOrigin ?? companyOrigin(company)).replace(/\/+$/, "");
		this.webOrigin = (options.webOrigin ?? (options.apiOrigin ? apiOrigin : companyOrigin(company))).replace(
			/\/+$/,
			"",
		);
		this.orderFieldName = options.orderFieldName?.trim() || DEFAULT_ORDER_FIELD_NAME;
		this.reserveTokens = options.reserveTokens ?? 500;
		this.parallel = Math.max(1, options.parallelRequests ?? 5);
		this.maxChangedPages = Math.max(1, options.maxChangedPages ?? 10);
		this.searchLagMs = Math.max(0, options.searchLagMs ?? DEFAULT_SEARCH_LAG_MS.Pipedrive);
		this.client = new PipedriveClient({
			http: options.http,
			clock: options.clock,
			apiToken: options.apiToken.trim(),
			apiOrigin,
			...(options.log ? { log: options.log } : {}),
			...(options.retry ? { retry: options.retry } : {}),
		});
		this.recent = new RecentCreations(options.store, company, options.log);
	}

	/** The limits Pipedrive reported last (daily token budget, burst window). */
	get quota(): PipedriveQuota | null {
		return this.client.quota;
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
		const directory = this.stages();
		const names = stageNames.filter((name) => name.trim() !== "");
		this.home = directory.homePipeline(names, this.fixedPipeline);
		const unknown: string[] = [];
		for (const name of names) {
			if (unknown.includes(name)) continue;
			if (!directory.resolve(name, this.home, this.fixedPipeline !== null)) unknown.push(name);
		}
		return unknown;
	}

	findDeal(orderId: string): CrmDeal | null {
		const order = checkOrderId(orderId, "searchDeals");
		const deal = this.lookupDeal(order);
		return deal ? this.toCrmDeal(deal, order) : null;
	}

	createDeal(deal: NewDeal): CrmDeal {
		const orderId = checkOrderId(deal.orderId, "addDeal");
		if (!Number.isFinite(deal.value)) {
			throw pipedriveError("addDeal", "rejected", `Pipedrive addDeal: the value of order ${orderId} is not a number`);
		}
		const currency = deal.currency.trim().toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency)) {
			throw pipedriveError(
				"addDeal",
				"rejected",
				`Pipedrive addDeal: "${deal.currency.slice(0, 20)}" is not a currency code (e.g. PLN)`,
			);
		}
		const key = this.orderFieldKey();
		const stage = this.stageFor(deal.stageName, "addDeal");
		const personId = this.findOrCreatePerson(deal.person, orderId);
		const body = {
			title: deal.title,
			value: deal.value,
			currency,
			stage_id: stage.id,
			...(personId !== null ? { person_id: personId } : {}),
			custom_fields: { [key]: orderId },
		};
		let response: HttpResponse;
		try {
			response = this.client.call({
				operation: "addDeal",
				method: "post",
				path: `${API}/deals`,
				body,
				idempotent: false,
			});
		} catch (error) {
			if (error instanceof PlatformError && error.options.mayHaveApplied) return this.recoverDeal(orderId, error);
			throw error;
		}
		this.client.expectOk("addDeal", response);
		let created: PipedriveDeal;
		try {
			created = this.client.shape(
				"addDeal",
				this.client.parse("addDeal", response, itemEnvelopeSchema).data,
				dealSchema,
				["data"],
			);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			// Pipedrive said yes: the deal exists even though its answer cannot be read.
			return this.recoverDeal(
				orderId,
				pipedriveError("addDeal", error.kind, error.message, { ...error.options, mayHaveApplied: true }),
			);
		}
		this.recent.remember("deals", orderId, String(created.id));
		return this.toCrmDeal(created, orderId);
	}

	moveStages(moves: readonly StageMove[]): StageMoveResult[] {
		const results: StageMoveResult[] = [];
		try {
			this.stages();
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			return moves.map((move) => ({ orderId: move.orderId, ok: false, error }));
		}
		const pending: Array<{ index: number; move: StageMove; spec: CallSpec }> = [];
		moves.forEach((move, index) => {
			try {
				const dealId = checkDealId(move.dealId, move.orderId);
				const stage = this.stageFor(move.stageName, "updateDeal");
				pending.push({
					index,
					move,
					spec: {
						operation: "updateDeal",
						method: "patch",
						path: `${API}/deals/${dealId}`,
						body: { stage_id: stage.id },
						idempotent: true,
					},
				});
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				results[index] = { orderId: move.orderId, ok: false, error };
			}
		});
		const answers = this.client.callAll(
			pending.map((p) => p.spec),
			this.parallel,
		);
		answers.forEach((answer, i) => {
			const { index, move } = pending[i] as (typeof pending)[number];
			if (answer instanceof PlatformError) results[index] = { orderId: move.orderId, ok: false, error: answer };
			else if (answer.status >= 200 && answer.status < 300) results[index] = { orderId: move.orderId, ok: true };
			else if (answer.status === 404 || answer.status === 410) {
				results[index] = {
					orderId: move.orderId,
					ok: false,
					error: pipedriveError(
						"updateDeal",
						"rejected",
						`Pipedrive updateDeal: deal ${move.dealId} of order ${move.orderId} no longer exists in Pipedrive (deleted?)`,
						{ status: answer.status },
					),
				};
			} else results[index] = { orderId: move.orderId, ok: false, error: this.client.refused("updateDeal", answer) };
		});
		return results;
	}

	dealsChangedSince(sinceMs: number): CrmDeal[] {
		// Optional work: it leaves the reserve to creates and moves.
		this.client.checkBudget("getDeals", this.reserveTokens);
		const key = this.existingOrderFieldKey();
		// Without the field Hubsheet has made no deal in this company yet.
		if (key === null) return [];
		const since = Math.max(0, Math.floor((Number.isFinite(sinceMs) ? sinceMs : 0) / 1000));
		const { items, more } = this.listPages(
			"getDeals",
			`${API}/deals`,
			{
				updated_since: rfc3339(since),
				sort_by: "update_time",
				sort_direction: "asc",
				limit: 500,
				custom_fields: key,
			},
			dealSchema,
			this.maxChangedPages,
			this.reserveTokens,
		);
		if (more) {
			this.options.log?.warn(
				`Pipedrive: more deals changed since ${rfc3339(since)} than one sync reads; the rest follow next time`,
			);
		}
		const deals: CrmDeal[] = [];
		for (const deal of items) {
			if (deal.is_deleted) continue;
			// Deals without an order id were not made by Hubsheet: not the sheet's business.
			if (readOrderId(deal.custom_fields?.[key]) === null) continue;
			deals.push(this.toCrmDeal(deal, null));
		}
		return deals;
	}

	// ------------------------------------------------------------------ deals

	/** The live deal carrying this order id, or null; see the module comment for the order of looking. */
	private lookupDeal(orderId: string): PipedriveDeal | null {
		const key = this.existingOrderFieldKey();
		if (key === null) return null;
		const carries = (deal: PipedriveDeal | null): deal is PipedriveDeal =>
			deal !== null && deal.is_deleted !== true && readOrderId(deal.custom_fields?.[key]) === orderId;

		const noted = this.recent.get("deals", orderId);
		if (noted !== null) {
			const deal = this.getDeal(noted, key);
			if (carries(deal)) return deal;
			this.recent.forget("deals", orderId);
		}

		const { items: latest } = this.listPages(
			"getDeals",
			`${API}/deals`,
			{ sort_by: "add_time", sort_direction: "desc", limit: 100, custom_fields: key },
			dealSchema,
			1,
		);
		const recent = latest.filter(carries).sort((a, b) => a.id - b.id)[0];
		if (recent) return recent;

		const response = this.client.expectOk(
			"searchDeals",
			this.client.call({
				operation: "searchDeals",
				method: "get",
				path: `${API}/deals/search`,
				query: { term: orderId, fields: "custom_fields", exact_match: true, limit: 20 },
				idempotent: true,
			}),
		);
		const found = this.client.parse("searchDeals", response, dealSearchSchema);
		const ids = found.data.items
			.map((entry) => entry.item)
			.filter((item) => (item.custom_fields ?? []).some((value) => readOrderId(value) === orderId))
			.map((item) => item.id)
			.sort((a, b) => a - b);
		for (const id of ids) {
			const deal = this.getDeal(String(id), key);
			if (carries(deal)) return deal;
		}
		return null;
	}

	private getDeal(dealId: string, fieldKey: string): PipedriveDeal | null {
		if (!/^\d+$/.test(dealId)) return null;
		const response = this.client.call({
			operation: "getDeal",
			method: "get",
			path: `${API}/deals/${dealId}`,
			query: { custom_fields: fieldKey },
			idempotent: true,
		});
		if (response.status === 404 || response.status === 410) return null;
		this.client.expectOk("getDeal", response);
		return this.client.shape("getDeal", this.client.parse("getDeal", response, itemEnvelopeSchema).data, dealSchema, [
			"data",
		]);
	}

	/**
	 * After a create that may have happened (5xx, timeout, unreadable answer): looks the deal up
	 * before anything is sent again. Found, it is the result; not found, the original failure stands
	 * (with `mayHaveApplied`, so the engine looks again on the next run before creating).
	 */
	private recoverDeal(orderId: string, cause: PlatformError): CrmDeal {
		this.options.log?.warn(`${cause.message}; looking for the deal of order ${orderId} before anything is sent again`);
		noteRetry("Pipedrive", "create unsure, looked up");
		let found: PipedriveDeal | null = null;
		try {
			found = this.lookupDeal(orderId);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			this.options.log?.warn(`Pipedrive: looking for the deal of order ${orderId} failed too: ${error.message}`);
		}
		if (found) {
			this.recent.remember("deals", orderId, String(found.id));
			return this.toCrmDeal(found, orderId);
		}
		throw cause.options.mayHaveApplied
			? cause
			: new PlatformError("Pipedrive", cause.endpoint, cause.kind, cause.message, {
					...cause.options,
					mayHaveApplied: true,
				});
	}

	private toCrmDeal(deal: PipedriveDeal, orderId: string | null): CrmDeal {
		const key = this.fieldKey;
		return {
			dealId: String(deal.id),
			orderId: (key !== null ? readOrderId(deal.custom_fields?.[key]) : null) ?? orderId ?? "",
			stageName: this.stageName(deal.stage_id),
			value: deal.value,
			currency: deal.currency,
			url: this.dealUrl(deal.id),
			updatedAtMs: parseTime(deal.update_time),
		};
	}

	// ------------------------------------------------------------------ persons

	/**
	 * The person for the buyer: noted by an earlier create, found by email, or created. A person
	 * create has an intent (in the Store, before the request goes out) kept until its outcome is
	 * known: a run killed right after Pipedrive made the person, or an answer lost to a timeout,
	 * leaves the intent, and the next attempt looks the person up (once Pipedrive's search has had
	 * time to show it) before it sends anything. A request that may have applied is never sent again
	 * in the same run.
	 */
	private findOrCreatePerson(person: NewDeal["person"], orderId: string): number | null {
		const email = person.email.trim();
		const key = personKey(email, orderId);
		const name = person.name.trim() || email || "Etsy buyer";
		const noted = this.recent.get("persons", key);
		if (noted !== null) {
			const found = this.getPerson(noted);
			if (found && found.is_deleted !== true && (email === "" || hasEmail(found, email))) return found.id;
			this.recent.forget("persons", key);
		}
		const intent = this.recent.get("personIntents", key);
		if (intent !== null) {
			const sentAt = Number(intent);
			const waited = this.options.clock.now().getTime() - sentAt;
			if (Number.isFinite(sentAt) && waited < this.searchLagMs) {
				throw pipedriveError(
					"addPerson",
					"unavailable",
					`Pipedrive may still be adding the person for order ${orderId} (asked ${Math.max(0, Math.round(waited / 1000))} s ago); Hubsheet looks for it at a later sync before adding one.`,
					{ mayHaveApplied: true },
				);
			}
			const found = this.lookupPerson(name, email, Number.isFinite(sentAt) ? sentAt : 0);
			if (found !== null) return this.settlePerson(key, found);
			// Not in Pipedrive's own list of recent persons: the earlier create did not happen.
			this.recent.forget("personIntents", key);
		}
		if (email !== "") {
			const found = this.searchPerson(email);
			if (found !== null) return found;
		}
		const body = {
			name,
			...(email !== "" ? { emails: [{ value: email, primary: true, label: "work" }] } : {}),
		};
		const sentAt = this.options.clock.now().getTime();
		this.recent.remember("personIntents", key, String(sentAt));
		let response: HttpResponse;
		try {
			response = this.client.call({
				operation: "addPerson",
				method: "post",
				path: `${API}/persons`,
				body,
				idempotent: false,
			});
		} catch (error) {
			if (error instanceof PlatformError && error.options.mayHaveApplied) {
				return this.recoverPerson(key, name, email, sentAt, error);
			}
			this.recent.forget("personIntents", key);
			throw error;
		}
		if (response.status < 200 || response.status >= 300) {
			// A refusal in Pipedrive's words: nothing was made.
			this.recent.forget("personIntents", key);
			this.client.expectOk("addPerson", response);
		}
		let created: PipedrivePerson;
		try {
			created = this.client.shape(
				"addPerson",
				this.client.parse("addPerson", response, itemEnvelopeSchema).data,
				personSchema,
				["data"],
			);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			// Pipedrive said yes: the person exists even though its answer cannot be read.
			return this.recoverPerson(
				key,
				name,
				email,
				sentAt,
				pipedriveError("addPerson", error.kind, error.message, { ...error.options, mayHaveApplied: true }),
			);
		}
		return this.settlePerson(key, created.id);
	}

	private settlePerson(key: string, personId: number): number {
		this.recent.remember("persons", key, String(personId));
		this.recent.forget("personIntents", key);
		return personId;
	}

	/** After a person create that may have happened: looks once, and never sends it again in this run. */
	private recoverPerson(key: string, name: string, email: string, sentAt: number, cause: PlatformError): number {
		this.options.log?.warn(`${cause.message}; looking for the person before anything is sent again`);
		noteRetry("Pipedrive", "create unsure, looked up");
		let found: number | null = null;
		try {
			found = this.lookupPerson(name, email, sentAt);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			this.options.log?.warn(`Pipedrive: looking for the person failed too: ${error.message}`);
		}
		if (found !== null) return this.settlePerson(key, found);
		throw new PlatformError("Pipedrive", cause.endpoint, cause.kind, cause.message, {
			...cause.options,
			mayHaveApplied: true,
		});
	}

	/**
	 * The person an earlier create may have made: among the persons Pipedrive added most recently
	 * (its database, without the search index's lag), the oldest one added since the create was sent
	 * with this name (and this email, when there is one) that no other order's note claims; then, for
	 * a buyer with email, Pipedrive's search.
	 */
	private lookupPerson(name: string, email: string, sentAt: number): number | null {
		const { items } = this.listPages(
			"getPersons",
			`${API}/persons`,
			{ sort_by: "add_time", sort_direction: "desc", limit: 100 },
			personSchema,
			1,
		);
		const claimed = new Set(this.recent.ids("persons"));
		const wanted = normalizeName(name);
		const candidate = items
			.filter(
				(found) =>
					found.is_deleted !== true &&
					normalizeName(found.name ?? "") === wanted &&
					(email === "" ? (found.emails ?? []).length === 0 : hasEmail(found, email)) &&
					// Clocks differ a little: a person added shortly before the recorded send still counts.
					(found.add_time == null || parseTime(found.add_time) >= sentAt - PERSON_CLOCK_SLACK_MS) &&
					!claimed.has(String(found.id)),
			)
			.sort((a, b) => a.id - b.id)[0];
		if (candidate) return candidate.id;
		return email === "" ? null : this.searchPerson(email);
	}

	private getPerson(personId: string): PipedrivePerson | null {
		if (!/^\d+$/.test(personId)) return null;
		const response = this.client.call({
			operation: "getPerson",
			method: "get",
			path: `${API}/persons/${personId}`,
			idempotent: true,
		});
		if (response.status === 404 || response.status === 410) return null;
		this.client.expectOk("getPerson", response);
		return this.client.shape(
			"getPerson",
			this.client.parse("getPerson", response, itemEnvelopeSchema).data,
			personSchema,
			["data"],
		);
	}

	/** The oldest person with this email (exact, not case-sensitive), or null. */
	private searchPerson(email: string): number | null {
		const response = this.client.expectOk(
			"searchPersons",
			this.client.call({
				operation: "searchPersons",
				method: "get",
				path: `${API}/persons/search`,
				query: { term: email, fields: "email", exact_match: true, limit: 10 },
				idempotent: true,
			}),
		);
		const found = this.client.parse("searchPersons", response, personSearchSchema);
		const wanted = email.toLowerCase();
		const ids = found.data.items
			.map((entry) => entry.item)
			// The search was exact on email; an item that lists its emails must list this one.
			.filter((item) => item.emails == null || item.emails.some((value) => value.trim().toLowerCase() === wanted))
			.map((item) => item.id)
			.sort((a, b) => a - b);
		return ids[0] ?? null;
	}

	// ------------------------------------------------------------------ stages

	/** Stages (and the settings' pipeline), read once per execution. */
	private stages(): StageDirectory {
		if (this.directory) return this.directory;
		const { items: stages } = this.listPages("getStages", `${API}/stages`, { limit: 500 }, stageSchema, 20);
		let pipelines: Array<{ id: number; name: string; orderNr: number }> = [];
		const wanted = this.options.pipelineName?.trim();
		if (wanted) {
			const { items } = this.listPages("getPipelines", `${API}/pipelines`, { limit: 500 }, pipelineSchema, 20);
			pipelines = items
				.filter((p) => p.is_deleted !== true)
				.map((p) => ({ id: p.id, name: p.name, orderNr: p.order_nr ?? 0 }));
			const pipeline = pipelines.find((p) => normalizeName(p.name) === normalizeName(wanted));
			if (!pipeline) {
				throw pipedriveError(
					"getPipelines",
					"rejected",
					`Pipedrive has no pipeline named "${wanted}" (it has ${pipelines.map((p) => `"${p.name}"`).join(", ") || "none"})`,
				);
			}
			this.fixedPipeline = pipeline.id;
		}
		const entries: StageEntry[] = stages
			.filter((s) => s.is_deleted !== true)
			.map((s) => ({ id: s.id, name: s.name, pipelineId: s.pipeline_id, orderNr: s.order_nr ?? 0 }));
		this.directory = new StageDirectory(entries, pipelines);
		return this.directory;
	}

	/** The stage for a mapped name; reads the stages again once when the name is new to this execution. */
	private stageFor(name: string, operation: PipedriveOperation): StageEntry {
		const find = () => {
			const directory = this.stages();
			const home = this.home ?? directory.homePipeline([name], this.fixedPipeline);
			return directory.resolve(name, home, this.fixedPipeline !== null);
		};
		let stage = find();
		if (!stage && !this.directoryReloaded) {
			this.directoryReloaded = true;
			this.directory = null;
			stage = find();
		}
		if (!stage) {
			throw pipedriveError(
				operation,
				"rejected",
				`Pipedrive has no stage named "${name}"${this.options.pipelineName ? ` in pipeline "${this.options.pipelineName}"` : ""}`,
			);
		}
		return stage;
	}

	/** The stage's name as the owner sees it; reads the stages again once for an id it does not know. */
	private stageName(stageId: number): string {
		let stage = this.stages().byId(stageId);
		if (!stage && !this.directoryReloaded) {
			this.directoryReloaded = true;
			this.directory = null;
			stage = this.stages().byId(stageId);
		}
		return stage?.name ?? `(deleted stage ${stageId})`;
	}

	// ------------------------------------------------------------------ the order field

	/**
	 * The key of the deal field holding order ids, when it exists: remembered in the Store and
	 * verified once per execution (1 token), or found by name among the deal fields.
	 */
	private existingOrderFieldKey(): string | null {
		if (this.fieldKey !== null) return this.fieldKey;
		if (this.fieldMissing) return null;
		const saved = this.savedFieldKey();
		if (saved !== null) {
			const response = this.client.call({
				operation: "getDealField",
				method: "get",
				path: `${API}/dealFields/${encodeURIComponent(saved)}`,
				idempotent: true,
			});
			if (response.status >= 200 && response.status < 300) {
				const field = this.client.shape(
					"getDealField",
					this.client.parse("getDealField", response, itemEnvelopeSchema).data,
					dealFieldSchema,
					["data"],
				);
				if (field.is_custom_field && ORDER_FIELD_TYPES.includes(field.field_type)) return this.useFieldKey(saved);
			} else if (response.status !== 404 && response.status !== 410) {
				throw this.client.refused("getDealField", response);
			}
		}
		const existing = this.findOrderField();
		if (existing !== null) return this.useFieldKey(existing);
		this.fieldMissing = true;
		return null;
	}

	/** The key of the deal field holding order ids, created when Pipedrive has none yet. */
	private orderFieldKey(): string {
		const existing = this.existingOrderFieldKey();
		if (existing !== null) return existing;
		let response: HttpResponse;
		try {
			response = this.client.call({
				operation: "addDealField",
				method: "post",
				path: `${API}/dealFields`,
				body: {
					field_name: this.orderFieldName,
					field_type: "varchar",
					description: "The Etsy order this deal was made for. Kept by Hubsheet, which finds its deals by it.",
				},
				idempotent: false,
			});
		} catch (error) {
			if (error instanceof PlatformError && error.options.mayHaveApplied) {
				const again = this.findOrderField();
				if (again !== null) return this.useFieldKey(again);
			}
			throw error;
		}
		this.client.expectOk("addDealField", response);
		const field = this.client.shape(
			"addDealField",
			this.client.parse("addDealField", response, itemEnvelopeSchema).data,
			dealFieldSchema,
			["data"],
		);
		this.options.log?.info(`Pipedrive: created the deal field "${this.orderFieldName}" for Etsy order ids`);
		return this.useFieldKey(field.field_code);
	}

	private findOrderField(): string | null {
		const { items } = this.listPages("getDealFields", `${API}/dealFields`, { limit: 500 }, dealFieldSchema, 20);
		const named = items.filter(
			(f) => f.is_custom_field && normalizeName(f.field_name) === normalizeName(this.orderFieldName),
		);
		const usable = named.find((f) => ORDER_FIELD_TYPES.includes(f.field_type));
		if (usable) return usable.field_code;
		const other = named[0];
		if (other) {
			throw pipedriveError(
				"getDealFields",
				"rejected",
				`Pipedrive already has a deal field named "${other.field_name}", but of type ${other.field_type}; Hubsheet keeps Etsy order ids in a text field. Rename that field in Pipedrive, or choose another field name in Hubsheet's settings.`,
			);
		}
		return null;
	}

	private savedFieldKey(): string | null {
		const raw = this.options.store.get(ORDER_FIELD_STORE_KEY);
		if (raw === null) return null;
		try {
			const saved = JSON.parse(raw) as { company?: unknown; key?: unknown; name?: unknown };
			return saved.company === this.company &&
				saved.name === this.orderFieldName &&
				typeof saved.key === "string" &&
				saved.key !== ""
				? saved.key
				: null;
		} catch {
			return null;
		}
	}

	private useFieldKey(key: string): string {
		this.fieldKey = key;
		this.fieldMissing = false;
		if (this.savedFieldKey() !== key) {
			this.options.store.set(
				ORDER_FIELD_STORE_KEY,
				JSON.stringify({ company: this.company, name: this.orderFieldName, key }),
			);
		}
		return key;
	}

	// ------------------------------------------------------------------ lists

	/**
	 * Follows `next_cursor` for up to `maxPages` pages. Each item is parsed on its own: one that does
	 * not fit is logged and left out, so one odd deal never blocks the others. With a `reserve`, later
	 * pages stop before they would eat into it (`more` then says there was more).
	 */
	private listPages<T>(
		operation: PipedriveOperation,
		path: string,
		query: Record<string, string | number | boolean>,
		schema: z.ZodMiniType<T>,
		maxPages: number,
		reserve = 0,
	): { items: T[]; more: boolean } {
		const items: T[] = [];
		let cursor: string | null = null;
		for (let page = 0; page < maxPages; page++) {
			if (page > 0 && reserve > 0) {
				try {
					this.client.checkBudget(operation, reserve);
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					this.options.log?.warn(`${error.message} Stopped after ${page} pages.`);
					return { items, more: true };
				}
			}
			const response = this.client.expectOk(
				operation,
				this.client.call({ operation, method: "get", path, query: { ...query, cursor }, idempotent: true }),
			);
			const envelope = this.client.parse(operation, response, listEnvelopeSchema);
			envelope.data.forEach((raw, index) => {
				try {
					items.push(this.client.shape(operation, raw, schema, ["data", index]));
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					this.options.log?.warn(`${error.message} (left out)`);
				}
			});
			cursor = envelope.additional_data?.next_cursor ?? null;
			if (!cursor) return { items, more: false };
		}
		return { items, more: true };
	}
}

/** An order id as a deal field holds it: text, or a number when a field was set by hand. */
function readOrderId(value: unknown): string | null {
	if (typeof value === "string" && value.trim() !== "") return value.trim();
	if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
	return null;
}

function checkOrderId(orderId: string, operation: PipedriveOperation): string {
	const text = orderId.trim();
	if (text === "" || text.length > 255) {
		throw pipedriveError(operation, "rejected", `Pipedrive ${operation}: "${text.slice(0, 40)}" is not an order id`);
	}
	return text;
}

/** Digits only: a deal id from a sheet cell must not be able to change the path. */
function checkDealId(dealId: string, orderId: string): string {
	const text = dealId.trim();
	if (!/^\d+$/.test(text) || /^0+$/.test(text)) {
		throw pipedriveError(
			"updateDeal",
			"rejected",
			`Pipedrive updateDeal: "${text.slice(0, 40)}" (order ${orderId}) is not a Pipedrive deal id`,
		);
	}
	return text;
}

function hasEmail(person: PipedrivePerson, email: string): boolean {
	const wanted = email.trim().toLowerCase();
	return (person.emails ?? []).some((entry) => (entry.value ?? "").trim().toLowerCase() === wanted);
}

/** `2025-01-01T10:20:00Z`: RFC 3339 without fractions, as `updated_since` takes it. */
function rfc3339(epochSeconds: number): string {
	return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
