/** Pipedrive's cursor-paged lists, read item by item so one odd item never blocks the others. */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Log } from "../../ports.js";
import type * as z from "../http/zod.js";
import type { PipedriveClient } from "./client.js";
import type { PipedriveOperation } from "./rate-limit.js";
import { listEnvelopeSchema } from "./schemas.js";

/**
 * Follows `next_cursor` for up to `maxPages` pages. Each item is parsed on its own: one that does
 * not fit is logged and left out, so one odd deal never blocks the others. With a `reserve`, later
 * pages stop before they would eat into it (`more` then says there was more).
 */
export function listPages<T>(
	client: PipedriveClient,
	log: Log | undefined,
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
				client.checkBudget(operation, reserve);
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				log?.warn(`${error.message} Stopped after ${page} pages.`);
				return { items, more: true };
			}
		}
		const response = client.expectOk(
			operation,
			client.call({ operation, method: "get", path, query: { ...query, cursor }, idempotent: true }),
		);
		const envelope = client.parse(operation, response, listEnvelopeSchema);
		envelope.data.forEach((raw, index) => {
			try {
				items.push(client.shape(operation, raw, schema, ["data", index]));
			} catch (error) {
				if (!(error instanceof PlatformError)) throw error;
				log?.warn(`${error.message} (left out)`);
			}
		});
		cursor = envelope.additional_data?.next_cursor ?? null;
		if (!cursor) return { items, more: false };
	}
	return { items, more: true };
}
