/**
 * Deals changed since a moment, oldest change first (`GET /deals?updated_since`), for the optional
 * read of the CRM's own changes: it leaves the reserve of tokens to creates and moves, and reads at
 * most `maxPages` pages per sync (the rest follow next time).
 */
import type { Log } from "../../ports.js";
import type { PipedriveClient } from "./client.js";
import { listPages } from "./list-pages.js";
import { dealSchema, type PipedriveDeal } from "./schemas.js";

export function listChangedDeals(
	client: PipedriveClient,
	log: Log | undefined,
	key: string,
	sinceMs: number,
	limits: { maxPages: number; reserveTokens: number },
): PipedriveDeal[] {
	const since = Math.max(0, Math.floor((Number.isFinite(sinceMs) ? sinceMs : 0) / 1000));
	const { items, more } = listPages(
		client,
		log,
		"getDeals",
		"/api/v2/deals",
		{
			updated_since: rfc3339(since),
			sort_by: "update_time",
			sort_direction: "asc",
			limit: 500,
			custom_fields: key,
		},
		dealSchema,
		limits.maxPages,
		limits.reserveTokens,
	);
	if (more) {
		log?.warn(`Pipedrive: more deals changed since ${rfc3339(since)} than one sync reads; the rest follow next time`);
	}
	return items;
}

/** `2025-01-01T10:20:00Z`: RFC 3339 without fractions, as `updated_since` takes it. */
function rfc3339(epochSeconds: number): string {
	return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
