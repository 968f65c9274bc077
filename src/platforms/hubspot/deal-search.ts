/**
 * Deals modified since a moment, through `POST /crm/v3/objects/deals/search`: Hubsheet's deals only
 * (those carrying an order id), oldest change first, 200 a page.
 *
 * HubSpot's search pages through at most 10,000 results of one query; past that it refuses the
 * `after` cursor. The query then starts again from the last modification time seen (GTE, so deals
 * sharing that millisecond are read twice and de-duplicated by id). Search is also eventually
 * consistent: a change from the last few seconds may be missing, so callers overlap their cursor.
 */
import type { Log } from "../../ports.js";
import type { HubSpotClient } from "./client.js";
import { type HubSpotObject, searchPageSchema } from "./schemas.js";

export const SEARCH_DEALS = "POST /crm/v3/objects/deals/search";
export const SEARCH_PAGE_SIZE = 200;
export const SEARCH_RESULT_CAP = 10_000;

export interface ChangedDealsQuery {
	sinceMs: number;
	orderIdProperty: string;
	properties: readonly string[];
	pageSize?: number;
	/** Results one query may page through; HubSpot's cap, smaller in tests. */
	resultCap?: number;
}

export function searchChangedDeals(client: HubSpotClient, query: ChangedDealsQuery, log?: Log): HubSpotObject[] {
	const pageSize = query.pageSize ?? SEARCH_PAGE_SIZE;
	const cap = query.resultCap ?? SEARCH_RESULT_CAP;
	const found = new Map<string, HubSpotObject>();
	let windowStart = Math.max(0, Math.floor(query.sinceMs));

	for (;;) {
		let after: string | undefined;
		let readInWindow = 0;
		let lastModified = windowStart;
		let capped = false;
		for (;;) {
			const response = client.call({
				method: "post",
				path: "/crm/v3/objects/deals/search",
				template: SEARCH_DEALS,
				body: {
					filterGroups: [
						{
							filters: [
								{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(windowStart) },
								{ propertyName: query.orderIdProperty, operator: "HAS_PROPERTY" },
							],
						},
					],
					sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
					properties: [...query.properties],
					limit: pageSize,
					...(after === undefined ? {} : { after }),
				},
				// A search changes nothing: safe to repeat after a 5xx.
				idempotent: true,
			});
			const page = client.parse(searchPageSchema, SEARCH_DEALS, response);
			for (const deal of page.results) {
				found.set(deal.id, deal);
				const modified = Date.parse(deal.properties.hs_lastmodifieddate ?? deal.updatedAt);
				if (!Number.isNaN(modified)) lastModified = Math.max(lastModified, modified);
			}
			readInWindow += page.results.length;
			after = page.paging?.next?.after;
			if (after === undefined || page.results.length === 0) break;
			if (readInWindow + pageSize > cap) {
				capped = true;
				break;
			}
		}
		if (!capped) break;
		if (lastModified <= windowStart) {
			// More than a full window of deals changed in one millisecond: nothing more can be read.
			log?.warn(
				`HubSpot: more than ${cap} deals changed at ${new Date(windowStart).toISOString()}; some changes were not read`,
			);
			break;
		}
		windowStart = lastModified;
	}
	return [...found.values()];
}
