/**
 * The InPost connector against a fake ShipX: the create body, asynchronous confirmation across runs,
 * exactly-once creation, finding by reference, validation refusals, token and organization errors,
 * rate limits, and tracking with partial failures.
 */
import { describe, expect, it } from "vitest";
import { json, text } from "../etsy/fakes.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { BASE, bodyOf, courierRequest, FakeInpost, ORGANIZATION, TOKEN } from "./fake-inpost.js";

const TRACKING = "602677439331630337653846";
const CREATE = /^\/v1\/organizations\/1234\/shipments$/;

describe("createShipment", () => {
	it("posts a courier shipment with the order id as reference, sizes in mm and a nine-digit phone", () => {
		const fake = new FakeInpost();
		fake.connector().createShipment(courierRequest());
		const [request] = fake.requestsTo("POST", CREATE);
		expect(request?.url).toBe(`${BASE}/v1/organizations/${ORGANIZATION}/shipments`);
		expect(request?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: "application/json" });
		expect(request?.contentType).toBe("application/json");
		expect(bodyOf(request as never)).toEqual({
			receiver: {
				name: "Anna Kowalska",
				phone: "500600700",
				address: {
					street: "ul. Długa",
					building_number: "5/3",
					city: "Warszawa",
					post_code: "01-234",
					country_code: "PL",
				},
			},
			sender: {
				name: "Jan Stolarz",
				company_name: "ErgoDrewno",
				email: "sklep@example.com",
				phone: "600700800",
				address: { street: "ul. Leśna", building_number: "1", city: "Kraków", post_code: "30-001", country_code: "PL" },
			},
			parcels: [
				{
					dimensions: { length: 1600, width: 803, height: 120, unit: "mm" },
					weight: { amount: 28.46, unit: "kg" },
					is_non_standard: false,
				},
			],
			service: "inpost_courier_standard",
			reference: "3100000001",
			custom_attributes: { sending_method: "dispatch_order" },
		});
	});

	it("returns the shipment still created, without tracking or label; a later run's track sees it confirmed", () => {
		const fake = new FakeInpost();
		const created = fake.connector().createShipment(courierRequest());
		expect(created).toEqual({
			shipmentId: "498000001",
			orderId: "3100000001",
			state: "created",
			trackingNumber: null,
			trackingUrl: null,
			labelUrl: null,
			service: "inpost_courier_standard",
			url: "https://manager.paczkomaty.pl/shipments/498000001",
		});
		expect(fake.connector().track([created.shipmentId])[0]?.state).toBe("created");
		const [stored] = fake.shipments;
		if (!stored) throw new Error("no shipment stored");
		stored.status = "offers_prepared";
		expect(fake.connector().track([created.shipmentId])[0]?.trackingNumber).toBeNull();
		fake.confirm(stored, TRACKING);
		const [confirmed] = fake.connector().track([created.shipmentId]);
		expect(confirmed).toMatchObject({
			state: "confirmed",
			trackingNumber: TRACKING,
			trackingUrl: `https://inpost.pl/sledzenie-przesylek?number=${TRACKING}`,
			labelUrl: `${BASE}/v1/shipments/498000001/label?format=pdf&type=A6`,
		});
		expect(typeof confirmed?.trackingNumber).toBe("string");
		expect(confirmed?.trackingNumber).toHaveLength(24);
	});

	it("refuses a parcel-locker service before sending anything: furniture does not fit", () => {
		const fake = new FakeInpost();
		const error = platformErrorOf(() =>
			fake.connector().createShipment(courierRequest({ service: "inpost_locker_standard" })),
		);
		expect(error.kind).toBe("rejected");
		expect(error.message).toMatch(
			/service: "inpost_locker_standard" is not an InPost courier service; furniture does not fit parcel lockers/,
		);
		expect(fake.http.requests).toHaveLength(0);
	});

	it("maps ShipX's validation_failed details to field problems", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, () =>
			json(400, {
				status: 400,
				error: "validation_failed",
				message: "There are some validation errors. Check details object for more info.",
				details: { receiver: [{ email: ["invalid"], address: [{ city: ["too_long"] }] }] },
			}),
		);
		const error = platformErrorOf(() => fake.connector().createShipment(courierRequest()));
		expect(error.kind).toBe("rejected");
		expect(error.options.status).toBe(400);
		expect(error.message).toBe(
			"InPost refused the shipment: receiver.email: is invalid [InPost: invalid]; receiver.address.city: is too long [InPost: too_long]",
		);
	});

	it("reads a 422 with details the same way", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, () =>
			json(422, { status: 422, error: "validation_failed", details: { reference: ["not_unique"] } }),
		);
		expect(platformErrorOf(() => fake.connector().createShipment(courierRequest())).message).toBe(
			"InPost refused the shipment: reference: is already used [InPost: not_unique]",
		);
	});

	it("after a 5xx looks the reference up and returns what InPost made: no second shipment", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, (request) => {
			fake.add({ reference: bodyOf(request).reference as string });
			return json(503, { status: 503, error: "service_unavailable", message: "Try later", details: null });
		});
		expect(fake.connector().createShipment(courierRequest()).shipmentId).toBe("498000001");
		expect(fake.shipments).toHaveLength(1);
		expect(fake.requestsTo("POST", CREATE)).toHaveLength(1);
		const [lookup] = fake.requestsTo("GET", CREATE);
		expect(Object.fromEntries(new URL(lookup?.url ?? "").searchParams)).toEqual({
			reference: "3100000001",
			sort_by: "created_at",
			sort_order: "desc",
			page: "1",
			per_page: "100",
		});
	});

	it("after a timeout, looks the shipment up and never sends it again in the same run", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, () => {
			throw new Error("Timeout: https://shipx.test/v1/organizations/1234/shipments");
		});
		expect(platformErrorOf(() => fake.connector().createShipment(courierRequest())).options.mayHaveApplied).toBe(true);
		expect(fake.http.requests.map((r) => r.method.toUpperCase())).toEqual(["POST", "GET"]);
	});

	it("a create the server completes after the client's timeout is made once: the next run finds it", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, (request) => {
			const reference = bodyOf(request).reference as string;
			// InPost is still working on it: the shipment lands right after the same-run look-up.
			fake.once("GET", CREATE, (lookup) => {
				const answer = (fake as unknown as { answer(r: typeof lookup): ReturnType<typeof text> }).answer(lookup);
				fake.add({ reference });
				return answer;
			});
			throw new Error("Timeout: https://shipx.test/v1/organizations/1234/shipments");
		});
		expect(platformErrorOf(() => fake.connector().createShipment(courierRequest())).options.mayHaveApplied).toBe(true);
		expect(fake.shipments).toHaveLength(1);
		expect(fake.connector().findShipment(courierRequest().orderId)?.shipmentId).toBe(String(fake.shipments[0]?.id));
		expect(fake.requestsTo("POST", CREATE)).toHaveLength(1);
	});

	it("a 5xx on the create is not retried in the same run, and says the create may have happened", () => {
		const fake = new FakeInpost();
		for (let i = 0; i < 10; i++) fake.once("POST", CREATE, () => text(502, "<html>Bad gateway</html>"));
		const error = platformErrorOf(() => fake.connector().createShipment(courierRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(fake.requestsTo("POST", CREATE)).toHaveLength(1);
	});

	it("finds the shipment again when the create's answer is unreadable", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, (request) => {
			fake.add({ reference: bodyOf(request).reference as string });
			return text(201, '{"id": 498000001, "status": "cre');
		});
		expect(fake.connector().createShipment(courierRequest()).shipmentId).toBe("498000001");
		expect(fake.shipments).toHaveLength(1);
	});

	it("reports a refused token and a foreign organization as auth", () => {
		const fake = new FakeInpost();
		const token = platformErrorOf(() =>
			fake.connector({ apiToken: "wrong-token-0123456789" }).createShipment(courierRequest()),
		);
		expect(token.kind).toBe("auth");
		expect(token.message).toMatch(/InPost refused the API token \(token_invalid: Token is missing or invalid.\)/);
		const organization = platformErrorOf(() =>
			fake.connector({ organizationId: "999" }).createShipment(courierRequest()),
		);
		expect(organization.kind).toBe("auth");
		expect(organization.message).toMatch(/organization 999/);
		expect(platformErrorOf(() => fake.connector({ organizationId: "12/../3" }).findShipment("1")).message).toMatch(
			/must be a number/,
		);
	});

	it("waits as long as a 429 asks, then creates", () => {
		const fake = new FakeInpost();
		fake.once("POST", CREATE, () => json(429, { status: 429, error: "too_many_requests" }, { "retry-after": "3" }));
		expect(fake.connector().createShipment(courierRequest()).shipmentId).toBe("498000001");
		expect(fake.clock.sleeps).toEqual([3000]);
		expect(fake.shipments).toHaveLength(1);
	});
});

describe("findShipment", () => {
	it("finds the newest shipment with the reference that is not cancelled", () => {
		const fake = new FakeInpost();
		fake.add({ reference: "3100000001", status: "delivered" });
		const newer = fake.add({ reference: "3100000001", status: "taken_by_courier" });
		fake.add({ reference: "3100000001", status: "cancelled" });
		expect(fake.connector().findShipment("3100000001")?.shipmentId).toBe(String(newer.id));
		expect(fake.connector().findShipment("3100000002")).toBeNull();
	});

	it("matches the reference itself when ShipX ignores the filter, reading further pages", () => {
		const fake = new FakeInpost();
		fake.filtersByReference = false;
		const mine = fake.add({ reference: "3100000001", status: "confirmed" });
		for (let i = 0; i < 120; i++) fake.add({ reference: `other-${i}` });
		expect(fake.connector().findShipment("3100000001")?.shipmentId).toBe(String(mine.id));
		expect(fake.requestsTo("GET", CREATE)).toHaveLength(2);
	});

	it("names the field when the matching shipment cannot be read", () => {
		const fake = new FakeInpost();
		fake.once("GET", CREATE, () =>
			// A JSON number, as a careless server would send it: its digits are gone before any schema sees it.
			text(
				200,
				`{"count":1,"page":1,"per_page":100,"items":[{"id":5,"reference":"3100000001","status":"confirmed","tracking_number":${TRACKING}}]}`,
			),
		);
		const error = platformErrorOf(() => fake.connector().findShipment("3100000001"));
		expect(error.kind).toBe("malformed");
		expect(error.message).toMatch(/items\[0\]\.tracking_number/);
	});
});

describe("track", () => {
	it("reads all ids in one fetchAll and reports each one's fate", () => {
		const fake = new FakeInpost();
		const a = fake.add({ reference: "1" });
		fake.confirm(a, TRACKING);
		const b = fake.add({ reference: "2", status: "out_for_delivery" });
		const c = fake.add({ reference: "3" });
		for (let i = 0; i < 10; i++) fake.once("GET", new RegExp(`^/v1/shipments/${c.id}$`), () => text(500, "oops"));
		const results = fake.connector().trackEach([String(a.id), "1", String(b.id), String(c.id), "x/1"]);
		expect(results.map((r) => [r.shipmentId, r.kind])).toEqual([
			[String(a.id), "found"],
			["1", "not-found"],
			[String(b.id), "found"],
			[String(c.id), "failed"],
			["x/1", "failed"],
		]);
		const found = results[0];
		expect(found?.kind === "found" && found.shipment.trackingNumber).toBe(TRACKING);
	});

	it("refuses a tracking number sent as a JSON number: its digits are already lost", () => {
		const fake = new FakeInpost();
		const a = fake.add({ reference: "1" });
		const b = fake.add({ reference: "2", status: "confirmed", tracking_number: TRACKING });
		fake.once("GET", new RegExp(`^/v1/shipments/${a.id}$`), () =>
			text(200, `{"id": ${a.id}, "status": "confirmed", "tracking_number": ${TRACKING}}`),
		);
		const connector = fake.connector();
		expect(connector.track([String(a.id), String(b.id)]).map((s) => s.trackingNumber)).toEqual([TRACKING]);
		expect(fake.log.lines.some((line) => /tracking_number: .*expected string/.test(line))).toBe(true);
	});

	it("stops at a refused token instead of one error per shipment", () => {
		const fake = new FakeInpost();
		const a = fake.add();
		expect(
			platformErrorOf(() => fake.connector({ apiToken: "wrong-token-0123456789" }).track([String(a.id)])).kind,
		).toBe("auth");
	});

	it("throws when no shipment could be read", () => {
		const fake = new FakeInpost();
		const a = fake.add();
		for (let i = 0; i < 10; i++) fake.once("GET", /^\/v1\/shipments\/\d+$/, () => text(503, "down"));
		expect(platformErrorOf(() => fake.connector().track([String(a.id)])).kind).toBe("unavailable");
	});
});

describe("validate", () => {
	it("sends nothing and accepts a good courier shipment", () => {
		const fake = new FakeInpost();
		expect(fake.connector().validate(courierRequest())).toEqual([]);
		expect(fake.http.requests).toHaveLength(0);
	});

	it("names every problem with ShipX's field and key", () => {
		const fake = new FakeInpost();
		const problems = fake.connector().validate(
			courierRequest({
				receiver: {
					...courierRequest().receiver,
					phone: "",
					zip: "1234",
					firstLine: "Rynek",
					countryIso: "DE",
					email: "nope",
				},
				parcels: [
					{ lengthCm: 400, widthCm: 80, heightCm: 12, weightKg: 60 },
					{ lengthCm: 10, widthCm: 10, heightCm: 10, weightKg: 0 },
				],
			}),
		);
		expect(problems.map((p) => p.field)).toEqual([
			"receiver.phone",
			"receiver.email",
			"receiver.address.building_number",
			"receiver.address.post_code",
			"receiver.address.country_code",
			"parcels[0].dimensions",
			"parcels[0].weight",
			"parcels[1].weight",
		]);
		expect(problems[0]?.message).toBe("is required (expected nine digits, e.g. 500600700) [InPost: required]");
		expect(problems.find((p) => p.field === "receiver.address.country_code")?.message).toMatch(/Poland/);
	});
});
