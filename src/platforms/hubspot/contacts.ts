/**
 * The buyer as a HubSpot contact, found by email first (or, when Etsy withholds the email, by Etsy's
 * buyer id: buyer-contact.ts), so the deal shows who ordered. Lookups use
 * `GET /crm/v3/objects/contacts/{email}?idProperty=email` rather than search: search indexes writes
 * with a delay, so a contact created a moment ago (by a previous, crashed run) would be missed.
 *
 * Linking is a courtesy: when it fails for a reason that does not also stop deals (a missing contacts
 * scope, a refused email, an unreadable answer), the deal is created without a contact and a warning
 * is logged.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Log } from "../../ports.js";
import { findOrCreateBuyerContact } from "./buyer-contact.js";
import type { HubSpotClient } from "./client.js";
import { contactByEmail, contactIdOf, GET_CONTACT, type LookedUpContacts, taken } from "./contact-reads.js";
import { crmObjectSchema } from "./schemas.js";

const CREATE_CONTACT = "POST /crm/v3/objects/contacts";
/** HubSpot-defined association type of a deal to a contact. */
export const DEAL_TO_CONTACT_ASSOCIATION = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function findOrCreateContact(
	client: HubSpotClient,
	person: { name: string; email: string; buyerId?: string },
	log: Log | undefined,
	lookedUp?: LookedUpContacts,
): string | null {
	const email = person.email.trim().toLowerCase();
	const buyerId = person.buyerId?.trim() ?? "";
	// Etsy hides many buyers' emails: such a buyer is found by Etsy's buyer id; without either, a
	// contact could never be found again, so none is made.
	if (!EMAIL.test(email) && !/^\d{1,20}$/.test(buyerId)) return null;
	try {
		if (!EMAIL.test(email)) return findOrCreateBuyerContact(client, buyerId, person.name, lookedUp);
		const known = taken(lookedUp, `email:${email}`);
		const existing = known === undefined ? getByEmail(client, email) : known;
		if (existing) return existing;
		return create(client, email, person.name);
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		// A 401 or a rate limit stops deals too: let the caller fail the create with it.
		if (error.kind === "rate-limit" || (error.kind === "auth" && error.options.status !== 403)) throw error;
		log?.warn(`HubSpot: the deal is created without a linked contact: ${error.message}`);
		return null;
	}
}

function getByEmail(client: HubSpotClient, email: string): string | null {
	return contactIdOf(client, GET_CONTACT, client.call(contactByEmail(email)));
}

function create(client: HubSpotClient, email: string, name: string): string {
	const [firstname = "", ...rest] = name.trim().split(/\s+/);
	const response = client.call({
		method: "post",
		path: "/crm/v3/objects/contacts",
		template: CREATE_CONTACT,
		body: { properties: { email, firstname, lastname: rest.join(" ") } },
		// HubSpot keeps emails unique (a second create answers 409 with the existing id), so repeating is safe.
		idempotent: true,
	});
	if (response.status === 409) {
		const existing = /Existing ID:\s*(\d+)/i.exec(client.said(response))?.[1];
		if (existing) return existing;
		const found = getByEmail(client, email);
		if (found) return found;
	}
	return client.parse(crmObjectSchema, CREATE_CONTACT, response).id;
}
