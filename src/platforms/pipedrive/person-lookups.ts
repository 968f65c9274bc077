/**
 * The buyers of a batch of new deals looked up in Pipedrive together: each `/persons/search` (by
 * email, or by the buyer id in the person field of buyer-field.ts) goes out in one fetchAll with the
 * others, and what it found is kept for the person look-up of that order's create (persons.ts), which
 * then sends no search of its own. A search that fails fails only the orders that needed it.
 *
 * Batch size. Pipedrive limits requests per API token in a rolling 2-second window (rate-limit.ts;
 * `x-ratelimit-limit` reports it), 20 requests per 2 s on the plan with the fewest (Pipedrive's
 * rate-limiting page, as local/sandbox/pipedrive/README.md follows it). A batch takes half of it
 * (core/look-up-batches.ts): 10 searches, leaving room for the creates that follow one by one. Tokens
 * are the same sent alone or together (a search costs 20, TOKEN_COSTS): batching saves time, not
 * tokens; the daily budget is still checked before each request (client.ts).
 */
import { type NewDeal, PlatformError } from "../../core/connector-contracts.js";
import { lookUpBatchSize, type RateWindow } from "../../core/look-up-batches.js";
import type { HttpResponse } from "../../ports.js";
import { buyerLookUpFailed } from "../http/create-once.js";
import type { CallSpec, PipedriveClient } from "./client.js";
import { pipedriveError } from "./errors.js";
import { personKey, type RecentCreations } from "./recent-creations.js";
import { personSearchSchema } from "./schemas.js";

const API = "/api/v2";

/** The burst window of Pipedrive's smallest plan: what a batch must fit whatever the owner's plan. */
export const PIPEDRIVE_BURST_WINDOW: RateWindow = { requests: 20, windowMs: 2000 };
export const PERSON_LOOK_UP_BATCH = lookUpBatchSize(PIPEDRIVE_BURST_WINDOW);

export function emailSearch(email: string): CallSpec {
	return {
		operation: "searchPersons",
		method: "get",
		path: `${API}/persons/search`,
		query: { term: email, fields: "email", exact_match: true, limit: 10 },
		idempotent: true,
	};
}

export function buyerSearch(buyerId: string): CallSpec {
	return {
		operation: "searchPersons",
		method: "get",
		path: `${API}/persons/search`,
		query: { term: buyerId, fields: "custom_fields", exact_match: true, limit: 10 },
		idempotent: true,
	};
}

/** The persons an email search found, oldest first (the search was exact; an item listing emails must list this one). */
export function emailMatches(client: PipedriveClient, response: HttpResponse, email: string): number[] {
	const found = client.parse("searchPersons", client.expectOk("searchPersons", response), personSearchSchema);
	const wanted = email.toLowerCase();
	return found.data.items
		.map((entry) => entry.item)
		.filter((item) => item.emails == null || item.emails.some((value) => value.trim().toLowerCase() === wanted))
		.map((item) => item.id)
		.sort((a, b) => a - b);
}

/** The persons a buyer id search found, oldest first (each is read back by the caller: the search matches any custom field). */
export function buyerMatches(client: PipedriveClient, response: HttpResponse): number[] {
	return client
		.parse("searchPersons", client.expectOk("searchPersons", response), personSearchSchema)
		.data.items.map((entry) => entry.item.id)
		.sort((a, b) => a - b);
}

/** What this execution's batch searches found, each answer used once (a create may change it). */
export class PersonSearches {
	private readonly found = new Map<string, number[]>();

	constructor(
		private readonly client: PipedriveClient,
		private readonly recent: RecentCreations,
		/** The buyer field's key when Pipedrive has it (may send one request, once an execution). */
		private readonly buyerField: () => string | null,
	) {}

	/** The ids a batch search found for this term (`email:` or `buyer:`), once; undefined when none was made. */
	take(term: string): number[] | undefined {
		const ids = this.found.get(term);
		this.found.delete(term);
		return ids;
	}

	/**
	 * Sends the searches these buyers' creates would send, together, and keeps their answers.
	 * Buyers the connector already knows (a note from an earlier create, or an intent whose outcome
	 * is looked up another way) need none. Returns the orders whose search failed.
	 */
	prepare(deals: readonly NewDeal[]): Map<string, PlatformError> {
		const failures = new Map<string, PlatformError>();
		const byTerm = new Map<string, { spec: CallSpec; orders: string[]; email: string }>();
		for (const { orderId, person } of deals) {
			const email = person.email.trim();
			const buyerId = /^\d{1,20}$/.test(person.buyerId?.trim() ?? "") ? (person.buyerId?.trim() ?? "") : "";
			const key = personKey(email, orderId, buyerId);
			if (this.recent.get("persons", key) !== null || this.recent.get("personIntents", key) !== null) continue;
			let term: string;
			let spec: CallSpec;
			if (email !== "") {
				term = `email:${email.toLowerCase()}`;
				spec = emailSearch(email);
			} else if (buyerId !== "") {
				try {
					// No field yet: no person carries a buyer id, and the create makes one without searching.
					if (this.buyerField() === null) continue;
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					failures.set(orderId, buyerLookUpFailed(orderId, error));
					continue;
				}
				term = `buyer:${buyerId}`;
				spec = buyerSearch(buyerId);
			} else continue;
			const entry = byTerm.get(term) ?? { spec, orders: [], email };
			entry.orders.push(orderId);
			byTerm.set(term, entry);
		}
		const terms = [...byTerm];
		const answers = this.client.callAll(
			terms.map(([, entry]) => entry.spec),
			PERSON_LOOK_UP_BATCH,
		);
		terms.forEach(([term, entry], index) => {
			const answer = answers[index];
			try {
				if (answer === undefined || answer instanceof PlatformError) throw answer ?? missingAnswer();
				const ids =
					entry.email !== "" ? emailMatches(this.client, answer, entry.email) : buyerMatches(this.client, answer);
				this.found.set(term, ids);
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				for (const orderId of entry.orders) failures.set(orderId, buyerLookUpFailed(orderId, error));
			}
		});
		return failures;
	}
}

function missingAnswer(): PlatformError {
	return pipedriveError("searchPersons", "unavailable", "Pipedrive searchPersons gave no answer");
}
