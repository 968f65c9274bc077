/**
 * Contract of the Pipedrive sandbox, and of the Pipedrive connector's requests, with Pipedrive's
 * published OpenAPI document for API v2 (../shared/specs/pipedrive/pipedrive-openapi-v2.yaml).
 *
 * 2xx answers are checked strictly (every declared field present, nothing undeclared) against the
 * spec with two documented corrections, because Pipedrive's spec describes a fuller and tidier
 * object than Pipedrive sends:
 *  - NULLABLE: fields Pipedrive sends as null when unset, though the spec forgets `nullable` (its
 *    own text says `next_cursor` "will be null if you have reached the end"; a deal without a
 *    person has `person_id: null`; an open deal has no `won_time`).
 *  - ON_REQUEST: fields Pipedrive adds only when `include_fields` asks for them (the spec says so
 *    in their descriptions); the sandbox, like Pipedrive by default, leaves them out.
 * Everything else is the spec as published.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoggedRequest } from "../../local/sandbox/kit/request-log.js";
import { type StartedSandboxes, startSandboxes } from "../../local/sandbox/main.js";
import { TOKEN_COSTS as SANDBOX_COSTS } from "../../local/sandbox/pipedrive/api.js";
import { PipedriveControlClient } from "../../local/sandbox/pipedrive/control-client.js";
import { API_TOKEN, type Envelope, PipedriveTestClient } from "../local/sandbox/pipedrive-client.js";
import { harness, MAPPED_STAGES, newDeal } from "../platforms/pipedrive/harness.js";
import { findOperation, loadSpec, type OpenApiSpec, validateExchange, validateRequest } from "./openapi-validator.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SPEC_PATH = resolve(repoRoot, "../shared/specs/pipedrive/pipedrive-openapi-v2.yaml");
const PREFIX = "/api/v2";

const NULLABLE = new Set([
	"next_cursor",
	"person_id",
	"org_id",
	"won_time",
	"lost_time",
	"expected_close_date",
	"stage_change_time",
	"last_name",
	"picture_id",
	"postal_address",
	"notes",
	"birthday",
	"job_title",
	"organization",
	"description",
]);
const ON_REQUEST = new Set(["source_lead_id", "ui_visibility", "important_fields", "required_fields"]);

/** The published spec with the two corrections above (see the module comment). */
function correctedSpec(spec: OpenApiSpec): OpenApiSpec {
	const copy = structuredClone(spec);
	const visit = (node: unknown) => {
		if (Array.isArray(node)) {
			for (const item of node) visit(item);
			return;
		}
		if (!node || typeof node !== "object") return;
		const object = node as Record<string, unknown>;
		const properties = object.properties as Record<string, Record<string, unknown>> | undefined;
		if (properties && typeof properties === "object") {
			for (const name of Object.keys(properties)) {
				if (ON_REQUEST.has(name)) delete properties[name];
				else if (NULLABLE.has(name) && properties[name]) properties[name].nullable = true;
			}
		}
		for (const value of Object.values(object)) visit(value);
	};
	visit(copy.paths);
	visit(copy.components);
	// A deal's value has decimals; the search item alone declares it an integer.
	const search = JSON.stringify(copy.paths["/deals/search"]).replace(
		/"value":\{"type":"integer","description":"The value of the deal"\}/,
		'"value":{"type":"number","description":"The value of the deal"}',
	);
	copy.paths["/deals/search"] = JSON.parse(search);
	return copy;
}

let published: OpenApiSpec;
let spec: OpenApiSpec;
let started: StartedSandboxes;
let control: PipedriveControlClient;
let api: PipedriveTestClient;
let log: LoggedRequest[];

beforeAll(async () => {
	published = loadSpec(SPEC_PATH);
	spec = correctedSpec(published);
	started = await startSandboxes({ only: ["pipedrive"], seed: 21 });
	const url = started.urls.pipedrive as string;
	control = new PipedriveControlClient(url);
	api = new PipedriveTestClient(url);
	await control.reset({ seed: 21, deals: 12, settings: { burstPerWindow: 10_000, searchLagSeconds: 0 } });
	await exerciseEveryEndpoint();
	log = (await control.requests()).filter((entry) => entry.path.startsWith(`${PREFIX}/`));
});
afterAll(() => started.close());

/** Success and error answers of every operation Hubsheet uses, as a connector would meet them. */
async function exerciseEveryEndpoint(): Promise<void> {
	const field = await api.post<Envelope<{ field_code: string }>>(`${PREFIX}/dealFields`, {
		field_name: "Etsy order",
		field_type: "varchar",
		description: "The Etsy order",
	});
	const key = field.body.data.field_code;
	await api.post(`${PREFIX}/dealFields`, { field_name: "x", field_type: "rocket" });
	await api.get(`${PREFIX}/dealFields`, { limit: 10 });
	const fields = await api.get<Envelope<unknown[]>>(`${PREFIX}/dealFields`, { limit: 10 });
	const cursor = fields.body.additional_data?.next_cursor;
	if (cursor) await api.get(`${PREFIX}/dealFields`, { limit: 10, cursor });
	await api.get(`${PREFIX}/dealFields/${key}`);
	await api.get(`${PREFIX}/dealFields/${"0".repeat(40)}`);

	const stages = await api.get<Envelope<Array<{ id: number; name: string }>>>(`${PREFIX}/stages`, { limit: 500 });
	await api.get(`${PREFIX}/stages`, { pipeline_id: 2, sort_by: "order_nr", limit: 3 });
	await api.get(`${PREFIX}/pipelines`);
	const stageId = stages.body.data.find((s) => s.name === "New")?.id as number;

	const person = await api.post<Envelope<{ id: number }>>(`${PREFIX}/persons`, {
		name: "Anna Kowalska",
		emails: [{ value: "anna@example.com", primary: true, label: "work" }],
	});
	await api.post(`${PREFIX}/persons`, { name: "Jan" });
	await api.post(`${PREFIX}/persons`, { emails: [] });
	await api.get(`${PREFIX}/persons/${person.body.data.id}`);
	await api.get(`${PREFIX}/persons`, { sort_by: "add_time", sort_direction: "desc", limit: 100 });
	await api.get(`${PREFIX}/persons/99999`);
	await api.get(`${PREFIX}/persons/search`, { term: "anna@example.com", fields: "email", exact_match: true });
	await api.get(`${PREFIX}/persons/search`, { term: "Jan" });
	await api.get(`${PREFIX}/persons/search`, { term: "x" });

	const deal = await api.post<Envelope<{ id: number }>>(`${PREFIX}/deals`, {
		title: "Etsy 3100000001 · Anna Kowalska",
		value: 2499.5,
		currency: "PLN",
		stage_id: stageId,
		person_id: person.body.data.id,
		custom_fields: { [key]: "3100000001" },
	});
	await api.post(`${PREFIX}/deals`, { title: "Without a person" });
	await api.post(`${PREFIX}/deals`, { value: 1 });
	await api.get(`${PREFIX}/deals/${deal.body.data.id}`);
	await api.get(`${PREFIX}/deals/${deal.body.data.id}`, { custom_fields: key });
	await api.get(`${PREFIX}/deals/99999`);
	await api.patch(`${PREFIX}/deals/${deal.body.data.id}`, { stage_id: stageId + 1 });
	await api.patch(`${PREFIX}/deals/${deal.body.data.id}`, { stage_id: 99999 });
	await api.patch(`${PREFIX}/deals/99999`, { stage_id: stageId });
	await control.moveDealByHand(deal.body.data.id, "Shipped");
	await api.get(`${PREFIX}/deals`);
	await api.get(`${PREFIX}/deals`, {
		updated_since: "2020-01-01T00:00:00Z",
		sort_by: "update_time",
		sort_direction: "asc",
		limit: 5,
		custom_fields: key,
	});
	await api.get(`${PREFIX}/deals`, { sort_by: "add_time", sort_direction: "desc", limit: 100, custom_fields: key });
	await api.get(`${PREFIX}/deals`, { status: "open" });
	await api.get(`${PREFIX}/deals`, { limit: 501 });
	await api.get(`${PREFIX}/deals/search`, {
		term: "3100000001",
		fields: "custom_fields",
		exact_match: true,
		limit: 20,
	});
	await api.get(`${PREFIX}/deals/search`, { term: "desks" });
	await api.get(`${PREFIX}/deals/search`, { term: "d" });

	api.token = undefined;
	await api.get(`${PREFIX}/deals`);
	api.token = API_TOKEN;
	await control.addFault({ kind: "error", status: 500, path: `${PREFIX}/*`, times: 2 });
	await api.get(`${PREFIX}/stages`);
	await api.post(`${PREFIX}/deals`, { title: "x" });
	await control.addFault({ kind: "rate-limit", path: `${PREFIX}/deals` });
	await api.get(`${PREFIX}/deals`);
}

function specEntry(entry: LoggedRequest): LoggedRequest {
	return { ...entry, path: entry.path.slice(PREFIX.length) };
}

describe("Pipedrive sandbox responses match pipedrive-openapi-v2.yaml", () => {
	it("exercised every operation Hubsheet uses, with success and error statuses", () => {
		const seen = new Set(
			log.map((entry) => {
				const match = findOperation(spec, entry.method, entry.path.slice(PREFIX.length));
				return `${match?.operation.operationId ?? entry.path} ${entry.status}`;
			}),
		);
		for (const expected of [
			"getDeals 200",
			"getDeals 400",
			"getDeals 401",
			"getDeals 429",
			"addDeal 200",
			"addDeal 400",
			"addDeal 500",
			"getDeal 200",
			"getDeal 404",
			"updateDeal 200",
			"updateDeal 400",
			"updateDeal 404",
			"searchDeals 200",
			"searchDeals 400",
			"searchPersons 200",
			"searchPersons 400",
			"addPerson 200",
			"addPerson 400",
			"getPerson 200",
			"getPerson 404",
			"getStages 200",
			"getStages 500",
			"getPipelines 200",
			"getDealFields 200",
			"addDealField 200",
			"addDealField 400",
			"getDealField 200",
			"getDealField 404",
		]) {
			expect(seen, expected).toContain(expected);
		}
	});

	it("every response validates against its declared schema (2xx strictly)", () => {
		const failures: string[] = [];
		let checked = 0;
		for (const entry of log) {
			const { response } = validateExchange(spec, specEntry(entry), { strict: true });
			if (response.checked) checked++;
			if (!response.valid) {
				failures.push(`${entry.method} ${entry.path} ${entry.status}: ${response.errors.slice(0, 5).join("; ")}`);
			}
		}
		expect(failures).toEqual([]);
		expect(checked).toBeGreaterThanOrEqual(log.filter((e) => e.status >= 200 && e.status < 300).length);
	});

	it("the corrections are needed: the published spec refuses what Pipedrive sends", () => {
		const failing = log.filter(
			(entry) =>
				entry.status === 200 && !validateExchange(published, specEntry(entry), { strict: true }).response.valid,
		);
		expect(failing.length).toBeGreaterThan(0);
	});

	it("every request the sandbox accepted is valid per the spec", () => {
		const failures = log
			.filter((entry) => entry.status >= 200 && entry.status < 300)
			.map((entry) => ({ entry, result: validateExchange(spec, specEntry(entry)).request }))
			.filter(({ result }) => !result.valid)
			.map(({ entry, result }) => `${entry.method} ${entry.path}: ${result.errors.join("; ")}`);
		expect(failures).toEqual([]);
	});

	it("answers statuses the spec does not declare with Pipedrive's error body", () => {
		const undeclared = log.filter((entry) => !validateExchange(spec, specEntry(entry)).response.checked);
		expect(undeclared.length).toBeGreaterThan(5);
		for (const entry of undeclared) {
			expect(entry.responseBody, `${entry.method} ${entry.path} ${entry.status}`).toMatchObject({
				success: false,
				error: expect.any(String),
				error_info: expect.any(String),
				data: null,
				additional_data: null,
			});
		}
	});

	it("charges each operation the spec's x-token-cost", () => {
		for (const [operation, cost] of Object.entries(SANDBOX_COSTS)) {
			const [method, path] = operation.split(" ") as [string, string];
			const declared = (published.paths[path]?.[method.toLowerCase()] as Record<string, unknown> | undefined)?.[
				"x-token-cost"
			];
			expect([operation, declared]).toEqual([operation, cost]);
		}
	});
});

describe("the Pipedrive connector's requests match pipedrive-openapi-v2.yaml", () => {
	it("every request of a typical day is one the spec accepts", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		h.connector.unknownStages(MAPPED_STAGES);
		const a = h.connector.createDeal(newDeal("3100000001"));
		h.connector.createDeal(newDeal("3100000002", { person: { name: "Yuki", email: "" } }));
		h.connector.moveStages([{ orderId: "3100000001", dealId: a.dealId, stageName: "Design" }]);
		const next = h.nextRun({ pipelineName: "Orders" });
		next.unknownStages(MAPPED_STAGES);
		next.findDeal("3100000001");
		next.findDeal("3100000003");
		next.dealsChangedSince(0);

		const operations = new Set<string>();
		const failures: string[] = [];
		for (const request of h.http.requests) {
			const url = new URL(request.url);
			const path = url.pathname.slice(PREFIX.length);
			const match = findOperation(spec, request.method, path);
			if (!match) {
				failures.push(`${request.method} ${url.pathname}: no operation`);
				continue;
			}
			operations.add(String(match.operation.operationId));
			const result = validateRequest(spec, request.method, match.pathTemplate, {
				params: match.params,
				query: Object.fromEntries(url.searchParams),
				headers: { ...request.headers, ...(request.contentType ? { "content-type": request.contentType } : {}) },
				body: request.body,
				...(request.contentType ? { contentType: request.contentType } : {}),
			});
			if (!result.valid) failures.push(`${request.method} ${url.pathname}${url.search}: ${result.errors.join("; ")}`);
		}
		expect(failures).toEqual([]);
		expect([...operations].sort()).toEqual(
			[
				"addDeal",
				"addDealField",
				"addPerson",
				"getDeal",
				"getDealField",
				"getDeals",
				"getDealFields",
				"getPipelines",
				"getStages",
				"searchDeals",
				"searchPersons",
				"updateDeal",
			].sort(),
		);
	});
});
