import { describe, expect, it } from "vitest";
import { HubSpotClient } from "../../../src/platforms/hubspot/client.js";
import { searchChangedDeals } from "../../../src/platforms/hubspot/deal-search.js";
import { batchOutcomes, planBatches } from "../../../src/platforms/hubspot/stage-batches.js";
import { BASE, bodyOf, harness, TOKEN } from "./harness.js";

describe("planBatches", () => {
	it("fills batches up to the maximum in order", () => {
		expect(planBatches(["a", "b", "c", "d", "e"], 2)).toEqual([[0, 1], [2, 3], [4]]);
	});

	it("never puts one deal twice in a batch, nor a later move before an earlier one", () => {
		expect(planBatches(["a", "b", "a", "c", "a"], 3)).toEqual([[0, 1, 3], [2], [4]]);
		expect(planBatches(["a", "a", "b"], 100)).toEqual([[0, 2], [1]]);
	});

	it("plans nothing for no moves", () => {
		expect(planBatches([])).toEqual([]);
	});
});

describe("batchOutcomes", () => {
	it("on a 200 every deal succeeded, listed or not", () => {
		expect(batchOutcomes(["1", "2"], { status: 200, resultIds: ["1"], errors: [] })).toEqual([
			{ ok: true },
			{ ok: true },
		]);
	});

	it("on a 207 reads context.ids and context.id, and fails unconfirmed deals", () => {
		const outcomes = batchOutcomes(["1", "2", "3", "4"], {
			status: 207,
			resultIds: ["1"],
			errors: [
				{ category: "A", message: "first", context: { ids: ["2"] } },
				{ category: "B", message: "second", context: { id: "3" } },
			],
		});
		expect(outcomes).toEqual([
			{ ok: true },
			{ ok: false, category: "A", message: "first" },
			{ ok: false, category: "B", message: "second" },
			{ ok: false, category: "", message: "HubSpot's answer did not confirm this change" },
		]);
	});

	it("an error about a deal outside the batch does not count as about one inside", () => {
		const outcomes = batchOutcomes(["1"], {
			status: 207,
			resultIds: [],
			errors: [{ category: "X", message: "about 9", context: { ids: ["9"] } }],
		});
		expect(outcomes).toEqual([{ ok: false, category: "X", message: "about 9" }]);
	});
});

describe("searchChangedDeals past the 10,000-result cap", () => {
	/** The sandbox's search, its cap lowered to `cap`, over `total` Hubsheet deals changed `stepMs` apart. */
	function portal(total: number, cap: number, stepMs: number) {
		const h = harness({ sandbox: { settings: { searchResultCap: cap } } });
		const start = Date.UTC(2026, 0, 1);
		for (let i = 0; i < total; i++) {
			h.sandbox.clock.set(start + i * stepMs, true);
			h.addDeal(String(3_100_000_000 + i), "appointmentscheduled");
		}
		const client = new HubSpotClient({ http: h.http, clock: h.clock, accessToken: TOKEN, apiBaseUrl: BASE });
		return { h, client, start };
	}

	it("starts the query again from the last modification seen, reading every deal once", () => {
		const { h, client } = portal(55, 20, 1000);
		const deals = searchChangedDeals(client, {
			sinceMs: 0,
			orderIdProperty: "hubsheet_order_id",
			properties: ["dealstage"],
			pageSize: 5,
			resultCap: 20,
		});
		expect(deals).toHaveLength(55);
		expect(new Set(deals.map((d) => d.id)).size).toBe(55);
		const sent = h.sent("POST /crm/v3/objects/deals/search");
		expect(sent.every((request) => Number(bodyOf(request).after ?? 0) < 20)).toBe(true);
	});

	it("stops with a warning when more than a window of deals share one millisecond", () => {
		const { h, client, start } = portal(30, 10, 0);
		const deals = searchChangedDeals(
			client,
			{ sinceMs: start, orderIdProperty: "hubsheet_order_id", properties: [], pageSize: 5, resultCap: 10 },
			h.log,
		);
		expect(deals).toHaveLength(10);
		expect(h.log.lines.join("\n")).toContain("some changes were not read");
	});
});
