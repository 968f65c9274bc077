/**
 * The client id and secret, the username and password, the Basic credentials and the tokens must
 * never reach an error message, a stack, a log line or a validation problem shown on a row, even
 * when Furgonetka or the transport echoes the request back.
 */
import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { json, text } from "../etsy/fakes.js";
import { CREDENTIALS, FakeFurgonetka, jwtLike, shipmentRequest } from "./fake-furgonetka.js";

const BASIC = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64");
const SECRETS = [
	CREDENTIALS.clientId,
	CREDENTIALS.clientSecret,
	CREDENTIALS.username,
	CREDENTIALS.password,
	BASIC,
	jwtLike("access-1"),
	jwtLike("refresh-1"),
	jwtLike("access-2"),
	jwtLike("refresh-2"),
];

/** Everything an answer could echo: the request's headers and body, and the credentials. */
function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} ${request.body ?? ""} Basic ${BASIC} ${CREDENTIALS.password}`;
}

interface Scenario {
	name: string;
	setUp: (fake: FakeFurgonetka) => void;
	act: (fake: FakeFurgonetka) => unknown;
}

const everyApiCall = (fake: FakeFurgonetka, path: RegExp, respond: (request: HttpRequest) => HttpResponse) => {
	for (let i = 0; i < 12; i++) fake.once("GET", path, respond);
};

const scenarios: Scenario[] = [
	{
		name: "validation errors that echo the request",
		setUp: (fake) => {
			fake.validateAnswer = json(422, { errors: [{ path: "receiver.phone", message: "bad" }] });
			fake.once("POST", /^\/packages\/validate$/, (request) =>
				json(422, { errors: [{ path: echo(request), message: echo(request) }] }),
			);
		},
		act: (fake) => {
			throw new Error(JSON.stringify(fake.connector().validate(shipmentRequest())));
		},
	},
	{
		name: "a 5xx on create whose text echoes the request",
		setUp: (fake) => {
			for (let i = 0; i < 5; i++)
				fake.once("POST", /^\/packages$/, (request) => text(500, `Internal error ${echo(request)}`));
		},
		act: (fake) => fake.connector().createShipment(shipmentRequest()),
	},
	{
		name: "a transport failure quoting the headers",
		setUp: (fake) =>
			everyApiCall(fake, /^\/account\/services$/, (request) => {
				throw new Error(`socket hang up: ${echo(request)}`);
			}),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a malformed answer containing the token",
		setUp: (fake) =>
			fake.once("GET", /^\/account\/services$/, (request) => text(200, `{"services": "${echo(request)}`)),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a persistent 401 echoing the tokens",
		setUp: (fake) =>
			everyApiCall(fake, /^\/account\/services$/, (request) =>
				json(401, { error: "invalid_token", error_description: echo(request) }),
			),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a login refused with the form echoed",
		setUp: (fake) =>
			fake.once("POST", /^\/oauth\/token$/, (request) =>
				json(400, { error: "invalid_request", error_description: echo(request) }),
			),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a login refused as invalid_grant with the password echoed",
		setUp: (fake) =>
			fake.once("POST", /^\/oauth\/token$/, (request) =>
				json(400, { error: "invalid_grant", error_description: echo(request) }),
			),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a token answer cut in the middle of a token",
		setUp: (fake) =>
			fake.once("POST", /^\/oauth\/token$/, () =>
				text(200, `{"access_token":"${jwtLike("access-1")}","refresh_token":"${jwtLike("refresh-1").slice(0, 40)}`),
			),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a token answer of the wrong shape",
		setUp: (fake) =>
			fake.once("POST", /^\/oauth\/token$/, () => json(200, { access_token: jwtLike("access-1"), expires_in: "soon" })),
		act: (fake) => fake.connector().services(),
	},
	{
		name: "a refused pick-up order whose errors echo the bearer",
		setUp: (fake) => {
			fake.commandStatus = "failed";
			fake.commandErrors = [{ message: `refused for Bearer ${jwtLike("access-1")} ${CREDENTIALS.password}` }];
		},
		act: (fake) => fake.connector().createShipment(shipmentRequest()),
	},
	{
		name: "a tracking failure echoing the request, logged",
		setUp: (fake) => {
			fake.addPackage({ state: "in_transit" });
			fake.addPackage({ state: "in_transit" });
			for (let i = 0; i < 12; i++) fake.once("GET", /^\/packages\/70000002$/, (request) => text(503, echo(request)));
		},
		act: (fake) => {
			const shipments = fake.connector().track(["70000001", "70000002"]);
			throw new Error(`tracked ${shipments.length}`);
		},
	},
];

describe("no Furgonetka secret in any message, log line or problem", () => {
	for (const scenario of scenarios) {
		it(scenario.name, () => {
			const fake = new FakeFurgonetka();
			scenario.setUp(fake);
			let error: unknown = null;
			try {
				scenario.act(fake);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(Error);
			const exposed = [String(error), (error as Error).stack ?? "", ...fake.log.lines].join("\n");
			for (const secret of SECRETS) {
				expect(exposed).not.toContain(secret);
				expect(exposed).not.toContain(secret.slice(-12));
			}
		});
	}
});
