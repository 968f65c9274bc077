/**
 * A buyer whose email Etsy withholds (Etsy NOTES.md, buyer_email) as a HubSpot contact, found by
 * Etsy's buyer id in the contact property `hubsheet_etsy_buyer_id`, never by name alone. The property
 * requires unique values, as the order id on deals (order-id-property.ts): `GET /crm/v3/objects/
 * contacts/{id}?idProperty=...` finds the contact at once, without search's indexing delay, and
 * HubSpot refuses a second contact with the same id (409 naming the existing one), so a create
 * repeated after a lost answer makes no duplicate (HubSpot NOTES.md: idProperty, unique properties).
 * Made the first time a buyer needs it; needs `crm.schemas.contacts.write`, else the deal is made
 * without a contact, as for any contact trouble.
 */

import type { HubSpotClient } from "./client.js";
import {
	BUYER_ID_PROPERTY,
	contactByBuyer,
	contactIdOf,
	GET_BUYER_CONTACT,
	type LookedUpContacts,
	taken,
} from "./contact-reads.js";
import { crmObjectSchema, propertySchema } from "./schemas.js";

const GET_PROPERTY = "GET /crm/v3/properties/contacts/{propertyName}";
const CREATE_PROPERTY = "POST /crm/v3/properties/contacts";
const CREATE_CONTACT = "POST /crm/v3/objects/contacts";

/** Clients whose portal is known to have the property, in this execution. */
const ensured = new WeakSet<HubSpotClient>();

export function findOrCreateBuyerContact(
	client: HubSpotClient,
	buyerId: string,
	name: string,
	lookedUp?: LookedUpContacts,
): string {
	ensureBuyerIdProperty(client);
	const known = taken(lookedUp, `buyer:${buyerId}`);
	const existing = known === undefined ? getByBuyer(client, buyerId) : known;
	if (existing) return existing;
	const [firstname = "", ...rest] = name.trim().split(/\s+/);
	const response = client.call({
		method: "post",
		path: "/crm/v3/objects/contacts",
		template: CREATE_CONTACT,
		body: { properties: { [BUYER_ID_PROPERTY]: buyerId, firstname, lastname: rest.join(" ") } },
		// The buyer id is unique: a second create answers 409 with the existing id, so repeating is safe.
		idempotent: true,
	});
	if (response.status === 409) {
		const id = /Existing ID:\s*(\d+)/i.exec(client.said(response))?.[1];
		if (id) return id;
		const found = getByBuyer(client, buyerId);
		if (found) return found;
	}
	return client.parse(crmObjectSchema, CREATE_CONTACT, response).id;
}

function getByBuyer(client: HubSpotClient, buyerId: string): string | null {
	return contactIdOf(client, GET_BUYER_CONTACT, client.call(contactByBuyer(buyerId)));
}

export function ensureBuyerIdProperty(client: HubSpotClient): void {
	if (ensured.has(client)) return;
	const read = client.call({
		method: "get",
		path: `/crm/v3/properties/contacts/${BUYER_ID_PROPERTY}`,
		template: GET_PROPERTY,
		idempotent: true,
	});
	if (read.status !== 404) {
		client.parse(propertySchema, GET_PROPERTY, read);
		ensured.add(client);
		return;
	}
	const response = client.call({
		method: "post",
		path: "/crm/v3/properties/contacts",
		template: CREATE_PROPERTY,
		body: {
			name: BUYER_ID_PROPERTY,
			label: "Etsy buyer id (Hubsheet)",
			description:
				"The buyer's Etsy user id. Kept by Hubsheet, which finds a buyer whose email Etsy does not share by it.",
			groupName: "contactinformation",
			type: "string",
			fieldType: "text",
			hasUniqueValue: true,
			formField: false,
		},
		// A second create answers 409: repeating after a timeout is safe.
		idempotent: true,
	});
	if (response.status !== 409) client.parse(propertySchema, CREATE_PROPERTY, response);
	ensured.add(client);
}
