import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type StartedSandboxes, startSandboxes } from "../../../local/sandbox/main.js";
import { PipedriveControlClient, type WireDeal } from "../../../local/sandbox/pipedrive/control-client.js";
import { API_TOKEN, type Envelope, PipedriveTestClient } from "./pipedrive-client.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

let started: StartedSandboxes;
let control: PipedriveControlClient;
let api: PipedriveTestClient;
let baseUrl: string;

beforeAll(async () => {
	started = await startSandboxes({ only: ["pipedrive"], seed: 7 });
	baseUrl = started.urls.pipedrive as string;
	control = new PipedriveControlClient(baseUrl);
	api = new PipedriveTestClient(baseUrl);
});
afterAll(() => started.close());

/** A frozen, seeded company; bursts allowed so tests can run fast, search without lag unless asked. */
async function fresh(options: Parameters<PipedriveControlClient["reset"]>[0] = {}) {
	await control.reset({
		now: NOW,
		frozen: true,
		seed: 7,
		...options,
		settings: { burstPerWindow: 10_000, searchLagSeconds: 0, ...options.settings },
	});
	api.token = API_TOKEN;
}

async function ordersStage(name: string): Promise<number> {
	const { pipelines } = await control.summary();
	const stage = pipelines.find((p) => p.name === "Orders")?.stages.find((s) => s.name === name);
	if (!stage) throw new Error(`no stage ${name}`);
	return stage.id;
}

describe("authentication", () => {
	beforeEach(() => fresh());

	it("takes the token from x-api-token or ?api_token=, and answers 401 otherwise", async () => {
		expect((await api.get("/api/v2/stages")).status).toBe(200);
		api.token = undefined;
		const missing = await api.get("/api/v2/stages");
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({
			success: false,
			error: "unauthorized access",
			errorCode: 401,
			error_info: "Please check developers.pipedrive.com for more information about Pipedrive API.",
			data: null,
			additional_data: null,
		});
		expect((await api.get("/api/v2/stages", { api_token: API_TOKEN })).status).toBe(200);
		api.token = "0".repeat(40);
		expect((await api.get("/api/v2/stages")).status).toBe(401);
	});

	it("refuses the old token once it is regenerated", async () => {
		const token = await control.regenerateToken();
		expect(token).toMatch(/^[0-9a-f]{40}$/);
		expect((await api.get("/api/v2/stages")).status).toBe(401);
		api.token = token;
		expect((await api.get("/api/v2/stages")).status).toBe(200);
	});

	it("keeps ?api_token= out of the request log", async () => {
		await control.clearRequests();
		await api.get("/api/v2/pipelines", { api_token: API_TOKEN });
		const [entry] = await control.requests();
		expect(entry?.query.api_token).toBe("[redacted]");
	});
});

describe("token-based rate limits", () => {
	beforeEach(() => fresh());

	it("charges each endpoint its token cost and reports the budget on every answer", async () => {
		const first = await api.get("/api/v2/deals");
		expect(first.headers.get("x-daily-ratelimit-token-limit")).toBe("30000");
		expect(first.headers.get("x-daily-ratelimit-token-remaining")).toBe("29990");
		await api.get("/api/v2/deals/search", { term: "desk" });
		const third = await api.get("/api/v2/stages");
		expect(third.headers.get("x-daily-ratelimit-token-remaining")).toBe(String(30_000 - 10 - 20 - 5));
		expect(third.headers.get("x-ratelimit-limit")).toBe("10000");
		expect((await control.settings()).tokensSpentToday).toBe(35);
	});

	it("refuses with 429 once the day's tokens are spent, until midnight UTC", async () => {
		await control.updateSettings({ dailyTokens: 25 });
		expect((await api.get("/api/v2/deals")).status).toBe(200);
		expect((await api.get("/api/v2/deals")).status).toBe(200);
		const refused = await api.get("/api/v2/deals");
		expect(refused.status).toBe(429);
		expect(refused.body).toMatchObject({ success: false, error: "Request over limit" });
		expect(refused.headers.get("x-daily-ratelimit-token-remaining")).toBe("5");
		expect(refused.headers.get("retry-after")).toBe(String(15 * 3600));
		expect((await api.get("/api/v2/deals/1")).status).toBe(200);
		await control.advanceClock({ seconds: 15 * 3600 });
		expect((await api.get("/api/v2/deals")).status).toBe(200);
	});

	it("limits requests per token in a rolling 2-second window", async () => {
		await control.updateSettings({ burstPerWindow: 3 });
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await api.get("/api/v2/pipelines")).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const refused = await api.get("/api/v2/pipelines");
		expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
		expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
	});
});

describe("deals", () => {
	beforeEach(() => fresh({ deals: 0, orderField: true }));

	it("creates a deal in the stage given, with its custom field, and serves it back", async () => {
		const field = (await control.summary()).orderField as string;
		const stage = await ordersStage("Design");
		const created = await api.post<Envelope<WireDeal>>("/api/v2/deals", {
			title: "Etsy 3100000001 · Anna",
			value: 1234.56,
			currency: "PLN",
			stage_id: stage,
			custom_fields: { [field]: "3100000001" },
		});
		expect(created.status).toBe(200);
		expect(created.body.data).toMatchObject({
			title: "Etsy 3100000001 · Anna",
			value: 1234.56,
			stage_id: stage,
			status: "open",
			add_time: "2026-11-02T09:00:00Z",
			stage_change_time: null,
			custom_fields: { [field]: "3100000001" },
		});
		const read = await api.get<Envelope<WireDeal>>(`/api/v2/deals/${created.body.data.id}`, { custom_fields: field });
		expect(read.body.data.custom_fields).toEqual({ [field]: "3100000001" });
		expect(await control.dealsForOrder("3100000001")).toHaveLength(1);
	});

	it("refuses what Pipedrive refuses, with its error body", async () => {
		const cases: Array<[unknown, number, RegExp]> = [
			[{ value: 1 }, 400, /"title" is required/],
			[{ title: "x", stage_id: 999 }, 400, /Stage with id 999 does not exist/],
			[{ title: "x", currency: "XXX" }, 400, /Currency XXX is not supported/],
			[{ title: "x", custom_fields: { nope: "1" } }, 400, /Custom field "nope" does not exist/],
			[{ title: "x", person_id: 4242 }, 400, /Person with id 4242 does not exist/],
		];
		for (const [body, status, error] of cases) {
			const response = await api.post<Envelope<null>>("/api/v2/deals", body);
			expect(response.status).toBe(status);
			expect(response.body).toMatchObject({ success: false, error: expect.stringMatching(error), data: null });
		}
		expect((await api.patch("/api/v2/deals/999", { stage_id: 1 })).status).toBe(404);
		const bad = await fetch(`${baseUrl}/api/v2/deals`, {
			method: "POST",
			headers: { "x-api-token": API_TOKEN, "content-type": "application/json" },
			body: "{not json",
		});
		expect(bad.status).toBe(400);
	});

	it("moves the stage, stamping update_time and stage_change_time", async () => {
		const deal = await control.createDeal({ title: "Etsy 1", stage: "New", orderId: "1" });
		await control.advanceClock({ seconds: 60 });
		const moved = await api.patch<Envelope<WireDeal>>(`/api/v2/deals/${deal.id}`, {
			stage_id: await ordersStage("Production"),
		});
		expect(moved.body.data).toMatchObject({
			stage_id: await ordersStage("Production"),
			update_time: "2026-11-02T09:01:00Z",
			stage_change_time: "2026-11-02T09:01:00Z",
		});
	});

	it("pages with opaque cursors, sorted by update time, filtered by updated_since", async () => {
		for (let i = 0; i < 250; i++) {
			await control.createDeal({ title: `Deal ${i}`, stage: "New" });
			if (i % 50 === 0) await control.advanceClock({ seconds: 10 });
		}
		const seen: WireDeal[] = [];
		let cursor: string | null | undefined;
		let pages = 0;
		do {
			const page = await api.get<Envelope<WireDeal[]>>("/api/v2/deals", {
				sort_by: "update_time",
				sort_direction: "asc",
				limit: 100,
				...(cursor ? { cursor } : {}),
			});
			expect(page.status).toBe(200);
			seen.push(...page.body.data);
			cursor = page.body.additional_data?.next_cursor;
			pages++;
		} while (cursor);
		expect(pages).toBe(3);
		expect(new Set(seen.map((d) => d.id)).size).toBe(250);
		const times = seen.map((d) => d.update_time);
		expect(times).toEqual([...times].sort());

		const since = await api.get<Envelope<WireDeal[]>>("/api/v2/deals", {
			updated_since: "2026-11-02T09:00:41Z",
			limit: 500,
		});
		expect(since.body.data.length).toBe(49);
		expect((await api.get("/api/v2/deals", { updated_since: "yesterday" })).status).toBe(400);
		expect((await api.get("/api/v2/deals", { limit: 501 })).status).toBe(400);
		expect((await api.get("/api/v2/deals", { cursor: "garbage" })).status).toBe(400);
	});

	it("leaves archived deals out of the list and deleted ones unless asked", async () => {
		const kept = await control.createDeal({ title: "kept" });
		const archived = await control.createDeal({ title: "archived" });
		const deleted = await control.createDeal({ title: "deleted" });
		await control.archiveDeal(archived.id);
		await control.deleteDeal(deleted.id);
		const ids = async (query: Record<string, string>) =>
			(await api.get<Envelope<WireDeal[]>>("/api/v2/deals", query)).body.data.map((d) => d.id);
		expect(await ids({})).toEqual([kept.id]);
		expect(await ids({ status: "deleted" })).toEqual([deleted.id]);
		expect((await api.get<Envelope<WireDeal>>(`/api/v2/deals/${deleted.id}`)).body.data.is_deleted).toBe(true);
	});
});

describe("search", () => {
	beforeEach(() => fresh({ deals: 0, orderField: true, settings: { searchLagSeconds: 30 } }));

	it("finds a new deal by its custom field only once the index has caught up", async () => {
		const deal = await control.createDeal({ title: "Etsy 3100000001 · Anna", orderId: "3100000001" });
		const search = () =>
			api.get<Envelope<{ items: Array<{ item: { id: number; custom_fields: string[] } }> }>>("/api/v2/deals/search", {
				term: "3100000001",
				fields: "custom_fields",
				exact_match: true,
			});
		expect((await search()).body.data.items).toEqual([]);
		await control.advanceClock({ seconds: 30 });
		expect((await search()).body.data.items.map((i) => [i.item.id, i.item.custom_fields])).toEqual([
			[deal.id, ["3100000001"]],
		]);
		const partial = await api.get<Envelope<{ items: unknown[] }>>("/api/v2/deals/search", {
			term: "310000000",
			fields: "custom_fields",
			exact_match: true,
		});
		expect(partial.body.data.items).toEqual([]);
	});

	it("finds persons by email, exactly and ignoring case", async () => {
		await control.createPerson({ name: "Anna Kowalska", email: "anna@example.com" });
		await control.advanceClock({ seconds: 30 });
		const found = await api.get<Envelope<{ items: Array<{ item: { name: string; emails: string[] } }> }>>(
			"/api/v2/persons/search",
			{ term: "ANNA@example.com", fields: "email", exact_match: true },
		);
		expect(found.body.data.items.map((i) => i.item)).toMatchObject([
			{ name: "Anna Kowalska", emails: ["anna@example.com"] },
		]);
		expect((await api.get("/api/v2/persons/search", { term: "a" })).status).toBe(400);
		expect((await api.get("/api/v2/persons/search", { term: "anna", fields: "address" })).status).toBe(400);
	});
});

describe("the CRM's own business", () => {
	beforeEach(() => fresh({ deals: 0, orderField: true }));

	it("moves a deal by hand, by stage name within its pipeline", async () => {
		const deal = await control.createDeal({ title: "Etsy 1", stage: "New", orderId: "1" });
		await control.advanceClock({ seconds: 5 });
		const moved = await control.moveDealByHand(deal.id, "Production");
		expect(moved.stage_id).toBe(await ordersStage("Production"));
		expect(moved.update_time).toBe("2026-11-02T09:00:05Z");
	});

	it("moves Hubsheet's deals by hand as time passes, when told to", async () => {
		await control.createDeal({ title: "Etsy 1", stage: "New", orderId: "1" });
		await control.createDeal({ title: "Not Hubsheet's", stage: "New" });
		await control.updateSettings({ handEditsPerDay: 24 });
		await control.advanceClock({ seconds: 3 * 3600 });
		const deals = await control.deals();
		const ours = deals.find((d) => d.title === "Etsy 1");
		const other = deals.find((d) => d.title === "Not Hubsheet's");
		expect(ours?.stage_id).not.toBe(await ordersStage("New"));
		expect(other?.stage_id).toBe(await ordersStage("New"));
	});

	it("serves a page for a deal link", async () => {
		const deal = await control.createDeal({ title: "Etsy <1>", stage: "New" });
		const page = await fetch(`${baseUrl}/deal/${deal.id}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain("Etsy &#60;1&#62;");
	});
});

describe("faults", () => {
	beforeEach(() => fresh());

	it("answers injected faults with Pipedrive's bodies", async () => {
		await control.addFault({ kind: "rate-limit", path: "/api/v2/*", retryAfter: 2 });
		const limited = await api.get("/api/v2/stages");
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("2");
		expect(limited.body).toMatchObject({ success: false, error: "Request over limit" });
		await control.addFault({ kind: "revoked-token", path: "/api/v2/*" });
		expect((await api.get("/api/v2/stages")).body).toMatchObject({ error: "unauthorized access" });
		await control.addFault({ kind: "error", status: 503, path: "/api/v2/deals", method: "POST" });
		const failed = await api.post("/api/v2/deals", { title: "x" });
		expect(failed.status).toBe(503);
		expect(failed.body).toMatchObject({ success: false, error: "Server Error" });
		await control.addFault({ kind: "malformed", path: "/api/v2/pipelines" });
		const cut = await api.get("/api/v2/pipelines");
		expect(cut.status).toBe(200);
		expect(cut.body).toBeUndefined();
	});
});
