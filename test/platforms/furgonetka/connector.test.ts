/**
 * The Furgonetka connector against a fake Furgonetka: the package body, validation, creating with
 * the pick-up ordered, exactly-once creation around 5xx, timeouts and unreadable answers, finding by
 * reference, and tracking with partial failures.
 */
import { describe, expect, it } from "vitest";
import { pickupCommandUuid, uuidFromName } from "../../../src/platforms/furgonetka/command-uuid.js";
import { normalisePostcode, packageBody } from "../../../src/platforms/furgonetka/package-mapping.js";
import { json, text } from "../etsy/fakes.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { BASE, bodyOf, FakeFurgonetka, pathOf, shipmentRequest } from "./fake-furgonetka.js";

describe("the package body", () => {
	it("carries the order id as user_reference_number, the sender as pick-up, whole centimetres", () => {
		const body = packageBody(shipmentRequest(), 11001);
		expect(body.user_reference_number).toBe("3100000001");
		expect(body.service_id).toBe(11001);
		expect(body.type).toBe("package");
		expect(body.pickup).toEqual(body.sender);
		expect(body.sender).toMatchObject({
			name: "Jan Stolarz",
			company: "ErgoDrewno",
			street: "ul. Leśna 1",
			postcode: "30-001",
		});
		expect(body.receiver).toEqual({
			name: "Anna Kowalska",
			company: null,
			street: "ul. Długa 5/3",
			postcode: "01-234",
			city: "Warszawa",
			country_code: "PL",
			county: "mazowieckie",
			email: "anna@example.com",
			phone: "500 600 700",
			point: null,
		});
		expect(body.parcels).toEqual([
			{ width: 81, depth: 160, height: 12, weight: 28.46, description: "Etsy order 3100000001" },
		]);
	});

	it("fixes only an undashed Polish postcode, leaving the rest for Furgonetka to judge", () => {
		expect(normalisePostcode("01234", "PL")).toBe("01-234");
		expect(normalisePostcode(" 01-234 ", "pl")).toBe("01-234");
		expect(normalisePostcode("1234", "PL")).toBe("1234");
		expect(normalisePostcode("10115", "DE")).toBe("10115");
	});

	it("derives stable, version-4-shaped uuids for pick-up commands, one per attempt", () => {
		const first = pickupCommandUuid("70000001", 1);
		expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(pickupCommandUuid("70000001", 1)).toBe(first);
		expect(pickupCommandUuid("70000001", 2)).not.toBe(first);
		expect(pickupCommandUuid("70000002", 1)).not.toBe(first);
		const many = new Set(Array.from({ length: 2000 }, (_, i) => uuidFromName(`x${i}`)));
		expect(many.size).toBe(2000);
	});
});

describe("validate", () => {
	it("asks Furgonetka's dry run with the versioned media type and English messages; 204 means no problems", () => {
		const fake = new FakeFurgonetka();
		expect(fake.connector().validate(shipmentRequest())).toEqual([]);
		const [request] = fake.requestsTo("POST", /^\/packages\/validate$/);
		expect(request?.url).toBe(`${BASE}/packages/validate`);
		expect(request?.headers).toMatchObject({
			accept: "application/vnd.furgonetka.v1+json",
			"x-language": "en_GB",
		});
		expect(request?.contentType).toBe("application/vnd.furgonetka.v1+json");
		expect(bodyOf(request as never)).toMatchObject({ service_id: 11001, user_reference_number: "3100000001" });
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(0);
	});

	it("returns the courier's own field errors", () => {
		const fake = new FakeFurgonetka();
		fake.validateAnswer = json(422, {
			errors: [
				{ path: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
				{ path: "receiver.phone", message: "This value should not be blank." },
			],
		});
		expect(fake.connector().validate(shipmentRequest())).toEqual([
			{ field: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
			{ field: "receiver.phone", message: "This value should not be blank." },
		]);
	});

	it("names an unknown service with the ones the account has, without asking Furgonetka to validate", () => {
		const fake = new FakeFurgonetka();
		const problems = fake.connector().validate(shipmentRequest({ service: "pallet-express" }));
		expect(problems).toEqual([
			{
				field: "service",
				message: 'Furgonetka has no service "pallet-express" on this account (available: dpd, inpostkurier)',
			},
		]);
		expect(fake.requestsTo("POST", /^\/packages\/validate$/)).toHaveLength(0);
	});

	it("reads the services once per execution", () => {
		const fake = new FakeFurgonetka();
		const connector = fake.connector();
		connector.validate(shipmentRequest());
		connector.validate(shipmentRequest({ service: "inpostkurier" }));
		expect(fake.requestsTo("GET", /^\/account\/services$/)).toHaveLength(1);
	});
});

describe("createShipment", () => {
	it("creates the package, orders its pick-up, and returns waybill, tracking and label", () => {
		const fake = new FakeFurgonetka();
		const shipment = fake.connector().createShipment(shipmentRequest());
		expect(shipment).toEqual({
			shipmentId: "70000001",
			orderId: "3100000001",
			state: "ordered",
			trackingNumber: "620000000000000000000123",
			trackingUrl: "https://furgonetka.pl/zlokalizuj/620000000000000000000123",
			labelUrl: `${BASE}/labels/70000001.pdf`,
			service: "dpd",
			url: "https://furgonetka.pl/konto/paczki/70000001",
		});
		const [put] = fake.requestsTo("PUT", /^\/order-commands\//);
		expect(pathOf(put as never)).toBe(`/order-commands/${pickupCommandUuid("70000001", 1)}`);
		expect(bodyOf(put as never)).toEqual({ packages: [{ id: 70000001 }] });
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(1);
		// A brand-new package has no command to look for first.
		expect(fake.http.requests.map((r) => `${r.method.toUpperCase()} ${pathOf(r)}`)).toEqual([
			"POST /oauth/token",
			"GET /account/services",
			"POST /packages",
			`PUT /order-commands/${pickupCommandUuid("70000001", 1)}`,
			`GET /order-commands/${pickupCommandUuid("70000001", 1)}`,
			"GET /packages/70000001",
		]);
	});

	it("keeps a 24-digit waybill and leading zeros exactly, as text", () => {
		const fake = new FakeFurgonetka();
		fake.waybill = "006123456789012345678901";
		expect(fake.connector().createShipment(shipmentRequest()).trackingNumber).toBe("006123456789012345678901");
	});

	it("refuses with Furgonetka's field errors when it rejects the package", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/packages$/, () =>
			json(422, { errors: [{ path: "parcels[0].weight", message: "The maximum weight for DPD Classic is 31.5 kg." }] }),
		);
		const error = platformErrorOf(() => fake.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("rejected");
		// NOTES.md "Request headers": field errors come as 400 (e.g. "Nieprawidłowy kod pocztowy").
		expect(error.options.status).toBe(400);
		expect(error.message).toBe(
			"Furgonetka refused the package: parcels[0].weight: The maximum weight for DPD Classic is 31.5 kg.",
		);
		expect(fake.packages).toHaveLength(0);
	});

	it("after a 5xx on create looks the package up and finds it: no second package", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/packages$/, (request) => {
			// Furgonetka created it, then failed to answer.
			fake.addPackage({ user_reference_number: bodyOf(request).user_reference_number as string });
			return json(502, { errors: [{ message: "Bad gateway" }] });
		});
		const shipment = fake.connector().createShipment(shipmentRequest());
		expect(shipment.shipmentId).toBe("70000001");
		expect(shipment.state).toBe("ordered");
		expect(fake.packages).toHaveLength(1);
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(1);
		expect(fake.requestsTo("GET", /^\/packages$/)).toHaveLength(1);
		expect(fake.clock.sleeps.length).toBeGreaterThan(0);
	});

	it("after a timeout, looks the package up and never sends it again in the same run", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/packages$/, () => {
			throw new Error("Timeout: https://furgonetka.test/packages");
		});
		const error = platformErrorOf(() => fake.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(/does not show a package for order 3100000001 yet/);
		const order = fake.http.requests.filter((r) => /^\/packages$/.test(pathOf(r))).map((r) => r.method.toUpperCase());
		expect(order).toEqual(["POST", "GET"]);
	});

	it("a create the server completes after the client's timeout is made once: the next run finds it", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/packages$/, (request) => {
			const reference = bodyOf(request).user_reference_number as string;
			// Furgonetka is still working on it: the package lands right after the same-run look-up.
			fake.once("GET", /^\/packages$/, (lookup) => {
				const answer = (fake as unknown as { answer(r: typeof lookup): ReturnType<typeof text> }).answer(lookup);
				fake.addPackage({ user_reference_number: reference });
				return answer;
			});
			throw new Error("Timeout: https://furgonetka.test/packages");
		});
		expect(platformErrorOf(() => fake.connector().createShipment(shipmentRequest())).options.mayHaveApplied).toBe(true);
		expect(fake.packages).toHaveLength(1);
		// The next run, after the search lag: the engine looks up before it creates.
		expect(fake.connector().findShipment("3100000001")?.shipmentId).toBe(fake.packages[0]?.package_id);
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(1);
	});

	it("a 5xx on the create is not retried in the same run, and says the create may have happened", () => {
		const fake = new FakeFurgonetka();
		for (let i = 0; i < 10; i++) fake.once("POST", /^\/packages$/, () => text(503, "Service Unavailable"));
		const error = platformErrorOf(() => fake.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.options.status).toBe(503);
		expect(error.message).toMatch(/does not show a package for order 3100000001 yet/);
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(1);
		expect(fake.requestsTo("GET", /^\/packages$/)).toHaveLength(1);
	});

	it("keeps a package whose pick-up is ordered when reading it back fails: no error, no second package", () => {
		const fake = new FakeFurgonetka();
		for (let i = 0; i < 10; i++) fake.once("GET", /^\/packages\/\d+$/, () => text(503, "Service Unavailable"));
		const shipment = fake.connector().createShipment(shipmentRequest());
		expect(shipment.shipmentId).toBe("70000001");
		expect(fake.requestsTo("POST", /^\/packages$/)).toHaveLength(1);
		expect(fake.packages).toHaveLength(1);
	});

	it("finds the package again when the create's answer is unreadable", () => {
		const fake = new FakeFurgonetka();
		fake.once("POST", /^\/packages$/, (request) => {
			fake.addPackage({ user_reference_number: bodyOf(request).user_reference_number as string });
			return text(200, '{"package_id": "70000001", "sta');
		});
		expect(fake.connector().createShipment(shipmentRequest()).shipmentId).toBe("70000001");
		expect(fake.packages).toHaveLength(1);
	});

	it("reports a refused pick-up order on the row, with the courier's words, after three commands", () => {
		const fake = new FakeFurgonetka();
		fake.commandStatus = "error";
		const error = platformErrorOf(() => fake.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("rejected");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(
			/package 70000001 for order 3100000001 exists, but Furgonetka refused to order its pick-up: No pick-up available/,
		);
		expect(fake.requestsTo("PUT", /^\/order-commands\//).map((r) => pathOf(r))).toEqual(
			[1, 2, 3].map((n) => `/order-commands/${pickupCommandUuid("70000001", n)}`),
		);
	});

	it("reads `running` as pending, and `partial_success` by the package's own state", () => {
		const running = new FakeFurgonetka();
		running.commandStatus = "running";
		expect(running.connector({ pickupPolls: 2 }).createShipment(shipmentRequest()).state).toBe("waiting");
		expect(running.requestsTo("PUT", /^\/order-commands\//)).toHaveLength(1);
		const partial = new FakeFurgonetka();
		partial.commandStatus = "partial_success";
		// Our package was not among the ordered ones: it is still in the basket, so the next attempt follows.
		const pkg = partial.addPackage({ user_reference_number: "3100000001" });
		expect(partial.connector().findShipment("3100000001")?.state).toBe("waiting");
		expect(partial.requestsTo("PUT", /^\/order-commands\//)).toHaveLength(3);
		expect(partial.packages.find((p) => p.package_id === pkg.package_id)?.state).toBe("waiting");
	});

	it("reports the carrier's newest scan for an ordered package", () => {
		const fake = new FakeFurgonetka();
		const created = fake.connector().createShipment(shipmentRequest());
		expect(created.state).toBe("ordered");
		fake.scans.set(created.shipmentId, ["collected", "delivered"]);
		expect(fake.connector().track([created.shipmentId])[0]?.state).toBe("delivered");
		expect(fake.requestsTo("GET", /\/tracking$/)).toHaveLength(1);
	});

	it("returns the package still waiting when the pick-up order has not finished yet", () => {
		const fake = new FakeFurgonetka();
		fake.commandStatus = "waiting";
		const shipment = fake.connector({ pickupPolls: 3, pickupPollIntervalMs: 2000 }).createShipment(shipmentRequest());
		expect(shipment.state).toBe("waiting");
		expect(shipment.trackingNumber).toBeNull();
		expect(shipment.labelUrl).toBeNull();
		expect(fake.clock.sleeps).toEqual([2000, 2000]);
	});

	it("says so when ordering the pick-up cannot reach Furgonetka", () => {
		const fake = new FakeFurgonetka();
		for (let i = 0; i < 3; i++) fake.once("PUT", /^\/order-commands\//, () => text(500, "oops"));
		const error = platformErrorOf(() => fake.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(/was created, but ordering its pick-up failed/);
	});
});

describe("findShipment", () => {
	it("finds by exact reference, ignoring packages whose reference only contains it", () => {
		const fake = new FakeFurgonetka();
		fake.addPackage({ user_reference_number: "31000000012", state: "ordered" });
		const mine = fake.addPackage({ user_reference_number: "3100000001", state: "in_transit" });
		fake.addPackage({ user_reference_number: "13100000001", state: "delivered" });
		const found = fake.connector().findShipment("3100000001");
		expect(found?.shipmentId).toBe(mine.package_id);
		expect(found?.state).toBe("in_transit");
		const [list] = fake.requestsTo("GET", /^\/packages$/);
		expect(Object.fromEntries(new URL(list?.url ?? "").searchParams)).toEqual({
			query: "3100000001",
			list_type: "all",
			limit: "100",
		});
	});

	it("returns null when Furgonetka has none, and skips cancelled ones", () => {
		const fake = new FakeFurgonetka();
		expect(fake.connector().findShipment("3100000001")).toBeNull();
		fake.addPackage({ user_reference_number: "3100000001", state: "cancelled" });
		expect(fake.connector().findShipment("3100000001")).toBeNull();
		const live = fake.addPackage({ user_reference_number: "3100000001", state: "collected" });
		expect(fake.connector().findShipment("3100000001")?.shipmentId).toBe(live.package_id);
	});

	it("pages with last_package_id past a full page", () => {
		const fake = new FakeFurgonetka();
		const mine = fake.addPackage({ user_reference_number: "3100000001", state: "delivered" });
		for (let i = 0; i < 150; i++) fake.addPackage({ user_reference_number: `3100000001-${i}`, state: "delivered" });
		expect(fake.connector().findShipment("3100000001")?.shipmentId).toBe(mine.package_id);
		const lists = fake.requestsTo("GET", /^\/packages$/);
		expect(lists).toHaveLength(2);
		expect(new URL(lists[1]?.url ?? "").searchParams.get("last_package_id")).toBe("70000052");
	});

	it("orders the pick-up of a package a crash left waiting, continuing after a failed command", () => {
		const fake = new FakeFurgonetka();
		const pkg = fake.addPackage({ user_reference_number: "3100000001" });
		fake.commands.set(pickupCommandUuid(pkg.package_id, 1), {
			status: "failed",
			packageIds: [pkg.package_id],
			errors: [{ message: "x" }],
		});
		const found = fake.connector().findShipment("3100000001");
		expect(found?.state).toBe("ordered");
		expect(found?.trackingNumber).toBe("620000000000000000000123");
		expect(fake.requestsTo("PUT", /^\/order-commands\//).map((r) => pathOf(r))).toEqual([
			`/order-commands/${pickupCommandUuid(pkg.package_id, 2)}`,
		]);
	});

	it("names the field of an unreadable matching package", () => {
		const fake = new FakeFurgonetka();
		fake.once("GET", /^\/packages$/, () =>
			json(200, { packages: [{ package_id: "70000009", user_reference_number: "3100000001", state: 7 }] }),
		);
		const error = platformErrorOf(() => fake.connector().findShipment("3100000001"));
		expect(error.kind).toBe("malformed");
		expect(error.message).toMatch(
			/^Furgonetka GET \/packages returned a malformed answer Hubsheet cannot read: packages\[0\]\.state: /,
		);
	});
});

describe("track", () => {
	it("reads every package in one fetchAll and maps state and waybill", () => {
		const fake = new FakeFurgonetka();
		const a = fake.addPackage({
			user_reference_number: "1",
			state: "collected",
			parcels: [{ package_no: "0012345678901234567890AB" }],
		});
		const b = fake.addPackage({
			user_reference_number: "2",
			state: "delivered",
			parcels: [{ package_no: "620000000000000000000001" }],
		});
		const connector = fake.connector();
		connector.services();
		const before = fake.http.requests.length;
		const shipments = connector.track([a.package_id, b.package_id]);
		expect(shipments.map((s) => [s.shipmentId, s.state, s.trackingNumber])).toEqual([
			[a.package_id, "collected", "0012345678901234567890AB"],
			[b.package_id, "delivered", "620000000000000000000001"],
		]);
		expect(fake.http.requests.length - before).toBe(2);
	});

	it("reports each id's fate: found, unknown, failing, refused id", () => {
		const fake = new FakeFurgonetka();
		const ok = fake.addPackage({ state: "in_transit" });
		const broken = fake.addPackage({ state: "in_transit" });
		for (let i = 0; i < 10; i++)
			fake.once("GET", new RegExp(`^/packages/${broken.package_id}$`), () => text(500, "oops"));
		const results = fake.connector().trackEach([ok.package_id, "79999999", broken.package_id, "../etc"]);
		expect(results.map((r) => [r.shipmentId, r.kind])).toEqual([
			[ok.package_id, "found"],
			["79999999", "not-found"],
			[broken.package_id, "failed"],
			["../etc", "failed"],
		]);
		const failed = results[2];
		expect(failed?.kind === "failed" && failed.error.kind).toBe("unavailable");
	});

	it("leaves out what it could not read and logs why; throws when nothing could be read", () => {
		const fake = new FakeFurgonetka();
		const ok = fake.addPackage({ state: "in_transit" });
		const bad = fake.addPackage({ state: "in_transit" });
		fake.once("GET", new RegExp(`^/packages/${bad.package_id}$`), () =>
			text(200, JSON.stringify({ ...bad, parcels: [{ package_no: "N" }] }).replace('"N"', "620000000000000000000001")),
		);
		const connector = fake.connector();
		expect(connector.track([ok.package_id, bad.package_id]).map((s) => s.shipmentId)).toEqual([ok.package_id]);
		expect(fake.log.lines.some((line) => line.includes("parcels[0].package_no"))).toBe(true);
		for (let i = 0; i < 10; i++) fake.once("GET", /^\/packages\/\d+$/, () => text(503, "down"));
		expect(platformErrorOf(() => connector.track([ok.package_id])).kind).toBe("unavailable");
	});

	it("honours retry-after on a 429 and then answers", () => {
		const fake = new FakeFurgonetka();
		const pkg = fake.addPackage({ state: "in_transit" });
		fake.once("GET", /^\/packages\/\d+$/, () =>
			json(429, { errors: [{ message: "Too many requests." }] }, { "retry-after": "7" }),
		);
		expect(fake.connector().track([pkg.package_id])).toHaveLength(1);
		expect(fake.clock.sleeps).toContain(7000);
	});

	it("turns a persistent 429 into a rate-limit error", () => {
		const fake = new FakeFurgonetka();
		const pkg = fake.addPackage({ state: "in_transit" });
		for (let i = 0; i < 10; i++) fake.once("GET", /^\/packages\/\d+$/, () => json(429, {}, { "retry-after": "1" }));
		const error = platformErrorOf(() => fake.connector().track([pkg.package_id]));
		expect(error.kind).toBe("rate-limit");
	});

	it("orders the pick-up of a tracked package still waiting", () => {
		const fake = new FakeFurgonetka();
		const pkg = fake.addPackage({ user_reference_number: "3100000001" });
		const [shipment] = fake.connector().track([pkg.package_id]);
		expect(shipment?.state).toBe("ordered");
		expect(fake.requestsTo("PUT", /^\/order-commands\//)).toHaveLength(1);
	});

	it("lets a 401 that survives renewal stop the run as auth", () => {
		const fake = new FakeFurgonetka();
		const pkg = fake.addPackage({ state: "in_transit" });
		const connector = fake.connector();
		connector.services();
		for (let i = 0; i < 3; i++) fake.once("GET", /^\/packages\/\d+$/, () => json(401, { error: "invalid_token" }));
		expect(platformErrorOf(() => connector.track([pkg.package_id])).kind).toBe("auth");
	});
});
