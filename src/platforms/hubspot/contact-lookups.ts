/**
 * The buyers of a batch of new deals looked up in HubSpot together: each contact read by email (or
 * by the buyer id property, buyer-contact.ts) goes out in one fetchAll with the others, and what it
 * found is kept for that order's create (contacts.ts), which then reads nothing itself.
 *
 * Batch size. These are reads by a unique property, not searches: they count against HubSpot's
 * general limit, 100 requests per rolling 10 s for a private app on Free/Starter (190 on
 * Professional; HubSpot NOTES.md, Rate limits), not search's lower 4 per second (NOTES.md, Search,
 * [SRL]), which would allow a batch of 2. A batch takes half of the window
 * (core/look-up-batches.ts); the engine's groups between two saves keep it smaller still.
 *
 * A failed read that would also stop the deal (a rate limit, a refused token) fails only its order;
 * any other (a missing contacts scope) lets the deal be made without a contact, as contacts.ts does.
 */
import { type NewDeal, PlatformError } from "../../core/connector-contracts.js";
import { lookUpBatchSize, type RateWindow } from "../../core/look-up-batches.js";
import { buyerLookUpFailed } from "../http/create-once.js";
import { ensureBuyerIdProperty } from "./buyer-contact.js";
import type { CallSpec, HubSpotClient } from "./client.js";
import {
	contactByBuyer,
	contactByEmail,
	contactIdOf,
	GET_BUYER_CONTACT,
	GET_CONTACT,
	type LookedUpContacts,
} from "./contact-reads.js";

/** HubSpot's general limit for the smallest tier: what a batch must fit whatever the owner's plan. */
export const HUBSPOT_GENERAL_WINDOW: RateWindow = { requests: 100, windowMs: 10_000 };
export const CONTACT_LOOK_UP_BATCH = lookUpBatchSize(HUBSPOT_GENERAL_WINDOW);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Failures that stop the deal too (contacts.ts lets any other one make the deal without a contact). */
function stopsDeal(error: PlatformError): boolean {
	return error.kind === "rate-limit" || (error.kind === "auth" && error.options.status !== 403);
}

export class ContactLookUps implements LookedUpContacts {
	private readonly found = new Map<string, string | null | PlatformError>();

	constructor(private readonly client: HubSpotClient) {}

	take(term: string): string | null | PlatformError | undefined {
		const answer = this.found.get(term);
		this.found.delete(term);
		return answer;
	}

	/** Reads these buyers' contacts together, as their creates would one by one; returns the orders that must fail. */
	prepare(deals: readonly NewDeal[]): Map<string, PlatformError> {
		const failures = new Map<string, PlatformError>();
		const byTerm = new Map<string, { spec: CallSpec; orders: string[] }>();
		let buyerProperty: PlatformError | null | undefined;
		for (const { orderId, person } of deals) {
			const email = person.email.trim().toLowerCase();
			const buyerId = person.buyerId?.trim() ?? "";
			let term: string;
			let spec: CallSpec;
			if (EMAIL.test(email)) {
				term = `email:${email}`;
				spec = contactByEmail(email);
			} else if (/^\d{1,20}$/.test(buyerId)) {
				if (buyerProperty === undefined) buyerProperty = ensureProperty(this.client);
				if (buyerProperty !== null) {
					// Otherwise the create meets the same failure and makes the deal without a contact.
					if (stopsDeal(buyerProperty)) failures.set(orderId, buyerLookUpFailed(orderId, buyerProperty));
					continue;
				}
				term = `buyer:${buyerId}`;
				spec = contactByBuyer(buyerId);
			} else continue;
			const entry = byTerm.get(term) ?? { spec, orders: [] };
			entry.orders.push(orderId);
			byTerm.set(term, entry);
		}
		const terms = [...byTerm];
		const answers = this.client.callAll(terms.map(([, entry]) => entry.spec));
		terms.forEach(([term, entry], index) => {
			const answer = answers[index];
			const template = term.startsWith("email:") ? GET_CONTACT : GET_BUYER_CONTACT;
			try {
				if (answer === undefined) throw new PlatformError("HubSpot", template, "unavailable", "no answer");
				if (answer instanceof PlatformError) throw answer;
				this.found.set(term, contactIdOf(this.client, template, answer));
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				this.found.set(term, error);
				if (stopsDeal(error))
					for (const orderId of entry.orders) failures.set(orderId, buyerLookUpFailed(orderId, error));
			}
		});
		return failures;
	}
}

function ensureProperty(client: HubSpotClient): PlatformError | null {
	try {
		ensureBuyerIdProperty(client);
		return null;
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		return error;
	}
}
