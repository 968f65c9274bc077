/**
 * The webhook sandbox as a receiver (signature checks, event shape, duplicate ids, answer styles,
 * control API) over async fetch, then the real WebhookConnector against it over synchronous HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { WebhookControlClient } from "../../../local/sandbox/webhook/control-client.js";
import { DEFAULT_WEBHOOK_SECRET } from "../../../local/sandbox/webhook/state.js";
import { signBody, verifySignature } from "../../../local/sandbox/webhook/verify.js";
import { PLACEHOLDER_PREFIX, WebhookConnector } from "../../../src/platforms/webhook/connector.js";
import { FakeClock, nodeCrypto } from "../../platforms/harness/stand-ins.js";
import { syncHttp } from "./sync-http.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

let spawned: SpawnedSandboxes;
let control: WebhookControlClient;

beforeAll(async () => {
	spawned = await spawnSandboxes({ only: ["webhook"], now: NOW });
	control = spawned.control("webhook");
}, 120_000);
afterAll(() => spawned?.stop());
beforeEach(async () => {
	await control.reset({ now: NOW, frozen: true });
});

function created(orderId: string, id = `evt_${orderId}`) {
	return {
		event: "order.created",
		id,
		occurredAt: new Date(NOW).toISOString(),
		order: {
			orderId,
			title: `Etsy ${orderId}`,
			value: 100,
			currency: "PLN",
			stageName: "New",
			person: { name: "Anna", email: "a@example.pl" },
		},
	};
}

async function post(
	hook: string,
	event: unknown,
	options: { secret?: string; signature?: string | null; eventHeader?: string; signedAtMs?: number } = {},
) {
	const raw = typeof event === "string" ? event : JSON.stringify(event);
	const headers: Record<string, string> = { "content-type": "application/json" };
	const signature =
		options.signature === undefined
			? signBody(raw, options.secret ?? DEFAULT_WEBHOOK_SECRET, (options.signedAtMs ?? NOW) / 1000)
			: options.signature;
	if (signature !== null) headers["x-hubsheet-signature"] = signature;
	const name =
		options.eventHeader ?? (typeof event === "object" && event ? (event as { event?: string }).event : undefined);
	if (name) headers["x-hubsheet-event"] = name;
	const response = await fetch(control.hookUrl(hook), { method: "POST", headers, body: raw });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Make-style answers are plain text.
	}
	return { status: response.status, body };
}

describe("signatures", () => {
	it("verifySignature accepts exactly the HMAC of the timestamp and raw bytes, within the tolerance", () => {
		const raw = JSON.stringify(created("1"));
		const t = NOW / 1000;
		const key = "k".repeat(16);
		expect(verifySignature(raw, signBody(raw, key, t), key, t + 299)).toBe("valid");
		expect(verifySignature(`${raw} `, signBody(raw, key, t), key, t)).toBe("mismatch");
		// The timestamp is signed: changing it breaks the signature.
		expect(verifySignature(raw, signBody(raw, key, t).replace(`t=${t}`, `t=${t + 600}`), key, t + 600)).toBe(
			"mismatch",
		);
		expect(verifySignature(raw, signBody(raw, key, t), key, t + 301)).toBe("stale");
		expect(verifySignature(raw, undefined, "k", t)).toBe("missing");
		expect(verifySignature(raw, "sha256=abc", "k", t)).toBe("malformed");
	});

	it("refuses a replay of a recorded event once it is older than the tolerance", async () => {
		expect((await post("orders", created("1"), { signedAtMs: NOW - 299_000 })).status).toBe(200);
		expect((await post("orders", created("2"), { signedAtMs: NOW - 301_000 })).status).toBe(401);
		expect((await control.events({ verdict: "rejected" })).map((event) => event.reason)).toEqual(["signature stale"]);
	});

	it("accepts a signed event and refuses a missing, malformed or wrong signature with 401", async () => {
		expect((await post("orders", created("1"))).status).toBe(200);
		expect((await post("orders", created("2"), { signature: null })).status).toBe(401);
		expect((await post("orders", created("3"), { signature: "sha256=zz" })).status).toBe(401);
		expect((await post("orders", created("4"), { secret: "another-secret-of-16+" })).status).toBe(401);
		const rejected = await control.events({ verdict: "rejected" });
		expect(rejected.map((event) => event.reason)).toEqual([
			"signature missing",
			"signature malformed",
			"signature mismatch",
		]);
		expect(await control.deals()).toHaveLength(1);
	});

	it("checks the body after the signature: shape and the event header", async () => {
		expect((await post("orders", { ...created("1"), event: "order.deleted" })).status).toBe(400);
		expect((await post("orders", created("1"), { eventHeader: "order.status_changed" })).status).toBe(400);
		expect((await post("orders", { ...created("1"), occurredAt: "yesterday" })).status).toBe(400);
		const noPerson = created("1");
		(noPerson.order as Record<string, unknown>).person = null;
		const answer = await post("orders", noPerson);
		expect(answer).toMatchObject({ status: 400, body: { error: "order.person must be {name, email}" } });
		expect((await post("nope", created("1"))).status).toBe(404);
	});
});

describe("receiving", () => {
	it("keeps a deal per order, answering {dealId, url}, and follows stage changes", async () => {
		const first = await post("orders", created("3100000001"));
		expect(first.body).toEqual({
			dealId: "D-1001",
			url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/deals\/D-1001$/),
		});
		const change = {
			event: "order.status_changed",
			id: "evt_x",
			occurredAt: new Date(NOW).toISOString(),
			order: { orderId: "3100000001", dealId: "D-1001", stageName: "Design" },
		};
		expect(await post("orders", change)).toMatchObject({ status: 200, body: { ok: true } });
		const deal = await control.dealForOrder("3100000001");
		expect(deal).toMatchObject({ dealId: "D-1001", stageName: "Design", value: 100 });
		expect(deal.history.map((entry) => entry.stageName)).toEqual(["New", "Design"]);
		const page = await fetch((first.body as { url: string }).url);
		expect(await page.json()).toMatchObject({ orderId: "3100000001", stageName: "Design" });
	});

	it("answers a repeated id as the first time, without acting on it again", async () => {
		const first = await post("orders", created("1", "evt_same"));
		const again = await post("orders", { ...created("1", "evt_same"), occurredAt: new Date(NOW + 1000).toISOString() });
		expect(again).toEqual(first);
		expect((await control.events()).map((event) => event.verdict)).toEqual(["accepted", "duplicate"]);
		expect((await control.dealForOrder("1")).history).toHaveLength(1);
	});

	it("answers in Zapier's, Make's or an empty style", async () => {
		expect((await post("zapier", created("1"))).body).toMatchObject({
			status: "success",
			request_id: expect.any(String),
		});
		expect(await post("make", created("2"))).toEqual({ status: 200, body: "Accepted" });
		await control.setHook({ id: "quiet", secret: "quiet-secret-123456", respond: "empty" });
		expect(await post("quiet", created("3"), { secret: "quiet-secret-123456" })).toEqual({ status: 204, body: "" });
	});

	it("records events with their headers for the control API, filterable", async () => {
		await post("orders", created("1"));
		await post("zapier", created("2"));
		const events = await control.events({ hook: "zapier" });
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: "order.created", orderId: "2", verdict: "accepted", status: 200 });
		expect(events[0]?.headers["x-hubsheet-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		await control.clearEvents();
		expect(await control.events()).toEqual([]);
	});

	it("faults from the kit: 500, 429 with retry-after, malformed", async () => {
		await control.addFault({ kind: "error", status: 500, path: "/hooks/:hook" });
		await control.addFault({ kind: "rate-limit", retryAfter: 7, path: "/hooks/:hook" });
		expect((await post("orders", created("1"))).status).toBe(500);
		const limited = await fetch(control.hookUrl(), { method: "POST", body: "{}" });
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("7");
		await control.addFault({ kind: "malformed", path: "/hooks/:hook" });
		const cut = await post("orders", created("2"));
		expect(cut.status).toBe(200);
		expect(typeof cut.body).toBe("string");
	});

	it("refuses a hook with a short secret or an unknown style", async () => {
		await expect(control.setHook({ id: "x", secret: "short", respond: "deal" })).rejects.toThrow(/16 characters/);
		await expect(control.setHook({ id: "x", secret: "long-enough-secret", respond: "fax" as never })).rejects.toThrow(
			/respond/,
		);
	});
});

describe("WebhookConnector against the sandbox", () => {
	let http: ReturnType<typeof syncHttp>;
	beforeAll(() => {
		http = syncHttp();
	});

	const connector = (hook = "orders", secret = DEFAULT_WEBHOOK_SECRET) =>
		new WebhookConnector({
			http,
			clock: new FakeClock(NOW),
			crypto: nodeCrypto,
			url: control.hookUrl(hook),
			signingSecret: secret,
		});
	const order = (orderId: string, stageName = "New") => ({
		orderId,
		title: `Etsy ${orderId}`,
		value: 1499.5,
		currency: "PLN",
		stageName,
		person: { name: "Anna Kowalska", email: "anna@example.pl" },
	});

	it("creates, re-sends after a crash without a second deal, and moves stages with the receiver's id", async () => {
		const c = connector();
		const deal = c.createDeal(order("3100000001"));
		expect(deal.dealId).toBe("D-1001");
		expect(deal.url).toMatch(/\/deals\/D-1001$/);
		// The run crashed before recording the deal: findDeal cannot know, so the event goes again.
		expect(c.findDeal("3100000001")).toBeNull();
		expect(connector().createDeal(order("3100000001")).dealId).toBe("D-1001");
		expect((await control.events()).map((event) => event.verdict)).toEqual(["accepted", "duplicate"]);
		expect(await control.deals()).toHaveLength(1);

		const results = c.moveStages([
			{ orderId: "3100000001", dealId: deal.dealId, stageName: "Design" },
			{ orderId: "3100000001", dealId: deal.dealId, stageName: "Production" },
		]);
		expect(results.every((result) => result.ok)).toBe(true);
		const received = await control.dealForOrder("3100000001");
		expect(received.stageName).toBe("Production");
		const changes = await control.events({ event: "order.status_changed" });
		expect(changes.map((event) => (event.body as { order: { dealId: string } }).order.dealId)).toEqual([
			"D-1001",
			"D-1001",
		]);
	});

	it("gets a placeholder id from Zapier and Make hooks", async () => {
		expect(connector("zapier").createDeal(order("1")).dealId).toBe(`${PLACEHOLDER_PREFIX}1`);
		expect(connector("make").createDeal(order("2"))).toMatchObject({ dealId: `${PLACEHOLDER_PREFIX}2`, url: "" });
	});

	it("a wrong secret ends as auth; a 5xx on a stage change is retried; on a create it is not", async () => {
		expect(() => connector("orders", "a-wrong-secret-0000").createDeal(order("1"))).toThrow(/signing secret/);
		await control.addFault({ kind: "error", status: 503, path: "/hooks/:hook" });
		const [moved] = connector().moveStages([{ orderId: "2", dealId: "", stageName: "Design" }]);
		expect(moved?.ok).toBe(true);
		await control.addFault({ kind: "error", status: 503, path: "/hooks/:hook" });
		expect(() => connector().createDeal(order("3"))).toThrow(/HTTP 503/);
		const creates = await control.requests({ method: "POST" });
		expect(creates.filter((entry) => entry.fault === "error")).toHaveLength(2);
	});
});
