/**
 * Contract of the Etsy sandbox with Etsy's published OpenAPI document: every response it serves
 * must match what the spec declares for that operation and status (2xx strictly: every declared
 * field present, nothing undeclared), and it must accept and reject request parameters as the
 * spec's parameter schemas do.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EtsyControlClient } from "../../local/sandbox/etsy/control-client.js";
import type { LoggedRequest } from "../../local/sandbox/kit/request-log.js";
import { type StartedSandboxes, startSandboxes } from "../../local/sandbox/main.js";
import { API_KEY, authorize, EtsyTestClient, pkcePair, RECEIPTS, tokenRequest } from "../local/sandbox/etsy-client.js";
import { loadSpec, type OpenApiSpec, validateExchange, validateRequest } from "./openapi-validator.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SPEC_PATH = resolve(repoRoot, "../shared/specs/etsy/etsy-openapi-v3.json");
const LIST = "/v3/application/shops/{shop_id}/receipts";
const ONE = "/v3/application/shops/{shop_id}/receipts/{receipt_id}";
const TRACKING = "/v3/application/shops/{shop_id}/receipts/{receipt_id}/tracking";

let spec: OpenApiSpec;
let started: StartedSandboxes;
let control: EtsyControlClient;
let api: EtsyTestClient;
let log: LoggedRequest[];

beforeAll(async () => {
	spec = loadSpec(SPEC_PATH);
	started = await startSandboxes({ only: ["etsy"], seed: 21 });
	const url = started.urls.etsy as string;
	control = new EtsyControlClient(url);
	api = new EtsyTestClient(url);
	await control.reset({ seed: 21, receipts: 120, spanDays: 90, edgeCases: true, settings: { perSecond: 10_000 } });
	api.token = (await control.issueTokens()).access_token;
	await exerciseEveryEndpoint();
	log = await control.requests();
});
afterAll(() => started.close());

/** Success and error answers of every operation Hubsheet uses, as a connector would meet them. */
async function exerciseEveryEndpoint(): Promise<void> {
	const { results } = await control.receipts();
	for (const offset of [0, 100]) await api.get(RECEIPTS, { limit: 100, offset, sort_on: "updated", sort_order: "asc" });
	await api.get(RECEIPTS, { min_last_modified: 946_684_800, was_paid: true, was_canceled: false, sort_order: "up" });
	await api.get(RECEIPTS, { was_shipped: false, was_delivered: true, sort_on: "receipt_id", sort_order: "descending" });
	await api.get(RECEIPTS, { limit: 0 });
	await api.get("/v3/application/shops/777/receipts");
	for (const receipt of results) await api.get(`${RECEIPTS}/${receipt.receipt_id}`);
	await api.get(`${RECEIPTS}/1`);

	const open = results.filter((r) => r.status === "paid");
	const [a, b, c] = open;
	if (!a || !b || !c) throw new Error("the seed has too few paid receipts");
	await api.request("POST", `${RECEIPTS}/${a.receipt_id}/tracking`, {
		form: {
			tracking_code: "612345678901234567890123",
			carrier_name: "InPost",
			send_bcc: "false",
			note_to_buyer: "Dziękujemy!",
		},
	});
	await api.request("POST", `${RECEIPTS}/${b.receipt_id}/tracking`, { form: {} });
	await api.request("POST", `${RECEIPTS}/${c.receipt_id}/tracking`, { form: { tracking_code: "1" } });
	await api.request("POST", `${RECEIPTS}/1/tracking`, { form: { tracking_code: "1", carrier_name: "DPD" } });
	const cancelled = results.find((r) => r.status === "canceled");
	if (cancelled) await api.request("POST", `${RECEIPTS}/${cancelled.receipt_id}/tracking`, { form: {} });

	await api.get("/v3/application/shipping-carriers", { origin_country_iso: "PL" });
	await api.get("/v3/application/shipping-carriers", { origin_country_iso: "JP" });
	await api.get("/v3/application/shipping-carriers");
	await api.get("/v3/application/users/me");

	const saved = api.token;
	api.token = undefined;
	await api.get(RECEIPTS);
	await api.get("/v3/application/users/me");
	api.token = (await control.issueTokens({ scopes: ["transactions_r"] })).access_token;
	await api.request("POST", `${RECEIPTS}/${a.receipt_id}/tracking`, { form: {} });
	api.token = saved;
	await api.request("GET", RECEIPTS, { headers: { "x-api-key": "keystring-only" } });

	await control.addFault({ kind: "error", status: 500, path: "/v3/*", times: 2 });
	await api.get(RECEIPTS);
	await api.get(`${RECEIPTS}/${a.receipt_id}`);
}

describe("Etsy sandbox responses match etsy-openapi-v3.json", () => {
	it("exercised every operation with success and declared error statuses", () => {
		const seen = new Set(
			log.map((entry) => {
				const route = entry.route?.replace(/:(\w+)/g, "{$1}");
				return `${entry.method} ${route} ${entry.status}`;
			}),
		);
		for (const expected of [
			`GET ${LIST} 200`,
			`GET ${LIST} 400`,
			`GET ${LIST} 401`,
			`GET ${LIST} 403`,
			`GET ${LIST} 500`,
			`GET ${ONE} 200`,
			`GET ${ONE} 404`,
			`GET ${ONE} 500`,
			`POST ${TRACKING} 200`,
			`POST ${TRACKING} 400`,
			`POST ${TRACKING} 403`,
			`POST ${TRACKING} 404`,
			`POST ${TRACKING} 409`,
			"GET /v3/application/shipping-carriers 200",
			"GET /v3/application/shipping-carriers 400",
			"GET /v3/application/users/me 200",
			"GET /v3/application/users/me 401",
		]) {
			expect(seen, expected).toContain(expected);
		}
	});

	it("every response validates against its declared schema (2xx strictly)", () => {
		const failures: string[] = [];
		let checked = 0;
		for (const entry of log) {
			const { response } = validateExchange(spec, entry, { strict: true });
			if (response.checked) checked++;
			if (!response.valid)
				failures.push(`${entry.method} ${entry.path} ${entry.status}: ${response.errors.slice(0, 5).join("; ")}`);
		}
		expect(failures).toEqual([]);
		expect(checked).toBeGreaterThan(log.length - 3);
	});

	it("every request the sandbox accepted is valid per the spec", () => {
		const failures = log
			.filter((entry) => entry.status >= 200 && entry.status < 300)
			.map((entry) => ({ entry, result: validateExchange(spec, entry).request }))
			.filter(({ result }) => !result.valid)
			.map(({ entry, result }) => `${entry.method} ${entry.path}: ${result.errors.join("; ")}`);
		expect(failures).toEqual([]);
	});

	it("answers statuses the spec does not declare with Etsy's error body", () => {
		const undeclared = log.filter((entry) => !validateExchange(spec, entry).response.checked);
		for (const entry of undeclared) expect(entry.responseBody).toEqual({ error: expect.any(String) });
	});
});

describe("Etsy sandbox parameter validation agrees with the spec", () => {
	// NOTES.md "Requests and auth": "`limit` max 100 (higher values clamp to 100) [MIG]": the spec's schema
	// refuses 101, Etsy serves 100; the sandbox follows the note.
	it("clamps a limit above 100 to 100 rather than refusing it, as NOTES.md says", async () => {
		const response = await api.get<{ results: unknown[] }>(RECEIPTS, { limit: "101" });
		expect(response.status).toBe(200);
		const { count } = await control.receipts();
		expect(response.body.results).toHaveLength(Math.min(100, count));
	});

	const cases: Array<[Record<string, string>, boolean]> = [
		[{ limit: "1" }, true],
		[{ limit: "100", offset: "0" }, true],
		[{ limit: "0" }, false],
		[{ limit: "1.5" }, false],
		[{ offset: "-1" }, false],
		[{ sort_on: "updated", sort_order: "asc" }, true],
		[{ sort_on: "receipt_id", sort_order: "down" }, true],
		[{ sort_on: "price" }, false],
		[{ sort_order: "ASC" }, false],
		[{ min_created: "946684800" }, true],
		[{ min_created: "946684799" }, false],
		[{ max_last_modified: "yesterday" }, false],
		[{ was_paid: "true", was_shipped: "false", was_delivered: "false", was_canceled: "false" }, true],
		[{ was_paid: "yes" }, false],
		[{ legacy: "false" }, true],
	];

	it.each(cases)("%o -> valid %s", async (query, valid) => {
		const response = await api.get(RECEIPTS, query);
		expect(response.status).toBe(valid ? 200 : 400);
		const result = validateRequest(spec, "GET", LIST, {
			params: { shop_id: "31234567" },
			query,
			headers: { "x-api-key": API_KEY, authorization: `Bearer ${api.token}` },
		});
		expect(result.valid, result.errors.join("; ")).toBe(valid);
	});

	it("sends carriers only for a valid origin_country_iso", async () => {
		for (const [query, valid] of [
			[{ origin_country_iso: "DE" }, true],
			[{}, false],
		] as const) {
			const response = await api.get("/v3/application/shipping-carriers", query);
			expect(response.status).toBe(valid ? 200 : 400);
			expect(
				validateRequest(spec, "GET", "/v3/application/shipping-carriers", { query, headers: { "x-api-key": API_KEY } })
					.valid,
			).toBe(valid);
		}
	});
});

describe("Etsy OAuth endpoints (not in the spec: checked against NOTES.md)", () => {
	it("token responses have Etsy's shape; errors carry error and error_description", async () => {
		const { verifier, challenge } = pkcePair();
		const redirectUri = "https://script.google.com/macros/d/x/usercallback";
		const redirect = await authorize(api.baseUrl, {
			response_type: "code",
			client_id: "hubsheetsandboxkeystring",
			redirect_uri: redirectUri,
			scope: "transactions_r transactions_w",
			state: "s",
			code_challenge: challenge,
			code_challenge_method: "S256",
		});
		const form = {
			grant_type: "authorization_code",
			client_id: "hubsheetsandboxkeystring",
			redirect_uri: redirectUri,
			code: redirect.get("code") as string,
			code_verifier: verifier,
		};
		const ok = await tokenRequest(api.baseUrl, form);
		expect(ok).toEqual({
			status: 200,
			body: {
				access_token: expect.stringMatching(/^\d+\.[\w-]+$/),
				token_type: "Bearer",
				expires_in: 3600,
				refresh_token: expect.stringMatching(/^\d+\.[\w-]+$/),
			},
		});
		const bads: Array<Record<string, string>> = [
			{ ...form },
			{ ...form, grant_type: "password" },
			{ grant_type: "refresh_token", client_id: "hubsheetsandboxkeystring", refresh_token: "81234567.nope" },
		];
		for (const bad of bads) {
			const response = await tokenRequest(api.baseUrl, bad);
			expect(response.status).toBe(400);
			expect(response.body).toEqual({ error: expect.any(String), error_description: expect.any(String) });
		}
	});
});
