/**
 * The buyer as a Pipedrive person: noted by an earlier create, found by email (or, when Etsy withholds
 * the email, by Etsy's buyer id in the person field "Etsy buyer", never by name alone), or created
 * once, with an intent in the Store before the create is sent and a look-up before anything is sent again.
 */
import type { NewDeal } from "../../core/connector-contracts.js";
import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, HttpResponse, Log } from "../../ports.js";
import { noteRetry } from "../http/retry-tally.js";
import { PipedriveBuyerField } from "./buyer-field.js";
import type { PipedriveClient } from "./client.js";
import { pipedriveError } from "./errors.js";
import { listPages } from "./list-pages.js";
import { buyerMatches, buyerSearch, emailMatches, emailSearch, PersonSearches } from "./person-lookups.js";
import { personKey, type RecentCreations } from "./recent-creations.js";
import { itemEnvelopeSchema, type PipedrivePerson, parseTime, personSchema } from "./schemas.js";
import { normalizeName } from "./stage-catalog.js";

const API = "/api/v2";
/** How far Pipedrive's clock and the script's may disagree when matching a person to its create. */
const PERSON_CLOCK_SLACK_MS = 5 * 60_000;

export class PipedrivePersons {
	private readonly buyerField: PipedriveBuyerField;
	/** What batch searches found ahead of the creates (person-lookups.ts). */
	private readonly searches: PersonSearches;

	constructor(
		private readonly client: PipedriveClient,
		private readonly recent: RecentCreations,
		private readonly clock: Clock,
		private readonly searchLagMs: number,
		private readonly log?: Log,
	) {
		this.buyerField = new PipedriveBuyerField(client, log);
		this.searches = new PersonSearches(client, recent, () => this.buyerField.existing());
	}

	/** Searches for these buyers together, ahead of their creates; returns the orders whose search failed. */
	prepare(deals: readonly NewDeal[]): Map<string, PlatformError> {
		return this.searches.prepare(deals);
	}

	/**
	 * The person for the buyer: noted by an earlier create, found by email, or created. A person
	 * create has an intent (in the Store, before the request goes out) kept until its outcome is
	 * known: a run killed right after Pipedrive made the person, or an answer lost to a timeout,
	 * leaves the intent, and the next attempt looks the person up (once Pipedrive's search has had
	 * time to show it) before it sends anything. A request that may have applied is never sent again
	 * in the same run.
	 */
	findOrCreate(person: NewDeal["person"], orderId: string): number | null {
		const email = person.email.trim();
		const buyerId = /^\d{1,20}$/.test(person.buyerId?.trim() ?? "") ? (person.buyerId?.trim() ?? "") : "";
		const key = personKey(email, orderId, buyerId);
		const name = person.name.trim() || email || "Etsy buyer";
		const matches = (found: PipedrivePerson) =>
			email !== "" ? hasEmail(found, email) : buyerId === "" || this.buyerField.of(found) === buyerId;
		const noted = this.recent.get("persons", key);
		if (noted !== null) {
			const found = this.get(noted);
			if (found && found.is_deleted !== true && matches(found)) return found.id;
			this.recent.forget("persons", key);
		}
		const intent = this.recent.get("personIntents", key);
		if (intent !== null) {
			const sentAt = Number(intent);
			const waited = this.clock.now().getTime() - sentAt;
			if (Number.isFinite(sentAt) && waited < this.searchLagMs) {
				throw pipedriveError(
					"addPerson",
					"unavailable",
					`Pipedrive may still be adding the person for order ${orderId} (asked ${Math.max(0, Math.round(waited / 1000))} s ago); Hubsheet looks for it at a later sync before adding one.`,
					{ mayHaveApplied: true },
				);
			}
			const found = this.lookup(name, email, Number.isFinite(sentAt) ? sentAt : 0, buyerId);
			if (found !== null) return this.settle(key, found);
			// Not in Pipedrive's own list of recent persons: the earlier create did not happen.
			this.recent.forget("personIntents", key);
		}
		if (email !== "") {
			const found = this.search(email);
			if (found !== null) return found;
		} else if (buyerId !== "") {
			const found = this.searchByBuyer(buyerId);
			if (found !== null) return this.settle(key, found);
		}
		const buyerField = buyerId !== "" ? this.buyerField.ensure() : null;
		const body = {
			name,
			...(email !== "" ? { emails: [{ value: email, primary: true, label: "work" }] } : {}),
			...(buyerField !== null ? { custom_fields: { [buyerField]: buyerId } } : {}),
		};
		const sentAt = this.clock.now().getTime();
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
				return this.recover(key, name, email, sentAt, error, buyerId);
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
			return this.recover(
				key,
				name,
				email,
				sentAt,
				pipedriveError("addPerson", error.kind, error.message, { ...error.options, mayHaveApplied: true }),
				buyerId,
			);
		}
		return this.settle(key, created.id);
	}

	private settle(key: string, personId: number): number {
		this.recent.remember("persons", key, String(personId));
		this.recent.forget("personIntents", key);
		return personId;
	}

	/** After a person create that may have happened: looks once, and never sends it again in this run. */
	private recover(
		key: string,
		name: string,
		email: string,
		sentAt: number,
		cause: PlatformError,
		buyerId: string,
	): number {
		this.log?.warn(`${cause.message}; looking for the person before anything is sent again`);
		noteRetry("Pipedrive", "create unsure, looked up");
		let found: number | null = null;
		try {
			found = this.lookup(name, email, sentAt, buyerId);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			this.log?.warn(`Pipedrive: looking for the person failed too: ${error.message}`);
		}
		if (found !== null) return this.settle(key, found);
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
	private lookup(name: string, email: string, sentAt: number, buyerId: string): number | null {
		const { items } = listPages(
			this.client,
			this.log,
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
					(email !== ""
						? hasEmail(found, email)
						: (found.emails ?? []).length === 0 && (buyerId === "" || this.buyerField.of(found) === buyerId)) &&
					// Clocks differ a little: a person added shortly before the recorded send still counts.
					(found.add_time == null || parseTime(found.add_time) >= sentAt - PERSON_CLOCK_SLACK_MS) &&
					!claimed.has(String(found.id)),
			)
			.sort((a, b) => a.id - b.id)[0];
		if (candidate) return candidate.id;
		if (email !== "") return this.search(email);
		return buyerId !== "" ? this.searchByBuyer(buyerId) : null;
	}

	/**
	 * The oldest person whose "Etsy buyer" field holds this id (search on custom fields, exact; each
	 * hit read back, since the search matches any searchable custom field), or null.
	 */
	private searchByBuyer(buyerId: string): number | null {
		if (this.buyerField.existing() === null) return null;
		const ids =
			this.searches.take(`buyer:${buyerId}`) ?? buyerMatches(this.client, this.client.call(buyerSearch(buyerId)));
		for (const id of ids.slice(0, 3)) {
			const person = this.get(String(id));
			if (person && person.is_deleted !== true && this.buyerField.of(person) === buyerId) return person.id;
		}
		return null;
	}

	private get(personId: string): PipedrivePerson | null {
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
	private search(email: string): number | null {
		const ids =
			this.searches.take(`email:${email.toLowerCase()}`) ??
			emailMatches(this.client, this.client.call(emailSearch(email)), email);
		return ids[0] ?? null;
	}
}

export function hasEmail(person: PipedrivePerson, email: string): boolean {
	const wanted = email.trim().toLowerCase();
	return (person.emails ?? []).some((entry) => (entry.value ?? "").trim().toLowerCase() === wanted);
}
