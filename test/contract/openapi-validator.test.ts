import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { LoggedRequest } from "../../local/sandbox/kit/request-log.js";
import {
	findOperation,
	loadSpec,
	type OpenApiSpec,
	validateExchange,
	validateRequest,
	validateResponse,
} from "./openapi-validator.js";

/** A small spec with the OpenAPI 3.0 features vendor specs use. */
const spec: OpenApiSpec = {
	openapi: "3.0.2",
	security: [{ key: [] }],
	paths: {
		"/things/{id}": {
			parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
			get: {
				parameters: [
					{ name: "limit", in: "query", schema: { type: "integer", maximum: 10 } },
					{ name: "flag", in: "query", schema: { type: "boolean", nullable: true } },
					{ name: "ids", in: "query", explode: false, schema: { type: "array", items: { type: "integer" } } },
				],
				responses: {
					"200": {
						description: "ok",
						content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
					},
					"4XX": { $ref: "#/components/responses/Error" },
				},
			},
			post: {
				security: [{ key: [], oauth: ["w"] }],
				requestBody: {
					content: {
						"application/x-www-form-urlencoded": {
							schema: { type: "object", properties: { count: { type: "integer" }, note: { type: "string" } } },
						},
					},
				},
				responses: { "204": { description: "done" } },
			},
		},
		"/things/special": { get: { responses: { "200": { description: "ok" } } } },
	},
	components: {
		securitySchemes: {
			key: { type: "apiKey", in: "header", name: "x-api-key" },
			oauth: { type: "oauth2", flows: {} },
		},
		responses: {
			Error: { description: "e", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
		},
		schemas: {
			Thing: {
				type: "object",
				properties: {
					id: { type: "integer", format: "int64", minimum: 1 },
					label: { type: "string", nullable: true },
					price: { allOf: [{ $ref: "#/components/schemas/Money" }] },
					kind: { type: "string", enum: ["a", "b"], nullable: true },
					score: { type: "number", minimum: 0, exclusiveMinimum: true },
					extra: {
						allOf: [
							{ $ref: "#/components/schemas/Base" },
							{ type: "object", properties: { more: { type: "string" } } },
						],
					},
				},
			},
			Money: { type: "object", properties: { amount: { type: "integer" }, currency_code: { type: "string" } } },
			Base: { type: "object", properties: { base: { type: "string" } } },
			Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
		},
	},
};

const thing = {
	id: 1,
	label: null,
	price: { amount: 100, currency_code: "PLN" },
	kind: null,
	score: 0.5,
	extra: { base: "x", more: "y" },
};

describe("validateResponse", () => {
	it("accepts a valid body and translates nullable, refs and exclusive bounds", () => {
		expect(validateResponse(spec, "get", "/things/{id}", 200, thing)).toEqual({
			valid: true,
			checked: true,
			errors: [],
		});
		const bad = validateResponse(spec, "get", "/things/{id}", 200, { ...thing, id: 0, score: 0, kind: "c" });
		expect(bad.valid).toBe(false);
		expect(bad.errors.join("\n")).toMatch(/id must be >= 1/);
		expect(bad.errors.join("\n")).toMatch(/score must be > 0/);
		expect(bad.errors.join("\n")).toMatch(/kind must be equal to one of/);
	});

	it("in strict mode wants every declared property and nothing else, except in composed parts", () => {
		const { label: _label, ...missing } = thing;
		expect(validateResponse(spec, "get", "/things/{id}", 200, missing).valid).toBe(true);
		expect(validateResponse(spec, "get", "/things/{id}", 200, missing, { strict: true }).errors).toEqual([
			"response must have required property 'label'",
		]);
		const extra = validateResponse(
			spec,
			"get",
			"/things/{id}",
			200,
			{ ...thing, bogus: 1, price: { ...thing.price, x: 1 } },
			{ strict: true },
		);
		expect(extra.errors.sort()).toEqual([
			"response must NOT have additional properties 'bogus'",
			"response/price must NOT have additional properties 'x'",
		]);
		expect(validateResponse(spec, "get", "/things/{id}", 200, thing, { strict: true }).valid).toBe(true);
	});

	it("uses range statuses and $ref responses, and reports undeclared statuses as unchecked", () => {
		expect(validateResponse(spec, "get", "/things/{id}", 404, { error: "nope" })).toMatchObject({
			valid: true,
			checked: true,
		});
		expect(validateResponse(spec, "get", "/things/{id}", 404, { message: "nope" }).valid).toBe(false);
		expect(validateResponse(spec, "get", "/things/{id}", 503, {})).toEqual({ valid: true, checked: false, errors: [] });
		expect(validateResponse(spec, "post", "/things/{id}", 204, "x").valid).toBe(false);
		expect(validateResponse(spec, "get", "/things/{id}", 200, "{broken").errors).toEqual([
			"status 200 body is not valid JSON",
		]);
	});
});

describe("validateRequest", () => {
	const headers = { "X-Api-Key": "k:s" };

	it("coerces query strings to the declared types", () => {
		expect(
			validateRequest(spec, "GET", "/things/{id}", {
				params: { id: "3" },
				query: { limit: "10", flag: "true", ids: "1,2" },
				headers,
			}),
		).toEqual({ valid: true, checked: true, errors: [] });
		const bad = validateRequest(spec, "GET", "/things/{id}", {
			params: { id: "0" },
			query: { limit: "11", flag: "yes", ids: "1,x", other: "1" },
			headers,
		});
		expect(bad.errors).toEqual([
			"path parameter id must be >= 1",
			"query parameter limit must be <= 10",
			"query parameter flag must be boolean,null",
			"query parameter ids/1 must be integer",
			"query parameter other is not declared",
		]);
	});

	it("checks security alternatives and form bodies", () => {
		const post = (input: Parameters<typeof validateRequest>[3]) =>
			validateRequest(spec, "POST", "/things/{id}", { params: { id: "1" }, ...input });
		expect(
			post({
				headers: { "x-api-key": "k:s", authorization: "Bearer 1.t" },
				body: "count=3&note=hi",
				contentType: "application/x-www-form-urlencoded",
			}).valid,
		).toBe(true);
		expect(
			post({
				headers: { "x-api-key": "k:s" },
				body: { count: "three" },
				contentType: "application/x-www-form-urlencoded",
			}).errors,
		).toEqual(["missing Authorization: Bearer (security oauth)", "body/count must be integer"]);
		expect(
			post({ headers: { "x-api-key": "k", authorization: "Bearer t" }, body: "{}", contentType: "application/json" })
				.errors,
		).toEqual(["content type 'application/json' is not one of application/x-www-form-urlencoded"]);
	});
});

describe("findOperation and validateExchange", () => {
	it("prefers literal segments and validates a logged exchange", () => {
		expect(findOperation(spec, "GET", "/things/special")?.pathTemplate).toBe("/things/special");
		expect(findOperation(spec, "GET", "/things/5")).toMatchObject({
			pathTemplate: "/things/{id}",
			params: { id: "5" },
		});
		const entry: LoggedRequest = {
			id: 1,
			at: 0,
			method: "GET",
			path: "/things/5",
			query: { limit: "2" },
			headers: { "x-api-key": "[redacted]" },
			body: undefined,
			status: 200,
			responseBody: thing,
			durationMs: 1,
		};
		expect(validateExchange(spec, entry, { strict: true })).toMatchObject({
			request: { valid: true },
			response: { valid: true },
		});
		expect(validateExchange(spec, { ...entry, path: "/elsewhere" }).request.valid).toBe(false);
	});
});

describe("loadSpec", () => {
	const shared = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/specs");

	it("reads JSON and YAML specs", () => {
		expect(loadSpec(resolve(shared, "etsy/etsy-openapi-v3.json")).openapi).toMatch(/^3\.0/);
		const pipedrive = resolve(shared, "pipedrive/pipedrive-openapi-v2.yaml");
		if (existsSync(pipedrive)) expect(Object.keys(loadSpec(pipedrive).paths).length).toBeGreaterThan(10);
	});
});
