import { describe, expect, it } from "vitest";
import type { PlatformError } from "../../../src/core/connector-contracts.js";
import { ORDER_FIELD_STORE_KEY, PipedriveConnector } from "../../../src/platforms/pipedrive/connector.js";
import { RECENT_CREATIONS_KEY } from "../../../src/platforms/pipedrive/recent-creations.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { harness, MAPPED_STAGES, newDeal } from "./harness.js";
import { API_TOKEN, COMPANY, FakeClock, FakeStore, json, NOW, once, SandboxHttp } from "./sandbox-http.js";

/**
 * The execution is killed right after Pipedrive acted on this request: as in Apps Script, every
 * later service call (UrlFetchApp, PropertiesService) fails, so nothing after it is kept.
 */
function killRightAfter(h: ReturnType<typeof harness>, method: string, path: string): void {
	let killed = false;
	const killedError = () => new Error("Exceeded maximum execution time");
	h.http.intercept((exchange) => {
		if (killed) throw killedError();
		if (exchange.method !== method || exchange.path !== path) return undefined;
		exchange.pass();
		killed = true;
		throw killedError();
	});
	h.store.set = (key, value) => {
		if (killed) throw killedError();
		FakeStore.prototype.set.call(h.store, key, value);
	};
}

function revive(h: ReturnType<typeof harness>): void {
	h.http.clearIntercepts();
	h.store.set = FakeStore.prototype.set.bind(h.store);
}

function stageId(h: ReturnType<typeof harness>, pipeline: string, name: string): number {
	const p = [...h.http.state.pipelines.values()].find((x) => x.name === pipeline);
	const stage = p && h.http.state.stagesOf(p.id).find((s) => s.name === name);
	if (!stage) throw new Error(`no stage ${pipeline}/${name}`);
	return stage.id;
}

describe("createDeal", () => {
	it("creates the order field once, the person and the deal, and links the deal", () => {
		const h = harness();
		const deal = h.connector.createDeal(newDeal("3100000001"));

		const field = h.http.state.orderField();
		expect(field).toMatchObject({ field_name: "Etsy order", field_type: "varchar" });
		const stored = h.http.state.deals.get(Number(deal.dealId));
		expect(stored).toMatchObject({
			title: "Etsy 3100000001 · Anna Kowalska",
			value: 2499.5,
			currency: "PLN",
			stage_id: stageId(h, "Orders", "New"),
			custom_fields: expect.objectContaining({ [field?.field_code as string]: "3100000001" }),
		});
		const person = h.http.state.persons.get(stored?.person_id as number);
		expect(person?.emails).toEqual([{ value: "anna.kowalska@example.com", primary: true, label: "work" }]);
		expect(deal).toEqual({
			dealId: String(stored?.id),
			orderId: "3100000001",
			stageName: "New",
			value: 2499.5,
			currency: "PLN",
			url: `https://ergodrewno.pipedrive.com/deal/${stored?.id}`,
			updatedAtMs: NOW,
		});
		expect(JSON.parse(h.store.get(ORDER_FIELD_STORE_KEY) as string)).toMatchObject({ key: field?.field_code });

		h.connector.createDeal(newDeal("3100000002", { person: { name: "Jan Nowak", email: "jan@example.com" } }));
		expect(h.http.sent("POST", "/api/v2/dealFields")).toHaveLength(1);
		expect(h.http.sent("GET", "/api/v2/stages")).toHaveLength(1);
	});

	it("sends the token in the x-api-token header only, never in a URL", () => {
		const h = harness();
		h.connector.createDeal(newDeal("3100000001"));
		for (const request of h.http.requests) {
			expect(request.url).not.toContain(API_TOKEN);
			expect(request.headers?.["x-api-token"]).toBe(API_TOKEN);
		}
	});

	it("reuses the person found by email, whatever the case", () => {
		const h = harness();
		const existing = h.http.state.createPerson(
			{ name: "Anna K.", emails: [{ value: "Anna.Kowalska@Example.com" }] },
			NOW / 1000,
		);
		const deal = h.connector.createDeal(newDeal("3100000001"));
		expect(h.http.state.deals.get(Number(deal.dealId))?.person_id).toBe(existing.id);
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(0);
	});

	it("gives one buyer with two orders one person, even before search sees the first", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const first = h.connector.createDeal(newDeal("3100000001"));
		const second = h.nextRun().createDeal(newDeal("3100000002"));
		const personOf = (id: string) => h.http.state.deals.get(Number(id))?.person_id;
		expect(personOf(second.dealId)).toBe(personOf(first.dealId));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
	});

	it("creates a person without email for a buyer who gave none, once per order", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const person = { name: "Yuki Tanaka", email: "" };
		// The person exists, then the run dies before the deal: the next run must not add another person.
		h.http.intercept(once("POST", "/api/v2/deals", json(503, { success: false, error: "Service unavailable" })));
		expect(platformErrorOf(() => h.connector.createDeal(newDeal("3100000009", { person }))).kind).toBe("unavailable");
		h.http.clearIntercepts();
		const deal = h.nextRun().createDeal(newDeal("3100000009", { person }));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		const stored = h.http.state.persons.get(h.http.state.deals.get(Number(deal.dealId))?.person_id as number);
		expect(stored).toMatchObject({ name: "Yuki Tanaka", emails: [] });
	});

	it("after a kill right after the person is made, the next run finds that person (no email, search lagging)", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const person = { name: "Yuki Tanaka", email: "" };
		killRightAfter(h, "POST", "/api/v2/persons");
		expect(() => h.connector.createDeal(newDeal("3100000009", { person }))).toThrow();
		revive(h);
		// The next trigger run, once Pipedrive's search lag has passed.
		h.clock.advance(10 * 60_000);
		const deal = h.nextRun().createDeal(newDeal("3100000009", { person }));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		const yukis = [...h.http.state.persons.values()].filter((p) => p.name === "Yuki Tanaka");
		expect(yukis).toHaveLength(1);
		expect(h.http.state.deals.get(Number(deal.dealId))?.person_id).toBe(yukis[0]?.id);
	});

	it("after a kill right after the person is made, the next run finds that person (with email, search lagging)", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		killRightAfter(h, "POST", "/api/v2/persons");
		expect(() => h.connector.createDeal(newDeal("3100000001"))).toThrow();
		revive(h);
		h.clock.advance(10 * 60_000);
		h.nextRun().createDeal(newDeal("3100000001"));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		expect([...h.http.state.persons.values()].filter((p) => p.name === "Anna Kowalska")).toHaveLength(1);
	});

	it("never sends a person create twice in one run, and waits for the search lag before looking again", () => {
		const h = harness();
		const person = { name: "Yuki Tanaka", email: "" };
		// The answer is lost and Pipedrive has not made the person (yet): the run must not resend.
		h.http.intercept(
			once("POST", "/api/v2/persons", () => {
				throw new Error("Timeout: https://ergodrewno.pipedrive.com/api/v2/persons");
			}),
		);
		expect(
			platformErrorOf(() => h.connector.createDeal(newDeal("3100000009", { person }))).options.mayHaveApplied,
		).toBe(true);
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		h.clock.advance(5_000);
		expect(
			platformErrorOf(() => h.nextRun().createDeal(newDeal("3100000009", { person }))).options.mayHaveApplied,
		).toBe(true);
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		h.clock.advance(10 * 60_000);
		h.nextRun().createDeal(newDeal("3100000009", { person }));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(2);
		expect([...h.http.state.persons.values()].filter((p) => p.name === "Yuki Tanaka")).toHaveLength(1);
	});

	it("refuses an unknown stage by name, before creating anything", () => {
		const h = harness();
		const error = platformErrorOf(() => h.connector.createDeal(newDeal("3100000001", { stageName: "Sanding" })));
		expect(error).toMatchObject({ platform: "Pipedrive", endpoint: "addDeal", kind: "rejected" });
		expect(error.message).toBe('Pipedrive has no stage named "Sanding"');
		expect(h.http.sent("POST", /\/api\/v2\/(deals|persons)$/)).toHaveLength(0);
	});

	it("refuses a currency that is not a code and a value that is not a number", () => {
		const h = harness();
		expect(platformErrorOf(() => h.connector.createDeal(newDeal("1", { currency: "zł" }))).kind).toBe("rejected");
		expect(platformErrorOf(() => h.connector.createDeal(newDeal("1", { value: Number.NaN }))).kind).toBe("rejected");
		expect(h.http.requests).toHaveLength(0);
	});

	it("after a 5xx on the create, finds the deal Pipedrive made instead of sending it again", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		h.http.intercept(
			once("POST", "/api/v2/deals", json(502, { success: false, error: "Bad gateway" }), { applied: true }),
		);
		const deal = h.connector.createDeal(newDeal("3100000001"));
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(1);
		expect(h.http.state.dealsForOrder("3100000001")).toHaveLength(1);
		expect(deal.dealId).toBe(String(h.http.state.dealsForOrder("3100000001")[0]?.id));
		expect(h.log.lines.some((line) => line.includes("looking for the deal of order 3100000001"))).toBe(true);
	});

	it("after a timeout on the create, finds the deal too", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		h.http.intercept(
			once(
				"POST",
				"/api/v2/deals",
				() => {
					throw new Error("Timeout: https://ergodrewno.pipedrive.com/api/v2/deals");
				},
				{ applied: true },
			),
		);
		const deal = h.connector.createDeal(newDeal("3100000001"));
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(1);
		expect(h.http.state.dealsForOrder("3100000001").map((d) => String(d.id))).toEqual([deal.dealId]);
	});

	it("after a 5xx that did nothing, says it may have applied and sends nothing again", () => {
		const h = harness();
		h.http.intercept(once("POST", "/api/v2/deals", json(500, { success: false, error: "Internal error" })));
		const error = platformErrorOf(() => h.connector.createDeal(newDeal("3100000001")));
		expect(error).toMatchObject({ kind: "unavailable", endpoint: "addDeal" });
		expect(error.options).toMatchObject({ status: 500, mayHaveApplied: true });
		expect(error.message).toBe("Pipedrive addDeal failed with HTTP 500 after 1 attempt: Internal error");
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(1);
		expect(h.http.state.dealsForOrder("3100000001")).toHaveLength(0);
	});

	it("takes an unreadable success as made, and finds the deal", () => {
		const h = harness();
		h.http.intercept((exchange) => {
			if (exchange.method !== "POST" || exchange.path !== "/api/v2/deals") return undefined;
			const real = exchange.pass();
			return { ...real, body: real.body.slice(0, 40) };
		});
		const deal = h.connector.createDeal(newDeal("3100000001"));
		expect(deal.orderId).toBe("3100000001");
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(1);
	});

	it("after a 5xx on the person, finds the person instead of adding another", () => {
		const h = harness();
		h.http.intercept(once("POST", "/api/v2/persons", json(503, { success: false, error: "busy" }), { applied: true }));
		h.connector.createDeal(newDeal("3100000001"));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		expect([...h.http.state.persons.values()].filter((p) => p.name === "Anna Kowalska")).toHaveLength(1);
	});

	it("retries the create after a 429, which Pipedrive answers without doing anything", () => {
		const h = harness();
		h.http.intercept(
			once("POST", "/api/v2/deals", json(429, { success: false, error: "Request over limit" }, { "retry-after": "2" })),
		);
		h.connector.createDeal(newDeal("3100000001"));
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(2);
		expect(h.clock.sleeps).toEqual([2000]);
		expect(h.http.state.dealsForOrder("3100000001")).toHaveLength(1);
	});
});

describe("findDeal", () => {
	it("finds a deal this connector made through the Store note", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const made = h.connector.createDeal(newDeal("3100000001"));
		const before = h.http.requests.length;
		const next = h.nextRun();
		expect(next.findDeal("3100000001")).toEqual(made);
		const paths = h.http.requests.slice(before).map((r) => new URL(r.url).pathname);
		expect(paths).toEqual([
			expect.stringMatching(/^\/api\/v2\/dealFields\//),
			`/api/v2/deals/${made.dealId}`,
			"/api/v2/stages",
		]);
	});

	it("finds a deal made by a run whose Store note was lost, among the latest deals, while search lags", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const made = h.connector.createDeal(newDeal("3100000001"));
		h.store.delete(RECENT_CREATIONS_KEY);
		expect(h.nextRun().findDeal("3100000001")?.dealId).toBe(made.dealId);
		expect(h.http.sent("GET", "/api/v2/deals/search")).toHaveLength(0);
	});

	it("finds an older deal by searching the order field", () => {
		const h = harness({ sandbox: { deals: 0 } });
		const made = h.connector.createDeal(newDeal("3100000001"));
		for (let i = 0; i < 120; i++) h.http.state.createDeal({ title: `Other ${i}` }, NOW / 1000 + i + 1);
		h.store.delete(RECENT_CREATIONS_KEY);
		expect(h.nextRun().findDeal("3100000001")?.dealId).toBe(made.dealId);
		expect(h.http.sent("GET", "/api/v2/deals/search")).toHaveLength(1);
	});

	it("does not trust titles: a renamed deal is found, a look-alike title is not", () => {
		const h = harness();
		const made = h.connector.createDeal(newDeal("3100000001"));
		h.http.state.updateDeal(Number(made.dealId), { title: "Biurko dla Anny" }, NOW / 1000);
		h.http.state.createDeal({ title: "Etsy 3100000002 · Jan Nowak" }, NOW / 1000);
		h.store.delete(RECENT_CREATIONS_KEY);
		const next = h.nextRun();
		expect(next.findDeal("3100000001")?.dealId).toBe(made.dealId);
		expect(next.findDeal("3100000002")).toBeNull();
	});

	it("creates nothing when Hubsheet never made a deal here", () => {
		const h = harness();
		expect(h.connector.findDeal("3100000001")).toBeNull();
		expect(h.connector.dealsChangedSince(0)).toEqual([]);
		expect(h.http.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(["get /api/v2/dealFields"]);
	});

	it("does not return a deleted deal", () => {
		const h = harness();
		const made = h.connector.createDeal(newDeal("3100000001"));
		h.http.state.deleteDeal(Number(made.dealId), NOW / 1000);
		expect(h.nextRun().findDeal("3100000001")).toBeNull();
	});

	it("returns the oldest when Pipedrive holds two deals of one order", () => {
		const h = harness();
		const first = h.connector.createDeal(newDeal("3100000001"));
		h.store.delete(RECENT_CREATIONS_KEY);
		const field = h.http.state.orderField()?.field_code as string;
		h.http.state.createDeal({ title: "dup", custom_fields: { [field]: "3100000001" } }, NOW / 1000);
		expect(h.nextRun().findDeal("3100000001")?.dealId).toBe(first.dealId);
	});
});

describe("unknownStages", () => {
	it("names the stages Pipedrive does not have", () => {
		const h = harness();
		expect(h.connector.unknownStages([...MAPPED_STAGES, "Sanding", "sanding"])).toEqual(["Sanding", "sanding"]);
	});

	it("matches names ignoring case and extra spaces", () => {
		const h = harness();
		expect(h.connector.unknownStages(["ready  to SHIP", " new "])).toEqual([]);
	});

	it("keeps an order's stages in the pipeline holding most of the mapped names", () => {
		const h = harness();
		const sales = [...h.http.state.pipelines.values()].find((p) => p.name === "Sales pipeline");
		h.http.state.addStage(sales?.id as number, "Production", NOW / 1000);
		h.connector.unknownStages(MAPPED_STAGES);
		const deal = h.connector.createDeal(newDeal("3100000001", { stageName: "Production" }));
		expect(h.http.state.deals.get(Number(deal.dealId))?.stage_id).toBe(stageId(h, "Orders", "Production"));
	});

	it("looks only in the pipeline named in settings", () => {
		const h = harness({ connector: { pipelineName: "sales pipeline" } });
		expect(h.connector.unknownStages(["Qualified", "New"])).toEqual(["New"]);
		const bad = harness({ connector: { pipelineName: "Workshop" } });
		const error = platformErrorOf(() => bad.connector.unknownStages(["New"]));
		expect(error).toMatchObject({ kind: "rejected", endpoint: "getPipelines" });
		expect(error.message).toBe('Pipedrive has no pipeline named "Workshop" (it has "Sales pipeline", "Orders")');
	});

	it("reads the stages once per execution", () => {
		const h = harness();
		h.connector.unknownStages(MAPPED_STAGES);
		h.connector.unknownStages(MAPPED_STAGES);
		expect(h.http.sent("GET", "/api/v2/stages")).toHaveLength(1);
		expect(h.http.sent("GET", "/api/v2/pipelines")).toHaveLength(0);
	});
});

describe("moveStages", () => {
	it("moves each deal and answers one result per move, in order", () => {
		const h = harness();
		const a = h.connector.createDeal(newDeal("1001"));
		const b = h.connector.createDeal(newDeal("1002"));
		const results = h.connector.moveStages([
			{ orderId: "1001", dealId: a.dealId, stageName: "Production" },
			{ orderId: "1002", dealId: b.dealId, stageName: "Sanding" },
			{ orderId: "1003", dealId: "../1", stageName: "Design" },
			{ orderId: "1002", dealId: b.dealId, stageName: "Design" },
		]);
		expect(results.map((r) => [r.orderId, r.ok])).toEqual([
			["1001", true],
			["1002", false],
			["1003", false],
			["1002", true],
		]);
		const failed = results.filter((r) => !r.ok) as Array<{ error: PlatformError }>;
		expect(failed[0]?.error.message).toBe('Pipedrive has no stage named "Sanding"');
		expect(failed[1]?.error.kind).toBe("rejected");
		expect(h.http.state.deals.get(Number(a.dealId))?.stage_id).toBe(stageId(h, "Orders", "Production"));
		expect(h.http.state.deals.get(Number(b.dealId))?.stage_id).toBe(stageId(h, "Orders", "Design"));
	});

	it("sends moves a few at a time with fetchAll", () => {
		const h = harness({ connector: { parallelRequests: 3 } });
		const deals = ["1", "2", "3", "4", "5", "6", "7"].map((id) => h.connector.createDeal(newDeal(id)));
		const calls = h.http.fetchAllCalls;
		const results = h.connector.moveStages(
			deals.map((d) => ({ orderId: d.orderId, dealId: d.dealId, stageName: "Design" })),
		);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(h.http.fetchAllCalls - calls).toBe(3);
	});

	it("retries a move that met a 5xx or a 429, and reports a deleted deal on its own row", () => {
		const h = harness();
		const a = h.connector.createDeal(newDeal("1001"));
		const b = h.connector.createDeal(newDeal("1002"));
		const c = h.connector.createDeal(newDeal("1003"));
		h.http.state.deleteDeal(Number(c.dealId), NOW / 1000);
		h.http.intercept(once("PATCH", `/api/v2/deals/${a.dealId}`, json(503, { success: false, error: "busy" })));
		h.http.intercept(once("PATCH", `/api/v2/deals/${b.dealId}`, json(429, { success: false }, { "retry-after": "1" })));
		const results = h.connector.moveStages(
			[a, b, c].map((d) => ({ orderId: d.orderId, dealId: d.dealId, stageName: "Shipped" })),
		);
		expect(results.slice(0, 2)).toEqual([
			{ orderId: "1001", ok: true },
			{ orderId: "1002", ok: true },
		]);
		const failed = results[2] as { ok: false; error: PlatformError };
		expect(failed.error.kind).toBe("rejected");
		expect(failed.error.message).toContain(`deal ${c.dealId} of order 1003 no longer exists`);
	});

	it("reports a refused token on every row, sending no more after the first refusal", () => {
		const h = harness({ connector: { parallelRequests: 2 } });
		const deals = ["1", "2", "3", "4"].map((id) => h.connector.createDeal(newDeal(id)));
		h.http.state.regenerateToken();
		const before = h.http.requests.length;
		const results = h.connector.moveStages(
			deals.map((d) => ({ orderId: d.orderId, dealId: d.dealId, stageName: "Design" })),
		);
		expect(results.every((r) => !r.ok && r.error.kind === "auth")).toBe(true);
		expect(h.http.requests.length - before).toBe(2);
	});
});

describe("dealsChangedSince", () => {
	it("returns Hubsheet's deals edited since then, with the stage names the owner sees", () => {
		const h = harness();
		const a = h.connector.createDeal(newDeal("1001"));
		h.connector.createDeal(newDeal("1002"));
		h.http.state.createDeal({ title: "Not ours" }, NOW / 1000 + 60);
		h.http.state.moveByHand(Number(a.dealId), "Production", NOW / 1000 + 120);
		const changed = h.nextRun().dealsChangedSince(NOW + 30_000);
		expect(changed).toEqual([
			{
				dealId: a.dealId,
				orderId: "1001",
				stageName: "Production",
				value: 2499.5,
				currency: "PLN",
				url: `https://ergodrewno.pipedrive.com/deal/${a.dealId}`,
				updatedAtMs: NOW + 120_000,
			},
		]);
		const [request] = h.http.sent("GET", "/api/v2/deals");
		expect(Object.fromEntries(new URL(request?.url as string).searchParams)).toMatchObject({
			updated_since: "2026-11-02T09:00:30Z",
			sort_by: "update_time",
			sort_direction: "asc",
			limit: "500",
			custom_fields: h.http.state.orderField()?.field_code,
		});
	});

	it("follows the cursor, up to the page limit", () => {
		const h = harness({ connector: { maxChangedPages: 2 } });
		h.connector.createDeal(newDeal("1"));
		const field = h.http.state.orderField()?.field_code as string;
		for (let i = 0; i < 1200; i++) {
			h.http.state.createDeal({ title: `T${i}`, custom_fields: { [field]: String(5000 + i) } }, NOW / 1000 + i);
		}
		const changed = h.connector.dealsChangedSince(NOW);
		expect(changed).toHaveLength(1000);
		expect(h.http.sent("GET", "/api/v2/deals")).toHaveLength(2);
		const times = changed.map((d) => d.updatedAtMs);
		expect(times).toEqual([...times].sort((x, y) => x - y));
		expect(h.log.lines.some((line) => line.includes("the rest follow next time"))).toBe(true);
	});

	it("leaves the token reserve alone: refused locally when the budget is nearly spent", () => {
		const h = harness();
		h.connector.createDeal(newDeal("1"));
		h.http.sandbox.budget.consume(29_600);
		// The next answer carries the low count; the optional read then stays home.
		expect(h.connector.findDeal("1")).not.toBeNull();
		const before = h.http.requests.length;
		const error = platformErrorOf(() => h.connector.dealsChangedSince(NOW));
		expect(h.http.requests.length).toBe(before);
		expect(error.kind).toBe("rate-limit");
		expect(error.message).toContain("kept for creating deals and moving stages");
	});

	it("leaves out a deal it cannot read and says so", () => {
		const h = harness();
		const a = h.connector.createDeal(newDeal("1001"));
		const b = h.connector.createDeal(newDeal("1002"));
		h.http.intercept((exchange) => {
			if (exchange.method !== "GET" || exchange.path !== "/api/v2/deals" || exchange.query.sort_by !== "update_time") {
				return undefined;
			}
			const real = exchange.pass();
			const body = JSON.parse(real.body) as { data: Array<Record<string, unknown>> };
			(body.data[0] as Record<string, unknown>).stage_id = "five";
			return { ...real, body: JSON.stringify(body) };
		});
		const changed = h.connector.dealsChangedSince(NOW - 1000);
		expect(changed.map((d) => d.dealId)).toEqual([b.dealId]);
		expect(h.log.lines).toContain(
			"warn Pipedrive getDeals returned a malformed answer Hubsheet cannot read: data[0].stage_id: expected number, received string (left out)",
		);
		expect(a.dealId).not.toBe(b.dealId);
	});
});

describe("the order field", () => {
	it("is verified with one cheap request in later executions, and made again if deleted", () => {
		const h = harness();
		h.connector.createDeal(newDeal("1"));
		const next = h.nextRun();
		next.findDeal("1");
		expect(h.http.sent("GET", "/api/v2/dealFields")).toHaveLength(1);
		expect(h.http.sent("GET", /^\/api\/v2\/dealFields\/[0-9a-f]{40}$/)).toHaveLength(1);

		h.http.state.deleteDealField(h.http.state.orderField()?.field_code as string);
		h.nextRun().createDeal(newDeal("2"));
		expect(h.http.sent("POST", "/api/v2/dealFields")).toHaveLength(2);
	});

	it("uses a text field of that name made by hand, and refuses one of another type", () => {
		const h = harness();
		const own = h.http.state.addDealField("ETSY ORDER", "varchar_auto", NOW / 1000);
		h.connector.createDeal(newDeal("1"));
		expect(h.http.sent("POST", "/api/v2/dealFields")).toHaveLength(0);
		expect(h.http.state.dealsForOrder("1")).toHaveLength(0);
		expect([...h.http.state.deals.values()].some((d) => d.custom_fields[own.field_code] === "1")).toBe(true);

		const other = harness();
		other.http.state.addDealField("Etsy order", "double", NOW / 1000);
		const error = platformErrorOf(() => other.connector.createDeal(newDeal("1")));
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain('already has a deal field named "Etsy order", but of type double');
	});

	it("is not reused for another Pipedrive company", () => {
		const store = new FakeStore();
		store.set(ORDER_FIELD_STORE_KEY, JSON.stringify({ company: "othershop", name: "Etsy order", key: "a".repeat(40) }));
		const http = new SandboxHttp();
		const connector = new PipedriveConnector({
			http,
			clock: new FakeClock(NOW),
			store,
			apiToken: API_TOKEN,
			companyDomain: COMPANY,
		});
		connector.createDeal(newDeal("1"));
		expect(http.sent("GET", /^\/api\/v2\/dealFields\/a+$/)).toHaveLength(0);
	});
});

describe("failures end as typed errors", () => {
	it("a refused token is an auth error that says what to do", () => {
		const h = harness();
		h.http.state.regenerateToken();
		const error = platformErrorOf(() => h.connector.unknownStages(["New"]));
		expect(error).toMatchObject({ platform: "Pipedrive", endpoint: "getStages", kind: "auth" });
		expect(error.options.status).toBe(401);
		expect(error.message).toContain("Enter the current token");
	});

	it("a spent daily budget fails at once, without retries", () => {
		const h = harness();
		h.http.sandbox.budget.consume(30_000);
		const error = platformErrorOf(() => h.connector.unknownStages(["New"]));
		expect(error).toMatchObject({ kind: "rate-limit", endpoint: "getStages" });
		expect(error.message).toContain("today's API token budget is spent");
		expect(error.options.retryAfterSeconds).toBeGreaterThan(0);
		expect(h.http.requests).toHaveLength(1);
		expect(h.clock.sleeps).toEqual([]);
	});

	it("a burst 429 is waited out as Pipedrive asks, a bounded number of times", () => {
		const h = harness({ sandbox: { settings: { burstPerWindow: 0 } } });
		const error = platformErrorOf(() => h.connector.unknownStages(["New"]));
		expect(error.kind).toBe("rate-limit");
		expect(error.message).toBe("Pipedrive getStages is rate-limited: still refused after 3 retries");
		expect(h.http.requests).toHaveLength(4);
		expect(h.clock.sleeps).toEqual([1000, 1000, 1000]);
	});

	it("a malformed answer names the operation", () => {
		const h = harness();
		h.http.intercept(() => ({ status: 200, headers: {}, body: '{"success":true,"data":[{"id":1,' }));
		const error = platformErrorOf(() => h.connector.unknownStages(["New"]));
		expect(error).toMatchObject({ kind: "malformed", endpoint: "getStages" });
		expect(error.message).toMatch(
			/^Pipedrive getStages returned a malformed answer Hubsheet cannot read: the body is not JSON/,
		);
	});

	it("keeps the token out of messages, even when Pipedrive echoes it", () => {
		const h = harness();
		h.http.intercept(() => json(400, { success: false, error: `Bad token ${API_TOKEN} in request` }));
		const error = platformErrorOf(() => h.connector.unknownStages(["New"]));
		expect(error.kind).toBe("rejected");
		expect(error.message).toBe("Pipedrive getStages refused the request (HTTP 400): Bad token [redacted] in request");
		expect(error.stack).not.toContain(API_TOKEN);
	});

	it("retries a read after a 5xx and a transport failure", () => {
		const h = harness();
		let calls = 0;
		h.http.intercept(() => {
			calls++;
			if (calls === 1) return json(502, { success: false, error: "Bad gateway" });
			if (calls === 2) throw new Error("Address unavailable: https://ergodrewno.pipedrive.com/api/v2/stages");
			return undefined;
		});
		expect(h.connector.unknownStages(["New"])).toEqual([]);
		expect(h.clock.sleeps).toEqual([1000, 2000]);
	});

	it("refuses a company domain that is not one, before any request", () => {
		const http = new SandboxHttp();
		const make = (companyDomain: string) =>
			new PipedriveConnector({
				http,
				clock: new FakeClock(),
				store: new FakeStore(),
				apiToken: API_TOKEN,
				companyDomain,
			});
		expect(() => make("evil.com/x?")).toThrow(/is not one/);
		expect(make("https://ErgoDrewno.pipedrive.com/pipeline/2").dealUrl(7)).toBe(
			"https://ergodrewno.pipedrive.com/deal/7",
		);
		expect(http.requests).toHaveLength(0);
	});
});

describe("token costs", () => {
	it("counts what a new order costs: field, stages, person search and create, deal", () => {
		const h = harness();
		h.connector.createDeal(newDeal("1"));
		// getDealFields 10 + addDealField 5 + getStages 5 + searchPersons 20 + addPerson 5 + addDeal 5
		expect(h.connector.tokensSpent).toBe(50);
		const before = h.connector.tokensSpent;
		h.connector.createDeal(newDeal("2", { person: { name: "Jan", email: "jan@example.com" } }));
		expect(h.connector.tokensSpent - before).toBe(30);
		expect(h.connector.quota?.dailyTokensRemaining).toBe(30_000 - h.http.sandbox.budget.spentToday());
	});
});
