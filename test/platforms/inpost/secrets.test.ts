/** The ShipX API token never reaches a message, a stack or a log line, even when echoed back. */
import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../../../src/ports.js";
import type { Intercept } from "../harness/in-process-http.js";
import { json, text } from "../harness/stand-ins.js";
import { courierRequest, type Harness, harness, TOKEN } from "./harness.js";

const CREATE = /^\/v1\/organizations\/1234\/shipments$/;
const OTHER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJvdGhlciI6dHJ1ZX0.c29tZS1vdGhlci1zaWduYXR1cmUtZm9yLWxlYWtz";

function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} ${request.body ?? ""} token=${TOKEN} other=${OTHER_TOKEN}`;
}

/** Answers `times` requests matching method and path with what `respond` makes of each. */
function echoing(
	method: string,
	path: RegExp,
	respond: (request: HttpRequest) => ReturnType<typeof text>,
	times = 1,
): Intercept {
	let left = times;
	return (exchange) => {
		if (left <= 0 || exchange.method !== method || !path.test(exchange.path)) return undefined;
		left--;
		return respond(exchange.request);
	};
}

const scenarios: Array<{ name: string; setUp: (h: Harness) => void; act: (h: Harness) => unknown }> = [
	{
		name: "a 401 echoing the header",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", CREATE, (r) => json(401, { status: 401, error: "token_invalid", message: echo(r) })),
			),
		act: (h) => h.connector().createShipment(courierRequest()),
	},
	{
		name: "validation details whose keys and fields echo the token",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", CREATE, (r) =>
					json(400, { status: 400, error: "validation_failed", details: { [echo(r)]: [echo(r)] } }),
				),
			),
		act: (h) => h.connector().createShipment(courierRequest()),
	},
	{
		name: "a 5xx echoing the request",
		setUp: (h) => h.http.intercept(echoing("POST", CREATE, (r) => text(500, echo(r)), 10)),
		act: (h) => h.connector().createShipment(courierRequest()),
	},
	{
		name: "a transport failure quoting the headers",
		setUp: (h) =>
			h.http.intercept(
				echoing(
					"GET",
					CREATE,
					(r) => {
						throw new Error(`ECONNRESET ${echo(r)}`);
					},
					10,
				),
			),
		act: (h) => h.connector().findShipment("3100000001"),
	},
	{
		name: "a malformed answer containing the token",
		setUp: (h) => h.http.intercept(echoing("GET", CREATE, (r) => text(200, `{"items": "${echo(r)}`))),
		act: (h) => h.connector().findShipment("3100000001"),
	},
	{
		name: "a tracking failure that is only logged",
		setUp: (h) => {
			h.add("1");
			h.add("2");
			h.http.intercept(echoing("GET", /^\/v1\/shipments\/498000002$/, (r) => text(503, echo(r)), 10));
		},
		act: (h) => {
			throw new Error(`tracked ${h.connector().track(["498000001", "498000002"]).length}`);
		},
	},
];

describe("no InPost token in any message or log line", () => {
	for (const scenario of scenarios) {
		it(scenario.name, () => {
			const h = harness();
			scenario.setUp(h);
			let error: unknown = null;
			try {
				scenario.act(h);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(Error);
			const exposed = [String(error), (error as Error).stack ?? "", ...h.log.lines].join("\n");
			for (const secret of [TOKEN, OTHER_TOKEN]) {
				expect(exposed).not.toContain(secret);
				expect(exposed).not.toContain(secret.slice(-16));
			}
			expect((error as Error).message).toMatch(/InPost|tracked/);
		});
	}
});
