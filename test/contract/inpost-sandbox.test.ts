/**
 * Contract of the InPost ShipX sandbox with what is documented about ShipX (no OpenAPI file exists;
 * ../shared/specs/inpost/NOTES.md cites the Confluence pages and two SDKs). Each assertion restates
 * one documented fact explicitly: endpoints, the error body, the shipment and collection models, the
 * tracking response, the status names, asynchronous confirmation, labels only once confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ORGANIZATION_ID, DEFAULT_TOKEN } from "../../local/sandbox/inpost/catalog.js";
import { InpostControlClient } from "../../local/sandbox/inpost/control-client.js";
import { type StartedSandboxes, startSandboxes } from "../../local/sandbox/main.js";

const ORG = DEFAULT_ORGANIZATION_ID;
let started: StartedSandboxes;
let base: string;
let control: InpostControlClient;

async function call(method: string, path: string, body?: unknown, token: string | null = DEFAULT_TOKEN) {
	const response = await fetch(`${base}${path}`, {
		method,
		headers: {
			...(token ? { authorization: `Bearer ${token}` } : {}),
			"accept-language": "en_GB",
			"x-request-id": "contract-test",
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

/** The create body of the notes, with every documented field. */
function documentedBody(reference: string) {
	return {
		receiver: {
			first_name: "Anna",
			last_name: "Kowalska",
			email: "anna@example.com",
			phone: "500600700",
			address: { street: "Długa", building_number: "5/3", city: "Warszawa", post_code: "01-234", country_code: "PL" },
		},
		sender: {
			company_name: "ErgoDrewno",
			email: "sklep@example.com",
			phone: "600700800",
			address: { street: "Leśna", building_number: "1", city: "Kraków", post_code: "30-001", country_code: "PL" },
		},
		parcels: [
			{
				id: "desk-top",
				dimensions: { length: 1600, width: 800, height: 120, unit: "mm" },
				weight: { amount: 28, unit: "kg" },
				is_non_standard: false,
			},
		],
		service: "inpost_courier_standard",
		custom_attributes: { sending_method: "dispatch_order" },
		cod: { amount: 0, currency: "PLN" },
		insurance: { amount: 2400, currency: "PLN" },
		reference,
		comments: "Fragile",
		external_customer_id: "etsy",
		mpk: null,
		additional_services: ["email", "sms"],
		only_choice_of_offer: false,
	};
}

/** The shipment model's fields [MB Model/Shipment.php]. */
const SHIPMENT_FIELDS = [
	"href",
	"id",
	"status",
	"parcels",
	"external_customer_id",
	"mpk",
	"comments",
	"custom_attributes",
	"sender",
	"receiver",
	"created_by_id",
	"cod",
	"insurance",
	"additional_services",
	"reference",
	"is_return",
	"tracking_number",
	"offers",
	"selected_offer",
	"transactions",
	"end_of_week_collection",
	"created_at",
	"updated_at",
];

/** The status names of the notes [MOKU shipment-status.ts]. */
const NOTES_STATUSES =
	"created, offers_prepared, offer_selected, confirmed, dispatched_by_sender, dispatched_by_sender_to_pok, collected_from_sender, taken_by_courier_from_pok, taken_by_courier, adopted_at_source_branch, sent_from_source_branch, adopted_at_sorting_center, sent_from_sorting_center, adopted_at_target_branch, delay_in_delivery, ready_to_pickup, ready_to_pickup_from_pok, out_for_delivery, out_for_delivery_to_address, delivered, returned_to_sender, avizo, undelivered_wrong_address, undelivered_incomplete_address, undelivered_unknown_receiver, rejected_by_receiver, claimed, cancelled".split(
		", ",
	);

beforeAll(async () => {
	started = await startSandboxes({ only: ["inpost"], seed: 13 });
	base = started.urls.inpost as string;
	control = new InpostControlClient(base);
	await control.reset({ now: Date.UTC(2026, 10, 2, 9), frozen: true, settings: { perSecond: 1000 } });
});
afterAll(() => started.close());

describe("[AUTH] static token, organization id", () => {
	it("authorises with Authorization: Bearer <token> on the organization's shipments", async () => {
		expect((await call("GET", `/v1/organizations/${ORG}/shipments`)).status).toBe(200);
		expect((await call("GET", `/v1/organizations/${ORG}/shipments`, undefined, null)).status).toBe(401);
	});

	it('errors as {"status":400,"error":"invalid_parameter","description":"...","details":null} [STAT]', async () => {
		const answer = await call("GET", `/v1/organizations/${ORG}/shipments?per_page=0`);
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ status: 400, error: "invalid_parameter", details: null });
		expect(typeof answer.body.description).toBe("string");
		// The SDK's Error model reads `message` [MB Model/Error.php].
		expect(typeof answer.body.message).toBe("string");
	});
});

describe("[MB] endpoints", () => {
	let id: number;

	it("POST /v1/organizations/{organization_id}/shipments creates; creation is asynchronous (created -> confirmed)", async () => {
		const answer = await call("POST", `/v1/organizations/${ORG}/shipments`, documentedBody("3100000001"));
		expect(answer.status).toBe(201);
		for (const field of SHIPMENT_FIELDS) expect(answer.body, field).toHaveProperty(field);
		expect(["created", "offers_prepared"]).toContain(answer.body.status);
		expect(answer.body.tracking_number).toBeNull();
		id = answer.body.id as number;
	});

	it("GET /v1/shipments/{id} reads it; once confirmed, tracking_number is assigned (a string)", async () => {
		await control.advanceClock({ seconds: 120 });
		const answer = await call("GET", `/v1/shipments/${id}`);
		expect(answer.status).toBe(200);
		for (const field of SHIPMENT_FIELDS) expect(answer.body, field).toHaveProperty(field);
		expect(answer.body.status).toBe("confirmed");
		expect(typeof answer.body.tracking_number).toBe("string");
		expect(answer.body.tracking_number).toMatch(/^\d{24}$/);
		expect(answer.body.reference).toBe("3100000001");
	});

	it("GET /v1/organizations/{organization_id}/shipments is a collection {href, count, page, per_page, items}", async () => {
		const answer = await call(
			"GET",
			`/v1/organizations/${ORG}/shipments?page=1&per_page=10&sort_by=created_at&sort_order=desc&status=confirmed`,
		);
		for (const field of ["href", "count", "page", "per_page", "items"])
			expect(answer.body, field).toHaveProperty(field);
		expect((answer.body.items as Array<{ id: number }>).map((s) => s.id)).toEqual([id]);
	});

	it("GET /v1/shipments/{id}/label?format=pdf&type=normal|A6|dpi300 serves the label, only once confirmed [LBL]", async () => {
		for (const type of ["normal", "A6", "dpi300"]) {
			const response = await fetch(`${base}/v1/shipments/${id}/label?format=pdf&type=${type}`, {
				headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
			});
			expect(response.status).toBe(200);
			expect(response.headers.get("content-type")).toBe("application/pdf");
		}
		const fresh = await call("POST", `/v1/organizations/${ORG}/shipments`, documentedBody("3100000002"));
		const early = await call("GET", `/v1/shipments/${fresh.body.id}/label?format=pdf&type=A6`);
		expect(early.status).toBe(400);
		expect(early.body.error).toBe("invalid_action");
		expect((await call("GET", `/v1/shipments/${id}/label?format=pdf&type=poster`)).body.error).toBe(
			"label_template_not_found",
		);
		// DELETE /v1/shipments/{id}: cancel, only before bought/confirmed.
		expect((await call("DELETE", `/v1/shipments/${fresh.body.id}`)).status).toBe(204);
		expect((await call("DELETE", `/v1/shipments/${id}`)).status).toBe(400);
	});

	it("GET /v1/tracking/{tracking_number} answers the tracking response [MOKU tracking-response.ts]", async () => {
		const tracking = (await call("GET", `/v1/shipments/${id}`)).body.tracking_number as string;
		const answer = await call("GET", `/v1/tracking/${tracking}`);
		for (const field of [
			"tracking_number",
			"service",
			"type",
			"status",
			"custom_attributes",
			"tracking_details",
			"expected_flow",
			"created_at",
			"updated_at",
		]) {
			expect(answer.body, field).toHaveProperty(field);
		}
		const detail = (answer.body.tracking_details as Array<Record<string, unknown>>)[0] as Record<string, unknown>;
		for (const field of ["status", "origin_status", "agency", "location", "datetime"])
			expect(detail, field).toHaveProperty(field);
		expect(Array.isArray(answer.body.expected_flow)).toBe(true);
	});

	it("GET /v1/statuses?lang=en_GB|pl_PL (no auth) names every status of the notes", async () => {
		for (const lang of ["en_GB", "pl_PL"]) {
			const answer = await call("GET", `/v1/statuses?lang=${lang}`, undefined, null);
			expect(answer.status).toBe(200);
			const names = (answer.body.items as Array<{ name: string }>).map((s) => s.name);
			expect(names).toEqual(expect.arrayContaining(NOTES_STATUSES));
		}
	});

	it("GET /v1/services lists the courier services, and validation answers per-field details", async () => {
		const services = await call("GET", "/v1/services", undefined, null);
		expect((services.body as unknown as Array<{ id: string }>).map((s) => s.id)).toContain("inpost_courier_standard");
		const refused = await call("POST", `/v1/organizations/${ORG}/shipments`, {
			...documentedBody("x"),
			receiver: { phone: "1" },
		});
		expect(refused.status).toBe(400);
		expect(refused.body.error).toBe("validation_failed");
		expect(refused.body.details).toMatchObject({ receiver: [{ phone: ["invalid"] }] });
	});
});
