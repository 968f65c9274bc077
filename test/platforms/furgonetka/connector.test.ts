/**
 * The Furgonetka connector against the Furgonetka sandbox in this process: the package body,
 * validation, creating with the pick-up ordered, exactly-once creation around 5xx, timeouts and
 * unreadable answers, finding by reference, and tracking with partial failures. Faults the sandbox
 * does not model on its own are injected at one request.
 */
import { describe, expect, it } from "vitest";
import { pickupCommandUuid, uuidFromName } from "../../../src/platforms/furgonetka/command-uuid.js";
import { normalisePostcode, packageBody } from "../../../src/platforms/furgonetka/package-mapping.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { json, text } from "../harness/stand-ins.js";
import { BASE, bodyOf, harness, once, pathOf, shipmentRequest } from "./harness.js";

const PACKAGES = /^\/packages$/;
const COMMANDS = /^\/order-commands\//;
const timeout = () => {
	throw new Error("Timeout: https://furgonetka.test/packages");
};

describe("the package body", () => {
	it("carries the order id as user_reference_number, the sender as pick-up, whole centimetres", () => {
		const body = packageBody(
			shipmentRequest({ parcels: [{ lengthCm: 160, widthCm: 80.2, heightCm: 12, weightKg: 28.456 }] }),
			11001,
		);
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
		const h = harness();
		expect(h.connector().validate(shipmentRequest())).toEqual([]);
		const [request] = h.http.sent("POST", "/packages/validate");
		expect(request?.url).toBe(`${BASE}/packages/validate`);
		expect(request?.headers).toMatchObject({
			accept: "application/vnd.furgonetka.v1+json",
			"x-language": "en_GB",
		});
		expect(request?.contentType).toBe("application/vnd.furgonetka.v1+json");
		expect(bodyOf(request as never)).toMatchObject({ service_id: 11001, user_reference_number: "3100000001" });
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(0);
	});

	it("returns the courier's own field errors", () => {
		const h = harness();
		const request = shipmentRequest();
		expect(h.connector().validate({ ...request, receiver: { ...request.receiver, zip: "1234", phone: "" } })).toEqual([
			{ field: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
			{ field: "receiver.phone", message: "This value should not be blank." },
		]);
	});

	it("names an unknown service with the ones the account has, without asking Furgonetka to validate", () => {
		const h = harness();
		const problems = h.connector().validate(shipmentRequest({ service: "pallet-express" }));
		const offered = h.sandbox.state.services.map((s) => s.service).join(", ");
		expect(problems).toEqual([
			{
				field: "service",
				message: `Furgonetka has no service "pallet-express" on this account (available: ${offered})`,
			},
		]);
		expect(h.http.sent("POST", "/packages/validate")).toHaveLength(0);
	});

	it("reads the services once per execution", () => {
		const h = harness();
		const connector = h.connector();
		connector.validate(shipmentRequest());
		connector.validate(shipmentRequest({ service: "inpostkurier" }));
		expect(h.http.sent("GET", "/account/services")).toHaveLength(1);
	});
});

describe("createShipment", () => {
	it("creates the package, orders its pick-up, and returns waybill, tracking and label", () => {
		const h = harness();
		const shipment = h.connector().createShipment(shipmentRequest());
		const [pkg] = h.packages();
		const waybill = pkg?.waybills?.[0] ?? "";
		expect(waybill).not.toBe("");
		expect(shipment).toEqual({
			shipmentId: "70000001",
			orderId: "3100000001",
			state: "ordered",
			trackingNumber: waybill,
			trackingUrl: `https://furgonetka.pl/zlokalizuj/${waybill}`,
			labelUrl: `http://127.0.0.1/labels/${pkg?.labelToken}.pdf`,
			service: "dpd",
			url: "https://furgonetka.pl/konto/paczki/70000001",
		});
		const [put] = h.http.sent("PUT", COMMANDS);
		expect(pathOf(put as never)).toBe(`/order-commands/${pickupCommandUuid("70000001", 1)}`);
		expect(bodyOf(put as never)).toEqual({ packages: [{ id: 70000001 }] });
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(1);
		// A brand-new package has no command to look for first.
		expect(h.http.requests.map((r) => `${r.method.toUpperCase()} ${pathOf(r)}`)).toEqual([
			"POST /oauth/token",
			"GET /account/services",
			"POST /packages",
			`PUT /order-commands/${pickupCommandUuid("70000001", 1)}`,
			`GET /order-commands/${pickupCommandUuid("70000001", 1)}`,
			"GET /packages/70000001",
		]);
	});

	it("keeps a 24-digit waybill and leading zeros exactly, as text", () => {
		const h = harness();
		// The carrier's number, given when the pick-up is ordered.
		h.http.intercept((exchange) => {
			if (exchange.method !== "PUT" || !COMMANDS.test(exchange.path)) return undefined;
			const answer = exchange.pass();
			for (const pkg of h.packages()) if (pkg.waybills) pkg.waybills = ["006123456789012345678901"];
			return answer;
		});
		expect(h.connector().createShipment(shipmentRequest()).trackingNumber).toBe("006123456789012345678901");
	});

	it("refuses with Furgonetka's field errors when it rejects the package", () => {
		const h = harness();
		const error = platformErrorOf(() =>
			h
				.connector()
				.createShipment(shipmentRequest({ parcels: [{ lengthCm: 100, widthCm: 50, heightCm: 12, weightKg: 40 }] })),
		);
		expect(error.kind).toBe("rejected");
		// NOTES.md "Request headers": field errors come as 400 (e.g. "Nieprawidłowy kod pocztowy").
		expect(error.options.status).toBe(400);
		expect(error.message).toBe(
			"Furgonetka refused the package: parcels[0].weight: The maximum weight for DPD Classic is 31.5 kg.",
		);
		expect(h.packages()).toHaveLength(0);
	});

	it("after a 5xx on create looks the package up and finds it: no second package", () => {
		const h = harness();
		// Furgonetka created it, then failed to answer.
		h.http.intercept(once("POST", PACKAGES, json(502, { errors: [{ message: "Bad gateway" }] }), { applied: true }));
		const shipment = h.connector().createShipment(shipmentRequest());
		expect(shipment.shipmentId).toBe("70000001");
		expect(shipment.state).toBe("ordered");
		expect(h.packages()).toHaveLength(1);
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(1);
		expect(h.http.sent("GET", PACKAGES)).toHaveLength(1);
		expect(h.clock.sleeps.length).toBeGreaterThan(0);
	});

	it("after a timeout, looks the package up and never sends it again in the same run", () => {
		const h = harness();
		h.http.intercept(once("POST", PACKAGES, timeout));
		const error = platformErrorOf(() => h.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(/does not show a package for order 3100000001 yet/);
		const order = h.http.requests.filter((r) => PACKAGES.test(pathOf(r))).map((r) => r.method.toUpperCase());
		expect(order).toEqual(["POST", "GET"]);
		expect(h.packages()).toHaveLength(0);
	});

	it("a create the server completes after the client's timeout is made once: the next run finds it", () => {
		const h = harness();
		// Furgonetka is still working on it: the package lands right after the same-run look-up.
		let late: (() => unknown) | null = null;
		let landed = false;
		h.http.intercept((exchange) => {
			if (exchange.method === "POST" && PACKAGES.test(exchange.path) && late === null) {
				late = exchange.pass;
				timeout();
			}
			if (exchange.method === "GET" && PACKAGES.test(exchange.path) && late !== null && !landed) {
				landed = true;
				const answer = exchange.pass();
				late();
				return answer;
			}
			return undefined;
		});
		expect(platformErrorOf(() => h.connector().createShipment(shipmentRequest())).options.mayHaveApplied).toBe(true);
		expect(h.packages()).toHaveLength(1);
		// The next run: the engine looks up before it creates.
		expect(h.connector().findShipment("3100000001")?.shipmentId).toBe(h.packages()[0]?.package_id);
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(1);
	});

	it("a 5xx on the create is not retried in the same run, and says the create may have happened", () => {
		const h = harness();
		h.http.intercept(once("POST", PACKAGES, text(503, "Service Unavailable"), { times: 10 }));
		const error = platformErrorOf(() => h.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.options.status).toBe(503);
		expect(error.message).toMatch(/does not show a package for order 3100000001 yet/);
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(1);
		expect(h.http.sent("GET", PACKAGES)).toHaveLength(1);
	});

	it("keeps a package whose pick-up is ordered when reading it back fails: no error, no second package", () => {
		const h = harness();
		h.http.intercept(once("GET", /^\/packages\/\d+$/, text(503, "Service Unavailable"), { times: 10 }));
		const shipment = h.connector().createShipment(shipmentRequest());
		expect(shipment.shipmentId).toBe("70000001");
		expect(h.http.sent("POST", PACKAGES)).toHaveLength(1);
		expect(h.packages()).toHaveLength(1);
	});

	it("finds the package again when the create's answer is unreadable", () => {
		const h = harness();
		h.http.intercept(once("POST", PACKAGES, text(200, '{"package_id": "70000001", "sta'), { applied: true }));
		expect(h.connector().createShipment(shipmentRequest()).shipmentId).toBe("70000001");
		expect(h.packages()).toHaveLength(1);
	});

	it("reports a refused pick-up order on the row, with the courier's words, after three commands", () => {
		const h = harness({ settings: { rejectOrders: "No pick-up available" } });
		const error = platformErrorOf(() => h.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("rejected");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(
			/package 70000001 for order 3100000001 exists, but Furgonetka refused to order its pick-up: packages\[0\]\.id: No pick-up available/,
		);
		expect(h.http.sent("PUT", COMMANDS).map((r) => pathOf(r))).toEqual(
			[1, 2, 3].map((n) => `/order-commands/${pickupCommandUuid("70000001", n)}`),
		);
	});

	it("reads `running` as pending, and `partial_success` by the package's own state", () => {
		// A command completes 1.5 s after the PUT and is `running` past half of that: the second poll sees it so.
		const running = harness({ settings: { orderDelaySeconds: 1.5 } });
		expect(running.connector({ pickupPolls: 2 }).createShipment(shipmentRequest()).state).toBe("waiting");
		expect(running.http.sent("PUT", COMMANDS)).toHaveLength(1);
		expect([...running.sandbox.state.commands.values()].map((c) => c.status)).toEqual(["running"]);

		// Furgonetka answers partial_success for a command of several packages; this one sends one, so the
		// status is injected over a refused command: our package was not ordered and stays in the basket.
		const partial = harness({ settings: { rejectOrders: "No pick-up available" } });
		partial.http.intercept((exchange) => {
			if (exchange.method !== "GET" || !COMMANDS.test(exchange.path)) return undefined;
			const answer = exchange.pass();
			return { ...answer, body: JSON.stringify({ ...JSON.parse(answer.body), status: "partial_success" }) };
		});
		const pkg = partial.addPackage("3100000001");
		expect(partial.connector().findShipment("3100000001")?.state).toBe("waiting");
		expect(partial.http.sent("PUT", COMMANDS)).toHaveLength(3);
		expect(partial.sandbox.state.stateOf(pkg)).toBe("waiting");
	});

	it("reports the carrier's newest scan for an ordered package", () => {
		const h = harness();
		const created = h.connector().createShipment(shipmentRequest());
		expect(created.state).toBe("ordered");
		const [pkg] = h.packages();
		if (!pkg) throw new Error("no package");
		h.sandbox.state.advance(pkg, h.sandbox.now(), "delivered");
		expect(h.connector().track([created.shipmentId])[0]?.state).toBe("delivered");
		expect(h.http.sent("GET", /\/tracking$/)).toHaveLength(1);
	});

	it("returns the package still waiting when the pick-up order has not finished yet", () => {
		const h = harness({ settings: { orderDelaySeconds: 3600 } });
		const shipment = h.connector({ pickupPolls: 3, pickupPollIntervalMs: 2000 }).createShipment(shipmentRequest());
		expect(shipment.state).toBe("waiting");
		expect(shipment.trackingNumber).toBeNull();
		expect(shipment.labelUrl).toBeNull();
		expect(h.clock.sleeps).toEqual([2000, 2000]);
	});

	it("says so when ordering the pick-up cannot reach Furgonetka", () => {
		const h = harness();
		h.http.intercept(once("PUT", COMMANDS, text(500, "oops"), { times: 3 }));
		const error = platformErrorOf(() => h.connector().createShipment(shipmentRequest()));
		expect(error.kind).toBe("unavailable");
		expect(error.options.mayHaveApplied).toBe(true);
		expect(error.message).toMatch(/was created, but ordering its pick-up failed/);
	});
});

describe("findShipment", () => {
	it("finds by exact reference, ignoring packages whose reference only contains it", () => {
		const h = harness();
		h.addPackage("31000000012", "ordered");
		const mine = h.addPackage("3100000001", "transit");
		h.addPackage("13100000001", "delivered");
		const found = h.connector().findShipment("3100000001");
		expect(found?.shipmentId).toBe(mine.package_id);
		expect(found?.state).toBe("transit");
		const [list] = h.http.sent("GET", PACKAGES);
		expect(Object.fromEntries(new URL(list?.url ?? "").searchParams)).toEqual({
			query: "3100000001",
			list_type: "all",
			limit: "100",
		});
	});

	it("returns null when Furgonetka has none, and skips cancelled ones", () => {
		const h = harness();
		expect(h.connector().findShipment("3100000001")).toBeNull();
		h.addPackage("3100000001", "canceled");
		expect(h.connector().findShipment("3100000001")).toBeNull();
		const live = h.addPackage("3100000001", "collected");
		expect(h.connector().findShipment("3100000001")?.shipmentId).toBe(live.package_id);
	});

	it("pages with last_package_id past a full page", () => {
		const h = harness();
		const mine = h.addPackage("3100000001", "delivered");
		for (let i = 0; i < 150; i++) h.addPackage(`3100000001-${i}`, "delivered");
		expect(h.connector().findShipment("3100000001")?.shipmentId).toBe(mine.package_id);
		const lists = h.http.sent("GET", PACKAGES);
		expect(lists).toHaveLength(2);
		expect(new URL(lists[1]?.url ?? "").searchParams.get("last_package_id")).toBe("70000052");
	});

	it("orders the pick-up of a package a crash left waiting, continuing after a failed command", () => {
		const h = harness({ settings: { rejectOrders: "No courier today" } });
		const pkg = h.addPackage("3100000001");
		// The crashed run's command, refused by the carrier; the next one goes through.
		h.sandbox.state.addCommand(pickupCommandUuid(pkg.package_id, 1), [pkg.package_id], h.sandbox.now());
		h.sandbox.state.settings.rejectOrders = null;
		const found = h.connector().findShipment("3100000001");
		expect(found?.state).toBe("ordered");
		expect(found?.trackingNumber).toBe(pkg.waybills?.[0]);
		expect(found?.trackingNumber).toMatch(/^1\d{12}U$/);
		expect(h.http.sent("PUT", COMMANDS).map((r) => pathOf(r))).toEqual([
			`/order-commands/${pickupCommandUuid(pkg.package_id, 2)}`,
		]);
	});

	it("names the field of an unreadable matching package", () => {
		const h = harness();
		h.http.intercept(
			once(
				"GET",
				PACKAGES,
				json(200, { packages: [{ package_id: "70000009", user_reference_number: "3100000001", state: 7 }] }),
			),
		);
		const error = platformErrorOf(() => h.connector().findShipment("3100000001"));
		expect(error.kind).toBe("malformed");
		expect(error.message).toMatch(
			/^Furgonetka GET \/packages returned a malformed answer Hubsheet cannot read: packages\[0\]\.state: /,
		);
	});
});

describe("track", () => {
	it("reads every package in one fetchAll (and their scans in one more), and maps state and waybill", () => {
		const h = harness();
		const a = h.addPackage("1", "collected");
		a.waybills = ["0012345678901234567890AB"];
		const b = h.addPackage("2", "delivered");
		b.waybills = ["620000000000000000000001"];
		const connector = h.connector();
		connector.services();
		const [requests, batches] = [h.http.requests.length, h.http.fetchAllCalls];
		const shipments = connector.track([a.package_id, b.package_id]);
		expect(shipments.map((s) => [s.shipmentId, s.state, s.trackingNumber])).toEqual([
			[a.package_id, "collected", "0012345678901234567890AB"],
			[b.package_id, "delivered", "620000000000000000000001"],
		]);
		expect(h.http.requests.length - requests).toBe(4);
		expect(h.http.fetchAllCalls - batches).toBe(2);
	});

	it("takes a package state that already names the scan as it is (the other reading of the notes)", () => {
		const h = harness({ settings: { packageStateFollowsTracking: true } });
		const a = h.addPackage("1", "collected");
		const connector = h.connector();
		expect(connector.track([a.package_id]).map((s) => s.state)).toEqual(["collected"]);
		expect(h.http.sent("GET", /\/tracking$/)).toHaveLength(0);
	});

	it("reports each id's fate: found, unknown, failing, refused id", () => {
		const h = harness();
		const ok = h.addPackage("1", "transit");
		const broken = h.addPackage("2", "transit");
		h.http.intercept(once("GET", `/packages/${broken.package_id}`, text(500, "oops"), { times: 10 }));
		const results = h.connector().trackEach([ok.package_id, "79999999", broken.package_id, "../etc"]);
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
		const h = harness();
		const ok = h.addPackage("1", "transit");
		const bad = h.addPackage("2", "transit");
		// The waybill as a JSON number: its digits are gone before any schema sees it.
		h.http.intercept((exchange) => {
			if (exchange.method !== "GET" || exchange.path !== `/packages/${bad.package_id}`) return undefined;
			const answer = exchange.pass();
			const view = JSON.parse(answer.body) as { parcels: Array<{ package_no: unknown }> };
			view.parcels = view.parcels.map((parcel) => ({ ...parcel, package_no: "N" }));
			return { ...answer, body: JSON.stringify(view).replace('"N"', "620000000000000000000001") };
		});
		const connector = h.connector();
		expect(connector.track([ok.package_id, bad.package_id]).map((s) => s.shipmentId)).toEqual([ok.package_id]);
		expect(h.log.lines.some((line) => line.includes("parcels[0].package_no"))).toBe(true);
		h.http.intercept(once("GET", /^\/packages\/\d+$/, text(503, "down"), { times: 10 }));
		expect(platformErrorOf(() => connector.track([ok.package_id])).kind).toBe("unavailable");
	});

	it("honours retry-after on a 429 and then answers", () => {
		const h = harness();
		const pkg = h.addPackage("1", "transit");
		h.http.intercept(
			once(
				"GET",
				/^\/packages\/\d+$/,
				json(429, { errors: [{ message: "Too many requests." }] }, { "retry-after": "7" }),
			),
		);
		expect(h.connector().track([pkg.package_id])).toHaveLength(1);
		expect(h.clock.sleeps).toContain(7000);
	});

	it("turns a persistent 429 into a rate-limit error", () => {
		const h = harness();
		const pkg = h.addPackage("1", "transit");
		h.http.intercept(once("GET", /^\/packages\/\d+$/, json(429, {}, { "retry-after": "1" }), { times: 10 }));
		expect(platformErrorOf(() => h.connector().track([pkg.package_id])).kind).toBe("rate-limit");
	});

	it("orders the pick-up of a tracked package still waiting", () => {
		const h = harness();
		const pkg = h.addPackage("3100000001");
		const [shipment] = h.connector().track([pkg.package_id]);
		expect(shipment?.state).toBe("ordered");
		expect(h.http.sent("PUT", COMMANDS)).toHaveLength(1);
	});

	it("lets a 401 that survives renewal stop the run as auth", () => {
		const h = harness();
		const pkg = h.addPackage("1", "transit");
		const connector = h.connector();
		connector.services();
		h.http.intercept(once("GET", /^\/packages\/\d+$/, json(401, { error: "invalid_token" }), { times: 3 }));
		expect(platformErrorOf(() => connector.track([pkg.package_id])).kind).toBe("auth");
	});
});
