/**
 * One page of a shop's receipts (getShopReceipts): what may be asked, and the page read receipt by
 * receipt. The envelope must be right; a receipt that does not fit the schema lands in `invalid`
 * with its path, so one odd order never blocks the others.
 */

import { describeZodError } from "../http/parse-problems.js";
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
