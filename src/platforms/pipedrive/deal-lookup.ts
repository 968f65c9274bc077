/**
 * Finding the deal made for an order, cheapest and most reliable first (see connector.ts): the ids
 * noted right after our own creates, the most recently added deals, then Pipedrive's search on the
 * order field. Every candidate is read back and must carry the order id in the field.
 */
import type { Log } from "../../ports.js";
import type { PipedriveClient } from "./client.js";
import { listPages } from "./list-pages.js";
import type { OrderField } from "./order-field.js";
import type { RecentCreations } from "./recent-creations.js";
import { dealSchema, dealSearchSchema, itemEnvelopeSchema, type PipedriveDeal } from "./schemas.js";

const API = "/api/v2";

export class DealLookup {
	constructor(
		private readonly client: PipedriveClient,
		private readonly recent: RecentCreations,
		private readonly field: OrderField,
		private readonly log?: Log,
	) {}

	/** The live deal carrying this order id, or null; see the module comment for the order of looking. */
	find(orderId: string): PipedriveDeal | null {
		const key = this.field.existingKey();
		if (key === null) return null;
		const carries = (deal: PipedriveDeal | null): deal is PipedriveDeal =>
			deal !== null && deal.is_deleted !== true && readOrderId(deal.custom_fields?.[key]) === orderId;

		const noted = this.recent.get("deals", orderId);
		if (noted !== null) {
			const deal = this.get(noted, key);
			if (carries(deal)) return deal;
			this.recent.forget("deals", orderId);
		}

		const { items: latest } = listPages(
			this.client,
			this.log,
			"getDeals",
			`${API}/deals`,
			{ sort_by: "add_time", sort_direction: "desc", limit: 100, custom_fields: key },
			dealSchema,
			1,
		);
		const recent = latest.filter(carries).sort((a, b) => a.id - b.id)[0];
		if (recent) return recent;

		const response = this.client.expectOk(
			"searchDeals",
			this.client.call({
				operation: "searchDeals",
				method: "get",
				path: `${API}/deals/search`,
				query: { term: orderId, fields: "custom_fields", exact_match: true, limit: 20 },
				idempotent: true,
			}),
		);
		const found = this.client.parse("searchDeals", response, dealSearchSchema);
		const ids = found.data.items
			.map((entry) => entry.item)
			.filter((item) => (item.custom_fields ?? []).some((value) => readOrderId(value) === orderId))
			.map((item) => item.id)
			.sort((a, b) => a - b);
		for (const id of ids) {
			const deal = this.get(String(id), key);
			if (carries(deal)) return deal;
		}
		return null;
	}

	private get(dealId: string, fieldKey: string): PipedriveDeal | null {
		if (!/^\d+$/.test(dealId)) return null;
		const response = this.client.call({
			operation: "getDeal",
			method: "get",
			path: `${API}/deals/${dealId}`,
			query: { custom_fields: fieldKey },
			idempotent: true,
		});
		if (response.status === 404 || response.status === 410) return null;
		this.client.expectOk("getDeal", response);
		return this.client.shape("getDeal", this.client.parse("getDeal", response, itemEnvelopeSchema).data, dealSchema, [
			"data",
		]);
	}
}

/** An order id as a deal field holds it: text, or a number when a field was set by hand. */
export function readOrderId(value: unknown): string | null {
	if (typeof value === "string" && value.trim() !== "") return value.trim();
	if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
	return null;
}
