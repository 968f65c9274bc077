/**
 * Pages of a shop's receipts (getShopReceipts): what may be asked, and each page read receipt by
 * receipt. The envelope must be right; a receipt that does not fit the schema lands in `invalid`
 * with its path, so one odd order never blocks the others. Several pages may be read together
 * (fetchAll), at most Etsy's per-second limit at once; each comes back read or with its own error.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import type { BatchAnswer } from "../http/batch-send.js";
import { describeZodError } from "../http/parse-problems.js";
import type { EtsyApi } from "./client.js";
import { ETSY_REQUESTS_PER_SECOND } from "./request-pacing.js";
import { type CallSpec, type EtsyId, pathId } from "./request-spec.js";
import { type EtsyReceipt, shopReceiptSchema } from "./schemas.js";

export interface ShopReceiptsQuery {
	min_created?: number;
	max_created?: number;
	/** Epoch seconds. */
	min_last_modified?: number;
	max_last_modified?: number;
	limit?: number;
	offset?: number;
	sort_on?: "created" | "updated" | "receipt_id";
	sort_order?: "asc" | "desc";
	was_paid?: boolean;
	was_shipped?: boolean;
	was_delivered?: boolean;
	was_canceled?: boolean;
}

/** A receipt Etsy sent that did not match the schema; reported instead of failing its page. */
export interface InvalidReceipt {
	/** Position in `results`. */
	index: number;
	/** The receipt_id when it could be read, so the caller can name the order. */
	receiptId: string | null;
	/** E.g. `Etsy getShopReceipts: results[3].grandtotal.divisor: expected number, received string`. */
	message: string;
}

export interface ShopReceiptsPage {
	/** Etsy's count of all receipts matching the query, not just this page. */
	count: number;
	/** How many receipts Etsy put in this page, valid or not (what paging advances by). */
	received: number;
	receipts: EtsyReceipt[];
	invalid: InvalidReceipt[];
}

/** One page of several read together: read, or the PlatformError that page met (the others keep theirs). */
export type ShopReceiptsPageAnswer = { ok: true; page: ShopReceiptsPage } | { ok: false; error: PlatformError };

/** The request for one page. */
export function receiptsCall(shopId: EtsyId, query: ShopReceiptsQuery): CallSpec {
	const endpoint = "getShopReceipts";
	const path = `/v3/application/shops/${pathId(shopId, "shop id", endpoint)}/receipts`;
	return { endpoint, method: "get", path, query: { ...query }, oauth: true, idempotent: true };
}

/**
 * The pages at `queries`, sent `send` in batches of at most Etsy's per-second limit, each answer
 * `read` into its page; in the queries' order. A page that failed is an error in its slot.
 */
export function readPagesTogether(
	queries: readonly ShopReceiptsQuery[],
	send: (batch: readonly ShopReceiptsQuery[]) => BatchAnswer[],
	read: (response: HttpResponse) => ShopReceiptsPage,
): ShopReceiptsPageAnswer[] {
	const answers: ShopReceiptsPageAnswer[] = [];
	for (let start = 0; start < queries.length; start += ETSY_REQUESTS_PER_SECOND) {
		for (const sent of send(queries.slice(start, start + ETSY_REQUESTS_PER_SECOND))) {
			answers.push(sent.ok ? pageAnswer(() => read(sent.response)) : sent);
		}
	}
	return answers;
}

/** What reading pages needs from the API: one page, and several together when it can. */
export type PageReader = Pick<EtsyApi, "getShopReceipts"> &
	Partial<Pick<EtsyApi, "getShopReceiptsPages" | "pagesPerBatch">>;

/**
 * The pages at `queries`: together when there are several and `source` can, else one after another
 * up to the first that fails.
 */
export function readPages(
	source: PageReader,
	shopId: EtsyId,
	queries: readonly ShopReceiptsQuery[],
): ShopReceiptsPageAnswer[] {
	if (queries.length > 1 && source.getShopReceiptsPages) return source.getShopReceiptsPages(shopId, queries);
	const answers: ShopReceiptsPageAnswer[] = [];
	for (const query of queries) {
		answers.push(pageAnswer(() => source.getShopReceipts(shopId, query)));
		if (!answers[answers.length - 1]?.ok) break;
	}
	return answers;
}

/** Etsy's failures become the page's error; anything else is a bug and propagates. */
function pageAnswer(read: () => ShopReceiptsPage): ShopReceiptsPageAnswer {
	try {
		return { ok: true, page: read() };
	} catch (error) {
		if (error instanceof PlatformError) return { ok: false, error };
		throw error;
	}
}

/** The receipts of a page whose envelope was read, each checked on its own. */
export function readReceiptsPage(envelope: { count: number; results: unknown[] }): ShopReceiptsPage {
	const receipts: EtsyReceipt[] = [];
	const invalid: InvalidReceipt[] = [];
	envelope.results.forEach((raw, index) => {
		const parsed = shopReceiptSchema.safeParse(raw);
		if (parsed.success) {
			receipts.push(parsed.data);
			return;
		}
		const { path, problem } = describeZodError(parsed.error, ["results", index]);
		invalid.push({ index, receiptId: readableReceiptId(raw), message: `Etsy getShopReceipts: ${path}: ${problem}` });
	});
	return { count: envelope.count, received: envelope.results.length, receipts, invalid };
}

function readableReceiptId(raw: unknown): string | null {
	if (raw === null || typeof raw !== "object") return null;
	const value = (raw as { receipt_id?: unknown }).receipt_id;
	return typeof value === "number" || typeof value === "string" ? String(value) : null;
}
