/**
 * Contract of the HubSpot sandbox with HubSpot's documented shapes. HubSpot publishes no spec that
 * may be kept (see ../shared/specs/hubspot/NOTES.md), so the shapes the notes document are written
 * out here as schemas, and every exchange the sandbox served while exercising each endpoint Hubsheet
 * uses (successes and refusals) must match the one for its route and status.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { HubSpotControlClient } from "../../local/sandbox/hubspot/control-client.js";
import { DEFAULT_ACCESS_TOKEN } from "../../local/sandbox/hubspot/seed.js";
import type { LoggedRequest } from "../../local/sandbox/kit/request-log.js";
import { type StartedSandboxes, startSandboxes } from "../../local/sandbox/main.js";

// ---------------------------------------------------------------- the notes' shapes

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
const digits = z.string().regex(/^\d+$/);

/** "all property values are strings" (or null for an asked-for property without a value). */
const crmObject = z
	.object({
		id: digits,
		properties: z.record(z.string(), z.string().nullable()),
		createdAt: isoDate,
		updatedAt: isoDate,
		archived: z.boolean(),
		archivedAt: isoDate.optional(),
	})
	.strict()
	.refine((object) => object.properties.hs_object_id === object.id, "properties.hs_object_id equals id");

/** `{status:"error", message, correlationId, category, errors:[{message, code, in, context}]}` */
const errorBody = z
	.object({
		status: z.literal("error"),
		message: z.string().min(1),
		correlationId: z.string().uuid(),
		category: z.string().regex(/^[A-Z_]+$/),
		errors: z
			.array(
				z
					.object({
						message: z.string(),
						code: z.string().optional(),
						in: z.string().optional(),
						context: z.record(z.string(), z.array(z.string())).optional(),
					})
					.strict(),
			)
			.optional(),
		context: z.record(z.string(), z.array(z.string())).optional(),
		links: z.record(z.string(), z.string()).optional(),
	})
	.strict();

const rateLimitBody = z.object({
	status: z.literal("error"),
	message: z.string(),
	correlationId: z.string().uuid(),
	errorType: z.literal("RATE_LIMIT"),
	policyName: z.enum(["TEN_SECONDLY_ROLLING", "SECONDLY", "DAILY"]),
	category: z.string(),
});

/** `results[].stages[] {id, label, displayOrder, metadata{probability,isClosed}}` */
const pipelines = z
	.object({
		results: z.array(
			z.object({
				id: z.string().min(1),
				label: z.string(),
				displayOrder: z.number().int(),
				archived: z.boolean(),
				createdAt: isoDate,
				updatedAt: isoDate,
				stages: z.array(
					z.object({
						id: z.string().min(1),
						label: z.string(),
						displayOrder: z.number().int(),
						metadata: z
							.object({ isClosed: z.enum(["true", "false"]), probability: z.string().regex(/^\d+(\.\d+)?$/) })
							.strict(),
						archived: z.boolean(),
						createdAt: isoDate,
						updatedAt: isoDate,
						writePermissions: z.string(),
					}),
				),
			}),
		),
	})
	.strict();

/** `{total, results:[{id, properties, updatedAt}], paging:{next:{after}}}` */
const searchPage = z
	.object({
		total: z.number().int().nonnegative(),
		results: z.array(crmObject),
		paging: z
			.object({ next: z.object({ after: digits, link: z.string() }).strict() })
			.strict()
			.optional(),
	})
	.strict();

/** Batch: 200 on success, 207 multi-status with `errors[]` and `numErrors` on partial failure. */
const batchAnswer = z
	.object({
		status: z.literal("COMPLETE"),
		results: z.array(crmObject),
		numErrors: z.number().int().positive().optional(),
		errors: z
			.array(
				z.object({
					status: z.literal("error"),
					category: z.string(),
					message: z.string(),
					context: z.object({ ids: z.array(z.string()).min(1) }).strict(),
					errors: z.array(z.object({ message: z.string() }).passthrough()).optional(),
					links: z.record(z.string(), z.string()),
				}),
			)
			.optional(),
		startedAt: isoDate,
		completedAt: isoDate,
	})
	.strict();

const property = z
	.object({
		name: z.string(),
		label: z.string(),
		type: z.string(),
		fieldType: z.string(),
		groupName: z.string(),
		hasUniqueValue: z.boolean(),
	})
	.passthrough();

function answerOf<T>(entry: LoggedRequest | undefined): T {
	if (!entry) throw new Error("no such exchange in the request log");
	return entry.responseBody as T;
}

/** The schema an answer must match, by route and status. */
function schemaFor(entry: LoggedRequest): z.ZodType | null {
	if (entry.status === 429) return rateLimitBody;
	if (entry.status >= 400) return errorBody;
	if (entry.status === 204) return null;
	switch (`${entry.method} ${entry.route}`) {
		case "GET /crm/v3/pipelines/deals":
			return pipelines;
		case "POST /crm/v3/objects/deals/search":
		case "POST /crm/v3/objects/contacts/search":
			return searchPage;
		case "POST /crm/v3/objects/deals/batch/update":
		case "POST /crm/v3/objects/deals/batch/read":
			return batchAnswer;
		case "GET /crm/v3/properties/deals/:name":
		case "POST /crm/v3/properties/deals":
			return property;
		case "POST /crm/v3/objects/deals":
		case "GET /crm/v3/objects/deals/:dealId":
		case "PATCH /crm/v3/objects/deals/:dealId":
		case "POST /crm/v3/objects/contacts":
		case "GET /crm/v3/objects/contacts/:contactId":
			return crmObject;
		default:
			throw new Error(`no documented shape for ${entry.method} ${entry.route} ${entry.status}`);
	}
}

// ---------------------------------------------------------------- exercising the sandbox

let started: StartedSandboxes;
let control: HubSpotControlClient;
let base: string;
let log: LoggedRequest[];
const rateHeaders: Array<{ status: number; headers: Record<string, string | null> }> = [];
const searchHeaders: Array<string | null> = [];

async function call(method: string, path: string, body?: unknown, token: string | null = DEFAULT_ACCESS_TOKEN) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { "content-type": "application/json" }),
		},
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const text = await response.text();
	const names = ["daily", "daily-remaining", "interval-milliseconds", "max", "remaining"];
	if (path.endsWith("/search")) searchHeaders.push(response.headers.get("x-hubspot-ratelimit-remaining"));
	else {
		rateHeaders.push({
			status: response.status,
			headers: Object.fromEntries(names.map((name) => [name, response.headers.get(`x-hubspot-ratelimit-${name}`)])),
		});
	}
	return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

async function exerciseEveryEndpoint(): Promise<void> {
	await call("GET", "/crm/v3/pipelines/deals");
	await call("GET", "/crm/v3/properties/deals/hubsheet_order_id");
	const spec = {
		name: "hubsheet_order_id",
		label: "Order",
		type: "string",
		fieldType: "text",
		groupName: "dealinformation",
		hasUniqueValue: true,
	};
	await call("POST", "/crm/v3/properties/deals", spec);
	await call("POST", "/crm/v3/properties/deals", spec);
	await call("GET", "/crm/v3/properties/deals/hubsheet_order_id");

	const contact = await call("POST", "/crm/v3/objects/contacts", {
		properties: { email: "anna@example.pl", firstname: "Anna" },
	});
	await call("POST", "/crm/v3/objects/contacts", { properties: { email: "anna@example.pl" } });
	await call("GET", "/crm/v3/objects/contacts/anna%40example.pl?idProperty=email");
	await call("GET", "/crm/v3/objects/contacts/nobody%40example.pl?idProperty=email");

	const ids: string[] = [];
	for (let i = 1; i <= 12; i++) {
		const created = await call("POST", "/crm/v3/objects/deals", {
			properties: {
				dealname: `Etsy 31000000${String(i).padStart(2, "0")}`,
				amount: "1499.5",
				pipeline: "default",
				dealstage: "appointmentscheduled",
				deal_currency_code: "PLN",
				hubsheet_order_id: `31000000${String(i).padStart(2, "0")}`,
			},
			...(i === 1
				? {
						associations: [
							{
								to: { id: contact.body?.id },
								types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
							},
						],
					}
				: {}),
		});
		ids.push(String(created.body?.id));
	}
	await call("POST", "/crm/v3/objects/deals", {
		properties: { dealname: "dup", dealstage: "appointmentscheduled", hubsheet_order_id: "3100000001" },
	});
	await call("POST", "/crm/v3/objects/deals", { properties: { dealname: "bad", dealstage: "Design" } });
	await call("POST", "/crm/v3/objects/deals", {
		properties: { dealname: "bad", dealstage: "appointmentscheduled", colour: "red" },
	});
	await call(
		"GET",
		"/crm/v3/objects/deals/3100000001?idProperty=hubsheet_order_id&properties=dealstage,amount,closedate",
	);
	await call("GET", "/crm/v3/objects/deals/3199999999?idProperty=hubsheet_order_id");
	await call("GET", `/crm/v3/objects/deals/${ids[0]}`);
	await call("PATCH", `/crm/v3/objects/deals/${ids[1]}`, { properties: { dealstage: "qualifiedtobuy" } });
	await call("DELETE", `/crm/v3/objects/deals/${ids[11]}`);

	await control.failInBatches([ids[2] as string]);
	await call("POST", "/crm/v3/objects/deals/batch/update", {
		inputs: ids.slice(0, 4).map((id) => ({ id, properties: { pipeline: "default", dealstage: "qualifiedtobuy" } })),
	});
	await call("POST", "/crm/v3/objects/deals/batch/update", {
		inputs: [
			{ id: ids[0], properties: { dealstage: "closedwon" } },
			{ id: "42", properties: { dealstage: "closedwon" } },
		],
	});
	await call("POST", "/crm/v3/objects/deals/batch/update", {
		inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i), properties: {} })),
	});
	await call("POST", "/crm/v3/objects/deals/batch/read", {
		inputs: [{ id: ids[0] }, { id: "42" }],
		properties: ["dealstage"],
	});

	await control.updateSettings({ searchPerSecond: 1000 });
	const search = {
		filterGroups: [
			{
				filters: [
					{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: "0" },
					{ propertyName: "hubsheet_order_id", operator: "HAS_PROPERTY" },
				],
			},
		],
		sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }],
		properties: ["dealstage", "hubsheet_order_id"],
	};
	await call("POST", "/crm/v3/objects/deals/search", { ...search, limit: 5 });
	await call("POST", "/crm/v3/objects/deals/search", { ...search, limit: 5, after: "10" });
	await call("POST", "/crm/v3/objects/deals/search", { ...search, limit: 201 });
	await call("POST", "/crm/v3/objects/deals/search", { ...search, after: "10000" });
	await call("POST", "/crm/v3/objects/contacts/search", {
		filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: "ANNA@example.pl" }] }],
	});

	await call("GET", "/crm/v3/pipelines/deals", undefined, null);
	const readOnly = await control.issueToken(["crm.objects.deals.read"]);
	await call(
		"POST",
		"/crm/v3/objects/deals/batch/update",
		{ inputs: [{ id: ids[0], properties: {} }] },
		readOnly.token,
	);
	await control.updateSettings({ perInterval: 0 });
	await call("GET", "/crm/v3/pipelines/deals");
	await control.updateSettings({ perInterval: 100 });
	await control.addFault({ kind: "error", status: 503, path: "/crm/v3/pipelines/deals" });
	await call("GET", "/crm/v3/pipelines/deals");
}

beforeAll(async () => {
	started = await startSandboxes({ only: ["hubspot"], seed: 11 });
	base = started.urls.hubspot as string;
	control = new HubSpotControlClient(base);
	await control.reset({ seed: 11, orderIdProperty: "missing" });
	await exerciseEveryEndpoint();
	log = await control.requests();
});
afterAll(() => started.close());

describe("HubSpot sandbox against the documented shapes", () => {
	it("exercised every endpoint Hubsheet uses, with successes and refusals", () => {
		const seen = new Set(
			log.map((entry) => `${entry.method} ${entry.route} ${entry.status >= 400 ? "refused" : "ok"}`),
		);
		for (const expected of [
			"GET /crm/v3/pipelines/deals ok",
			"GET /crm/v3/pipelines/deals refused",
			"GET /crm/v3/properties/deals/:name ok",
			"POST /crm/v3/properties/deals ok",
			"POST /crm/v3/properties/deals refused",
			"POST /crm/v3/objects/deals ok",
			"POST /crm/v3/objects/deals refused",
			"GET /crm/v3/objects/deals/:dealId ok",
			"GET /crm/v3/objects/deals/:dealId refused",
			"PATCH /crm/v3/objects/deals/:dealId ok",
			"POST /crm/v3/objects/deals/search ok",
			"POST /crm/v3/objects/deals/search refused",
			"POST /crm/v3/objects/deals/batch/update ok",
			"POST /crm/v3/objects/deals/batch/update refused",
			"GET /crm/v3/objects/contacts/:contactId ok",
			"POST /crm/v3/objects/contacts ok",
			"POST /crm/v3/objects/contacts refused",
		]) {
			expect(seen).toContain(expected);
		}
	});

	it("every answer matches the shape documented for its route and status", () => {
		const problems: string[] = [];
		for (const entry of log) {
			const schema = schemaFor(entry);
			if (!schema) continue;
			const result = schema.safeParse(entry.responseBody);
			if (!result.success) {
				problems.push(
					`${entry.method} ${entry.path} ${entry.status}: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
				);
			}
		}
		expect(problems).toEqual([]);
	});

	it("deal stages are ids, not labels, and the pipeline is an id", () => {
		const created = log.find((entry) => entry.route === "/crm/v3/objects/deals" && entry.status === 201);
		const properties = answerOf<{ properties: Record<string, string> }>(created).properties;
		expect(properties.dealstage).toBe("appointmentscheduled");
		expect(properties.pipeline).toBe("default");
		const refused = log.find((entry) => entry.route === "/crm/v3/objects/deals" && entry.status === 400);
		expect(answerOf<{ category: string }>(refused).category).toBe("VALIDATION_ERROR");
	});

	it("a 207 lists the failed inputs in errors[] with numErrors; a 200 has neither", () => {
		const batches = log.filter((entry) => entry.route === "/crm/v3/objects/deals/batch/update" && entry.status < 400);
		for (const entry of batches) {
			const body = entry.responseBody as { errors?: unknown[]; numErrors?: number };
			if (entry.status === 207) expect(body.numErrors).toBe(body.errors?.length);
			else expect(body.errors).toBeUndefined();
		}
		expect(batches.map((entry) => entry.status).sort()).toEqual([207, 207]);
	});

	it("search answers at most `limit` results, pages with paging.next.after, refuses limit > 200 and after >= 10,000", () => {
		const searches = log.filter((entry) => entry.route === "/crm/v3/objects/deals/search");
		const [first, second, tooMany, tooFar] = searches;
		expect(answerOf<{ results: unknown[] }>(first).results).toHaveLength(5);
		expect(answerOf<{ paging: { next: { after: string } } }>(first).paging.next.after).toBe("5");
		expect(answerOf<{ paging?: unknown }>(second).paging).toBeUndefined();
		expect([tooMany?.status, tooFar?.status]).toEqual([400, 400]);
	});

	it("rate-limit headers on every answer but search's; a 429 names its policy", () => {
		// Only the unauthenticated request (answered before limits are counted) and the injected 503
		// (a gateway's answer, not the API's) go without.
		const without = rateHeaders.filter((answer) => answer.headers.daily === null).map((answer) => answer.status);
		expect(without.sort()).toEqual([401, 503]);
		for (const { headers } of rateHeaders.filter((answer) => answer.headers.daily !== null)) {
			expect(headers["interval-milliseconds"]).toBe("10000");
			expect(Number(headers.max)).toBeGreaterThanOrEqual(0);
			expect(Number(headers.remaining)).toBeGreaterThanOrEqual(0);
			expect(Number(headers["daily-remaining"])).toBeLessThanOrEqual(Number(headers.daily));
		}
		expect(searchHeaders.every((value) => value === null)).toBe(true);
		const limited = log.find((entry) => entry.status === 429);
		expect(answerOf<{ policyName: string }>(limited).policyName).toBe("TEN_SECONDLY_ROLLING");
	});

	it("refusals use HubSpot's categories", () => {
		const categories = new Set(
			log
				.filter((entry) => entry.status >= 400)
				.map((entry) => `${entry.status} ${(entry.responseBody as { category: string }).category}`),
		);
		for (const expected of [
			"401 INVALID_AUTHENTICATION",
			"403 MISSING_SCOPES",
			"404 OBJECT_NOT_FOUND",
			"409 CONFLICT",
			"409 OBJECT_ALREADY_EXISTS",
			"400 VALIDATION_ERROR",
			"429 RATE_LIMITS",
			"503 INTERNAL_ERROR",
		]) {
			expect(categories).toContain(expected);
		}
	});
});
