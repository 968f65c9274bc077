import { describe, expect, it } from "vitest";
import { groupByCause } from "../../src/core/finding-groups.js";
import type { PushError } from "../../src/core/reconcile/order-snapshot.js";
import { reconcile } from "../../src/core/reconcile/reconcile.js";
import { context, deal, NOW, snapshot } from "./reconcile/snapshot-builder.js";

const rateLimited = (orderId: string): PushError => ({
	platform: "Pipedrive",
	message: `Pipedrive answered 429 for deal D${orderId}: Too many requests`,
	at: NOW - 60_000,
	kind: "rate-limit",
	operation: "move-stage",
});

function refusedOrder(index: number) {
	const orderId = String(3100000100 + index);
	return snapshot({
		etsy: { orderId, buyer: `Buyer ${index}` },
		status: "Design",
		deal: deal({ orderId, stageName: "Production" }),
		books: { pushErrors: [rateLimited(orderId)] },
	});
}

describe("findings grouped by cause", () => {
	it("turns 25 orders refused by one rate limit into one group listing each order with its buyer", () => {
		const snapshots = Array.from({ length: 25 }, (_, index) => refusedOrder(index));
		const other = snapshot({ etsy: { orderId: "3100000999" }, status: "Shipped", cells: { tracking: "" } });
		const { findings } = reconcile([...snapshots, other], context());
		const { causes, rest } = groupByCause(findings);
		expect(causes).toHaveLength(1);
		expect(causes[0]).toMatchObject({
			severity: "warning",
			headline: "Pipedrive refused 25 stage changes: too many requests; they will be retried at the next sync.",
		});
		expect(causes[0]?.orders).toHaveLength(25);
		expect(causes[0]?.orders[0]).toEqual({ orderId: "3100000100", buyer: "Buyer 0" });
		expect(causes[0]?.orders[24]).toEqual({ orderId: "3100000124", buyer: "Buyer 24" });
		// The order with another problem keeps its own card.
		expect(rest.map((finding) => [finding.orderId, finding.kind])).toEqual([
			["3100000999", "shipped-without-tracking"],
		]);
	});

	it("leaves two orders with one cause as their own cards, and keeps different refusals apart", () => {
		const two = reconcile([refusedOrder(1), refusedOrder(2)], context()).findings;
		expect(groupByCause(two).causes).toEqual([]);
		const refusals = [1, 2, 3].map((index) =>
			snapshot({
				etsy: { orderId: String(3100000200 + index) },
				status: "Ready to ship",
				books: {
					pushErrors: [
						{
							platform: "Furgonetka",
							message: index === 3 ? "Postcode wrong" : "The Phone cell is empty: Furgonetka needs the buyer's phone.",
							at: NOW,
							kind: "rejected",
							operation: "create-shipment",
						},
					],
				},
			}),
		);
		const grouped = groupByCause(reconcile(refusals, context()).findings);
		expect(grouped.causes).toEqual([]);
		expect(grouped.rest).toHaveLength(3);
	});
});
