/**
 * The private app token must never reach an error message, a stack or a log line, even when
 * HubSpot, a proxy or the transport echoes it back.
 */
import { describe, expect, it } from "vitest";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { json, text } from "../harness/stand-ins.js";
import { harness, once, TOKEN } from "./harness.js";

const OTHER_TOKEN = "pat-eu1-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

function echo(request: HttpRequest): string {
	return `${JSON.stringify(request.headers ?? {})} token=${TOKEN} ${encodeURIComponent(TOKEN)} also ${OTHER_TOKEN}`;
}

const scenarios: Array<{ name: string; answer: (request: HttpRequest) => HttpResponse }> = [
	{
		name: "a 401 whose message echoes the request",
		answer: (r) => json(401, { status: "error", message: echo(r), category: "INVALID_AUTHENTICATION" }),
	},
	{
		name: "a 400 whose detail errors echo it",
		answer: (r) => json(400, { status: "error", message: "bad", errors: [{ message: echo(r) }] }),
	},
	{ name: "a 5xx HTML page quoting the header", answer: (r) => text(502, `<html>${echo(r)}</html>`) },
	{ name: "a 2xx body that is not JSON", answer: (r) => text(200, `{"id": ${echo(r)}`) },
	{ name: "a 2xx body of the wrong shape", answer: (r) => json(200, { id: echo(r), properties: "x" }) },
	{
		name: "a transport error quoting the request",
		answer: (r) => {
			throw new Error(`socket hang up while sending ${echo(r)}`);
		},
	},
];

describe("secrets never reach messages", () => {
	for (const scenario of scenarios) {
		it(`findDeal / moveStages / createDeal: ${scenario.name}`, () => {
			const { connector, log, http } = harness({ connector: { linkContacts: false } });
			// The sandbox answers everything else (pipelines); these three answer with the scenario's echo.
			http.intercept((exchange) =>
				exchange.path === "/crm/v3/objects/deals/batch/update" ||
				exchange.path === "/crm/v3/objects/deals" ||
				(exchange.method === "GET" && exchange.path.startsWith("/crm/v3/objects/deals/"))
					? scenario.answer(exchange.request)
					: undefined,
			);
			const messages: string[] = [];
			const collect = (act: () => unknown) => {
				try {
					act();
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					messages.push(error.message, error.stack ?? "");
				}
			};
			collect(() => connector.findDeal("3100000001"));
			for (const result of connector.moveStages([{ orderId: "1", dealId: "20001", stageName: "New" }])) {
				if (!result.ok) messages.push(result.error.message, result.error.stack ?? "");
			}
			collect(() =>
				connector.createDeal({
					orderId: "3100000001",
					title: "t",
					value: 1,
					currency: "PLN",
					stageName: "New",
					person: { name: "A", email: "" },
				}),
			);
			expect(messages.length).toBeGreaterThan(0);
			const everything = [...messages, ...log.lines].join("\n");
			expect(everything).not.toContain(TOKEN);
			expect(everything).not.toContain(encodeURIComponent(TOKEN));
			expect(everything).not.toContain(OTHER_TOKEN);
		});
	}

	it("a 207 error message quoting the token is redacted too", () => {
		const { connector, http } = harness();
		http.intercept(
			once(
				"POST",
				"/crm/v3/objects/deals/batch/update",
				json(207, {
					status: "COMPLETE",
					results: [],
					errors: [{ message: `nope ${TOKEN}`, context: { ids: ["20001"] } }],
				}),
			),
		);
		const [result] = connector.moveStages([{ orderId: "1", dealId: "20001", stageName: "New" }]);
		expect(result?.ok === false && result.error.message).toContain("nope [redacted]");
	});
});
