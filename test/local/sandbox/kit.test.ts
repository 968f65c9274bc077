import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimClock } from "../../../local/sandbox/kit/clock.js";
import { SandboxControlClient } from "../../../local/sandbox/kit/control-client.js";
import { FaultQueue } from "../../../local/sandbox/kit/faults.js";
import { type Handler, json } from "../../../local/sandbox/kit/http.js";
import { Rng } from "../../../local/sandbox/kit/random.js";
import { RateLimiter } from "../../../local/sandbox/kit/rate-limit.js";
import { Router } from "../../../local/sandbox/kit/router.js";
import { RuntimeClockFollower } from "../../../local/sandbox/kit/runtime-clock.js";
import { listenSandbox, type RunningSandbox, type SandboxPlatform } from "../../../local/sandbox/kit/server.js";

describe("Router", () => {
	const router = new Router<string>()
		.get("/v3/shops/:shop_id/receipts", "list")
		.get("/v3/shops/:shop_id/receipts/:receipt_id", "one")
		.post("/files/*", "upload");

	it("matches params and wildcards", () => {
		expect(router.match("GET", "/v3/shops/12/receipts/34")).toEqual({
			handler: "one",
			params: { shop_id: "12", receipt_id: "34" },
			pattern: "/v3/shops/:shop_id/receipts/:receipt_id",
		});
		expect(router.match("POST", "/files/a/b.txt")).toMatchObject({ handler: "upload", params: { "*": "a/b.txt" } });
	});

	it("tells a wrong method from an unknown path", () => {
		expect(router.match("DELETE", "/v3/shops/12/receipts")).toEqual({ methodMismatch: true });
		expect(router.match("GET", "/v3/shops/12")).toBeUndefined();
	});
});

describe("SimClock", () => {
	it("advances over real time and notifies listeners", () => {
		let real = 1_000_000;
		const clock = new SimClock(() => real);
		const seen: Array<[number, number]> = [];
		clock.onAdvance((from, to) => seen.push([from, to]));
		clock.advance(5000);
		expect(clock.now()).toBe(1_005_000);
		real += 10;
		expect(clock.now()).toBe(1_005_010);
		expect(seen).toEqual([[1_000_000, 1_005_000]]);
		expect(() => clock.advance(-1)).toThrow(RangeError);
	});

	it("can be frozen at a given time", () => {
		let real = 0;
		const clock = new SimClock(() => real);
		clock.set(Date.UTC(2026, 0, 15), true);
		real += 60_000;
		expect(clock.now()).toBe(Date.UTC(2026, 0, 15));
		clock.advance(1000);
		expect(clock.nowSeconds()).toBe(Date.UTC(2026, 0, 15) / 1000 + 1);
		clock.reset();
		expect(clock.now()).toBe(real);
	});
});

describe("Rng", () => {
	it("repeats for a seed and differs across seeds", () => {
		const a = new Rng(42);
		const b = new Rng(42);
		const c = new Rng(43);
		const seq = (rng: Rng) => Array.from({ length: 5 }, () => rng.int(0, 1000));
		const first = seq(a);
		expect(seq(b)).toEqual(first);
		expect(seq(c)).not.toEqual(first);
	});
});

describe("FaultQueue", () => {
	const req = (path: string, query: Record<string, string> = {}) => ({ method: "GET", path, query });

	it("applies a fault N times after skipping M matching requests", () => {
		const faults = new FaultQueue();
		faults.add({ kind: "error", status: 503, path: "/v3/shops/:id/receipts", after: 1, times: 2 });
		expect(faults.take(req("/v3/shops/1/receipts"))).toBeUndefined();
		expect(faults.take(req("/other"))).toBeUndefined();
		expect(faults.take(req("/v3/shops/1/receipts"))?.status).toBe(503);
		expect(faults.take(req("/v3/shops/1/receipts"))?.status).toBe(503);
		expect(faults.take(req("/v3/shops/1/receipts"))).toBeUndefined();
		expect(faults.list()).toEqual([]);
	});

	it("matches on query values and method", () => {
		const faults = new FaultQueue();
		faults.add({ kind: "malformed", method: "GET", query: { offset: "100" } });
		expect(faults.take(req("/x", { offset: "0" }))).toBeUndefined();
		expect(faults.take({ method: "POST", path: "/x", query: { offset: "100" } })).toBeUndefined();
		expect(faults.take(req("/x", { offset: "100" }))?.kind).toBe("malformed");
	});

	it("rejects nonsense", () => {
		const faults = new FaultQueue();
		expect(() => faults.add({ kind: "explode" } as never)).toThrow(/fault kind/);
		expect(() => faults.add({ kind: "delay" })).toThrow(/ms/);
		expect(() => faults.add({ kind: "error", status: 200 })).toThrow(/4xx or 5xx/);
	});
});

describe("RateLimiter", () => {
	it("limits per second and per rolling day, both over sandbox time", () => {
		let sim = 0;
		const limiter = new RateLimiter({ perSecond: 2, perDay: 3 }, () => sim);
		expect(limiter.hit()).toMatchObject({ allowed: true, remainingThisSecond: 1, remainingToday: 2 });
		expect(limiter.hit().allowed).toBe(true);
		expect(limiter.hit()).toMatchObject({ allowed: false, retryAfter: 1 });
		// A second of sandbox time (the script's sleep, or the clock advanced) frees the window.
		sim += 1000;
		expect(limiter.hit()).toMatchObject({ allowed: true, remainingToday: 0 });
		sim += 1000;
		// The first hit leaves the 24 h window 24 h after it.
		expect(limiter.hit()).toMatchObject({ allowed: false, retryAfter: 24 * 3600 - 2 });
		sim += 24 * 3_600_000 - 2000 + 1;
		expect(limiter.hit().allowed).toBe(true);
	});
});

describe("RuntimeClockFollower", () => {
	it("moves the sandbox clock on by what each execution waited since its previous request, once", () => {
		const clock = new SimClock();
		clock.set(1_000_000, true);
		const follower = new RuntimeClockFollower(clock);
		follower.follow("exec-a 0");
		expect(clock.now()).toBe(1_000_000);
		follower.follow("exec-a 2000");
		expect(clock.now()).toBe(1_002_000);
		// The same wait seen again (fetchAll's parallel requests) counts once.
		follower.follow("exec-a 2000");
		expect(clock.now()).toBe(1_002_000);
		// Another execution's waits are its own.
		follower.follow("exec-b 500");
		expect(clock.now()).toBe(1_002_500);
		follower.follow("exec-a 3000");
		expect(clock.now()).toBe(1_003_500);
		// Requests from elsewhere (no header, or a malformed one) move nothing.
		follower.follow(undefined);
		follower.follow("exec-c -5");
		follower.follow("nonsense");
		expect(clock.now()).toBe(1_003_500);
	});
});

/** A one-route platform, enough to exercise the server shell and its control API. */
function testPlatform(): SandboxPlatform & { resets: Array<Record<string, unknown>> } {
	const routes = new Router<Handler>()
		.get("/items/:id", (req) => json(200, { id: req.params.id, query: req.query }))
		.post("/items", (req) => json(201, { received: req.body }));
	const resets: Array<Record<string, unknown>> = [];
	return {
		name: "test",
		clock: new SimClock(),
		routes,
		controlRoutes: new Router<Handler>().get("/hello", () => json(200, { hello: "world" })),
		resets,
		reset: (options) => {
			resets.push(options);
		},
		errorBody: (_status, message) => ({ message }),
		revokedTokenResponse: () => json(401, { message: "token revoked" }),
		rateLimitedResponse: (retryAfter) => ({
			...json(429, { message: "slow down" }),
			headers: { "retry-after": String(retryAfter) },
		}),
	};
}

describe("sandbox server and control API", () => {
	let sandbox: RunningSandbox;
	let platform: ReturnType<typeof testPlatform>;
	let control: SandboxControlClient;
	const get = (path: string, init?: RequestInit) => fetch(`${sandbox.url}${path}`, init);

	beforeAll(async () => {
		platform = testPlatform();
		sandbox = await listenSandbox(platform);
		control = new SandboxControlClient(sandbox.url);
	});
	afterAll(() => sandbox.close());
	beforeEach(() => control.reset());

	it("routes, and answers unknown paths with the platform's error body", async () => {
		const ok = await get("/items/7?a=1&a=2");
		expect(await ok.json()).toEqual({ id: "7", query: { a: ["1", "2"] } });
		const missing = await get("/nope");
		expect(missing.status).toBe(404);
		expect(await missing.json()).toHaveProperty("message");
	});

	it("logs requests with secrets masked", async () => {
		await get("/items/1", { headers: { authorization: "Bearer 123.secret", "x-api-key": "key:secret" } });
		await fetch(`${sandbox.url}/items`, {
			method: "POST",
			headers: { "content-type": "application/x-www-form-urlencoded" },
			body: "refresh_token=abc&grant_type=refresh_token",
		});
		const [first, second] = await control.requests();
		expect(first).toMatchObject({ method: "GET", path: "/items/1", route: "/items/:id", status: 200 });
		expect(first?.headers.authorization).toBe("Bearer [redacted]");
		expect(first?.headers["x-api-key"]).toBe("[redacted]");
		expect(JSON.stringify(first)).not.toContain("secret");
		expect(second?.body).toEqual({ refresh_token: "[redacted]", grant_type: "refresh_token" });
		expect(second?.responseBody).toEqual({ received: { refresh_token: "[redacted]", grant_type: "refresh_token" } });
		await control.clearRequests();
		expect(await control.requests()).toEqual([]);
	});

	it("injects 5xx, 429 and revoked-token faults N times", async () => {
		await control.addFault({ kind: "error", status: 502, path: "/items/:id", times: 2 });
		expect((await get("/items/1")).status).toBe(502);
		expect((await get("/items/1")).status).toBe(502);
		expect((await get("/items/1")).status).toBe(200);

		await control.addFault({ kind: "rate-limit", retryAfter: 17 });
		const limited = await get("/items/1");
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("17");

		await control.addFault({ kind: "revoked-token" });
		expect(await (await get("/items/1")).json()).toEqual({ message: "token revoked" });
		const log = await control.requests();
		expect(log.map((entry) => entry.fault ?? null)).toEqual(["error", "error", null, "rate-limit", "revoked-token"]);
	});

	it("serves malformed JSON on demand", async () => {
		await control.addFault({ kind: "malformed", path: "/items/*" });
		const response = await get("/items/1");
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toBe("application/json");
		await expect(response.json()).rejects.toThrow();
	});

	it("holds a response for a delay fault", async () => {
		await control.addFault({ kind: "delay", ms: 300 });
		const started = Date.now();
		const response = await get("/items/1");
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
	});

	it("lets a client time out against a long delay", async () => {
		await control.addFault({ kind: "delay", ms: 2000 });
		await expect(get("/items/1", { signal: AbortSignal.timeout(200) })).rejects.toThrow();
	});

	it("drops the connection for a disconnect fault", async () => {
		await control.addFault({ kind: "disconnect" });
		await expect(get("/items/1")).rejects.toThrow();
		expect((await get("/items/1")).status).toBe(200);
	});

	it("lists and clears faults; rejects a bad fault with 400", async () => {
		await control.addFault({ kind: "error", times: 5 });
		expect(await control.faults()).toHaveLength(1);
		await control.clearFaults();
		expect(await control.faults()).toEqual([]);
		await expect(control.addFault({ kind: "boom" } as never)).rejects.toMatchObject({ status: 400 });
	});

	it("advances and sets the simulated clock", async () => {
		const before = await control.clock();
		const after = await control.advanceClock({ days: 2, seconds: 5 });
		expect(after.now - before.now).toBeGreaterThanOrEqual(2 * 86_400_000 + 5000);
		const frozen = await control.setClock("2026-03-01T10:00:00Z", true);
		expect(frozen).toMatchObject({ iso: "2026-03-01T10:00:00.000Z", frozen: true });
		expect(platform.clock.now()).toBe(Date.parse("2026-03-01T10:00:00Z"));
	});

	it("resets: faults and log cleared, platform reseeded", async () => {
		await control.addFault({ kind: "error", times: 3 });
		await get("/items/1");
		await control.reset({ seed: 9 });
		expect(platform.resets.at(-1)).toEqual({ seed: 9 });
		expect(await control.faults()).toEqual([]);
		expect(await control.requests()).toEqual([]);
	});

	it("serves platform control routes under /__sandbox/<name>", async () => {
		expect(await (await get("/__sandbox/test/hello")).json()).toEqual({ hello: "world" });
		expect((await get("/__sandbox/test/nope")).status).toBe(404);
		expect((await get("/__sandbox/requests")).status).toBe(200);
		// Control traffic is not part of the vendor conversation: it is neither logged nor faulted.
		expect(await control.requests()).toEqual([]);
	});
});
