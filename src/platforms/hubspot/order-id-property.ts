/**
 * The deal property that holds the Etsy order id. It must require unique values: HubSpot then
 * refuses a second deal for one order, and `GET /crm/v3/objects/deals/{orderId}?idProperty=...`
 * finds a deal by order id at once (search would miss a deal created seconds ago). Set-up creates
 * it; HubSpot cannot make an existing property unique afterwards.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import { percentEncode } from "../http/query-string.js";
import type { HubSpotClient } from "./client.js";
import { propertySchema } from "./schemas.js";

const GET_PROPERTY = "GET /crm/v3/properties/deals/{propertyName}";
const CREATE_PROPERTY = "POST /crm/v3/properties/deals";

export type OrderIdPropertyStatus = "created" | "exists";

export function ensureOrderIdProperty(client: HubSpotClient, name: string): OrderIdPropertyStatus {
	const existing = read(client, name);
	if (existing) return existing;
	const response = client.call({
		method: "post",
		path: "/crm/v3/properties/deals",
		template: CREATE_PROPERTY,
		body: {
			name,
			label: "Etsy order id (Hubsheet)",
			description: "The Etsy order this deal was made for. Kept by Hubsheet; do not edit.",
			groupName: "dealinformation",
			type: "string",
			fieldType: "text",
			hasUniqueValue: true,
			formField: false,
		},
		// A second create answers 409: repeating after a timeout is safe.
		idempotent: true,
	});
	if (response.status === 409) {
		// Someone (or an earlier, interrupted set-up) created it meanwhile.
		const now = read(client, name);
		if (now) return now;
	}
	client.parse(propertySchema, CREATE_PROPERTY, response);
	return "created";
}

function read(client: HubSpotClient, name: string): OrderIdPropertyStatus | null {
	const response = client.call({
		method: "get",
		path: `/crm/v3/properties/deals/${percentEncode(name)}`,
		template: GET_PROPERTY,
		idempotent: true,
	});
	if (response.status === 404) return null;
	const property = client.parse(propertySchema, GET_PROPERTY, response);
	if (property.hasUniqueValue !== true) {
		throw new PlatformError(
			"HubSpot",
			GET_PROPERTY,
			"rejected",
			`The HubSpot deal property "${name}" exists but does not require unique values, and HubSpot cannot change that on an existing property. Delete it in HubSpot (Settings > Properties > Deal properties) and run Hubsheet's Set up again, or name another property in Hubsheet's settings.`,
		);
	}
	return "exists";
}
