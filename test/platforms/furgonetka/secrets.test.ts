/**
 * The client id and secret, the username and password, the Basic credentials and the tokens must
 * never reach an error message, a stack, a log line or a validation problem shown on a row, even
 * when Furgonetka (the sandbox, with an answer injected) or the transport echoes the request back.
 */
import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import type { Intercept } from "../harness/in-process-http.js";
import { json, text } from "../harness/stand-ins.js";
import { CREDENTIALS, type Harness, harness, shipmentRequest } from "./harness.js";

const BASIC = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64");

/** A token-shaped string, for answers that carry a token Furgonetka never issued. */
function jwtLike(label: string): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
	return `${part({ typ: "JWT" })}.${part({ label })}.${Buffer.from(`signature-${label}-0123456789`).toString("base64url")}`;
}

/** The credentials, and every token the sandbox issued or a test made up. */
function secrets(h: Harness): string[] {
	const issued = [...h.sandbox.state.tokens.keys()];
	const sent = h.http.requests.flatMap((request) => {
		const bearer = /^Bearer (.+)$/.exec(request.headers?.authorization ?? "")?.[1];
		const refresh = new URLSearchParams(request.body ?? "").get("refresh_token");
		return [bearer, refresh].filter((value): value is string => typeof value === "string" && value.length > 20);
	});
	return [
		CREDENTIALS.clientId,
		CREDENTIALS.clientSecret,
		CREDENTIALS.username,
		CREDENTIALS.password,
		BASIC,
		jwtLike("access-1"),
		jwtLike("refresh-1"),
		...issued,
		...sent,
	];
}

/** Everything an answer could echo: the request's headers and body, and the credentials. */
function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} ${request.body ?? ""} Basic ${BASIC} ${CREDENTIALS.password}`;
}

/** Answers `times` requests matching method and path with what `respond` makes of each. */
function echoing(method: string, path: RegExp, respond: (request: HttpRequest) => HttpResponse, times = 1): Intercept {
	let left = times;
	return (exchange) => {
		if (left <= 0 || exchange.method !== method || !path.test(exchange.path)) return undefined;
		left--;
		return respond(exchange.request);
	};
}

interface Scenario {
	name: string;
	setUp: (h: Harness) => void;
	act: (h: Harness) => unknown;
}

const SERVICES = /^\/account\/services$/;
const TOKEN = /^\/oauth\/token$/;

const scenarios: Scenario[] = [
	{
		name: "validation errors that echo the request",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", /^\/packages\/validate$/, (request) =>
					json(422, { errors: [{ path: echo(request), message: echo(request) }] }),
				),
			),
		act: (h) => {
			throw new Error(JSON.stringify(h.connector().validate(shipmentRequest())));
		},
	},
	{
		name: "a 5xx on create whose text echoes the request",
		setUp: (h) =>
			h.http.intercept(echoing("POST", /^\/packages$/, (request) => text(500, `Internal error ${echo(request)}`), 5)),
		act: (h) => h.connector().createShipment(shipmentRequest()),
	},
	{
		name: "a transport failure quoting the headers",
		setUp: (h) =>
			h.http.intercept(
				echoing(
					"GET",
					SERVICES,
					(request) => {
						throw new Error(`socket hang up: ${echo(request)}`);
					},
					12,
				),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a malformed answer containing the token",
		setUp: (h) => h.http.intercept(echoing("GET", SERVICES, (request) => text(200, `{"services": "${echo(request)}`))),
		act: (h) => h.connector().services(),
	},
	{
		name: "a persistent 401 echoing the tokens",
		setUp: (h) =>
			h.http.intercept(
				echoing(
					"GET",
					SERVICES,
					(request) => json(401, { error: "invalid_token", error_description: echo(request) }),
					12,
				),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a login refused with the form echoed",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", TOKEN, (request) => json(400, { error: "invalid_request", error_description: echo(request) })),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a login refused as invalid_grant with the password echoed",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", TOKEN, (request) => json(400, { error: "invalid_grant", error_description: echo(request) })),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a token answer cut in the middle of a token",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", TOKEN, () =>
					text(200, `{"access_token":"${jwtLike("access-1")}","refresh_token":"${jwtLike("refresh-1").slice(0, 40)}`),
				),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a token answer of the wrong shape",
		setUp: (h) =>
			h.http.intercept(
				echoing("POST", TOKEN, () => json(200, { access_token: jwtLike("access-1"), expires_in: "soon" })),
			),
		act: (h) => h.connector().services(),
	},
	{
		name: "a refused pick-up order whose errors echo the bearer",
		setUp: (h) =>
			// The carrier's refusal quotes the request's bearer and the password (sandbox setting rejectOrders).
			h.http.intercept((exchange) => {
				if (exchange.method === "PUT" && /^\/order-commands\//.test(exchange.path)) {
					h.sandbox.state.settings.rejectOrders = `refused for ${exchange.request.headers?.authorization} ${CREDENTIALS.password}`;
				}
				return undefined;
			}),
		act: (h) => h.connector().createShipment(shipmentRequest()),
	},
	{
		name: "a tracking failure echoing the request, logged",
		setUp: (h) => {
			h.addPackage("1", "transit");
			h.addPackage("2", "transit");
			h.http.intercept(echoing("GET", /^\/packages\/70000002$/, (request) => text(503, echo(request)), 12));
		},
		act: (h) => {
			const shipments = h.connector().track(["70000001", "70000002"]);
			throw new Error(`tracked ${shipments.length}`);
		},
	},
];

describe("no Furgonetka secret in any message, log line or problem", () => {
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
			for (const secret of secrets(h)) {
				expect(exposed).not.toContain(secret);
				expect(exposed).not.toContain(secret.slice(-12));
			}
		});
	}
});
