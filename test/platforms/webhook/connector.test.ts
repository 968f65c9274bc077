import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WebhookSandbox } from "../../../local/sandbox/webhook/sandbox.js";
import type { ResponseStyle } from "../../../local/sandbox/webhook/state.js";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import {
	PLACEHOLDER_PREFIX,
	WebhookConnector,
	type WebhookConnectorOptions,
} from "../../../src/platforms/webhook/connector.js";
import { eventId } from "../../../src/platforms/webhook/events.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { newDeal } from "../harness/new-deal.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { FakeClock, FakeLog, json, nodeCrypto } from "../harness/stand-ins.js";

/** A Zapier-style hook whose id is the secret part of its URL. */
const URL_WITH_KEY = "https://hooks.zapier.com/hooks/abcdefSECRETPATH";
const SECRET = "whsec_test_0123456789abcdef";
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

const order = newDeal("3100000001", { person: { name: "Anna Kowalska", email: "anna@example.pl" } });

/**
 * The connector against the webhook sandbox in this process: a receiver that verifies the signature
 * (on its own clock, the tests' too), drops a repeated event id and answers in its hook's style.
 * `answer`, when given, stands in for the receiver's answer (a refusal, an outage, an echo).
 */
function setup(
	answer?: (request: HttpRequest) => HttpResponse | undefined,
	options: Partial<WebhookConnectorOptions> = {},
	hook: { respond?: ResponseStyle; dealUrl?: string } = {},
) {
	const sandbox = new WebhookSandbox({
		now: NOW,
		frozen: true,
		hooks: [
			{
				id: "abcdefSECRETPATH",
				secret: SECRET,
				respond: hook.respond ?? "zapier",
				...(hook.dealUrl ? { dealUrl: hook.dealUrl } : {}),
			},
		],
	});
	const http = new InProcessHttp(sandbox);
	if (answer) http.intercept((exchange) => answer(exchange.request));
	const clock = new FakeClock(NOW);
	const log = new FakeLog();
	const connector = new WebhookConnector({
		http,
		clock,
		log,
		crypto: nodeCrypto,
		url: URL_WITH_KEY,
		signingSecret: SECRET,
		...options,
	});
	return { sandbox, http, clock, log, connector };
}

/** Answers with `response`, each time or the first `times` times. */
const always = (response: HttpResponse) => () => response;
const firstOnly = (response: HttpResponse): ((request: HttpRequest) => HttpResponse | undefined) => {
	let left = 1;
	return () => (left-- > 0 ? response : undefined);
};

function header(request: HttpRequest, name: string): string | undefined {
	return Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

describe("order.created", () => {
	it("POSTs a signed JSON event with a stable id", () => {
		const { connector, http, sandbox } = setup();
		connector.createDeal(order);
		expect(sandbox.state.events.map((event) => event.verdict)).toEqual(["accepted"]);
		const [request] = http.requests;
		if (!request) throw new Error("nothing sent");
		expect(request).toMatchObject({ url: URL_WITH_KEY, method: "post", contentType: "application/json" });
		const body = JSON.parse(request.body ?? "");
		expect(body).toEqual({
			event: "order.created",
			id: eventId(nodeCrypto, "order.created", "3100000001", "New"),
			occurredAt: "2025-06-01T12:00:00.000Z",
			order: {
				orderId: "3100000001",
				title: "Etsy 3100000001 · Anna Kowalska",
				value: 1499.5,
				currency: "PLN",
				stageName: "New",
				person: { name: "Anna Kowalska", email: "anna@example.pl" },
			},
		});
		expect(Object.keys(body)).toEqual(["event", "id", "occurredAt", "order"]);
		// The timestamp (the run's clock, in seconds) is signed together with the body.
		const t = String(Date.parse("2025-06-01T12:00:00.000Z") / 1000);
		const expected = createHmac("sha256", SECRET)
			.update(`${t}.${request.body ?? ""}`, "utf8")
			.digest("hex");
		expect(header(request, "X-Hubsheet-Signature")).toBe(`t=${t},v1=${expected}`);
		expect(header(request, "X-Hubsheet-Event")).toBe("order.created");
		expect(header(request, "X-Hubsheet-Delivery")).toBe(body.id);
	});

	it("ids are the same for the same order, event and stage, and differ otherwise", () => {
		const id = (event: "order.created" | "order.status_changed", orderId: string, stage: string) =>
			eventId(nodeCrypto, event, orderId, stage);
		expect(id("order.created", "1", "New")).toBe(id("order.created", "1", "New"));
		expect(id("order.created", "1", "New")).toMatch(/^evt_[A-Za-z0-9_-]{32}$/);
		const all = [
			id("order.created", "1", "New"),
			id("order.status_changed", "1", "New"),
			id("order.created", "2", "New"),
			id("order.created", "1", "Design"),
			id("order.created", "1\nNew", ""),
		];
		expect(new Set(all).size).toBe(all.length);
	});

	it("keeps the receiver's {dealId, url}", () => {
		const { connector, sandbox } = setup(
			undefined,
			{},
			{ respond: "deal", dealUrl: "https://crm.example/deals/{dealId}" },
		);
		const created = connector.createDeal(order);
		const dealId = sandbox.state.deals.get("3100000001")?.dealId ?? "";
		expect(dealId).not.toBe("");
		expect(created).toEqual({
			dealId,
			orderId: "3100000001",
			stageName: "New",
			value: 1499.5,
			currency: "PLN",
			url: `https://crm.example/deals/${dealId}`,
			updatedAtMs: Date.UTC(2025, 5, 1, 12, 0, 0),
		});
	});

	it("accepts any other 2xx as a plain acknowledgement, with a placeholder id and no link", () => {
		// Make's "Accepted", Zapier's {id, status}, a bare 204, and a dealId that is not one.
		for (const respond of ["make", "zapier", "empty"] as const) {
			const { connector } = setup(undefined, {}, { respond });
			expect(connector.createDeal(order)).toMatchObject({ dealId: `${PLACEHOLDER_PREFIX}3100000001`, url: "" });
		}
		const { connector } = setup(always(json(200, { dealId: { x: 1 } })));
		expect(connector.createDeal(order)).toMatchObject({ dealId: `${PLACEHOLDER_PREFIX}3100000001`, url: "" });
	});

	it("drops a url that is not http(s)", () => {
		const { connector } = setup(undefined, {}, { respond: "deal", dealUrl: "javascript:alert({dealId})" });
		const created = connector.createDeal(order);
		expect(created.dealId).not.toContain(PLACEHOLDER_PREFIX);
		expect(created.url).toBe("");
	});

	it("is not sent twice in a run after a 5xx or a timeout: unavailable, may have applied", () => {
		const down = setup(always(json(502, { error: "bad gateway" })));
		expect(platformErrorOf(() => down.connector.createDeal(order))).toMatchObject({
			kind: "unavailable",
			options: { status: 502, mayHaveApplied: true },
		});
		expect(down.http.requests).toHaveLength(1);
		const timeout = setup(() => {
			throw new Error("Timeout");
		});
		expect(platformErrorOf(() => timeout.connector.createDeal(order))).toMatchObject({
			kind: "unavailable",
			options: { mayHaveApplied: true },
		});
		expect(timeout.http.requests).toHaveLength(1);
	});

	it("waits out a 429 and sends again with the same body", () => {
		const { connector, http, clock, sandbox } = setup(firstOnly(json(429, {}, { "retry-after": "2" })));
		connector.createDeal(order);
		expect(clock.sleeps).toEqual([2000]);
		expect(http.requests[0]?.body).toBe(http.requests[1]?.body);
		expect(sandbox.state.events.map((event) => event.verdict)).toEqual(["accepted"]);
	});

	it.each([
		[401, "auth", "signing secret"],
		[403, "auth", "signing secret"],
		[404, "auth", "Zap or scenario is turned on"],
		[410, "auth", "Check the URL"],
		[400, "rejected", "HTTP 400"],
		[422, "rejected", "HTTP 422"],
	])("HTTP %i ends as %s", (status, kind, words) => {
		const { connector } = setup(always(json(status, { error: "nope" })));
		const error = platformErrorOf(() => connector.createDeal(order));
		expect(error).toMatchObject({ kind, platform: "Webhook", options: { status } });
		expect(error.message).toContain(words);
		expect(error.message).toContain("nope");
	});
});

describe("order.status_changed", () => {
	it("POSTs one event per move with the receiver's deal id, one result each", () => {
		const { connector, http } = setup();
		const results = connector.moveStages([
			{ orderId: "1", dealId: "D-1001", stageName: "Design" },
			{ orderId: "2", dealId: `${PLACEHOLDER_PREFIX}2`, stageName: "Production" },
		]);
		expect(results).toEqual([
			{ orderId: "1", ok: true },
			{ orderId: "2", ok: true },
		]);
		const bodies = http.requests.map((request) => JSON.parse(request.body ?? ""));
		expect(bodies.map((body) => body.order)).toEqual([
			{ orderId: "1", dealId: "D-1001", stageName: "Design" },
			{ orderId: "2", dealId: null, stageName: "Production" },
		]);
		expect(bodies.map((body) => body.event)).toEqual(["order.status_changed", "order.status_changed"]);
		expect(bodies[0].id).toBe(eventId(nodeCrypto, "order.status_changed", "1", "Design"));
	});

	it("gives a return to an earlier stage a new event id, and a retry of one change the same id", () => {
		const { connector, http, sandbox } = setup();
		// Design -> Production -> Design, then the last change sent again (a retry after a lost answer).
		connector.moveStages([{ orderId: "1", dealId: "D-1", stageName: "Design", change: 1 }]);
		connector.moveStages([{ orderId: "1", dealId: "D-1", stageName: "Production", change: 2 }]);
		connector.moveStages([{ orderId: "1", dealId: "D-1", stageName: "Design", change: 3 }]);
		connector.moveStages([{ orderId: "1", dealId: "D-1", stageName: "Design", change: 3 }]);
		const ids = http.requests.map((request) => JSON.parse(request.body ?? "").id as string);
		expect(new Set(ids.slice(0, 3)).size).toBe(3);
		expect(ids[3]).toBe(ids[2]);
		// The receiver drops the repeated id, answering as the first time.
		expect(sandbox.state.events.map((event) => event.verdict)).toEqual([
			"accepted",
			"accepted",
			"accepted",
			"duplicate",
		]);
	});

	it("sends in parallel groups of ten", () => {
		const { connector, http } = setup();
		const moves = Array.from({ length: 25 }, (_, i) => ({ orderId: String(i), dealId: "", stageName: "Design" }));
		expect(connector.moveStages(moves).every((result) => result.ok)).toBe(true);
		expect(http.fetchAllCalls).toBe(3);
	});

	it("gives each move its own outcome: retried 5xx and 429, refusals as findings", () => {
		const seen = new Map<string, number>();
		const { connector } = setup((request) => {
			const orderId = JSON.parse(request.body ?? "").order.orderId as string;
			const count = (seen.get(orderId) ?? 0) + 1;
			seen.set(orderId, count);
			if (orderId === "flaky") return count === 1 ? json(503, {}) : undefined;
			if (orderId === "busy") return count === 1 ? json(429, {}) : undefined;
			if (orderId === "refused") return json(422, { error: "unknown stage for this CRM" });
			if (orderId === "down") return json(500, { error: "down" });
			return undefined;
		});
		const results = connector.moveStages(
			["ok", "flaky", "busy", "refused", "down"].map((orderId) => ({ orderId, dealId: "", stageName: "Design" })),
		);
		expect(results.map((result) => (result.ok ? "ok" : result.error.kind))).toEqual([
			"ok",
			"ok",
			"ok",
			"rejected",
			"unavailable",
		]);
		expect(results[3]?.ok === false && results[3].error.message).toContain("unknown stage for this CRM");
		// A status change is repeated safely (the receiver drops a repeated id): the parallel first
		// attempt, then the bounded retries of one request.
		expect(seen.get("down")).toBe(4);
	});

	it("survives fetchAll throwing for a request without an answer", () => {
		const { connector, http } = setup();
		http.fetchAll = () => {
			throw new Error("Address unavailable");
		};
		const results = connector.moveStages([{ orderId: "1", dealId: "", stageName: "Design" }]);
		expect(results).toEqual([{ orderId: "1", ok: true }]);
	});
});

describe("a webhook has no state to read", () => {
	it("finds nothing, sees no changes, knows every stage", () => {
		const { connector, http } = setup();
		expect(connector.findDeal("3100000001")).toBeNull();
		expect(connector.dealsChangedSince(0)).toEqual([]);
		expect(connector.unknownStages(["Anything at all", ""])).toEqual([]);
		expect(http.requests).toHaveLength(0);
	});

	it("sends a test event with a fresh id each time", () => {
		const { connector, http, clock } = setup();
		connector.sendTestEvent();
		clock.advance(1000);
		connector.sendTestEvent();
		const [first, second] = http.requests.map((request) => JSON.parse(request.body ?? ""));
		expect(first.event).toBe("hubsheet.test");
		expect(first.order).toEqual({});
		expect(first.id).not.toBe(second.id);
	});
});

describe("configuration and secrets", () => {
	it("refuses a missing URL or a short secret as a connection problem", () => {
		expect(() => setup(undefined, { url: "hooks.zapier.com/x" })).toThrow(/not an http\(s\) address/);
		expect(() => setup(undefined, { signingSecret: "short" })).toThrow(/at least 16 characters/);
		// Long enough, but one repeated letter: no entropy, refused.
		expect(() => setup(undefined, { signingSecret: "a".repeat(16) })).toThrow(/too easy to guess/);
		expect(() => setup(undefined, { signingSecret: "abababababababababababab" })).toThrow(/too easy to guess/);
	});

	it("never puts the signing secret or the hook's URL in a message or a log line", () => {
		const echo = (request: HttpRequest): HttpResponse =>
			json(500, { error: `secret=${SECRET} url=${request.url} path=/hooks/abcdefSECRETPATH` });
		const { connector, log } = setup(echo);
		const messages: string[] = [];
		try {
			connector.createDeal(order);
		} catch (error) {
			if (error instanceof PlatformError) messages.push(error.message, error.stack ?? "");
		}
		for (const result of connector.moveStages([{ orderId: "1", dealId: "", stageName: "New" }])) {
			if (!result.ok) messages.push(result.error.message, result.error.endpoint);
		}
		const everything = [...messages, ...log.lines].join("\n");
		expect(messages[0]).toContain("order.created to hooks.zapier.com");
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain("SECRETPATH");
	});
});
