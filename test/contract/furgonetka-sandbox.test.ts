/**
 * Contract of the Furgonetka sandbox with what is documented about Furgonetka's REST API. There is
 * no machine-readable spec (../shared/specs/furgonetka/NOTES.md): each assertion below restates one
 * documented fact — the OAuth page, the endpoints and fields public clients use — explicitly, so a
 * change to the sandbox that drifts from them fails here with the fact it broke.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_APP, DEFAULT_USER } from "../../local/sandbox/furgonetka/catalog.js";
import { FurgonetkaControlClient } from "../../local/sandbox/furgonetka/control-client.js";
import { type StartedSandboxes, startSandboxes } from "../../local/sandbox/main.js";

const MEDIA = "application/vnd.furgonetka.v1+json";
const BASIC = `Basic ${Buffer.from(`${DEFAULT_APP.clientId}:${DEFAULT_APP.clientSecret}`).toString("base64")}`;

let started: StartedSandboxes;
let base: string;
let control: FurgonetkaControlClient;
let bearer: string;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			accept: MEDIA,
			authorization: `Bearer ${bearer}`,
			...(body === undefined ? {} : { "content-type": MEDIA }),
			...headers,
		},
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = text === "" ? undefined : JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, text, body: json as Record<string, unknown> };
}

async function tokenCall(form: Record<string, string>) {
	const response = await fetch(`${base}/oauth/token`, {
		method: "POST",
		headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** `Address = {"name","company","street","postcode","city","country_code","county","email","phone","point"}` */
const ADDRESS_FIELDS = [
	"name",
	"company",
	"street",
	"postcode",
	"city",
	"country_code",
	"county",
	"email",
	"phone",
	"point",
];

function address(overrides: Record<string, unknown> = {}) {
	return {
		name: "Anna Kowalska",
		company: "",
		street: "ul. Długa 5/3",
		postcode: "01-234",
		city: "Warszawa",
		country_code: "PL",
		county: "mazowieckie",
		email: "anna@example.com",
		phone: "500600700",
		point: null,
		...overrides,
	};
}

/** The package body of the notes, every documented field present. */
function documentedBody() {
	return {
		pickup: address({
			name: "Jan Stolarz",
			company: "ErgoDrewno",
			street: "ul. Leśna 1",
			postcode: "30-001",
			city: "Kraków",
		}),
		sender: address({
			name: "Jan Stolarz",
			company: "ErgoDrewno",
			street: "ul. Leśna 1",
			postcode: "30-001",
			city: "Kraków",
		}),
		receiver: address(),
		payer: null,
		service_id: 11006,
		type: "package",
		parcels: [{ width: 80, depth: 160, height: 12, weight: 28.5, value: 2400, description: "Biurko" }],
		user_reference_number: "3100000001",
		additional_services: {
			cod: null,
			rod: false,
			cud: false,
			saturday_delivery: false,
			fragile: true,
			sms_predelivery_information: true,
		},
	};
}

beforeAll(async () => {
	started = await startSandboxes({ only: ["furgonetka"], seed: 11 });
	base = started.urls.furgonetka as string;
	control = new FurgonetkaControlClient(base);
	await control.reset({ now: Date.UTC(2026, 10, 2, 9), frozen: true, settings: { perSecond: 1000 } });
});
afterAll(() => started.close());

describe("[OAUTH] the token endpoint", () => {
	it("POST {base}/oauth/token, Basic base64(client_id:client_secret), form body, password grant with scope=api", async () => {
		const answer = await tokenCall({
			grant_type: "password",
			scope: "api",
			username: DEFAULT_USER.username,
			password: DEFAULT_USER.password,
		});
		expect(answer.status).toBe(200);
		// Response: {token_type:"Bearer", expires_in, access_token, refresh_token}; expires_in observed 2592000.
		expect(Object.keys(answer.body).sort()).toEqual(["access_token", "expires_in", "refresh_token", "token_type"]);
		expect(answer.body.token_type).toBe("Bearer");
		expect(answer.body.expires_in).toBe(2_592_000);
		// Tokens are JWT.
		expect(answer.body.access_token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
		bearer = answer.body.access_token as string;
	});

	it("grant_type=refresh_token&refresh_token=... renews", async () => {
		const first = await tokenCall({
			grant_type: "password",
			scope: "api",
			username: DEFAULT_USER.username,
			password: DEFAULT_USER.password,
		});
		const renewed = await tokenCall({ grant_type: "refresh_token", refresh_token: first.body.refresh_token as string });
		expect(renewed.status).toBe(200);
		expect(typeof renewed.body.access_token).toBe("string");
	});

	it('answers {"error":"2fa_required"} on the password grant for an account with two-step login', async () => {
		await control.updateSettings({ twoFactor: true });
		const answer = await tokenCall({
			grant_type: "password",
			scope: "api",
			username: DEFAULT_USER.username,
			password: DEFAULT_USER.password,
		});
		await control.updateSettings({ twoFactor: false });
		expect(answer.body).toEqual({ error: "2fa_required" });
	});

	it("keeps at most 20 tokens per user and app: a 21st silently revokes the oldest", async () => {
		await control.revokeTokens("all");
		const tokens: string[] = [];
		for (let i = 0; i < 21; i++) {
			const answer = await tokenCall({
				grant_type: "password",
				scope: "api",
				username: DEFAULT_USER.username,
				password: DEFAULT_USER.password,
			});
			expect(answer.status).toBe(200);
			tokens.push(answer.body.access_token as string);
		}
		bearer = tokens[0] as string;
		expect((await call("GET", "/account/services")).status).toBe(401);
		bearer = tokens[1] as string;
		expect((await call("GET", "/account/services")).status).toBe(200);
		bearer = tokens[20] as string;
	});
});

describe("[PY, clients] request headers", () => {
	// NOTES.md "Request headers": the vnd type [PY] or plain application/json [SP], "Both seem to work;
	// which endpoints require the vnd type is UNCONFIRMED": both by default, the vnd type only when set.
	it("versions the API through Accept: application/vnd.furgonetka.v1+json and authorises with Bearer", async () => {
		expect((await call("GET", "/account/services")).status).toBe(200);
		expect((await call("GET", "/account/services", undefined, { accept: "application/json" })).status).toBe(200);
		await control.updateSettings({ requireVendorMediaType: true });
		expect((await call("GET", "/account/services", undefined, { accept: "application/json" })).status).toBe(406);
		await control.updateSettings({ requireVendorMediaType: false });
		expect((await call("GET", "/account/services", undefined, { authorization: "" })).status).toBe(401);
	});

	it("takes a body sent as plain application/json as well as the vendor type", async () => {
		const plain = await call("POST", "/packages/validate", documentedBody(), { "content-type": "application/json" });
		expect(plain.status).toBe(204);
	});

	it("words messages by X-Language: pl_PL | en_GB", async () => {
		const body = { ...documentedBody(), receiver: address({ phone: "" }) };
		const pl = await call("POST", "/packages/validate", body, { "x-language": "pl_PL" });
		const en = await call("POST", "/packages/validate", body, { "x-language": "en_GB" });
		expect((pl.body.errors as Array<{ message: string }>)[0]?.message).not.toBe(
			(en.body.errors as Array<{ message: string }>)[0]?.message,
		);
	});
});

describe("[KW] endpoints and their shapes", () => {
	let packageId: string;

	it("GET /account/services gives each carrier service's id (service_id) and code", async () => {
		const answer = await call("GET", "/account/services");
		expect(answer.status).toBe(200);
		const services = answer.body.services as Array<Record<string, unknown>>;
		expect(services.length).toBeGreaterThan(0);
		for (const service of services) {
			expect(typeof service.id).toBe("number");
			expect(typeof service.service).toBe("string");
		}
		// The codes Furgonetka's clients quote.
		expect(services.map((s) => s.service)).toEqual(
			expect.arrayContaining(["dpd", "ups", "inpost", "inpostkurier", "gls", "fedex", "poczta", "dhl"]),
		);
	});

	it("POST /packages/validate takes the same body as create and answers 204 when it would be accepted", async () => {
		const answer = await call("POST", "/packages/validate", documentedBody());
		expect(answer.status).toBe(204);
		expect(answer.text).toBe("");
	});

	it("POST /packages creates (code 200) and answers the package details with package_id", async () => {
		const answer = await call("POST", "/packages", documentedBody());
		expect(answer.status).toBe(200);
		expect(typeof answer.body.package_id).toBe("string");
		packageId = answer.body.package_id as string;
	});

	it("GET /packages/{package_id} returns the documented details", async () => {
		const answer = await call("GET", `/packages/${packageId}`);
		expect(answer.status).toBe(200);
		const documented = [
			"package_id",
			"pickup",
			"sender",
			"receiver",
			"pricing",
			"user_reference_number",
			"service",
			"service_id",
			"state",
			"service_contract",
			"cancel_available",
			"cancel_details",
			"edit_url",
			"documents_url",
			"add_similar_url",
			"repickup",
			"pickup_available",
			"name",
			"pickup_number",
			"label",
			"documents",
			"pickup_date",
			"datetime_order",
			"datetime_add",
			"datetime_delivery",
			"machine_command_available",
			"point_command_available",
			"duty",
			"point_specific_details",
			"delivery_time",
			"changes",
			"type",
			"parcels",
			"additional_services",
		];
		for (const field of documented) expect(answer.body, field).toHaveProperty(field);
		const body = answer.body;
		expect(typeof body.state).toBe("string");
		expect(body.user_reference_number).toBe("3100000001");
		expect(body.service_id).toBe(11006);
		expect(typeof body.service).toBe("string");
		expect(typeof body.cancel_available).toBe("boolean");
		expect(Array.isArray(body.changes)).toBe(true);
		expect(Array.isArray(body.documents)).toBe(true);
		for (const field of ADDRESS_FIELDS) expect(body.receiver, field).toHaveProperty(field);
		const parcel = (body.parcels as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
		for (const field of ["width", "depth", "height", "weight", "value", "description"])
			expect(parcel, field).toHaveProperty(field);
	});

	it("GET /packages lists {packages: [...]} with limit, last_package_id, list_type and query", async () => {
		for (const listType of ["all", "sent", "waiting"]) {
			const answer = await call("GET", `/packages?limit=10&list_type=${listType}&query=3100000001`);
			expect(answer.status).toBe(200);
			expect(Array.isArray(answer.body.packages)).toBe(true);
		}
		const after = await call("GET", `/packages?last_package_id=${packageId}`);
		expect(after.body.packages).toEqual([]);
	});

	it("PUT /order-commands/{uuid} {packages:[{id}], label?} answers {uuid}; GET /order-commands/{uuid} has status, datetime_change, errors, successfully_ordered_packages, uuid (NOTES: order status)", async () => {
		const uuid = crypto.randomUUID();
		const put = await call("PUT", `/order-commands/${uuid}`, {
			packages: [{ id: Number(packageId) }],
			label: { page_format: "a6", file_format: "pdf", add_cutting_line: false },
		});
		expect([200, 201]).toContain(put.status);
		expect(put.body).toEqual({ uuid });
		const get = await call("GET", `/order-commands/${uuid}`);
		expect(Object.keys(get.body).sort()).toEqual([
			"datetime_change",
			"errors",
			"status",
			"successfully_ordered_packages",
			"uuid",
		]);
		expect(typeof get.body.status).toBe("string");
		expect(Array.isArray(get.body.errors)).toBe(true);
		expect(Array.isArray(get.body.successfully_ordered_packages)).toBe(true);
	});

	it("GET /packages/{package_id}/tracking returns {tracking: [...]}", async () => {
		const answer = await call("GET", `/packages/${packageId}/tracking`);
		expect(answer.status).toBe(200);
		expect(Array.isArray(answer.body.tracking)).toBe(true);
	});

	it("GET /packages/{package_id}/label returns the label as binary PDF", async () => {
		const response = await fetch(`${base}/packages/${packageId}/label`, {
			headers: { authorization: `Bearer ${bearer}` },
		});
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toBe("application/pdf");
		expect(
			Buffer.from(await response.arrayBuffer())
				.subarray(0, 5)
				.toString("latin1"),
		).toBe("%PDF-");
	});

	it("DELETE /packages/{id} deletes (cancels) a package not yet collected", async () => {
		const fresh = await call("POST", "/packages", { ...documentedBody(), user_reference_number: "3100000002" });
		expect((await call("DELETE", `/packages/${fresh.body.package_id}`)).status).toBe(204);
	});

	it("errors come as {errors: [{path?, message}]} (validation) or OAuth's {error, error_description} (tokens)", async () => {
		const refused = await call("POST", "/packages/validate", {
			...documentedBody(),
			receiver: address({ postcode: "1234" }),
		});
		// NOTES.md "Request headers": e.g. 400 "Nieprawidłowy kod pocztowy".
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({ errors: [{ path: "receiver.postcode", message: expect.any(String) }] });
		const anonymous = await call("GET", "/account/services", undefined, { authorization: "Bearer nope" });
		expect(Object.keys(anonymous.body).sort()).toEqual(["error", "error_description"]);
	});
});
