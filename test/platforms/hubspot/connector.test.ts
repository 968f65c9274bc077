/**
 * The HubSpot connector against the HubSpot sandbox in this process: stage names, finding and
 * creating deals (the buyer's contact, a lost answer, a conflict on the order id), batched stage
 * moves with partial failures, the changed-deals search, and the order id property's set-up. Faults
 * the sandbox does not model on its own (a lost answer, a 429, an unreadable body) are injected.
 */
import { describe, expect, it } from "vitest";
import type { StageMove } from "../../../src/core/connector-contracts.js";
import type { HttpRequest } from "../../../src/ports.js";
import { newDeal as dealOf } from "../harness/new-deal.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { json, text } from "../harness/stand-ins.js";
import { BASE, bodyOf, type Harness, harness, hubspotError, NOW, once, PIPELINES, PORTAL, TOKEN } from "./harness.js";

const GET_BY_ORDER = "GET /crm/v3/objects/deals/*";
const CREATE = "POST /crm/v3/objects/deals";
const BATCH = "POST /crm/v3/objects/deals/batch/update";
const CONTACT_GET = "GET /crm/v3/objects/contacts/*";
const CONTACT_CREATE = "POST /crm/v3/objects/contacts";
const DEALS = /^\/crm\/v3\/objects\/deals$/;
const BATCH_PATH = /^\/crm\/v3\/objects\/deals\/batch\/update$/;
const timeout = () => {
	throw new Error(`Timeout: ${BASE}/crm/v3/objects/deals`);
};

const newDeal = dealOf("3100000001", {
	currency: "pln",
	person: { name: "Anna Kowalska", email: "Anna.Kowalska@example.pl" },
});
const noContacts = { connector: { linkContacts: false } };

describe("unknownStages", () => {
	it("resolves names to the pipeline's stage labels, loosely, and reports unknown ones by name", () => {
		const { connector, sent } = harness();
		expect(connector.unknownStages(["New", " ready  TO ship ", "Delivered", "Shipped", "Retired", "Shipped"])).toEqual([
			"Shipped",
			"Retired",
		]);
		// Read once per execution.
		connector.unknownStages(["Design"]);
		expect(sent("GET /crm/v3/pipelines/deals")).toHaveLength(1);
	});

	it("says which pipelines exist when the configured one does not", () => {
		const { connector } = harness({ connector: { pipelineId: "999" } });
		const error = platformErrorOf(() => connector.unknownStages(["New"]));
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain('no deal pipeline with id "999"');
		expect(error.message).toContain('"Sales Pipeline" (id default)');
		expect(error.message).toContain('"Wholesale" (id 1043528700)');
	});

	it("uses the stages of the configured pipeline, not another's with the same label", () => {
		const { connector } = harness({ connector: { pipelineId: "1043528700" } });
		expect(connector.unknownStages(["New", "Design"])).toEqual(["Design"]);
	});

	it("lists pipelines and their stage names for the settings dialog", () => {
		const { connector } = harness();
		expect(connector.listPipelines()).toEqual([
			{ id: "default", label: "Sales Pipeline", stages: ["New", "Design", "Ready to ship", "Delivered", "On hold"] },
			{ id: "1043528700", label: "Wholesale", stages: ["New"] },
		]);
	});
});

describe("findDeal", () => {
	it("reads the deal by the unique order id property and maps it", () => {
		const h = harness();
		const made = h.addDeal("3100000001", "qualifiedtobuy");
		expect(h.connector.findDeal("3100000001")).toEqual({
			dealId: made.id,
			orderId: "3100000001",
			stageName: "Design",
			value: 1499.5,
			currency: "PLN",
			url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-3/${made.id}`,
			updatedAtMs: NOW,
		});
		const request = h.http.requests.find((r) => r.url.includes("/objects/deals/")) as HttpRequest;
		const url = new URL(request.url);
		expect(url.pathname).toBe("/crm/v3/objects/deals/3100000001");
		expect(url.searchParams.get("idProperty")).toBe("hubsheet_order_id");
		expect(url.searchParams.get("properties")?.split(",")).toEqual(
			expect.arrayContaining(["dealstage", "amount", "deal_currency_code", "hubsheet_order_id"]),
		);
		expect(request.headers?.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it("returns null when HubSpot has no deal for the order", () => {
		const h = harness();
		h.addDeal("3100000002", "qualifiedtobuy");
		expect(h.connector.findDeal("3100000001")).toBeNull();
	});

	it("explains a missing order id property: run Set up", () => {
		const { connector } = harness({ sandbox: { orderIdProperty: "missing" } });
		const error = platformErrorOf(() => connector.findDeal("3100000001"));
		expect(error).toMatchObject({ kind: "rejected", platform: "HubSpot" });
		expect(error.message).toContain("Run Hubsheet's Set up");
	});

	it("names a stage no pipeline lists by its id, and reads an erased amount as 0 and an empty currency as the company's", () => {
		const h = harness({ connector: { companyCurrency: "eur", appBaseUrl: "https://app-eu1.hubspot.com/" } });
		const made = h.addDeal("3100000001", "qualifiedtobuy");
		// A stage since deleted in HubSpot, the amount and currency cleared by hand.
		made.properties.dealstage = "gone-stage";
		delete made.properties.amount;
		delete made.properties.deal_currency_code;
		expect(h.connector.findDeal("3100000001")).toMatchObject({
			stageName: "gone-stage",
			value: 0,
			currency: "EUR",
			url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-3/${made.id}`,
		});
	});

	it("reports an answer of the wrong shape as malformed, naming the field", () => {
		const h = harness();
		h.http.intercept(
			once("GET", /^\/crm\/v3\/objects\/deals\/[^/]+$/, json(200, { id: 15001, properties: {}, updatedAt: "x" })),
		);
		const error = platformErrorOf(() => h.connector.findDeal("3100000001"));
		expect(error.kind).toBe("malformed");
		expect(error.message).toMatch(
			/HubSpot GET \/crm\/v3\/objects\/deals\/\{orderId\}\?idProperty .*id: expected string/,
		);
	});

	it("reports a body that is not JSON as malformed", () => {
		const h = harness();
		h.http.intercept(once("GET", /^\/crm\/v3\/objects\/deals\/[^/]+$/, text(200, '{"id":"150')));
		expect(platformErrorOf(() => h.connector.findDeal("3100000001"))).toMatchObject({ kind: "malformed" });
	});
});

describe("createDeal", () => {
	it("creates the deal in the mapped stage with the order id, linked to the buyer's contact found by email", () => {
		const h = harness();
		const contact = h.addContact("anna.kowalska@example.pl");
		const created = h.connector.createDeal(newDeal);
		expect(created).toMatchObject({ orderId: "3100000001", stageName: "New", value: 1499.5, currency: "PLN" });
		const [contactRequest] = h.sent(CONTACT_GET);
		expect(new URL(contactRequest?.url ?? "").pathname).toBe("/crm/v3/objects/contacts/anna.kowalska%40example.pl");
		expect(new URL(contactRequest?.url ?? "").searchParams.get("idProperty")).toBe("email");
		const body = bodyOf(h.sent(CREATE)[0] as HttpRequest);
		expect(body).toEqual({
			properties: {
				dealname: "Etsy 3100000001 · Anna Kowalska",
				amount: "1499.5",
				pipeline: "default",
				dealstage: "appointmentscheduled",
				deal_currency_code: "PLN",
				hubsheet_order_id: "3100000001",
			},
			associations: [
				{ to: { id: contact.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }] },
			],
		});
		expect(h.sandbox.state.get("deals", created.dealId)?.associations).toEqual([contact.id]);
	});

	it("creates the contact when none has the email, and takes the existing id from a 409", () => {
		const h = harness();
		h.connector.createDeal(newDeal);
		expect(bodyOf(h.sent(CONTACT_CREATE)[0] as HttpRequest)).toEqual({
			properties: { email: "anna.kowalska@example.pl", firstname: "Anna", lastname: "Kowalska" },
		});
		// Between the look-up and the create, someone else adds the contact: HubSpot answers 409 naming it.
		let meanwhile = "";
		h.http.intercept((exchange) => {
			if (exchange.method !== "GET" || !exchange.path.startsWith("/crm/v3/objects/contacts/") || meanwhile) {
				return undefined;
			}
			const answer = exchange.pass();
			meanwhile = h.addContact("ola@example.pl").id;
			return answer;
		});
		h.connector.createDeal({
			...newDeal,
			orderId: "3100000002",
			person: { name: "Ola Nowak", email: "ola@example.pl" },
		});
		const second = bodyOf(h.sent(CREATE)[1] as HttpRequest) as { associations: Array<{ to: { id: string } }> };
		expect(meanwhile).not.toBe("");
		expect(second.associations[0]?.to.id).toBe(meanwhile);
		expect(h.sent(CONTACT_CREATE)).toHaveLength(2);
	});

	it("makes no contact for a buyer without an email, or when linking is off", () => {
		const h = harness();
		h.connector.createDeal({ ...newDeal, person: { name: "Anna", email: "" } });
		expect(bodyOf(h.sent(CREATE)[0] as HttpRequest).associations).toBeUndefined();
		const off = harness(noContacts);
		off.connector.createDeal(newDeal);
		expect(off.sent(CONTACT_GET)).toHaveLength(0);
	});

	it("still creates the deal when the contacts scope is missing, and says so", () => {
		const h = harness();
		const connector = h.build({
			accessToken: h.tokenWithout("crm.objects.contacts.read", "crm.objects.contacts.write"),
		});
		const created = connector.createDeal(newDeal);
		expect(h.sandbox.state.get("deals", created.dealId)).toBeDefined();
		expect(bodyOf(h.sent(CREATE)[0] as HttpRequest).associations).toBeUndefined();
		expect(h.log.lines.join("\n")).toMatch(/without a linked contact.*crm\.objects\.contacts\.read/);
	});

	it("refuses an unknown stage by name before sending anything", () => {
		const { connector, sent } = harness();
		const error = platformErrorOf(() => connector.createDeal({ ...newDeal, stageName: "Shipped" }));
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain('no stage named "Shipped"');
		expect(error.message).toContain("New, Design, Ready to ship, Delivered, On hold");
		expect(sent(CREATE)).toHaveLength(0);
	});

	it("after a 5xx, finds the deal the lost answer created instead of creating a second", () => {
		const h = harness(noContacts);
		h.http.intercept(once("POST", DEALS, hubspotError(502, "INTERNAL_ERROR", "Bad gateway"), { applied: true }));
		const found = h.connector.createDeal(newDeal);
		expect(h.sandbox.state.list("deals").filter((d) => d.properties.hubsheet_order_id === "3100000001")).toHaveLength(
			1,
		);
		expect(found.orderId).toBe("3100000001");
		expect(h.sent(CREATE)).toHaveLength(1);
	});

	it("after a timeout with no deal found, creates once more", () => {
		const h = harness(noContacts);
		h.http.intercept(once("POST", DEALS, timeout));
		expect(h.connector.createDeal(newDeal).orderId).toBe("3100000001");
		expect(h.sent(CREATE)).toHaveLength(2);
		expect(h.sent(GET_BY_ORDER)).toHaveLength(1);
		expect(h.log.lines.join("\n")).toContain("creating it again");
	});

	it("gives up after the second failed create, saying it may have applied", () => {
		const h = harness(noContacts);
		h.http.intercept(
			once("POST", DEALS, json(503, { status: "error", message: "Service Unavailable", category: "INTERNAL_ERROR" }), {
				times: 10,
			}),
		);
		const error = platformErrorOf(() => h.connector.createDeal(newDeal));
		expect(error).toMatchObject({ kind: "unavailable", options: { status: 503, mayHaveApplied: true } });
		expect(error.message).toContain("Service Unavailable");
		expect(h.sent(CREATE)).toHaveLength(2);
	});

	it("resolves a conflict on the order id to the deal that already exists", () => {
		const h = harness(noContacts);
		const existing = h.addDeal("3100000001", "qualifiedtobuy");
		expect(h.connector.createDeal(newDeal)).toMatchObject({ dealId: existing.id, stageName: "Design" });
		expect(h.sent(CREATE)).toHaveLength(1);
	});

	it("passes other refusals on as rejected with HubSpot's words", () => {
		const h = harness(noContacts);
		h.http.intercept(
			once(
				"POST",
				DEALS,
				hubspotError(
					400,
					"VALIDATION_ERROR",
					'Property values were not valid: [{"isValid":false,"message":"The deal name is too long"}]',
				),
			),
		);
		const error = platformErrorOf(() => h.connector.createDeal(newDeal));
		expect(error).toMatchObject({ kind: "rejected", options: { status: 400 } });
		expect(error.message).toContain("The deal name is too long");
		expect(error.message).toContain("(VALIDATION_ERROR)");
	});

	it("creates a deal for a currency the portal lacks without an amount, telling the owner once", () => {
		const h = harness(noContacts);
		const created = h.connector.createDeal({ ...newDeal, currency: "XYZ" });
		expect(created.note).toMatch(/without an amount: HubSpot has no XYZ currency/);
		expect(h.sandbox.state.get("deals", created.dealId)?.properties.amount).toBeUndefined();
		h.connector.createDeal({ ...newDeal, orderId: "3100000002", currency: "XYZ" });
		expect(h.sent(CREATE)).toHaveLength(3);
		expect(h.log.lines.filter((line) => line.includes("has no XYZ among its currencies"))).toHaveLength(1);
	});
});

/** `count` deals already in HubSpot, in New, and a move of each to `stageName`. */
function moves(h: Harness, count: number, stageName = "Design"): StageMove[] {
	return Array.from({ length: count }, (_, i) => {
		const orderId = `31${String(i).padStart(8, "0")}`;
		return { orderId, dealId: h.addDeal(orderId, "appointmentscheduled").id, stageName };
	});
}

const stageOf = (h: Harness, dealId: string) => h.sandbox.state.get("deals", dealId)?.properties.dealstage;
const rateLimited = (headers: Record<string, string>, policyName = "TEN_SECONDLY_ROLLING") =>
	json(
		429,
		{
			status: "error",
			message: "You have reached your ten_secondly_rolling limit.",
			errorType: "RATE_LIMIT",
			policyName,
		},
		headers,
	);

describe("moveStages", () => {
	it("sends stage ids in batches of at most 100, one result per move in order", () => {
		const h = harness();
		const list = moves(h, 250);
		const results = h.connector.moveStages(list);
		expect(results).toEqual(list.map((move) => ({ orderId: move.orderId, ok: true })));
		const batches = h.sent(BATCH).map((request) => bodyOf(request).inputs as Array<Record<string, unknown>>);
		expect(batches.map((inputs) => inputs.length)).toEqual([100, 100, 50]);
		expect(batches[0]?.[0]).toEqual({
			id: list[0]?.dealId,
			properties: { pipeline: "default", dealstage: "qualifiedtobuy" },
		});
		expect(list.every((move) => stageOf(h, move.dealId) === "qualifiedtobuy")).toBe(true);
	});

	it("puts a second move of one deal in a later batch, so the last move wins", () => {
		const h = harness();
		const [a, b] = moves(h, 2);
		if (!a || !b) throw new Error("no deals");
		h.connector.moveStages([a, b, { ...a, stageName: "Ready to ship" }]);
		const batches = h
			.sent(BATCH)
			.map((request) => bodyOf(request).inputs as Array<{ id: string; properties: { dealstage: string } }>);
		expect(batches.map((inputs) => inputs.map((input) => `${input.id}:${input.properties.dealstage}`))).toEqual([
			[`${a.dealId}:qualifiedtobuy`, `${b.dealId}:qualifiedtobuy`],
			[`${a.dealId}:decisionmakerboughtin`],
		]);
		expect(stageOf(h, a.dealId)).toBe("decisionmakerboughtin");
	});

	it("fails only the deals a 207 names, with HubSpot's reason", () => {
		const h = harness();
		const list = moves(h, 5);
		const [, locked, , gone] = list;
		if (!locked || !gone) throw new Error("no deals");
		h.sandbox.state.batchFailures.push({
			dealId: locked.dealId,
			category: "VALIDATION_ERROR",
			message: "The deal is locked",
			remaining: 1,
		});
		const archived = h.sandbox.state.get("deals", gone.dealId);
		if (archived) h.sandbox.state.archive(archived, NOW);
		const results = h.connector.moveStages(list);
		expect(results.map((result) => result.ok)).toEqual([true, false, true, false, true]);
		const [, lockedResult, , goneResult] = results;
		expect(lockedResult?.ok === false && lockedResult.error.message).toContain(
			`refused the stage change of deal ${locked.dealId}: The deal is locked (VALIDATION_ERROR)`,
		);
		expect(goneResult?.ok === false && goneResult.error.message).toContain(
			`HubSpot has no deal ${gone.dealId} any more`,
		);
		expect(lockedResult?.ok === false && lockedResult.error.kind).toBe("rejected");
		expect(stageOf(h, locked.dealId)).toBe("appointmentscheduled");
	});

	it("fails a deal a 207 neither confirms nor names, with the unattributed error", () => {
		const h = harness();
		const [first, second] = moves(h, 2);
		h.http.intercept(
			once(
				"POST",
				BATCH_PATH,
				json(207, {
					status: "COMPLETE",
					results: [
						{ id: first?.dealId, properties: { dealstage: "qualifiedtobuy" }, updatedAt: "2026-11-02T09:00:00Z" },
					],
					errors: [{ status: "error", category: "VALIDATION_ERROR", message: "Something about one input" }],
				}),
			),
		);
		const [ok, failed] = h.connector.moveStages([first, second] as StageMove[]);
		expect(ok?.ok).toBe(true);
		expect(failed?.ok === false && failed.error.message).toContain("Something about one input");
	});

	it("fails a move with an unknown stage or a non-HubSpot deal id, and sends the rest", () => {
		const h = harness();
		const [a, c] = moves(h, 2);
		const results = h.connector.moveStages([
			{ orderId: "1", dealId: a?.dealId ?? "", stageName: "Shipped" },
			{ orderId: "2", dealId: "webhook:2", stageName: "Design" },
			{ orderId: "3", dealId: c?.dealId ?? "", stageName: "design" },
		]);
		expect(results.map((result) => result.ok)).toEqual([false, false, true]);
		expect(results[0]?.ok === false && results[0].error.message).toContain('no stage named "Shipped"');
		expect((bodyOf(h.sent(BATCH)[0] as HttpRequest).inputs as unknown[]).length).toBe(1);
	});

	it("turns a 401 into an auth failure on every move and sends no further batch", () => {
		const h = harness({ connector: { batchSize: 2 } });
		const list = moves(h, 5);
		h.connector.unknownStages([]);
		// The owner revoked the key in HubSpot after the stages were read.
		const token = h.sandbox.state.tokens.get(TOKEN);
		if (token) token.revoked = true;
		const results = h.connector.moveStages(list);
		expect(results.every((result) => !result.ok && result.error.kind === "auth")).toBe(true);
		expect(h.sent(BATCH)).toHaveLength(1);
		expect(results[0]?.ok === false && results[0].error.message).toContain("Service keys");
	});

	it("fails every move with the pipelines' error when stages cannot be read", () => {
		const h = harness();
		const list = moves(h, 2);
		const connector = h.build({ accessToken: h.tokenWithout("crm.objects.deals.read") });
		const results = connector.moveStages(list);
		expect(results.every((result) => !result.ok && result.error.kind === "auth")).toBe(true);
		expect(h.sent(BATCH)).toHaveLength(0);
	});

	it("waits out a 429 and retries the batch", () => {
		const h = harness();
		const list = moves(h, 3);
		h.http.intercept(
			once(
				"POST",
				BATCH_PATH,
				rateLimited({ "x-hubspot-ratelimit-remaining": "0", "x-hubspot-ratelimit-interval-milliseconds": "10000" }),
			),
		);
		expect(h.connector.moveStages(list).every((result) => result.ok)).toBe(true);
		expect(h.clock.sleeps).toEqual([1000]);
	});

	it("honours retry-after when a 429 carries one", () => {
		const h = harness();
		const list = moves(h, 1);
		h.http.intercept(once("POST", BATCH_PATH, json(429, {}, { "retry-after": "3" })));
		h.connector.moveStages(list);
		expect(h.clock.sleeps).toEqual([3000]);
	});

	it("does not wait for a spent daily quota: rate-limit on every move, no retry, no later batch", () => {
		const h = harness({ connector: { batchSize: 2 } });
		const list = moves(h, 3);
		h.http.intercept(
			once(
				"POST",
				BATCH_PATH,
				rateLimited({ "x-hubspot-ratelimit-daily": "250000", "x-hubspot-ratelimit-daily-remaining": "0" }, "DAILY"),
				{ times: 10 },
			),
		);
		const results = h.connector.moveStages(list);
		expect(results.every((result) => !result.ok && result.error.kind === "rate-limit")).toBe(true);
		expect(results[0]?.ok === false && results[0].error.message).toContain(
			"daily API limit of 250000 requests is spent",
		);
		expect(h.sent(BATCH)).toHaveLength(1);
		expect(h.clock.sleeps).toEqual([]);
	});

	it("gives up after bounded 429 retries", () => {
		const h = harness();
		const list = moves(h, 1);
		h.http.intercept(once("POST", BATCH_PATH, json(429, { policyName: "TEN_SECONDLY_ROLLING" }), { times: 10 }));
		const [result] = h.connector.moveStages(list);
		expect(result?.ok === false && result.error).toMatchObject({ kind: "rate-limit", options: { status: 429 } });
		expect(h.sent(BATCH)).toHaveLength(4);
	});

	it("retries a 5xx (a stage update is safe to repeat), then reports unavailable per move", () => {
		const flaky = harness();
		const flakyMoves = moves(flaky, 2);
		flaky.http.intercept(once("POST", BATCH_PATH, json(500, {})));
		expect(flaky.connector.moveStages(flakyMoves).every((result) => result.ok)).toBe(true);
		const down = harness({ connector: { batchSize: 1 } });
		const downMoves = moves(down, 2);
		down.http.intercept(once("POST", BATCH_PATH, hubspotError(503, "INTERNAL_ERROR", "down"), { times: 100 }));
		const results = down.connector.moveStages(downMoves);
		expect(results.every((result) => !result.ok && result.error.kind === "unavailable")).toBe(true);
		// An outage of one batch does not stop the next from being tried.
		expect(down.sent(BATCH)).toHaveLength(6);
	});

	it("reports an unreadable batch answer as malformed on each of its moves", () => {
		const h = harness();
		const list = moves(h, 2);
		h.http.intercept(once("POST", BATCH_PATH, text(200, '{"status":"COMPLETE","resu')));
		const results = h.connector.moveStages(list);
		expect(results.every((result) => !result.ok && result.error.kind === "malformed")).toBe(true);
	});

	it("sends each move alone when HubSpot refuses a whole batch, so only the bad one fails", () => {
		const h = harness();
		const list = moves(h, 3);
		const [fine, bad, gone] = list;
		if (!fine || !bad || !gone) throw new Error("no deals");
		h.http.intercept(once("POST", BATCH_PATH, hubspotError(400, "VALIDATION_ERROR", "One input was bad")));
		h.http.intercept(
			once(
				"PATCH",
				`/crm/v3/objects/deals/${bad.dealId}`,
				hubspotError(400, "VALIDATION_ERROR", "bad stage for this deal"),
			),
		);
		const archived = h.sandbox.state.get("deals", gone.dealId);
		if (archived) h.sandbox.state.archive(archived, NOW);
		const results = h.connector.moveStages(list);
		expect(results.map((result) => result.ok)).toEqual([true, false, false]);
		expect(h.sent(`PATCH /crm/v3/objects/deals/${fine.dealId}`)).toHaveLength(1);
		expect(stageOf(h, fine.dealId)).toBe("qualifiedtobuy");
		expect(results[1]?.ok === false && results[1].error.message).toContain("bad stage for this deal");
		expect(results[2]?.ok === false && results[2].error.message).toContain(`no deal ${gone.dealId} any more`);
	});
});

describe("dealsChangedSince", () => {
	it("searches Hubsheet's deals modified since the time, oldest first, paging by 200", () => {
		const h = harness();
		const at = (iso: string) => h.sandbox.clock.set(Date.parse(iso), true);
		at("2026-11-02T08:00:00.000Z");
		h.addDeal("30", "closedwon"); // changed before `since`
		at("2026-11-02T10:00:00.000Z");
		const first = h.addDeal("31", "appointmentscheduled");
		at("2026-11-02T10:30:00.000Z");
		for (let i = 0; i < 199; i++) h.addDeal(`40${i}`, "appointmentscheduled");
		at("2026-11-02T11:00:00.000Z");
		const second = h.addDeal("32", "qualifiedtobuy");
		at("2026-11-02T12:00:00.000Z");
		const third = h.addDeal("33", "closedwon");
		const since = Date.parse("2026-11-02T09:00:00.000Z");
		const deals = h.connector.dealsChangedSince(since);
		expect(deals).toHaveLength(202);
		const named = deals.filter((d) => ["31", "32", "33"].includes(d.orderId));
		expect(named.map((d) => [d.dealId, d.orderId, d.stageName])).toEqual([
			[first.id, "31", "New"],
			[second.id, "32", "Design"],
			[third.id, "33", "Delivered"],
		]);
		// The three deals the owner made by hand carry no order id: not Hubsheet's.
		expect(deals.every((d) => d.orderId !== "")).toBe(true);
		const [firstPage, secondPage] = h.sent("POST /crm/v3/objects/deals/search").map(bodyOf);
		expect(firstPage).toEqual({
			filterGroups: [
				{
					filters: [
						{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(since) },
						{ propertyName: "hubsheet_order_id", operator: "HAS_PROPERTY" },
					],
				},
			],
			sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
			properties: [
				"dealname",
				"amount",
				"dealstage",
				"pipeline",
				"deal_currency_code",
				"hs_lastmodifieddate",
				"hubsheet_order_id",
			],
			limit: 200,
		});
		expect(secondPage?.after).toBe("200");
	});

	it("reports a search answer of the wrong shape as malformed", () => {
		const h = harness();
		h.http.intercept(once("POST", "/crm/v3/objects/deals/search", json(200, { results: "none" })));
		expect(platformErrorOf(() => h.connector.dealsChangedSince(0))).toMatchObject({ kind: "malformed" });
	});
});

describe("ensureOrderIdProperty", () => {
	const GET_PROPERTY = "GET /crm/v3/properties/deals/hubsheet_order_id";
	const CREATE_PROPERTY = "POST /crm/v3/properties/deals";

	it("creates the property with unique values when it is missing", () => {
		const h = harness({ sandbox: { orderIdProperty: "missing" } });
		expect(h.connector.ensureOrderIdProperty()).toBe("created");
		expect(bodyOf(h.sent(CREATE_PROPERTY)[0] as HttpRequest)).toMatchObject({
			name: "hubsheet_order_id",
			type: "string",
			fieldType: "text",
			groupName: "dealinformation",
			hasUniqueValue: true,
		});
		expect(h.sandbox.state.properties.deals.get("hubsheet_order_id")?.hasUniqueValue).toBe(true);
	});

	it("leaves an existing unique property alone", () => {
		const h = harness();
		expect(h.connector.ensureOrderIdProperty()).toBe("exists");
		expect(h.sent(CREATE_PROPERTY)).toHaveLength(0);
	});

	it("refuses an existing property without unique values, explaining what to do", () => {
		const { connector } = harness({ sandbox: { orderIdProperty: "not-unique" } });
		const error = platformErrorOf(() => connector.ensureOrderIdProperty());
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain("does not require unique values");
	});

	it("accepts a property created meanwhile (409)", () => {
		const h = harness({ sandbox: { orderIdProperty: "missing" } });
		// Another execution's set-up creates it between this one's look-up and its create.
		let raced = false;
		h.http.intercept((exchange) => {
			if (raced || exchange.method !== "POST" || exchange.path !== "/crm/v3/properties/deals") return undefined;
			raced = true;
			expect(h.build().ensureOrderIdProperty()).toBe("created");
			return exchange.pass();
		});
		expect(h.connector.ensureOrderIdProperty()).toBe("exists");
		expect(h.sent(GET_PROPERTY)).toHaveLength(3);
	});

	it("uses the property name from the settings", () => {
		const h = harness({
			sandbox: { orderIdPropertyName: "etsy_order" },
			connector: { orderIdProperty: "etsy_order" },
		});
		expect(h.connector.ensureOrderIdProperty()).toBe("exists");
		expect(h.sent("GET /crm/v3/properties/deals/etsy_order")).toHaveLength(1);
	});
});

describe("construction", () => {
	it("refuses an empty token as an auth problem", () => {
		expect(() => harness({ connector: { accessToken: "  " } })).toThrow(/no access token/);
	});

	it("the pipelines the tests assume are the sandbox's", () => {
		expect(PIPELINES).toHaveLength(2);
		const h = harness();
		expect(h.sandbox.state.pipelines.map((p) => p.id)).toEqual(["default", "1043528700"]);
	});
});

describe("createDeal with an unreadable 2xx", () => {
	it("reads the created deal back instead of failing", () => {
		const h = harness(noContacts);
		h.http.intercept(once("POST", DEALS, text(201, '{"id":"15006","proper'), { applied: true }));
		const created = h.connector.createDeal(newDeal);
		expect(created.dealId).toBe(h.sandbox.state.list("deals").find((d) => d.properties.hubsheet_order_id)?.id);
		expect(h.sent(CREATE)).toHaveLength(1);
	});

	it("says it may have applied when the deal cannot be read back either", () => {
		const h = harness(noContacts);
		h.http.intercept(once("POST", DEALS, text(201, "<html>ok</html>")));
		expect(platformErrorOf(() => h.connector.createDeal(newDeal))).toMatchObject({
			kind: "malformed",
			options: { mayHaveApplied: true },
		});
	});
});
