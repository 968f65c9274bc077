/**
 * The InPost ShipX sandbox (token and organization, asynchronous confirmation on sandbox time,
 * 24-digit tracking numbers, statuses through to delivered, labels, validation details, control
 * routes, faults) and the InPost connector run against it over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_ORGANIZATION_ID, DEFAULT_TOKEN } from "../../../local/sandbox/inpost/catalog.js";
import type { InpostControlClient } from "../../../local/sandbox/inpost/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";
import { InpostConnector, type InpostConnectorOptions } from "../../../src/platforms/inpost/connector.js";
import { shipmentBody } from "../../../src/platforms/inpost/shipment-mapping.js";
import { INPOST_COURIER_STATUSES } from "../../../src/platforms/inpost/states.js";
import { flattenDetails, localDetails } from "../../../src/platforms/inpost/validation.js";
import { platformErrorOf } from "../../platforms/harness/platform-error.js";
import { shipmentRequest } from "../../platforms/harness/shipment-request.js";
import { FakeClock, FakeLog } from "../../platforms/harness/stand-ins.js";
import { syncHttp } from "./sync-http.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const HOUR = 3_600_000;
const ORG = String(DEFAULT_ORGANIZATION_ID);

let sandboxes: SpawnedSandboxes;
let control: InpostControlClient;
let base: string;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["inpost"], timeoutMs: 60_000 });
	base = sandboxes.urls.inpost as string;
	control = sandboxes.control("inpost");
}, 120_000);
afterAll(() => sandboxes?.stop());

beforeEach(async () => {
	await control.reset({ now: NOW, frozen: true, seed: 5, settings: { perSecond: 1000 } });
});

async function api(method: string, path: string, body?: unknown, token: string | null = DEFAULT_TOKEN) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			accept: "application/json",
			...(token ? { authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { "content-type": "application/json" }),
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

function request(overrides: Partial<ShipmentRequest> = {}): ShipmentRequest {
	return shipmentRequest({
		receiver: { zip: "01-234", phone: "+48 500 600 700" },
		service: "inpost_courier_standard",
		...overrides,
	});
}

const create = (overrides: Partial<ShipmentRequest> = {}) =>
	api("POST", `/v1/organizations/${ORG}/shipments`, shipmentBody(request(overrides)));

describe("auth", () => {
	it("refuses a missing or wrong token with ShipX's 401 body, and another organization with 403", async () => {
		for (const token of [null, "not-the-token"]) {
			const answer = await api("GET", `/v1/organizations/${ORG}/shipments`, undefined, token);
			expect(answer.status).toBe(401);
			expect(answer.body).toEqual({
				status: 401,
				error: "token_invalid",
				message: "Token is missing or invalid.",
				description: "Token is missing or invalid.",
				details: {},
			});
		}
		const other = await api("GET", "/v1/organizations/999/shipments");
		expect(other.status).toBe(403);
		expect(other.body.error).toBe("access_forbidden");
	});

	it("serves the status dictionary and tracking without a token", async () => {
		const statuses = await api("GET", "/v1/statuses", undefined, null);
		expect(statuses.status).toBe(200);
		const names = (statuses.body.items as Array<{ name: string }>).map((s) => s.name);
		for (const info of INPOST_COURIER_STATUSES) expect(names).toContain(info.state);
		expect((await api("GET", "/v1/tracking/600000000000000000000000", undefined, null)).status).toBe(404);
	});

	it("words the status dictionary in Polish unless asked for en_GB, and refuses another lang (NOTES.md Status names)", async () => {
		const title = async (query: string) => {
			const answer = await api("GET", `/v1/statuses${query}`, undefined, null);
			return (answer.body.items as Array<{ name: string; title: string }>).find((s) => s.name === "delivered")?.title;
		};
		expect(await title("")).toBe(await title("?lang=pl_PL"));
		expect(await title("?lang=en_GB")).not.toBe(await title("?lang=pl_PL"));
		const bad = await api("GET", "/v1/statuses?lang=de_DE", undefined, null);
		expect(bad.status).toBe(400);
		expect(bad.body.error).toBe("invalid_parameter");
	});
});

describe("shipments", () => {
	it("creates a shipment `created`, without tracking number, with the reference kept", async () => {
		const answer = await create();
		expect(answer.status).toBe(201);
		expect(answer.body).toMatchObject({
			id: 498000001,
			status: "created",
			tracking_number: null,
			service: "inpost_courier_standard",
			reference: "3100000001",
			custom_attributes: { sending_method: "dispatch_order" },
			offers: [],
			selected_offer: null,
			created_at: "2026-11-02T09:00:00.000+00:00",
		});
		expect((answer.body.parcels as Array<Record<string, unknown>>)[0]).toMatchObject({
			dimensions: { length: 1600, width: 800, height: 120, unit: "mm" },
			weight: { amount: 28, unit: "kg" },
			tracking_number: null,
		});
	});

	it("confirms asynchronously: offers after seconds, confirmed with a 24-digit tracking number after a minute", async () => {
		const id = (await create()).body.id as number;
		await control.advanceClock({ seconds: 2 });
		const prepared = (await api("GET", `/v1/shipments/${id}`)).body;
		expect(prepared.status).toBe("offers_prepared");
		expect(prepared.tracking_number).toBeNull();
		expect((prepared.selected_offer as { status: string }).status).toBe("selected");
		await control.advanceClock({ seconds: 58 });
		const confirmed = await api("GET", `/v1/shipments/${id}`);
		expect(confirmed.body.status).toBe("confirmed");
		expect(confirmed.body.tracking_number).toMatch(/^\d{24}$/);
		// On the wire as a JSON string, digits intact.
		expect(confirmed.text).toContain(`"tracking_number":"${confirmed.body.tracking_number}"`);
		expect((confirmed.body.transactions as Array<{ status: string }>)[0]?.status).toBe("success");
	});

	it("walks the courier path to delivered as time passes", async () => {
		const id = (await create()).body.id as number;
		const seen: string[] = [];
		for (let step = 0; step < 30; step++) {
			await control.advanceClock({ ms: 2 * HOUR });
			const status = (await api("GET", `/v1/shipments/${id}`)).body.status as string;
			if (seen[seen.length - 1] !== status) seen.push(status);
		}
		expect(seen).toEqual(INPOST_COURIER_STATUSES.slice(2, 11).map((s) => s.state));
		const tracking = (await api("GET", `/v1/shipments/${id}`)).body.tracking_number as string;
		const details = await api("GET", `/v1/tracking/${tracking}`, undefined, null);
		expect(details.body).toMatchObject({ tracking_number: tracking, status: "delivered", type: "courier" });
		expect((details.body.tracking_details as Array<{ status: string }>)[0]?.status).toBe("delivered");
	});

	it("serves the label only from confirmed on, as PDF", async () => {
		const id = (await create()).body.id as number;
		const early = await api("GET", `/v1/shipments/${id}/label?format=pdf&type=A6`);
		expect(early.status).toBe(400);
		expect(early.body.error).toBe("invalid_action");
		await control.advanceShipment(id, "confirmed");
		const label = await fetch(`${base}/v1/shipments/${id}/label?format=pdf&type=A6`, {
			headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
		});
		expect(label.status).toBe(200);
		expect(label.headers.get("content-type")).toBe("application/pdf");
		expect(
			Buffer.from(await label.arrayBuffer())
				.subarray(0, 5)
				.toString("latin1"),
		).toBe("%PDF-");
		expect((await api("GET", `/v1/shipments/${id}/label?type=huge`)).body.error).toBe("label_template_not_found");
		expect((await fetch(`${base}/v1/shipments/${id}/label`)).status).toBe(401);
	});

	it("lists with the reference filter, sorting and pages", async () => {
		for (const orderId of ["a", "b", "a", "c"]) await create({ orderId });
		const list = async (query: string) => (await api("GET", `/v1/organizations/${ORG}/shipments?${query}`)).body;
		const byRef = await list("reference=a&sort_by=created_at&sort_order=desc");
		expect(byRef).toMatchObject({ count: 2, page: 1, per_page: 25 });
		expect((byRef.items as Array<{ id: number }>).map((s) => s.id)).toEqual([498000003, 498000001]);
		const paged = await list("per_page=3&page=2");
		expect((paged.items as Array<{ id: number }>).map((s) => s.id)).toEqual([498000004]);
		expect((await api("GET", `/v1/organizations/${ORG}/shipments?per_page=500`)).status).toBe(400);
	});

	it("cancels only before confirmation", async () => {
		const id = (await create()).body.id as number;
		expect((await api("DELETE", `/v1/shipments/${id}`)).status).toBe(204);
		expect((await api("GET", `/v1/shipments/${id}`)).body.status).toBe("cancelled");
		const other = (await create()).body.id as number;
		await control.advanceClock({ seconds: 60 });
		expect((await api("DELETE", `/v1/shipments/${other}`)).body.error).toBe("invalid_action");
		expect((await api("GET", "/v1/shipments/1")).status).toBe(404);
	});
});

describe("validation", () => {
	it("answers 400 validation_failed with Rails-style nested details", async () => {
		const answer = await create({
			receiver: { ...request().receiver, phone: "12", zip: "1234" },
			parcels: [
				{ lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 1 },
				{ lengthCm: 400, widthCm: 80, heightCm: 12, weightKg: 60 },
			],
		});
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			status: 400,
			error: "validation_failed",
			message: "There are some validation errors. Check details object for more info.",
			description: "There are some validation errors. Check details object for more info.",
			details: {
				receiver: [{ phone: ["invalid"], address: [{ post_code: ["invalid"] }] }],
				parcels: [{}, { dimensions: ["too_big"], weight: ["too_heavy"] }],
			},
		});
		expect(await control.shipments()).toHaveLength(0);
	});

	it("agrees with the connector's local checks, field by field", async () => {
		const cases: ShipmentRequest[] = [
			request(),
			request({ receiver: { ...request().receiver, phone: "", zip: "01234x", firstLine: "Rynek" } }),
			request({ receiver: { ...request().receiver, countryIso: "DE", email: "x@" } }),
			request({ sender: { ...request().sender, name: "", company: "", city: "" } }),
			request({ parcels: [{ lengthCm: 200, widthCm: 250, heightCm: 250, weightKg: 51 }] }),
			request({ parcels: [] }),
			request({
				service: "inpost_courier_palette",
				parcels: [{ lengthCm: 120, widthCm: 80, heightCm: 150, weightKg: 300 }],
			}),
			request({
				service: "inpost_courier_palette",
				parcels: [{ lengthCm: 250, widthCm: 80, heightCm: 100, weightKg: 1200 }],
			}),
			request({ orderId: "x".repeat(101) }),
		];
		for (const shipment of cases) {
			const body = shipmentBody(shipment);
			const answer = await api("POST", `/v1/organizations/${ORG}/shipments`, body);
			const remote = answer.status === 201 ? [] : flattenDetails(answer.body.details);
			const sort = (list: Array<{ field: string; key: string }>) => list.map((d) => `${d.field}:${d.key}`).sort();
			expect(sort(remote), JSON.stringify(shipment)).toEqual(sort(localDetails(body)));
		}
		// The one deliberate difference: the connector refuses only services that are not couriers and
		// leaves a courier service name it does not know to ShipX, whose refusal it maps to the field.
		const unknown = shipmentBody(request({ service: "inpost_courier_teleport" }));
		expect(localDetails(unknown)).toEqual([]);
		const answer = await api("POST", `/v1/organizations/${ORG}/shipments`, unknown);
		expect(flattenDetails(answer.body.details)).toEqual([{ field: "service", key: "invalid" }]);
	});
});

describe("control API", () => {
	it("moves shipments along, off the path, and reports them", async () => {
		const id = (await create()).body.id as number;
		expect((await control.advanceShipment(id)).shipment.status).toBe("offers_prepared");
		expect((await control.advanceShipment(id, "out_for_delivery")).shipment.status).toBe("out_for_delivery");
		const avizo = await control.advanceShipment(id, "avizo");
		expect(avizo.shipment.status).toBe("avizo");
		expect(avizo.schedule.map((s) => s.status)).toEqual(["out_for_delivery", "delivered"]);
		expect((await control.shipment(id)).trackingNumber).toMatch(/^\d{24}$/);
		const second = (await create({ orderId: "2" })).body.id as number;
		expect((await control.advanceAll("delivered")).moved).toEqual([id, second]);
		await expect(control.advanceShipment(id)).rejects.toThrow(/moves no further/);
		await expect(control.advanceShipment(id, "teleported")).rejects.toThrow(/ShipX status/);
	});

	it("changes the simulated times", async () => {
		await control.updateSettings({ confirmAfterSeconds: 600, pickupAfterHours: 1, transitScale: 0 });
		const id = (await create()).body.id as number;
		await control.advanceClock({ seconds: 599 });
		expect((await api("GET", `/v1/shipments/${id}`)).body.status).toBe("offers_prepared");
		await control.advanceClock({ ms: HOUR + 1000 });
		expect((await api("GET", `/v1/shipments/${id}`)).body.status).toBe("delivered");
	});
});

describe("faults in ShipX's shapes", () => {
	it("answers 5xx, 429 and revoked tokens with ShipX's error body", async () => {
		await control.addFault({ kind: "error", status: 503, path: "/v1/shipments/:id" });
		expect((await api("GET", "/v1/shipments/1")).body).toEqual({
			status: 503,
			error: "service_unavailable",
			message: "Server Error",
			description: "Server Error",
			details: null,
		});
		await control.addFault({ kind: "rate-limit", path: "/v1/shipments/:id", retryAfter: 9 });
		const limited = await api("GET", "/v1/shipments/1");
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("9");
		expect(limited.body.error).toBe("too_many_requests");
		await control.addFault({ kind: "revoked-token" });
		expect((await api("GET", "/v1/shipments/1")).body.error).toBe("token_invalid");
	});
});

describe("the InPost connector against the sandbox", () => {
	let clock: FakeClock;
	let log: FakeLog;
	const connector = (options: Partial<InpostConnectorOptions> = {}) =>
		new InpostConnector({
			http: syncHttp(),
			clock,
			log,
			apiToken: DEFAULT_TOKEN,
			organizationId: ORG,
			apiBaseUrl: base,
			...options,
		});

	beforeEach(() => {
		clock = new FakeClock(NOW);
		log = new FakeLog();
	});

	it("creates, then sees confirmation with the 24-digit tracking number a run later, then follows it to delivered", async () => {
		const created = connector().createShipment(request());
		expect(created).toMatchObject({ state: "created", trackingNumber: null, labelUrl: null, orderId: "3100000001" });
		expect(connector().track([created.shipmentId])[0]?.trackingNumber).toBeNull();
		await control.advanceClock({ seconds: 60 });
		const [confirmed] = connector().track([created.shipmentId]);
		const expected = (await control.shipment(created.shipmentId)).trackingNumber;
		expect(confirmed?.state).toBe("confirmed");
		expect(confirmed?.trackingNumber).toBe(expected);
		expect(confirmed?.trackingNumber).toMatch(/^\d{24}$/);
		const label = await fetch(confirmed?.labelUrl as string, { headers: { authorization: `Bearer ${DEFAULT_TOKEN}` } });
		expect(label.headers.get("content-type")).toBe("application/pdf");
		await control.advanceClock({ ms: 20 * HOUR });
		expect(connector().track([created.shipmentId])[0]?.state).toBe("collected_from_sender");
		await control.advanceAll("delivered");
		expect(connector().track([created.shipmentId])[0]).toMatchObject({ state: "delivered", trackingNumber: expected });
	});

	it("downloads the label with the token as the exact PDF bytes once confirmed; null before (invalid_action)", async () => {
		const created = connector().createShipment(request());
		expect(connector().labelPdf(created.shipmentId)).toBeNull();
		await control.advanceClock({ seconds: 60 });
		const pdf = connector().labelPdf(created.shipmentId);
		const served = Buffer.from(
			await (
				await fetch(`${base}/v1/shipments/${created.shipmentId}/label?format=pdf&type=A6`, {
					headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
				})
			).arrayBuffer(),
		);
		expect(pdf && Buffer.from(pdf).equals(served)).toBe(true);
		// The binary marker survived: text decoding would have replaced these bytes.
		expect([...(pdf as Uint8Array).subarray(9, 14)]).toEqual([0x25, 0xe2, 0xe3, 0xcf, 0xd3]);
		expect(platformErrorOf(() => connector({ apiToken: "wrong" }).labelPdf(created.shipmentId)).kind).toBe("auth");
	});

	it("finds the shipment a crashed run created, by reference, instead of creating a second", async () => {
		const lost = connector().createShipment(request());
		expect(connector().findShipment("3100000001")).toEqual(lost);
		expect(connector().findShipment("3100000002")).toBeNull();
		expect(await control.shipments()).toHaveLength(1);
	});

	it("creates exactly one shipment through a 5xx, and through an unreadable answer", async () => {
		await control.addFault({
			kind: "error",
			status: 500,
			method: "POST",
			path: "/v1/organizations/:organization_id/shipments",
		});
		// Never resent in the run that met the 5xx; the next run looks up first, then creates.
		expect(platformErrorOf(() => connector().createShipment(request())).options.mayHaveApplied).toBe(true);
		expect(connector().findShipment("3100000001")).toBeNull();
		connector().createShipment(request());
		await control.addFault({ kind: "malformed", method: "POST", path: "/v1/organizations/:organization_id/shipments" });
		connector().createShipment(request({ orderId: "3100000002" }));
		expect((await control.shipments()).map((s) => s.reference).sort()).toEqual(["3100000001", "3100000002"]);
	});

	it("refuses locally what ShipX would refuse, and maps ShipX's own refusal to fields", async () => {
		const local = platformErrorOf(() =>
			connector().createShipment(request({ receiver: { ...request().receiver, zip: "1-234" } })),
		);
		expect(local.kind).toBe("rejected");
		expect(local.message).toMatch(/^InPost would refuse the shipment: receiver\.address\.post_code: is invalid/);
		await control.addFault({
			kind: "error",
			status: 400,
			method: "POST",
			path: "/v1/organizations/:organization_id/shipments",
			body: {
				status: 400,
				error: "validation_failed",
				message: "There are some validation errors.",
				details: { receiver: [{ phone: ["invalid"] }] },
			},
		});
		const remote = platformErrorOf(() => connector().createShipment(request()));
		expect(remote.message).toBe(
			"InPost refused the shipment: receiver.phone: is invalid (expected nine digits, e.g. 500600700) [InPost: invalid]",
		);
		expect(await control.shipments()).toHaveLength(0);
	});

	it("reports a wrong token and a wrong organization as auth; 429 waits; malformed names the field", async () => {
		expect(platformErrorOf(() => connector({ apiToken: "eyJx.eyJy.wrong" }).findShipment("1")).kind).toBe("auth");
		expect(platformErrorOf(() => connector({ organizationId: "999" }).findShipment("1")).message).toMatch(
			/organization 999/,
		);
		const created = connector().createShipment(request());
		await control.addFault({ kind: "rate-limit", path: "/v1/shipments/:id", retryAfter: 3 });
		expect(connector().track([created.shipmentId])).toHaveLength(1);
		expect(clock.sleeps).toContain(3000);
		await control.addFault({ kind: "malformed", path: "/v1/organizations/:organization_id/shipments", method: "GET" });
		expect(platformErrorOf(() => connector().findShipment("3100000001"))).toMatchObject({
			platform: "InPost",
			endpoint: "GET /v1/organizations/{organization_id}/shipments",
			kind: "malformed",
		});
	});
});
