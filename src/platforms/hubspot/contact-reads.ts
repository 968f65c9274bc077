/**
 * Reading a contact by a unique property (`GET /crm/v3/objects/contacts/{value}?idProperty=...`):
 * by email, or by the buyer id in `hubsheet_etsy_buyer_id` (buyer-contact.ts). Consistent at
 * once, unlike search, and under HubSpot's general rate limit rather than search's lower one
 * (HubSpot NOTES.md, Search and Rate limits). Shared by the one-by-one reads of a create and the
 * batch that reads ahead of the creates (contact-lookups.ts).
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { percentEncode } from "../http/query-string.js";
import type { CallSpec, HubSpotClient } from "./client.js";
import { crmObjectSchema } from "./schemas.js";

export const BUYER_ID_PROPERTY = "hubsheet_etsy_buyer_id";
export const GET_CONTACT = "GET /crm/v3/objects/contacts/{email}";
export const GET_BUYER_CONTACT = "GET /crm/v3/objects/contacts/{buyerId}?idProperty";

/** What a batch look-up found ahead of the creates (contact-lookups.ts), each answer taken once. */
export interface LookedUpContacts {
	/** The contact id, null for none, the look-up's failure, or undefined when no batch looked. */
	take(term: string): string | null | PlatformError | undefined;
}

/** The batch's answer for this term: an id, null for none, undefined when it has none (a failure is thrown). */
export function taken(lookedUp: LookedUpContacts | undefined, term: string): string | null | undefined {
	const answer = lookedUp?.take(term);
	if (answer instanceof PlatformError) throw answer;
	return answer;
}

export function contactByEmail(email: string): CallSpec {
	return {
		method: "get",
		path: `/crm/v3/objects/contacts/${percentEncode(email)}`,
		template: GET_CONTACT,
		query: { idProperty: "email", properties: "email" },
		idempotent: true,
	};
}

export function contactByBuyer(buyerId: string): CallSpec {
	return {
		method: "get",
		path: `/crm/v3/objects/contacts/${percentEncode(buyerId)}`,
		template: GET_BUYER_CONTACT,
		query: { idProperty: BUYER_ID_PROPERTY, properties: BUYER_ID_PROPERTY },
		idempotent: true,
	};
}

/** The contact's id from a read by a unique property; null for a 404 (no such contact). */
export function contactIdOf(client: HubSpotClient, template: string, response: HttpResponse): string | null {
	if (response.status === 404) return null;
	return client.parse(crmObjectSchema, template, response).id;
}
