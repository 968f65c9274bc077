/**
 * Rows whose order Hubsheet has never seen from Etsy (typed or pasted by hand, or imported before
 * Hubsheet kept Etsy's side) are looked up once: a receipt Etsy answers 404 for is remembered as
 * unknown, which the unknown-order rule shows; one Etsy knows is remembered like a pulled one. An
 * unknown one is asked again a day later (the owner may have fixed the number in another way).
 */
import { type Bookkeeping, compactEtsyOrder } from "../core/bookkeeping.js";
import type { Log } from "../ports.js";
import type { EtsyShipping } from "./platform-push.js";

/** At most this many look-ups per run: a pasted block of foreign rows must not eat the time budget. */
export const MAX_LOOKUPS_PER_RUN = 10;
export const RECHECK_AFTER_MS = 86_400_000;

/** Etsy's receipt ids are numbers: any other text cannot be one of its orders. */
const RECEIPT_ID = /^\d{1,20}$/;

export function lookUpUnseenOrders(
	orderIds: Iterable<string>,
	books: Map<string, Bookkeeping>,
	etsy: Pick<EtsyShipping, "order">,
	now: number,
	log: Log,
	/** True once the run nears its time limit: the rest wait for a later run. */
	overBudget: () => boolean = () => false,
): { touched: string[]; errors: unknown[] } {
	const touched: string[] = [];
	const errors: unknown[] = [];
	let lookups = 0;
	for (const orderId of orderIds) {
		const entry = books.get(orderId) ?? {};
		if (entry.etsy || (entry.etsyMissing && now - entry.etsyMissing.at < RECHECK_AFTER_MS)) continue;
		if (!RECEIPT_ID.test(orderId)) {
			if (!entry.etsyMissing) {
				books.set(orderId, { ...entry, etsyMissing: { at: now } });
				touched.push(orderId);
			}
			continue;
		}
		if (lookups >= MAX_LOOKUPS_PER_RUN || overBudget()) break;
		lookups++;
		try {
			const order = etsy.order(orderId);
			const { etsyMissing: _gone, ...rest } = entry;
			books.set(orderId, order ? { ...rest, etsy: compactEtsyOrder(order) } : { ...entry, etsyMissing: { at: now } });
			touched.push(orderId);
		} catch (error) {
			// Not a 404: nothing is concluded about the order; the next run asks again.
			errors.push(error);
			log.warn(`Looking up order ${orderId} on Etsy failed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return { touched, errors };
}
