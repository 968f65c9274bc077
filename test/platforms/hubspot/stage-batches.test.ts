import { describe, expect, it } from "vitest";
import { HubSpotClient } from "../../../src/platforms/hubspot/client.js";
import { searchChangedDeals } from "../../../src/platforms/hubspot/deal-search.js";
import { batchOutcomes, planBatches } from "../../../src/platforms/hubspot/stage-batches.js";
import { FakeClock, FakeHttp, FakeLog, json } from "../etsy/fakes.js";
import { BASE, bodyOf, deal, TOKEN } from "./harness.js";

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
	/** A search endpoint over `total` deals modified one second apart, honouring GTE, limit, after and a cap. */
	function searchEndpoint(total: number, cap: number) {
		const all = Array.from({ length: total }, (_, i) =>
			deal(
				String(i + 1),
				String(3_100_000_000 + i),
				"appointmentscheduled",
				{},
				new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
			),
		);
		return (body: Record<string, unknown>) => {
			const filters =
				(body.filterGroups as Array<{ filters: Array<{ propertyName: string; value?: string }> }>)[0]?.filters ?? [];
			const since = Number(filters.find((f) => f.propertyName === "hs_lastmodifieddate")?.value);
			const after = Number(body.after ?? 0);
			const limit = Number(body.limit);
			if (after >= cap)
				return json(400, { status: "error", message: "after is past the cap", category: "VALIDATION_ERROR" });
			const matching = all.filter((d) => Date.parse(d.updatedAt) >= since);
			const page = matching.slice(after, after + limit);
			const next = after + limit;
			return json(200, {
				total: matching.length,
				results: page,
				...(next < matching.length ? { paging: { next: { after: String(next) } } } : {}),
			});
		};
	}

	it("starts the query again from the last modification seen, reading every deal once", () => {
		const endpoint = searchEndpoint(55, 20);
		const http = new FakeHttp((request) => endpoint(bodyOf(request)));
		const client = new HubSpotClient({ http, clock: new FakeClock(), accessToken: TOKEN, apiBaseUrl: BASE });
		const deals = searchChangedDeals(client, {
			sinceMs: 0,
			orderIdProperty: "hubsheet_order_id",
			properties: ["dealstage"],
			pageSize: 5,
			resultCap: 20,
		});
		expect(deals).toHaveLength(55);
		expect(new Set(deals.map((d) => d.id)).size).toBe(55);
		expect(http.requests.every((request) => Number(bodyOf(request).after ?? 0) < 20)).toBe(true);
	});

	it("stops with a warning when more than a window of deals share one millisecond", () => {
		const sameMoment = Array.from({ length: 30 }, (_, i) => deal(String(i + 1), String(i), "appointmentscheduled"));
		const http = new FakeHttp((request) => {
			const after = Number(bodyOf(request).after ?? 0);
			const page = sameMoment.slice(after, after + 5);
			return json(200, { total: 30, results: page, paging: { next: { after: String(after + 5) } } });
		});
		const log = new FakeLog();
		const client = new HubSpotClient({ http, clock: new FakeClock(), accessToken: TOKEN, apiBaseUrl: BASE });
		const deals = searchChangedDeals(
			client,
			{
				sinceMs: Date.parse("2025-06-01T10:00:00.000Z"),
				orderIdProperty: "x",
				properties: [],
				pageSize: 5,
				resultCap: 10,
			},
			log,
		);
		expect(deals).toHaveLength(10);
		expect(log.lines.join("\n")).toContain("some changes were not read");
	});
});
