/** The ShipX API token never reaches a message, a stack or a log line, even when echoed back. */
import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../../../src/ports.js";
import { json, text } from "../etsy/fakes.js";
import { courierRequest, FakeInpost, TOKEN } from "./fake-inpost.js";

const CREATE = /^\/v1\/organizations\/1234\/shipments$/;
const OTHER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJvdGhlciI6dHJ1ZX0.c29tZS1vdGhlci1zaWduYXR1cmUtZm9yLWxlYWtz";

function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} ${request.body ?? ""} token=${TOKEN} other=${OTHER_TOKEN}`;
}

const scenarios: Array<{ name: string; setUp: (fake: FakeInpost) => void; act: (fake: FakeInpost) => unknown }> = [
	{
		name: "a 401 echoing the header",
		setUp: (fake) =>
			fake.once("POST", CREATE, (r) => json(401, { status: 401, error: "token_invalid", message: echo(r) })),
		act: (fake) => fake.connector().createShipment(courierRequest()),
	},
	{
		name: "validation details whose keys and fields echo the token",
		setUp: (fake) =>
			fake.once("POST", CREATE, (r) =>
				json(400, { status: 400, error: "validation_failed", details: { [echo(r)]: [echo(r)] } }),
			),
		act: (fake) => fake.connector().createShipment(courierRequest()),
	},
	{
		name: "a 5xx echoing the request",
		setUp: (fake) => {
			for (let i = 0; i < 10; i++) fake.once("POST", CREATE, (r) => text(500, echo(r)));
		},
		act: (fake) => fake.connector().createShipment(courierRequest()),
	},
	{
		name: "a transport failure quoting the headers",
		setUp: (fake) => {
			for (let i = 0; i < 10; i++)
				fake.once("GET", CREATE, (r) => {
					throw new Error(`ECONNRESET ${echo(r)}`);
				});
		},
		act: (fake) => fake.connector().findShipment("3100000001"),
	},
	{
		name: "a malformed answer containing the token",
		setUp: (fake) => fake.once("GET", CREATE, (r) => text(200, `{"items": "${echo(r)}`)),
		act: (fake) => fake.connector().findShipment("3100000001"),
	},
	{
		name: "a tracking failure that is only logged",
		setUp: (fake) => {
			fake.add();
			fake.add();
			for (let i = 0; i < 10; i++) fake.once("GET", /^\/v1\/shipments\/498000002$/, (r) => text(503, echo(r)));
		},
		act: (fake) => {
			throw new Error(`tracked ${fake.connector().track(["498000001", "498000002"]).length}`);
		},
	},
];

describe("no InPost token in any message or log line", () => {
	for (const scenario of scenarios) {
		it(scenario.name, () => {
			const fake = new FakeInpost();
			scenario.setUp(fake);
			let error: unknown = null;
			try {
				scenario.act(fake);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(Error);
			const exposed = [String(error), (error as Error).stack ?? "", ...fake.log.lines].join("\n");
			for (const secret of [TOKEN, OTHER_TOKEN]) {
				expect(exposed).not.toContain(secret);
				expect(exposed).not.toContain(secret.slice(-16));
			}
			expect((error as Error).message).toMatch(/InPost|tracked/);
		});
	}
});
