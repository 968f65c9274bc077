/** What the platform phase plans to push: the Etsy copy and Status noted, rows looked up once, stages checked, each order's details. */
import { describe, expect, it } from "vitest";
import { type Bookkeeping, compactEtsyOrder } from "../../src/core/bookkeeping.js";
import type { RowCells } from "../../src/core/order-upsert.js";
import type { EtsyShipping } from "../../src/engine/platform-push.js";
import { type PlanInputs, planPlatformPush } from "../../src/engine/sync-plan.js";
import { sampleOrder } from "../core/sample-order.js";
import { MemoryLog } from "./memory-store.js";
import { FakeCrm, MAPPING, ordersTable } from "./platform-phase-fakes.js";

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const known = (orderId: string): Bookkeeping => ({ etsy: compactEtsyOrder(sampleOrder({ orderId })) });

function plan(rows: RowCells[], books: Map<string, Bookkeeping>, more: Partial<PlanInputs> = {}) {
	const asked: string[] = [];
	const failures: string[] = [];
	const etsy: EtsyShipping = {
		order: (orderId) => {
			asked.push(orderId);
			return orderId === "404" ? null : sampleOrder({ orderId });
		},
		submitTracking: () => ({ ok: true }),
	};
	const result = planPlatformPush({
		pulled: [],
		table: ordersTable(rows),
		state: { books },
		etsy,
		crm: null,
		courier: false,
		mapping: MAPPING,
		trackingToEtsy: "label",
		now: NOW,
		log: new MemoryLog(),
		connectionFailed: (what, error) => void failures.push(`${what}: ${(error as Error).message}`),
		...more,
	});
	return { result, asked, failures, books };
}

describe("planPlatformPush", () => {
	it("remembers a pulled order's Etsy copy only when it changed, and notes it for saving", () => {
		const same = sampleOrder({ orderId: "1001" });
		const changed = sampleOrder({ orderId: "1002", buyer: "Jan Nowak" });
		const books = new Map([
			["1001", known("1001")],
			["1002", known("1002")],
		]);
		const { result } = plan([], books, { pulled: [same, changed] });
		expect(result.statusNoted).toEqual(["1002"]);
		expect(books.get("1002")?.etsy?.buyer).toBe("Jan Nowak");
	});

	it("notes each row's Status in its bookkeeping, the first row of an order id only", () => {
		const books = new Map([
			["1001", { ...known("1001"), status: "New", statusSince: NOW - 1000 }],
			["1002", { ...known("1002"), status: "Design", statusSince: NOW - 1000 }],
		]);
		const { result } = plan(
			[
				{ order: "1001", status: "Design" },
				{ order: "1002", status: "Design" },
				{ order: "1001", status: "Cancelled" },
				{ order: "", status: "Shipped" },
			],
			books,
		);
		expect(result.statusNoted).toEqual(["1001"]);
		expect(books.get("1001")?.status).toBe("Design");
		expect(books.get("1001")?.statusSince).toBe(NOW);
		expect(books.get("1002")?.statusSince).toBe(NOW - 1000);
		expect([...result.rows.keys()]).toEqual(["1001", "1002"]);
		expect(result.rows.get("1001")?.rowNumber).toBe(2);
	});

	it("looks up a row Etsy never described once; an order Etsy lacks gets no deal; a failed look-up is the connection's", () => {
		const books = new Map<string, Bookkeeping>();
		const crm = new FakeCrm();
		const { result, asked, failures } = plan(
			[
				{ order: "404", status: "New" },
				{ order: "1001", status: "New" },
			],
			books,
			{ crm },
		);
		expect(asked).toEqual(["404", "1001"]);
		expect(books.get("404")?.etsyMissing).toEqual({ at: NOW });
		expect(result.statusNoted).toEqual(expect.arrayContaining(["404", "1001"]));
		expect(result.plan.createDeals).toEqual([{ orderId: "1001", stageName: "New" }]);
		expect(failures).toEqual([]);

		const broken = plan([{ order: "1002", status: "New" }], new Map(), {
			etsy: {
				order: () => {
					throw new Error("HTTP 503");
				},
				submitTracking: () => ({ ok: true }),
			},
		});
		expect(broken.failures).toEqual(["Looking up an order on Etsy: HTTP 503"]);
	});

	it("names each stage the CRM does not have, only when deals are to be made or moved", () => {
		const crm = new FakeCrm();
		crm.missingStages = ["Design"];
		const { result } = plan([{ order: "1001", status: "New" }], new Map([["1001", known("1001")]]), { crm });
		expect(crm.stageChecks).toEqual([Object.values(MAPPING.statusToStage)]);
		expect(result.stageProblems).toEqual([
			'Pipedrive has no stage named "Design": rename it in the "Status → CRM stage" table on Settings, or add the stage in Pipedrive.',
		]);

		const idle = new FakeCrm();
		const books = new Map([["1001", { ...known("1001"), deal: { id: "D1", url: "", stagePushed: "New" } }]]);
		const quiet = plan([{ order: "1001", status: "New" }], books, { crm: idle });
		expect(idle.stageChecks).toEqual([]);
		expect(quiet.result.stageProblems).toEqual([]);
	});

	it("gives the push each order's buyer, contact, total and Etsy buyer id from its row and bookkeeping", () => {
		const books = new Map([["1001", { etsy: compactEtsyOrder(sampleOrder({ orderId: "1001", buyerId: "B77" })) }]]);
		const { result } = plan(
			[{ order: "1001", buyer: "Anna", email: "anna@example.com", total: 42.5, currency: "EUR", phone: "600" }],
			books,
		);
		expect(result.orders.get("1001")).toEqual({
			buyer: "Anna",
			email: "anna@example.com",
			buyerId: "B77",
			total: 42.5,
			currency: "EUR",
			phone: "600",
			shipToOverride: "",
		});
	});
});
