/** The CRM follows the courier's Status in the same run, within its allowance; a failed move stays on its order. */
import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { PlatformError } from "../../src/core/connector-contracts.js";
import { moveCrmAfterCourier } from "../../src/engine/courier-crm-moves.js";
import { MemoryLog } from "./memory-store.js";
import { emptyOutcome, FakeCrm, MAPPING } from "./platform-phase-fakes.js";

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);

function setUp(crm: FakeCrm | null, statuses: Record<string, string>, allow = (ids: readonly string[]) => [...ids]) {
	const books = new Map<string, Bookkeeping>([
		["1001", { deal: { id: "D1001", url: "", stagePushed: "Ready to ship", changes: 2 } }],
		["1002", { deal: { id: "D1002", url: "", stagePushed: "Ready to ship" } }],
		["1003", { deal: { id: "D1003", url: "", stagePushed: "Shipped" } }],
		["1004", {}],
	]);
	const input = {
		crm,
		courierStatuses: new Map(Object.entries(statuses)),
		state: { books },
		mapping: MAPPING,
		budget: { allow: (_platform: string, _work: string, ids: readonly string[]) => allow(ids) },
		outcome: emptyOutcome(),
		crmStages: new Map([
			["1001", "Ready to ship"],
			["1003", "Shipped"],
		]),
		touched: new Set<string>(),
		now: NOW,
		log: new MemoryLog(),
	};
	moveCrmAfterCourier(input as Parameters<typeof moveCrmAfterCourier>[0]);
	return { ...input, books };
}

describe("moveCrmAfterCourier", () => {
	it("moves the deal of an order the courier shipped to the Shipped stage, as its next change", () => {
		const crm = new FakeCrm();
		const { books, outcome, crmStages, touched } = setUp(crm, { "1001": "Shipped" });
		expect(crm.moved).toEqual([{ orderId: "1001", dealId: "D1001", stageName: "Shipped", change: 3 }]);
		expect(books.get("1001")?.deal).toEqual({ id: "D1001", url: "", stagePushed: "Shipped", changes: 3 });
		// The stage read before the move is stale: the cell shows the stage just pushed.
		expect(crmStages.has("1001")).toBe(false);
		expect([...touched]).toEqual(["1001"]);
		expect(outcome.actions).toEqual([
			{ orderId: "1001", platform: "Pipedrive", action: "moved deal", result: "Shipped", outcome: "ok" },
		]);
	});

	it("asks nothing for an order without a deal, a deal already in that stage, or without a CRM", () => {
		const crm = new FakeCrm();
		const { touched, outcome } = setUp(crm, { "1003": "Shipped", "1004": "Delivered" });
		expect(crm.moved).toEqual([]);
		expect(touched.size).toBe(0);
		expect(outcome.actions).toEqual([]);
		const none = setUp(null, { "1001": "Shipped" });
		expect(none.books.get("1001")?.deal?.stagePushed).toBe("Ready to ship");
	});

	it("moves only the deals the CRM's daily allowance affords; the rest wait untouched", () => {
		const crm = new FakeCrm();
		const { books, touched } = setUp(crm, { "1001": "Shipped", "1002": "Delivered" }, (ids) => ids.slice(1));
		expect(crm.moved.map((move) => move.orderId)).toEqual(["1002"]);
		expect(books.get("1001")?.deal?.stagePushed).toBe("Ready to ship");
		expect(books.get("1002")?.deal?.stagePushed).toBe("Delivered");
		expect([...touched]).toEqual(["1002"]);
	});

	it("records a refused move on its own order as a failed action, and moves the other", () => {
		const crm = new FakeCrm();
		const refusal = new PlatformError("Pipedrive", "PUT /deals", "rejected", "Stage is archived");
		crm.moveAnswer = (moves) =>
			moves.map((move) =>
				move.orderId === "1001"
					? { orderId: move.orderId, ok: false, error: refusal }
					: { orderId: move.orderId, ok: true },
			);
		const { books, outcome, touched, crmStages } = setUp(crm, { "1001": "Shipped", "1002": "Shipped" });
		expect(books.get("1001")?.deal?.stagePushed).toBe("Ready to ship");
		expect(books.get("1001")?.errors?.Pipedrive).toEqual({
			message: "Stage is archived",
			at: NOW,
			operation: "move-stage",
			kind: "rejected",
		});
		expect(crmStages.get("1001")).toBe("Ready to ship");
		expect(books.get("1002")?.deal?.stagePushed).toBe("Shipped");
		expect(outcome.actions.map((action) => `${action.orderId} ${action.action} ${action.outcome}`)).toEqual([
			"1001 move deal failed",
			"1002 moved deal ok",
		]);
		expect([...touched].sort()).toEqual(["1001", "1002"]);
	});

	it("fails every move of a call that threw, each on its order, and warns once", () => {
		const crm = new FakeCrm();
		crm.moveAnswer = () => {
			throw new PlatformError("Pipedrive", "PUT /deals", "unavailable", "HTTP 503", { mayHaveApplied: true });
		};
		const { books, outcome, log } = setUp(crm, { "1001": "Shipped", "1002": "Delivered" });
		expect(outcome.actions).toEqual(
			["1001", "1002"].map((orderId) => ({
				orderId,
				platform: "Pipedrive",
				action: "move deal",
				result: "HTTP 503",
				outcome: "failed",
				kind: "unavailable",
				mayHaveApplied: true,
				connectionFailed: "Pipedrive",
			})),
		);
		expect(books.get("1002")?.errors?.Pipedrive?.operation).toBe("move-stage");
		expect(log.lines).toEqual(["warn: Moving deals after the courier's news failed: HTTP 503"]);
	});
});
