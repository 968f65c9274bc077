import { describe, expect, it } from "vitest";
import type { StageMove } from "../../../src/core/connector-contracts.js";
import type { HttpRequest } from "../../../src/ports.js";
import { json, text } from "../etsy/fakes.js";
import { newDeal as dealOf } from "../harness/new-deal.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { BASE, bodyOf, deal, harness, hubspotError, PIPELINES, PORTAL, TOKEN } from "./harness.js";

const GET_BY_ORDER = "GET /crm/v3/objects/deals/*";
const CREATE = "POST /crm/v3/objects/deals";
const BATCH = "POST /crm/v3/objects/deals/batch/update";
const CONTACT_GET = "GET /crm/v3/objects/contacts/*";
const CONTACT_CREATE = "POST /crm/v3/objects/contacts";

const newDeal = dealOf("3100000001", {
	currency: "pln",
	person: { name: "Anna Kowalska", email: "Anna.Kowalska@example.pl" },
});

describe("unknownStages", () => {
	it("resolves names to the pipeline's stage labels, loosely, and reports unknown ones by name", () => {
		const { connector, sent } = harness({});
		expect(connector.unknownStages(["New", " ready  TO ship ", "Delivered", "Shipped", "Retired", "Shipped"])).toEqual([
			"Shipped",
			"Retired",
		]);
		// Read once per execution.
		connector.unknownStages(["Design"]);
		expect(sent("GET /crm/v3/pipelines/deals")).toHaveLength(1);
	});

	it("says which pipelines exist when the configured one does not", () => {
		const { connector } = harness({}, { pipelineId: "999" });
		const error = platformErrorOf(() => connector.unknownStages(["New"]));
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain('no deal pipeline with id "999"');
		expect(error.message).toContain('"Sales Pipeline" (id default)');
		expect(error.message).toContain('"Wholesale" (id 1043528700)');
	});

	it("uses the stages of the configured pipeline, not another's with the same label", () => {
		const { connector } = harness({}, { pipelineId: "1043528700" });
		expect(connector.unknownStages(["New", "Design"])).toEqual(["Design"]);
	});

	it("lists pipelines and their stage names for the settings dialog", () => {
		const { connector } = harness({});
		expect(connector.listPipelines()).toEqual([
			{ id: "default", label: "Sales Pipeline", stages: ["New", "Design", "Ready to ship", "Delivered", "On hold"] },
			{ id: "1043528700", label: "Wholesale", stages: ["New"] },
		]);
	});
});

describe("findDeal", () => {
	it("reads the deal by the unique order id property and maps it", () => {
		const { connector, http } = harness({
			[GET_BY_ORDER]: () => json(200, deal("15001", "3100000001", "qualifiedtobuy")),
		});
		expect(connector.findDeal("3100000001")).toEqual({
			dealId: "15001",
			orderId: "3100000001",
			stageName: "Design",
			value: 1499.5,
			currency: "PLN",
			url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-3/15001`,
			updatedAtMs: Date.parse("2025-06-01T10:00:00.000Z"),
		});
		const request = http.requests.find((r) => r.url.includes("/objects/deals/")) as HttpRequest;
		const url = new URL(request.url);
		expect(url.pathname).toBe("/crm/v3/objects/deals/3100000001");
		expect(url.searchParams.get("idProperty")).toBe("hubsheet_order_id");
		expect(url.searchParams.get("properties")?.split(",")).toEqual(
			expect.arrayContaining(["dealstage", "amount", "deal_currency_code", "hubsheet_order_id"]),
		);
		expect(request.headers?.authorization).toBe(`Bearer ${TOKEN}`);
	});

	it("returns null when HubSpot has no deal for the order", () => {
		const { connector } = harness({
			[GET_BY_ORDER]: () => hubspotError(404, "OBJECT_NOT_FOUND", "resource not found"),
		});
		expect(connector.findDeal("3100000001")).toBeNull();
	});

	it("explains a missing order id property: run Set up", () => {
		const { connector } = harness({
			[GET_BY_ORDER]: () => hubspotError(400, "VALIDATION_ERROR", "Property hubsheet_order_id does not exist"),
		});
		const error = platformErrorOf(() => connector.findDeal("3100000001"));
		expect(error).toMatchObject({ kind: "rejected", platform: "HubSpot" });
		expect(error.message).toContain("Run Hubsheet's Set up");
	});

	it("names a stage no pipeline lists by its id, and reads an erased amount as 0 and an empty currency as the company's", () => {
		const { connector } = harness(
			{
				[GET_BY_ORDER]: () =>
					json(200, deal("15001", "3100000001", "gone-stage", { amount: null, deal_currency_code: "" })),
			},
			{ companyCurrency: "eur", appBaseUrl: "https://app-eu1.hubspot.com/" },
		);
		expect(connector.findDeal("3100000001")).toMatchObject({
			stageName: "gone-stage",
			value: 0,
			currency: "EUR",
			url: `https://app-eu1.hubspot.com/contacts/${PORTAL}/record/0-3/15001`,
		});
	});

	it("reports an answer of the wrong shape as malformed, naming the field", () => {
		const { connector } = harness({ [GET_BY_ORDER]: () => json(200, { id: 15001, properties: {}, updatedAt: "x" }) });
		const error = platformErrorOf(() => connector.findDeal("3100000001"));
		expect(error.kind).toBe("malformed");
		expect(error.message).toMatch(
			/HubSpot GET \/crm\/v3\/objects\/deals\/\{orderId\}\?idProperty .*id: expected string/,
		);
	});

	it("reports a body that is not JSON as malformed", () => {
		const { connector } = harness({ [GET_BY_ORDER]: () => text(200, '{"id":"150') });
		expect(platformErrorOf(() => connector.findDeal("3100000001"))).toMatchObject({ kind: "malformed" });
	});
});

describe("createDeal", () => {
	it("creates the deal in the mapped stage with the order id, linked to the buyer's contact found by email", () => {
		const { connector, sent } = harness({
			[CONTACT_GET]: () =>
				json(200, { id: "501", properties: { email: "anna.kowalska@example.pl" }, updatedAt: "2025-01-01T00:00:00Z" }),
			[CREATE]: (request) =>
				json(
					201,
					deal("15002", "3100000001", "appointmentscheduled", bodyOf(request).properties as Record<string, string>),
				),
		});
		const created = connector.createDeal(newDeal);
		expect(created).toMatchObject({
			dealId: "15002",
			orderId: "3100000001",
			stageName: "New",
			value: 1499.5,
			currency: "PLN",
		});
		const [contactRequest] = sent(CONTACT_GET);
		expect(new URL(contactRequest?.url ?? "").pathname).toBe("/crm/v3/objects/contacts/anna.kowalska%40example.pl");
		expect(new URL(contactRequest?.url ?? "").searchParams.get("idProperty")).toBe("email");
		const body = bodyOf(sent(CREATE)[0] as HttpRequest);
		expect(body).toEqual({
			properties: {
				dealname: "Etsy 3100000001 · Anna Kowalska",
				amount: "1499.5",
				pipeline: "default",
				dealstage: "appointmentscheduled",
				deal_currency_code: "PLN",
				hubsheet_order_id: "3100000001",
			},
			associations: [{ to: { id: "501" }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }] }],
		});
	});

	it("creates the contact when none has the email, and takes the existing id from a 409", () => {
		let created = 0;
		const { connector, sent } = harness({
			[CONTACT_GET]: () => hubspotError(404, "OBJECT_NOT_FOUND", "resource not found"),
			[CONTACT_CREATE]: () =>
				++created === 1
					? json(201, { id: "777", properties: {}, updatedAt: "2025-01-01T00:00:00Z" })
					: hubspotError(409, "CONFLICT", "Contact already exists. Existing ID: 778"),
			[CREATE]: () => json(201, deal("15002", "3100000001", "appointmentscheduled")),
		});
		connector.createDeal(newDeal);
		expect(bodyOf(sent(CONTACT_CREATE)[0] as HttpRequest)).toEqual({
			properties: { email: "anna.kowalska@example.pl", firstname: "Anna", lastname: "Kowalska" },
		});
		connector.createDeal({ ...newDeal, orderId: "3100000002" });
		const second = bodyOf(sent(CREATE)[1] as HttpRequest) as { associations: Array<{ to: { id: string } }> };
		expect(second.associations[0]?.to.id).toBe("778");
	});

	it("makes no contact for a buyer without an email, or when linking is off", () => {
		const { connector, sent } = harness({
			[CREATE]: () => json(201, deal("15002", "3100000001", "appointmentscheduled")),
		});
		connector.createDeal({ ...newDeal, person: { name: "Anna", email: "" } });
		expect(bodyOf(sent(CREATE)[0] as HttpRequest).associations).toBeUndefined();
		const off = harness(
			{ [CREATE]: () => json(201, deal("15002", "3100000001", "appointmentscheduled")) },
			{ linkContacts: false },
		);
		off.connector.createDeal(newDeal);
		expect(off.sent(CONTACT_GET)).toHaveLength(0);
	});

	it("still creates the deal when the contacts scope is missing, and says so", () => {
		const { connector, sent, log } = harness({
			[CONTACT_GET]: () =>
				hubspotError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.", {
					errors: [
						{
							message: "One or more of the following scopes are required.",
							context: { requiredGranularScopes: ["crm.objects.contacts.read"] },
						},
					],
				}),
			[CREATE]: () => json(201, deal("15002", "3100000001", "appointmentscheduled")),
		});
		expect(connector.createDeal(newDeal).dealId).toBe("15002");
		expect(bodyOf(sent(CREATE)[0] as HttpRequest).associations).toBeUndefined();
		expect(log.lines.join("\n")).toMatch(/without a linked contact.*crm\.objects\.contacts\.read/);
	});

	it("refuses an unknown stage by name before sending anything", () => {
		const { connector, sent } = harness({});
		const error = platformErrorOf(() => connector.createDeal({ ...newDeal, stageName: "Shipped" }));
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain('no stage named "Shipped"');
		expect(error.message).toContain("New, Design, Ready to ship, Delivered, On hold");
		expect(sent(CREATE)).toHaveLength(0);
	});

	it("after a 5xx, finds the deal the lost answer created instead of creating a second", () => {
		let lookups = 0;
		const { connector, sent } = harness(
			{
				[CREATE]: () => hubspotError(502, "INTERNAL_ERROR", "Bad gateway"),
				[GET_BY_ORDER]: () =>
					++lookups === 1 ? json(200, deal("15003", "3100000001", "appointmentscheduled")) : json(500, {}),
			},
			{ linkContacts: false },
		);
		expect(connector.createDeal(newDeal).dealId).toBe("15003");
		expect(sent(CREATE)).toHaveLength(1);
	});

	it("after a timeout with no deal found, creates once more", () => {
		let posts = 0;
		const { connector, sent, log } = harness(
			{
				[CREATE]: () => {
					if (++posts === 1) throw new Error(`Timeout: ${BASE}/crm/v3/objects/deals`);
					return json(201, deal("15004", "3100000001", "appointmentscheduled"));
				},
				[GET_BY_ORDER]: () => hubspotError(404, "OBJECT_NOT_FOUND", "resource not found"),
			},
			{ linkContacts: false },
		);
		expect(connector.createDeal(newDeal).dealId).toBe("15004");
		expect(sent(CREATE)).toHaveLength(2);
		expect(sent(GET_BY_ORDER)).toHaveLength(1);
		expect(log.lines.join("\n")).toContain("creating it again");
	});

	it("gives up after the second failed create, saying it may have applied", () => {
		const { connector, sent } = harness(
			{
				[CREATE]: () => json(503, { status: "error", message: "Service Unavailable", category: "INTERNAL_ERROR" }),
				[GET_BY_ORDER]: () => hubspotError(404, "OBJECT_NOT_FOUND", "resource not found"),
			},
			{ linkContacts: false },
		);
		const error = platformErrorOf(() => connector.createDeal(newDeal));
		expect(error).toMatchObject({ kind: "unavailable", options: { status: 503, mayHaveApplied: true } });
		expect(error.message).toContain("Service Unavailable");
		expect(sent(CREATE)).toHaveLength(2);
	});

	it("resolves a conflict on the order id to the deal that already exists", () => {
		const { connector } = harness(
			{
				[CREATE]: () =>
					hubspotError(
						409,
						"CONFLICT",
						'A deal with hubsheet_order_id "3100000001" already exists. Existing ID: 15005',
					),
				[GET_BY_ORDER]: () => json(200, deal("15005", "3100000001", "qualifiedtobuy")),
			},
			{ linkContacts: false },
		);
		expect(connector.createDeal(newDeal)).toMatchObject({ dealId: "15005", stageName: "Design" });
	});

	it("passes other refusals on as rejected with HubSpot's words", () => {
		const { connector } = harness(
			{
				[CREATE]: () =>
					hubspotError(
						400,
						"VALIDATION_ERROR",
						'Property values were not valid: [{"isValid":false,"message":"XYZ was not one of the allowed options"}]',
					),
			},
			{ linkContacts: false },
		);
		const error = platformErrorOf(() => connector.createDeal({ ...newDeal, currency: "XYZ" }));
		expect(error).toMatchObject({ kind: "rejected", options: { status: 400 } });
		expect(error.message).toContain("XYZ was not one of the allowed options");
		expect(error.message).toContain("(VALIDATION_ERROR)");
	});
});

function moves(count: number, stageName = "Design"): StageMove[] {
	return Array.from({ length: count }, (_, i) => ({
		orderId: `31${String(i).padStart(8, "0")}`,
		dealId: String(20_000 + i),
		stageName,
	}));
}

function okBatch(request: HttpRequest) {
	const inputs = (bodyOf(request).inputs as Array<{ id: string; properties: Record<string, string> }>) ?? [];
	return json(200, {
		status: "COMPLETE",
		results: inputs.map((input) => deal(input.id, null, input.properties.dealstage ?? "")),
		startedAt: "2025-06-01T10:00:00Z",
		completedAt: "2025-06-01T10:00:01Z",
	});
}

describe("moveStages", () => {
	it("sends stage ids in batches of at most 100, one result per move in order", () => {
		const { connector, sent } = harness({ [BATCH]: okBatch });
		const list = moves(250);
		const results = connector.moveStages(list);
		expect(results).toEqual(list.map((move) => ({ orderId: move.orderId, ok: true })));
		const batches = sent(BATCH).map((request) => bodyOf(request).inputs as Array<Record<string, unknown>>);
		expect(batches.map((inputs) => inputs.length)).toEqual([100, 100, 50]);
		expect(batches[0]?.[0]).toEqual({ id: "20000", properties: { pipeline: "default", dealstage: "qualifiedtobuy" } });
	});

	it("puts a second move of one deal in a later batch, so the last move wins", () => {
		const { connector, sent } = harness({ [BATCH]: okBatch });
		connector.moveStages([
			{ orderId: "1", dealId: "20001", stageName: "Design" },
			{ orderId: "2", dealId: "20002", stageName: "Design" },
			{ orderId: "1", dealId: "20001", stageName: "Ready to ship" },
		]);
		const batches = sent(BATCH).map(
			(request) => bodyOf(request).inputs as Array<{ id: string; properties: { dealstage: string } }>,
		);
		expect(batches.map((inputs) => inputs.map((input) => `${input.id}:${input.properties.dealstage}`))).toEqual([
			["20001:qualifiedtobuy", "20002:qualifiedtobuy"],
			["20001:decisionmakerboughtin"],
		]);
	});

	it("fails only the deals a 207 names, with HubSpot's reason", () => {
		const { connector } = harness({
			[BATCH]: (request) => {
				const inputs = bodyOf(request).inputs as Array<{ id: string }>;
				return json(207, {
					status: "COMPLETE",
					results: inputs
						.filter((i) => !["20001", "20003"].includes(i.id))
						.map((i) => deal(i.id, null, "qualifiedtobuy")),
					numErrors: 2,
					errors: [
						{
							status: "error",
							category: "VALIDATION_ERROR",
							message: "The deal is locked",
							context: { ids: ["20001"] },
						},
						{
							status: "error",
							category: "OBJECT_NOT_FOUND",
							message: "Could not get some DEAL objects, they may be deleted or not exist.",
							context: { ids: ["20003"] },
						},
					],
				});
			},
		});
		const results = connector.moveStages(moves(5));
		expect(results.map((result) => result.ok)).toEqual([true, false, true, false, true]);
		const [, locked, , gone] = results;
		expect(locked?.ok === false && locked.error.message).toContain(
			"refused the stage change of deal 20001: The deal is locked (VALIDATION_ERROR)",
		);
		expect(gone?.ok === false && gone.error.message).toContain("HubSpot has no deal 20003 any more");
		expect(locked?.ok === false && locked.error.kind).toBe("rejected");
	});

	it("fails a deal a 207 neither confirms nor names, with the unattributed error", () => {
		const { connector } = harness({
			[BATCH]: () =>
				json(207, {
					status: "COMPLETE",
					results: [deal("20000", null, "qualifiedtobuy")],
					errors: [{ status: "error", category: "VALIDATION_ERROR", message: "Something about one input" }],
				}),
		});
		const [first, second] = connector.moveStages(moves(2));
		expect(first?.ok).toBe(true);
		expect(second?.ok === false && second.error.message).toContain("Something about one input");
	});

	it("fails a move with an unknown stage or a non-HubSpot deal id, and sends the rest", () => {
		const { connector, sent } = harness({ [BATCH]: okBatch });
		const results = connector.moveStages([
			{ orderId: "1", dealId: "20001", stageName: "Shipped" },
			{ orderId: "2", dealId: "webhook:2", stageName: "Design" },
			{ orderId: "3", dealId: "20003", stageName: "design" },
		]);
		expect(results.map((result) => result.ok)).toEqual([false, false, true]);
		expect(results[0]?.ok === false && results[0].error.message).toContain('no stage named "Shipped"');
		expect((bodyOf(sent(BATCH)[0] as HttpRequest).inputs as unknown[]).length).toBe(1);
	});

	it("turns a 401 into an auth failure on every move and sends no further batch", () => {
		const { connector, sent } = harness(
			{ [BATCH]: () => hubspotError(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.") },
			{ batchSize: 2 },
		);
		const results = connector.moveStages(moves(5));
		expect(results.every((result) => !result.ok && result.error.kind === "auth")).toBe(true);
		expect(sent(BATCH)).toHaveLength(1);
		expect(results[0]?.ok === false && results[0].error.message).toContain("Service keys");
	});

	it("fails every move with the pipelines' error when stages cannot be read", () => {
		const { connector } = harness({
			"GET /crm/v3/pipelines/deals": () =>
				hubspotError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes."),
		});
		const results = connector.moveStages(moves(2));
		expect(results.every((result) => !result.ok && result.error.kind === "auth")).toBe(true);
	});

	it("waits out a 429 and retries the batch", () => {
		const { connector, clock } = harness({
			[BATCH]: (request, count) =>
				count === 1
					? json(
							429,
							{
								status: "error",
								message: "You have reached your ten_secondly_rolling limit.",
								errorType: "RATE_LIMIT",
								policyName: "TEN_SECONDLY_ROLLING",
							},
							{ "x-hubspot-ratelimit-remaining": "0", "x-hubspot-ratelimit-interval-milliseconds": "10000" },
						)
					: okBatch(request),
		});
		expect(connector.moveStages(moves(3)).every((result) => result.ok)).toBe(true);
		expect(clock.sleeps).toEqual([1000]);
	});

	it("honours retry-after when a 429 carries one", () => {
		const { connector, clock } = harness({
			[BATCH]: (request, count) => (count === 1 ? json(429, {}, { "retry-after": "3" }) : okBatch(request)),
		});
		connector.moveStages(moves(1));
		expect(clock.sleeps).toEqual([3000]);
	});

	it("does not wait for a spent daily quota: rate-limit on every move, no retry, no later batch", () => {
		const { connector, sent, clock } = harness(
			{
				[BATCH]: () =>
					json(
						429,
						{
							status: "error",
							message: "You have reached your daily limit.",
							errorType: "RATE_LIMIT",
							policyName: "DAILY",
						},
						{ "x-hubspot-ratelimit-daily": "250000", "x-hubspot-ratelimit-daily-remaining": "0" },
					),
			},
			{ batchSize: 2 },
		);
		const results = connector.moveStages(moves(3));
		expect(results.every((result) => !result.ok && result.error.kind === "rate-limit")).toBe(true);
		expect(results[0]?.ok === false && results[0].error.message).toContain(
			"daily API limit of 250000 requests is spent",
		);
		expect(sent(BATCH)).toHaveLength(1);
		expect(clock.sleeps).toEqual([]);
	});

	it("gives up after bounded 429 retries", () => {
		const { connector, sent } = harness({ [BATCH]: () => json(429, { policyName: "TEN_SECONDLY_ROLLING" }) });
		const [result] = connector.moveStages(moves(1));
		expect(result?.ok === false && result.error).toMatchObject({ kind: "rate-limit", options: { status: 429 } });
		expect(sent(BATCH)).toHaveLength(4);
	});

	it("retries a 5xx (a stage update is safe to repeat), then reports unavailable per move", () => {
		const flaky = harness({ [BATCH]: (request, count) => (count === 1 ? json(500, {}) : okBatch(request)) });
		expect(flaky.connector.moveStages(moves(2)).every((result) => result.ok)).toBe(true);
		const down = harness({ [BATCH]: () => hubspotError(503, "INTERNAL_ERROR", "down") }, { batchSize: 1 });
		const results = down.connector.moveStages(moves(2));
		expect(results.every((result) => !result.ok && result.error.kind === "unavailable")).toBe(true);
		// An outage of one batch does not stop the next from being tried.
		expect(down.sent(BATCH)).toHaveLength(6);
	});

	it("reports an unreadable batch answer as malformed on each of its moves", () => {
		const { connector } = harness({ [BATCH]: () => text(200, '{"status":"COMPLETE","resu') });
		const results = connector.moveStages(moves(2));
		expect(results.every((result) => !result.ok && result.error.kind === "malformed")).toBe(true);
	});

	it("sends each move alone when HubSpot refuses a whole batch, so only the bad one fails", () => {
		const { connector, sent } = harness({
			[BATCH]: () => hubspotError(400, "VALIDATION_ERROR", "One input was bad"),
			"PATCH /crm/v3/objects/deals/*": (request) => {
				const id = new URL(request.url).pathname.split("/").pop() ?? "";
				if (id === "20001") return hubspotError(400, "VALIDATION_ERROR", "bad stage for this deal");
				if (id === "20002") return hubspotError(404, "OBJECT_NOT_FOUND", "resource not found");
				return json(200, deal(id, null, "qualifiedtobuy"));
			},
		});
		const results = connector.moveStages(moves(3));
		expect(results.map((result) => result.ok)).toEqual([true, false, false]);
		expect(sent("PATCH /crm/v3/objects/deals/20000")).toHaveLength(1);
		expect(results[1]?.ok === false && results[1].error.message).toContain("bad stage for this deal");
		expect(results[2]?.ok === false && results[2].error.message).toContain("no deal 20002 any more");
	});
});

describe("dealsChangedSince", () => {
	it("searches Hubsheet's deals modified since the time, oldest first, paging by 200", () => {
		const pages = [
			{
				total: 3,
				results: [deal("1", "31", "appointmentscheduled", {}, "2025-06-01T10:00:00.000Z")],
				paging: { next: { after: "200" } },
			},
			{
				total: 3,
				results: [
					deal("2", "32", "qualifiedtobuy", {}, "2025-06-01T11:00:00.000Z"),
					deal("3", "33", "closedwon", {}, "2025-06-01T12:00:00.000Z"),
				],
			},
		];
		const { connector, sent } = harness({
			"POST /crm/v3/objects/deals/search": (_r, count) => json(200, pages[count - 1]),
		});
		const since = Date.parse("2025-06-01T09:00:00.000Z");
		const deals = connector.dealsChangedSince(since);
		expect(deals.map((d) => [d.dealId, d.orderId, d.stageName])).toEqual([
			["1", "31", "New"],
			["2", "32", "Design"],
			["3", "33", "Delivered"],
		]);
		const [first, second] = sent("POST /crm/v3/objects/deals/search").map(bodyOf);
		expect(first).toEqual({
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
		expect(second?.after).toBe("200");
	});

	it("reports a search answer of the wrong shape as malformed", () => {
		const { connector } = harness({ "POST /crm/v3/objects/deals/search": () => json(200, { results: "none" }) });
		expect(platformErrorOf(() => connector.dealsChangedSince(0))).toMatchObject({ kind: "malformed" });
	});
});

describe("ensureOrderIdProperty", () => {
	const GET_PROPERTY = "GET /crm/v3/properties/deals/hubsheet_order_id";
	const CREATE_PROPERTY = "POST /crm/v3/properties/deals";

	it("creates the property with unique values when it is missing", () => {
		const { connector, sent } = harness({
			[GET_PROPERTY]: () => hubspotError(404, "OBJECT_NOT_FOUND", "Unable to find property"),
			[CREATE_PROPERTY]: (request) => json(201, { ...bodyOf(request) }),
		});
		expect(connector.ensureOrderIdProperty()).toBe("created");
		expect(bodyOf(sent(CREATE_PROPERTY)[0] as HttpRequest)).toMatchObject({
			name: "hubsheet_order_id",
			type: "string",
			fieldType: "text",
			groupName: "dealinformation",
			hasUniqueValue: true,
		});
	});

	it("leaves an existing unique property alone", () => {
		const { connector, sent } = harness({
			[GET_PROPERTY]: () => json(200, { name: "hubsheet_order_id", hasUniqueValue: true }),
		});
		expect(connector.ensureOrderIdProperty()).toBe("exists");
		expect(sent(CREATE_PROPERTY)).toHaveLength(0);
	});

	it("refuses an existing property without unique values, explaining what to do", () => {
		const { connector } = harness({
			[GET_PROPERTY]: () => json(200, { name: "hubsheet_order_id", hasUniqueValue: false }),
		});
		const error = platformErrorOf(() => connector.ensureOrderIdProperty());
		expect(error.kind).toBe("rejected");
		expect(error.message).toContain("does not require unique values");
	});

	it("accepts a property created meanwhile (409)", () => {
		const { connector } = harness({
			[GET_PROPERTY]: (_r, count) =>
				count === 1
					? hubspotError(404, "OBJECT_NOT_FOUND", "none")
					: json(200, { name: "hubsheet_order_id", hasUniqueValue: true }),
			[CREATE_PROPERTY]: () =>
				hubspotError(409, "OBJECT_ALREADY_EXISTS", "A property named 'hubsheet_order_id' already exists."),
		});
		expect(connector.ensureOrderIdProperty()).toBe("exists");
	});

	it("uses the property name from the settings", () => {
		const { connector, sent } = harness(
			{ "GET /crm/v3/properties/deals/etsy_order": () => json(200, { name: "etsy_order", hasUniqueValue: true }) },
			{ orderIdProperty: "etsy_order" },
		);
		connector.ensureOrderIdProperty();
		expect(sent("GET /crm/v3/properties/deals/etsy_order")).toHaveLength(1);
	});
});

describe("construction", () => {
	it("refuses an empty token as an auth problem", () => {
		expect(() => harness({}, { accessToken: "  " })).toThrow(/no access token/);
	});

	it("the pipelines fixture stays what the tests assume", () => {
		expect(PIPELINES.results).toHaveLength(2);
	});
});

describe("createDeal with an unreadable 2xx", () => {
	it("reads the created deal back instead of failing", () => {
		const { connector, sent } = harness(
			{
				[CREATE]: () => text(201, '{"id":"15006","proper'),
				[GET_BY_ORDER]: () => json(200, deal("15006", "3100000001", "appointmentscheduled")),
			},
			{ linkContacts: false },
		);
		expect(connector.createDeal(newDeal).dealId).toBe("15006");
		expect(sent(CREATE)).toHaveLength(1);
	});

	it("says it may have applied when the deal cannot be read back either", () => {
		const { connector } = harness(
			{
				[CREATE]: () => text(201, "<html>ok</html>"),
				[GET_BY_ORDER]: () => hubspotError(404, "OBJECT_NOT_FOUND", "resource not found"),
			},
			{ linkContacts: false },
		);
		expect(platformErrorOf(() => connector.createDeal(newDeal))).toMatchObject({
			kind: "malformed",
			options: { mayHaveApplied: true },
		});
	});
});
