/**
 * The Furgonetka sandbox (OAuth with the 20-session limit, validation rules, packages moving on
 * sandbox time, order commands, labels, control routes, faults) and the Furgonetka connector run
 * against it over real HTTP: the sandbox in a child process, the connector's synchronous Http through
 * the emulated UrlFetchApp.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_APP, DEFAULT_USER } from "../../../local/sandbox/furgonetka/catalog.js";
import type { FurgonetkaControlClient } from "../../../local/sandbox/furgonetka/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { FurgonetkaConnector, type FurgonetkaConnectorOptions } from "../../../src/platforms/furgonetka/connector.js";
import { FURGONETKA_STATES } from "../../../src/platforms/furgonetka/states.js";
import { platformErrorOf } from "../../platforms/harness/platform-error.js";
import { shipmentRequest } from "../../platforms/harness/shipment-request.js";
import { FakeClock, FakeLog, FakeStore } from "../../platforms/harness/stand-ins.js";
import { syncHttp } from "./sync-http.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const MEDIA = "application/vnd.furgonetka.v1+json";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASIC = `Basic ${Buffer.from(`${DEFAULT_APP.clientId}:${DEFAULT_APP.clientSecret}`).toString("base64")}`;
const CREDENTIALS = { ...DEFAULT_APP, ...DEFAULT_USER };

let sandboxes: SpawnedSandboxes;
let control: FurgonetkaControlClient;
let base: string;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["furgonetka"], timeoutMs: 60_000 });
	base = sandboxes.urls.furgonetka as string;
	control = sandboxes.control("furgonetka");
}, 120_000);
afterAll(() => sandboxes?.stop());

beforeEach(async () => {
	// The per-second limit is lifted so tests can burst; the limiter has its own test.
	await control.reset({ now: NOW, frozen: true, seed: 3, settings: { perSecond: 1000 } });
});

async function token(form: Record<string, string>, authorization: string | null = BASIC) {
	const response = await fetch(`${base}/oauth/token`, {
		method: "POST",
		headers: { "content-type": "application/x-www-form-urlencoded", ...(authorization ? { authorization } : {}) },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const login = () =>
	token({ grant_type: "password", scope: "api", username: DEFAULT_USER.username, password: DEFAULT_USER.password });

async function api(
	method: string,
	path: string,
	bearer: string | null,
	body?: unknown,
	headers: Record<string, string> = {},
) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			accept: MEDIA,
			...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
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

function address(overrides: Record<string, unknown> = {}) {
	return {
		name: "Anna Kowalska",
		company: null,
		street: "ul. Długa 5/3",
		postcode: "01-234",
		city: "Warszawa",
		country_code: "PL",
		county: null,
		email: "anna@example.com",
		phone: "500600700",
		point: null,
		...overrides,
	};
}

function packageBody(overrides: Record<string, unknown> = {}) {
	const sender = address({
		name: "Jan Stolarz",
		company: "ErgoDrewno",
		street: "ul. Leśna 1",
		postcode: "30-001",
		city: "Kraków",
	});
	return {
		pickup: sender,
		sender,
		receiver: address(),
		service_id: 11001,
		type: "package",
		parcels: [{ width: 60, depth: 100, height: 12, weight: 25, description: "Biurko" }],
		user_reference_number: "3100000001",
		...overrides,
	};
}

function request(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return shipmentRequest({ sender: { phone: "+48 600 700 800" }, service: "inpostkurier", ...overrides });
}

describe("OAuth token endpoint", () => {
	it("grants a 30-day JWT and a refresh token for the password grant with Basic client credentials", async () => {
		const answer = await login();
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			token_type: "Bearer",
			expires_in: 2_592_000,
			access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
			refresh_token: expect.stringMatching(/^eyJ/),
		});
		const services = await api("GET", "/account/services", answer.body.access_token as string);
		expect(services.status).toBe(200);
	});

	it("refuses a missing or wrong client, wrong password, other scope, unknown grant; 2fa when switched on", async () => {
		const form = {
			grant_type: "password",
			scope: "api",
			username: DEFAULT_USER.username,
			password: DEFAULT_USER.password,
		};
		expect(await token(form, null)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
		const wrong = `Basic ${Buffer.from(`${DEFAULT_APP.clientId}:nope`).toString("base64")}`;
		expect(await token(form, wrong)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
		expect(await token({ ...form, password: "nope" })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
		expect(await token({ ...form, scope: "admin" })).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
		expect(await token({ grant_type: "client_credentials" })).toMatchObject({
			status: 400,
			body: { error: "unsupported_grant_type" },
		});
		await control.updateSettings({ twoFactor: true });
		expect(await token(form)).toEqual({ status: 400, body: { error: "2fa_required" } });
		expect((await control.sessions()).failedLogins).toBe(1);
	});

	it("rotates on refresh: new tokens, the old ones dead, no new session", async () => {
		const first = (await login()).body;
		const refreshed = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.access_token).not.toBe(first.access_token);
		expect((await api("GET", "/account/services", first.access_token as string)).status).toBe(401);
		expect((await api("GET", "/account/services", refreshed.body.access_token as string)).status).toBe(200);
		expect(await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string })).toMatchObject({
			status: 400,
			body: { error: "invalid_grant" },
		});
		expect(await control.sessions()).toMatchObject({ active: 1, logins: 1, refreshes: 1 });
	});

	it("revokes the oldest session, silently, when a 21st is made", async () => {
		const tokens: string[] = [];
		for (let i = 0; i < 20; i++) tokens.push((await login()).body.access_token as string);
		for (const access of [tokens[0], tokens[19]])
			expect((await api("GET", "/account/services", access as string)).status).toBe(200);
		const twentyFirst = await login();
		expect(twentyFirst.status).toBe(200);
		const oldest = await api("GET", "/account/services", tokens[0] as string);
		expect(oldest.status).toBe(401);
		expect(oldest.body).toEqual({ error: "invalid_token", error_description: "The access token provided is invalid." });
		expect((await api("GET", "/account/services", tokens[1] as string)).status).toBe(200);
		const sessions = await control.sessions();
		expect(sessions).toMatchObject({ active: 20, logins: 21, revokedBySessionLimit: 1 });
		expect(sessions.sessions[0]?.revoked).toBe("session-limit");
	});

	it("expires access tokens after their lifetime, and refresh tokens after theirs", async () => {
		const first = (await login()).body;
		await control.advanceClock({ days: 30 });
		const expired = await api("GET", "/account/services", first.access_token as string);
		expect(expired.status).toBe(401);
		expect(expired.body.error_description).toMatch(/expired/);
		await control.advanceClock({ days: 61 });
		expect(await token({ grant_type: "refresh_token", refresh_token: first.refresh_token as string })).toMatchObject({
			status: 400,
			body: { error: "invalid_grant", error_description: "Refresh token has expired." },
		});
	});
});

describe("API checks", () => {
	it("takes plain JSON or the versioned media type, and can insist on the latter (NOTES.md: UNCONFIRMED), and wants a bearer token (401)", async () => {
		const bearer = (await login()).body.access_token as string;
		expect((await api("GET", "/account/services", bearer, undefined, { accept: "application/json" })).status).toBe(200);
		await control.updateSettings({ requireVendorMediaType: true });
		expect((await api("GET", "/account/services", bearer)).status).toBe(200);
		const plain = await api("GET", "/account/services", bearer, undefined, { accept: "application/json" });
		expect(plain.status).toBe(406);
		expect(plain.body).toEqual({ errors: [{ message: `Not acceptable. Send Accept: ${MEDIA}.` }] });
		const anonymous = await api("GET", "/account/services", null);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
	});

	it("lists the account's services with their codes", async () => {
		const bearer = (await login()).body.access_token as string;
		const { body } = await api("GET", "/account/services", bearer);
		const services = body.services as Array<{ id: number; service: string; name: string }>;
		expect(services.map((s) => s.service)).toEqual([
			"dpd",
			"ups",
			"gls",
			"fedex",
			"dhl",
			"inpostkurier",
			"poczta",
			"inpost",
		]);
		expect(services[0]).toEqual({ id: 11001, service: "dpd", name: "DPD Classic" });
	});
});

describe("validation", () => {
	let bearer: string;
	beforeEach(async () => {
		bearer = (await login()).body.access_token as string;
	});
	const validate = (body: unknown, language = "en_GB") =>
		api("POST", "/packages/validate", bearer, body, { "x-language": language });

	it("answers 204 for a good package", async () => {
		const answer = await validate(packageBody());
		expect(answer.status).toBe(204);
		expect(answer.text).toBe("");
	});

	it("checks the Polish postcode, the phone, the e-mail, per address", async () => {
		const answer = await validate(
			packageBody({
				receiver: address({ postcode: "01234", phone: "", email: "anna@" }),
				pickup: address({ phone: "12" }),
			}),
		);
		expect(answer.status).toBe(400);
		expect(answer.body.errors).toEqual([
			{ path: "pickup.phone", message: "Invalid phone number." },
			{ path: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
			{ path: "receiver.phone", message: "This value should not be blank." },
			{ path: "receiver.email", message: "This value is not a valid email address." },
		]);
	});

	it("speaks Polish by default", async () => {
		const answer = await validate(packageBody({ receiver: address({ phone: "" }) }), "pl_PL");
		expect(answer.body.errors).toEqual([{ path: "receiver.phone", message: "Ta wartość nie powinna być pusta." }]);
	});

	it("applies each service's weight, length, girth, box, country and point rules", async () => {
		const heavy = await validate(packageBody({ parcels: [{ width: 60, depth: 100, height: 12, weight: 35 }] }));
		expect(heavy.body.errors).toEqual([
			{ path: "parcels[0].weight", message: "The maximum weight for DPD Classic is 31.5 kg." },
		]);
		const long = await validate(packageBody({ parcels: [{ width: 30, depth: 180, height: 10, weight: 20 }] }));
		expect(long.body.errors).toEqual([
			{ path: "parcels[0]", message: "The longest side for DPD Classic may be at most 175 cm." },
		]);
		const girth = await validate(packageBody({ parcels: [{ width: 80, depth: 160, height: 40, weight: 20 }] }));
		expect(girth.body.errors).toEqual([
			{ path: "parcels[0]", message: "Length plus girth for DPD Classic may be at most 300 cm." },
		]);
		const locker = await validate(packageBody({ service_id: 11008 }));
		expect(locker.body.errors).toEqual([
			{ path: "receiver.point", message: "A pick-up point is required for this service." },
			{ path: "parcels[0]", message: "The parcel does not fit InPost Paczkomat (at most 64 x 41 x 38 cm)." },
		]);
		const abroad = await validate(
			packageBody({ service_id: 11006, receiver: address({ country_code: "DE", postcode: "10115" }) }),
		);
		expect(abroad.body.errors).toEqual([
			{ path: "receiver.country_code", message: "InPost Kurier does not deliver to DE." },
		]);
		const fine = await validate(
			packageBody({ service_id: 11006, parcels: [{ width: 80, depth: 160, height: 12, weight: 45 }] }),
		);
		expect(fine.status).toBe(204);
		const bad = await validate(
			packageBody({ service_id: 1, parcels: [{ width: 0, depth: 1.5, height: 2, weight: 0 }] }),
		);
		expect(bad.body.errors).toEqual([
			{ path: "service_id", message: "The service is not available for this account." },
			{ path: "parcels[0].width", message: "Dimensions must be positive whole numbers of centimetres." },
			{ path: "parcels[0].weight", message: "Weight must be greater than 0." },
		]);
	});

	it("follows rules changed through the control API", async () => {
		await control.setRules({ requirePhone: false, strictPolishPostcode: false, limits: { dpd: { maxWeightKg: 40 } } });
		const answer = await validate(
			packageBody({
				receiver: address({ phone: "", postcode: "01234" }),
				parcels: [{ width: 60, depth: 100, height: 12, weight: 38 }],
			}),
		);
		expect(answer.status).toBe(204);
		await control.setRules({ requireReceiverEmail: true });
		const noEmail = await validate(packageBody({ receiver: address({ email: null }) }));
		expect(noEmail.body.errors).toEqual([{ path: "receiver.email", message: "This value should not be blank." }]);
	});
});

describe("packages", () => {
	let bearer: string;
	beforeEach(async () => {
		bearer = (await login()).body.access_token as string;
	});

	async function create(overrides: Record<string, unknown> = {}) {
		const answer = await api("POST", "/packages", bearer, packageBody(overrides));
		expect(answer.status).toBe(200);
		return answer.body as Record<string, unknown> & { package_id: string; state: string };
	}

	async function order(packageIds: string[], uuid = crypto.randomUUID()) {
		return {
			uuid,
			answer: await api("PUT", `/order-commands/${uuid}`, bearer, {
				packages: packageIds.map((id) => ({ id: Number(id) })),
			}),
		};
	}

	it("creates a package waiting for its pick-up order, without waybill or label", async () => {
		const pkg = await create();
		expect(pkg).toMatchObject({
			package_id: "70000001",
			state: "waiting",
			service: "dpd",
			service_id: 11001,
			user_reference_number: "3100000001",
			label: { url: null, file_format: "pdf", page_format: "a6" },
			documents_url: null,
			datetime_add: "2026-11-02 09:00:00",
			datetime_order: null,
			cancel_available: true,
		});
		expect((pkg.parcels as Array<{ package_no: unknown }>)[0]?.package_no).toBeNull();
		expect((await api("POST", "/packages", bearer, packageBody({ receiver: address({ phone: "" }) }))).status).toBe(
			400,
		);
		expect(await control.packages()).toHaveLength(1);
	});

	it("orders the pick-up by command: waybill and label appear; the uuid is an idempotency key", async () => {
		const pkg = await create({ service_id: 11006 });
		const { uuid, answer } = await order([pkg.package_id]);
		expect(answer).toMatchObject({ status: 201, body: { uuid } });
		expect((await api("GET", `/order-commands/${uuid}`, bearer)).body).toEqual({
			uuid,
			status: "successful",
			datetime_change: "2026-11-02 09:00:00",
			errors: [],
			successfully_ordered_packages: [Number(pkg.package_id)],
		});
		const again = await order([pkg.package_id], uuid);
		expect(again.answer).toMatchObject({ status: 200, body: { uuid } });
		const other = await create({ user_reference_number: "3100000002" });
		expect((await order([other.package_id], uuid)).answer.status).toBe(409);
		expect((await api("PUT", "/order-commands/not-a-uuid", bearer, { packages: [{ id: 1 }] })).status).toBe(400);
		expect((await order(["99"])).answer.status).toBe(400);

		const ordered = (await api("GET", `/packages/${pkg.package_id}`, bearer)).body;
		const waybill = (ordered.parcels as Array<{ package_no: string }>)[0]?.package_no;
		expect(ordered.state).toBe("ordered");
		expect(ordered.pickup_number).toBe(`ODB${pkg.package_id}`);
		expect(ordered.pickup_available).toBe(false);
		expect(waybill).toMatch(/^6\d{23}$/);
		expect((ordered.label as { url: string }).url).toMatch(new RegExp(`^${base}/labels/[0-9a-f]{32}\\.pdf$`));
		expect(ordered.pickup_date).toEqual({ date: "2026-11-03", min_time: "10:00", max_time: "16:00" });
		// Ordering again with another uuid fails asynchronously, as the package is ordered already.
		const second = await order([pkg.package_id]);
		expect((await api("GET", `/order-commands/${second.uuid}`, bearer)).body).toMatchObject({
			status: "error",
			errors: [{ path: "packages[0].id", message: `Package ${pkg.package_id} cannot be ordered (ordered).` }],
			successfully_ordered_packages: [],
		});
		// Of two packages, one ordered and one not: partial_success, naming the one that was.
		const third = await create({ user_reference_number: "3100000003" });
		const both = await order([pkg.package_id, third.package_id]);
		expect((await api("GET", `/order-commands/${both.uuid}`, bearer)).body).toMatchObject({
			status: "partial_success",
			successfully_ordered_packages: [Number(third.package_id)],
		});
	});

	it("answers an unknown command uuid with 400 commandNotExists, not 404 (NOTES.md)", async () => {
		const answer = await api("GET", "/order-commands/0f8fad5b-d9cb-469f-a165-70867728950e", bearer);
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ errors: [{ code: "commandNotExists" }] });
	});

	it("moves ordered packages through their states as sandbox time passes", async () => {
		const pkg = await create();
		await order([pkg.package_id]);
		const stateAfter = async (hours: number) => {
			await control.advanceClock({ ms: hours * HOUR });
			return (await api("GET", `/packages/${pkg.package_id}`, bearer)).body.state;
		};
		const scans = async () =>
			(
				(await api("GET", `/packages/${pkg.package_id}/tracking`, bearer)).body.tracking as Array<{ state: string }>
			).map((t) => t.state);
		// The package's own state stays `ordered` (the values clients have seen); the scans move.
		expect(await stateAfter(17)).toBe("ordered");
		expect(await scans()).toEqual([]);
		expect(await stateAfter(1)).toBe("ordered");
		expect(await scans()).toEqual(["collected"]);
		expect(await stateAfter(4)).toBe("ordered");
		expect(await stateAfter(24)).toBe("ordered");
		const details = (await api("GET", `/packages/${pkg.package_id}`, bearer)).body;
		expect(details.datetime_delivery).toBe("2026-11-04 07:00:00");
		expect((details.changes as Array<{ state: string }>).map((c) => c.state)).toEqual([
			"waiting",
			"ordered",
			"collected",
			"transit",
			"delivered",
		]);
		const tracking = (await api("GET", `/packages/${pkg.package_id}/tracking`, bearer)).body.tracking as Array<{
			state: string;
			status: string;
			datetime: string;
		}>;
		expect(tracking.map((t) => t.state)).toEqual(["delivered", "transit", "collected"]);
		expect(tracking[0]).toEqual({
			state: "delivered",
			status: "Doręczono",
			datetime: "2026-11-04T07:00:00+00:00",
			branch: null,
		});
		// The other reading the notes leave open: the scans in the package's own state.
		await control.updateSettings({ packageStateFollowsTracking: true });
		expect((await api("GET", `/packages/${pkg.package_id}`, bearer)).body.state).toBe("delivered");
		// The states the connector documents are the sandbox's, in order.
		expect(FURGONETKA_STATES.map((s) => s.state).slice(0, 5)).toEqual(
			details.changes && (details.changes as Array<{ state: string }>).map((c) => c.state),
		);
	});

	it("completes a slow order command later, and fails commands while the carrier refuses", async () => {
		await control.updateSettings({ orderDelaySeconds: 120 });
		const pkg = await create();
		const { uuid } = await order([pkg.package_id]);
		expect((await api("GET", `/order-commands/${uuid}`, bearer)).body.status).toBe("waiting");
		await control.advanceClock({ seconds: 60 });
		expect((await api("GET", `/order-commands/${uuid}`, bearer)).body.status).toBe("running");
		await control.advanceClock({ seconds: 60 });
		expect((await api("GET", `/order-commands/${uuid}`, bearer)).body.status).toBe("successful");
		await control.updateSettings({ orderDelaySeconds: 0, rejectOrders: "Brak wolnych terminów odbioru." });
		const other = await create({ user_reference_number: "3100000002" });
		const refused = await order([other.package_id]);
		expect((await api("GET", `/order-commands/${refused.uuid}`, bearer)).body).toMatchObject({
			status: "error",
			errors: [{ path: "packages[0].id", message: "Brak wolnych terminów odbioru." }],
		});
	});

	it("serves the label as PDF bytes, at a stable link without a token and at the API with one", async () => {
		const pkg = await create();
		expect((await api("GET", `/packages/${pkg.package_id}/label`, bearer)).status).toBe(422);
		await order([pkg.package_id]);
		const link = ((await api("GET", `/packages/${pkg.package_id}`, bearer)).body.label as { url: string }).url;
		for (const attempt of [1, 2]) {
			const response = await fetch(link);
			expect(response.status, `attempt ${attempt}`).toBe(200);
			expect(response.headers.get("content-type")).toBe("application/pdf");
			const bytes = Buffer.from(await response.arrayBuffer());
			expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
			// The binary marker line: a client that decodes the answer as text cannot keep these bytes.
			expect([...bytes.subarray(9, 14)]).toEqual([0x25, 0xe2, 0xe3, 0xcf, 0xd3]);
			expect(bytes.subarray(-6).toString("latin1")).toBe("%%EOF\n");
		}
		const viaApi = await fetch(`${base}/packages/${pkg.package_id}/label`, {
			headers: { authorization: `Bearer ${bearer}` },
		});
		expect(viaApi.status).toBe(200);
		expect((await fetch(`${base}/labels/0123.pdf`)).status).toBe(404);
	});

	it("lists newest first, pages by last_package_id, searches with query, filters by list type", async () => {
		for (let i = 1; i <= 5; i++) await create({ user_reference_number: `31000000${i}0` });
		await order(["70000002"]);
		const page = async (query: Record<string, string>) => {
			const answer = await api("GET", `/packages?${new URLSearchParams(query)}`, bearer);
			return (answer.body.packages as Array<{ package_id: string }>).map((p) => p.package_id);
		};
		expect(await page({ limit: "2" })).toEqual(["70000005", "70000004"]);
		expect(await page({ limit: "2", last_package_id: "70000004" })).toEqual(["70000003", "70000002"]);
		expect(await page({ query: "3100000030" })).toEqual(["70000003"]);
		expect(await page({ list_type: "sent" })).toEqual(["70000002"]);
		expect(await page({ list_type: "waiting" })).toHaveLength(4);
		expect((await api("GET", "/packages?limit=101", bearer)).status).toBe(400);
	});

	it("cancels a package not yet collected", async () => {
		const pkg = await create();
		expect((await api("DELETE", `/packages/${pkg.package_id}`, bearer)).status).toBe(204);
		expect((await api("GET", `/packages/${pkg.package_id}`, bearer)).body.state).toBe("canceled");
		expect((await api("DELETE", `/packages/${pkg.package_id}`, bearer)).status).toBe(422);
		expect((await api("GET", "/packages/1", bearer)).status).toBe(404);
	});
});

describe("control API", () => {
	it("advances packages one at a time or all together, and off the path", async () => {
		const bearer = (await login()).body.access_token as string;
		for (const ref of ["a1", "a2"]) await api("POST", "/packages", bearer, packageBody({ user_reference_number: ref }));
		expect((await control.advancePackage("70000001")).package.state).toBe("ordered");
		expect((await control.advancePackage("70000001", "transit")).history.at(-1)?.state).toBe("transit");
		expect((await control.advanceAll()).moved).toEqual(["70000001", "70000002"]);
		expect((await control.package("70000001")).history.at(-1)?.state).toBe("delivered");
		expect((await control.advancePackage("70000002", "collect-problem")).package.state).toBe("collect-problem");
		expect((await control.advancePackage("70000002", "canceled")).package.state).toBe("canceled");
		await expect(control.advancePackage("70000002")).rejects.toThrow(/moves no further/);
		await expect(control.advancePackage("70000009")).rejects.toThrow(/no package/);
	});

	it("issues, revokes and expires tokens", async () => {
		const issued = await control.issueTokens({ expires_in: 60 });
		expect(issued.expires_in).toBe(60);
		expect((await api("GET", "/account/services", issued.access_token)).status).toBe(200);
		expect(await control.expireAccessTokens()).toEqual({ expired: 1 });
		expect((await api("GET", "/account/services", issued.access_token)).status).toBe(401);
		const other = await control.issueTokens();
		expect(await control.revokeTokens()).toEqual({ revoked: 2 });
		expect((await api("GET", "/account/services", other.access_token)).status).toBe(401);
	});
});

describe("faults in Furgonetka's shapes", () => {
	it("answers 429 with retry-after, 5xx with an errors body, 401 for a revoked token, half a body when malformed", async () => {
		const bearer = (await login()).body.access_token as string;
		await control.addFault({ kind: "rate-limit", path: "/account/services", retryAfter: 4 });
		const limited = await api("GET", "/account/services", bearer);
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("4");
		expect(limited.body).toEqual({ errors: [{ message: "Too many requests. Try again later." }] });
		await control.addFault({ kind: "error", status: 503, path: "/account/services" });
		expect(await api("GET", "/account/services", bearer)).toMatchObject({
			status: 503,
			body: { errors: [{ message: "Server Error" }] },
		});
		await control.addFault({ kind: "revoked-token", path: "/account/services" });
		expect(await api("GET", "/account/services", bearer)).toMatchObject({
			status: 401,
			body: { error: "invalid_token" },
		});
		await control.addFault({ kind: "malformed", path: "/account/services" });
		const cut = await api("GET", "/account/services", bearer);
		expect(cut.status).toBe(200);
		expect(() => JSON.parse(cut.text)).toThrow();
		const log = await control.requests({ path: "/oauth/token" });
		expect(JSON.stringify(log)).not.toContain(DEFAULT_USER.password);
		expect(JSON.stringify(log)).not.toContain(DEFAULT_USER.username);
	});
});

describe("the Furgonetka connector against the sandbox", () => {
	let clock: FakeClock;
	let store: FakeStore;
	let log: FakeLog;
	const connector = (options: Partial<FurgonetkaConnectorOptions> = {}) =>
		new FurgonetkaConnector({
			http: syncHttp(),
			clock,
			store,
			log,
			credentials: CREDENTIALS,
			apiBaseUrl: base,
			...options,
		});
	/** Moves the sandbox and the connector's clock together, as time passes between trigger runs. */
	const pass = async (ms: number) => {
		await control.advanceClock({ ms });
		clock.advance(ms);
	};

	beforeEach(() => {
		clock = new FakeClock(NOW);
		store = new FakeStore();
		log = new FakeLog();
	});

	it("validates with the courier's own words: missing phone, bad postcode", () => {
		const problems = connector().validate(request({ receiver: { ...request().receiver, phone: "", zip: "0-1234" } }));
		expect(problems).toEqual([
			{ field: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
			{ field: "receiver.phone", message: "This value should not be blank." },
		]);
		expect(
			connector({ language: "pl_PL" }).validate(request({ receiver: { ...request().receiver, phone: "" } })),
		).toEqual([{ field: "receiver.phone", message: "Ta wartość nie powinna być pusta." }]);
		expect(connector().validate(request())).toEqual([]);
	});

	it("creates with the order id as reference, orders the pick-up, and follows the parcel to delivered across runs", async () => {
		const created = connector().createShipment(request());
		expect(created).toMatchObject({ orderId: "3100000001", state: "ordered", service: "inpostkurier" });
		expect(created.trackingNumber).toMatch(/^6\d{23}$/);
		const label = await fetch(created.labelUrl as string);
		expect(label.headers.get("content-type")).toBe("application/pdf");
		const sandboxView = (await control.package(created.shipmentId)).package;
		expect(sandboxView.user_reference_number).toBe("3100000001");
		expect(sandboxView.parcels[0]?.package_no).toBe(created.trackingNumber);

		const seen: string[] = [];
		for (let run = 0; run < 12; run++) {
			await pass(4 * HOUR);
			const [shipment] = connector().track([created.shipmentId]);
			if (seen[seen.length - 1] !== shipment?.state) seen.push(shipment?.state as string);
			expect(shipment?.trackingNumber).toBe(created.trackingNumber);
		}
		expect(seen).toEqual(["ordered", "collected", "transit", "delivered"]);
	});

	it("downloads the label with the bearer token as the exact PDF bytes", async () => {
		const created = connector().createShipment(request());
		const pdf = connector().labelPdf(created.shipmentId);
		expect(pdf).not.toBeNull();
		const served = Buffer.from(await (await fetch(created.labelUrl as string)).arrayBuffer());
		expect(Buffer.from(pdf as Uint8Array).equals(served)).toBe(true);
		expect([...(pdf as Uint8Array).subarray(9, 14)]).toEqual([0x25, 0xe2, 0xe3, 0xcf, 0xd3]);
		expect(connector().labelPdf("999999999")).toBeNull();
	});

	it("never logs in per run: 90 runs over 180 days beside 19 other live sessions revoke none", async () => {
		for (let i = 0; i < 19; i++) await control.issueTokens();
		for (let run = 0; run < 90; run++) {
			connector().services();
			await pass(2 * DAY);
		}
		const sessions = await control.sessions();
		expect(sessions.logins).toBe(1);
		expect(sessions.revokedBySessionLimit).toBe(0);
		expect(sessions.refreshes).toBeGreaterThanOrEqual(5);
		expect(sessions.sessions.filter((s) => s.via === "control").every((s) => s.revoked === null)).toBe(true);
	}, 120_000);

	it("signs in again once when a password change revoked the session, then goes on", async () => {
		connector().services();
		await control.revokeTokens("all");
		const shipment = connector().createShipment(request());
		expect(shipment.state).toBe("ordered");
		expect(await control.sessions()).toMatchObject({ logins: 2, active: 1 });
	});

	it("finds the shipment a crashed run created instead of creating a second", async () => {
		const lost = connector().createShipment(request());
		// The run died before recording it; the next run asks first.
		const found = connector().findShipment("3100000001");
		expect(found).toEqual(lost);
		expect(connector().findShipment("310000000")).toBeNull();
		expect(await control.packages()).toHaveLength(1);
	});

	// NOTES.md "Package body": the create answer's shape is UNCONFIRMED (CL: top-level `package_id`;
	// SP: `{packages:[{package_id, parcels}]}`); the connector reads either without a search.
	it.each(["package", "packages"] as const)(
		"creates from a %s-shaped create answer, without looking it up",
		async (shape) => {
			await control.updateSettings({ createAnswer: shape, requireVendorMediaType: true });
			const created = connector().createShipment(request());
			expect(created).toMatchObject({ orderId: "3100000001", state: "ordered" });
			expect(await control.packages()).toHaveLength(1);
			expect(created.shipmentId).toBe((await control.packages())[0]?.package_id);
			// No search by reference (`GET /packages?query=`): the answer itself named the package.
			const reads = await control.requests({ method: "GET" });
			expect(reads.filter((r) => r.path === "/packages")).toHaveLength(0);
		},
	);

	it("creates exactly one package through a 5xx, and through an unreadable answer", async () => {
		await control.addFault({ kind: "error", status: 502, method: "POST", path: "/packages" });
		// Never resent in the run that met the 5xx; the next run looks up first, then creates.
		expect(platformErrorOf(() => connector().createShipment(request())).options.mayHaveApplied).toBe(true);
		expect(connector().findShipment("3100000001")).toBeNull();
		const first = connector().createShipment(request());
		await control.addFault({ kind: "malformed", method: "POST", path: "/packages" });
		const second = connector().createShipment(request({ orderId: "3100000002" }));
		const packages = await control.packages();
		expect(packages.map((p) => p.user_reference_number).sort()).toEqual(["3100000001", "3100000002"]);
		expect([first.shipmentId, second.shipmentId].sort()).toEqual(packages.map((p) => p.package_id).sort());
	});

	it("when the pick-up order cannot be sent, the next run's lookup orders it", async () => {
		await control.addFault({ kind: "error", status: 503, method: "PUT", path: "/order-commands/:uuid", times: 20 });
		const error = platformErrorOf(() => connector().createShipment(request()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		await control.clearFaults();
		const found = connector().findShipment("3100000001");
		expect(found?.state).toBe("ordered");
		expect(await control.packages()).toHaveLength(1);
		expect(await control.commands()).toHaveLength(1);
	});

	it("after a crash between the package and its pick-up order, the next run orders it once (commandNotExists = not sent)", async () => {
		// The run died after POST /packages: the package sits in the basket, no command was sent.
		await control.addFault({ kind: "disconnect", method: "PUT", path: "/order-commands/:uuid", times: 20 });
		platformErrorOf(() => connector().createShipment(request()));
		await control.clearFaults();
		expect(await control.commands()).toHaveLength(0);
		const found = connector().findShipment("3100000001");
		expect(found?.state).toBe("ordered");
		expect(found?.trackingNumber).toMatch(/^6\d{23}$/);
		const reads = (await control.requests({ method: "GET" })).filter((e) => e.path.startsWith("/order-commands/"));
		expect(reads[0]?.status).toBe(400);
		// A second look finds it ordered and sends nothing more.
		connector().findShipment("3100000001");
		expect(await control.commands()).toHaveLength(1);
	});

	it("waits through `waiting` and `running` commands, and follows the carrier's scans", async () => {
		await control.updateSettings({ orderDelaySeconds: 600 });
		const created = connector({ pickupPolls: 1 }).createShipment(request());
		expect(created.state).toBe("waiting");
		await pass(400_000);
		expect((await control.commands())[0]?.status).toBe("running");
		expect(connector().track([created.shipmentId])[0]?.state).toBe("waiting");
		await pass(300_000);
		expect(connector().track([created.shipmentId])[0]?.state).toBe("ordered");
		expect(await control.commands()).toHaveLength(1);
		await control.advancePackage(created.shipmentId, "collected");
		expect(connector().track([created.shipmentId])[0]?.state).toBe("collected");
		// Where the package's own state names the scan, it is taken as it is.
		await control.updateSettings({ packageStateFollowsTracking: true });
		expect(connector().track([created.shipmentId])[0]?.state).toBe("collected");
	});

	it("reports a carrier refusing the pick-up on the row; tracking still shows the package waiting", async () => {
		await control.updateSettings({ rejectOrders: "No pick-up slots this week." });
		const error = platformErrorOf(() => connector().createShipment(request()));
		expect(error.kind).toBe("rejected");
		expect(error.message).toMatch(/refused to order its pick-up: packages\[0\]\.id: No pick-up slots this week\./);
		expect((await control.commands()).map((c) => c.status)).toEqual(["error", "error", "error"]);
		const [shipment] = connector().track([(await control.packages())[0]?.package_id as string]);
		expect(shipment?.state).toBe("waiting");
		expect(await control.commands()).toHaveLength(3);
	});

	it("rides out a 429, a revoked token and a slow answer while tracking", async () => {
		const created = connector().createShipment(request());
		await control.clearRequests();
		// Consumed in this order by the next requests for the package.
		await control.addFault({ kind: "rate-limit", path: "/packages/:id", retryAfter: 2 });
		await control.addFault({ kind: "revoked-token", path: "/packages/:id" });
		await control.addFault({ kind: "delay", ms: 1500, path: "/packages/:id" });
		const run = connector({ http: syncHttp({ fetchTimeoutMs: 700 }) });
		expect(run.track([created.shipmentId])[0]?.trackingNumber).toBe(created.trackingNumber);
		expect(clock.sleeps).toContain(2000);
		expect(log.lines.some((line) => /GET \/packages\/\{id\} could not be reached \(Timeout/.test(line))).toBe(true);
		const served = (await control.requests({ path: `/packages/${created.shipmentId}` })).map(
			(e) => e.fault ?? e.status,
		);
		expect(served.slice(0, 3)).toEqual(["rate-limit", "revoked-token", 200]);
		expect((await control.sessions()).refreshes).toBe(1);
	});

	it("ends a malformed answer and a 5xx as errors naming the platform and endpoint", async () => {
		await control.addFault({ kind: "malformed", path: "/account/services" });
		const malformed = platformErrorOf(() => connector().validate(request()));
		expect(malformed).toMatchObject({ platform: "Furgonetka", endpoint: "GET /account/services", kind: "malformed" });
		await control.addFault({ kind: "error", status: 500, path: "/packages/validate", times: 5 });
		const down = platformErrorOf(() => connector().validate(request()));
		expect(down).toMatchObject({ platform: "Furgonetka", endpoint: "POST /packages/validate", kind: "unavailable" });
	});
});
