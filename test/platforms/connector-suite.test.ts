/**
 * One suite every connector passes (the CRMs, the couriers and the marketplace), against its own sandbox (in this process), built from its
 * descriptor as the add-on builds it: a create is sent once and found again after an answer that was
 * lost (never made twice), a secret the platform echoes never reaches a message or the log, a 5xx on
 * a read is retried, a 429 is waited out as the platform asks and reported as a rate limit when it
 * persists, and each failure is a PlatformError naming the platform and the endpoint, of the right kind.
 */
import { describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/connector-contracts.js";
import type { ConnectorContext, ConnectorDescriptor } from "../../src/platforms/http/descriptor.js";
import { MARKETPLACE, PLATFORMS } from "../../src/platforms/registry.js";
import type { HttpResponse } from "../../src/ports.js";
import { CASES, type Connector, type ConnectorCase, NOW } from "./harness/cases.js";
import { InProcessHttp, once } from "./harness/in-process-http.js";
import { platformErrorOf } from "./harness/platform-error.js";
import { FakeClock, FakeLog, FakeStore, nodeCrypto } from "./harness/stand-ins.js";

function world(c: ConnectorCase) {
	const sandbox = c.sandbox();
	const http = new InProcessHttp(sandbox);
	const clock = new FakeClock(NOW);
	const store = new FakeStore();
	const log = new FakeLog();
	const build = (): Connector => {
		const context: ConnectorContext = {
			http,
			clock,
			log,
			crypto: nodeCrypto,
			store,
			secrets: c.secrets,
			settings: c.settings,
			apiBaseUrl: `https://${c.descriptor.id}.sandbox.test`,
		};
		return c.connect ? c.connect(context, http) : (c.descriptor as ConnectorDescriptor).create(context);
	};
	const count = (orderId: string) =>
		[...c.records(sandbox)].filter((record) => JSON.stringify(record).includes(orderId)).length;
	return { sandbox, http, clock, store, log, build, count };
}

const jsonAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
	status,
	headers: { "content-type": "application/json", ...headers },
	body: JSON.stringify(body),
});

it("is run by every connector in the registry, the marketplace included", () => {
	const registered = [MARKETPLACE, ...PLATFORMS].map((descriptor) => descriptor.name);
	expect(CASES.map((c) => c.descriptor.name).sort()).toEqual(registered.sort());
});

describe.each(CASES.map((c) => [c.descriptor.name, c] as const))("%s connector", (name, c) => {
	it("creates once: an answer lost after the platform acted is never followed by a second create", () => {
		const w = world(c);
		const orderId = "3177700001";
		w.http.intercept(
			once(c.createPath.method, c.createPath.path, jsonAnswer(502, { error: "bad gateway" }), { applied: true }),
		);
		let first: unknown = null;
		try {
			first = c.create(w.build(), orderId, w.sandbox);
		} catch (error) {
			expect(error).toBeInstanceOf(PlatformError);
			expect((error as PlatformError).options.mayHaveApplied).toBe(true);
		}
		expect(w.http.sent(c.createPath.method, c.createPath.path)).toHaveLength(1);
		// The next run does what the engine does: looks it up first, creates only when not found.
		const next = w.build();
		const found = first ?? c.find?.(next, orderId, w.sandbox) ?? null;
		if (found === null) c.create(next, orderId, w.sandbox);
		if (c.find) expect(found).not.toBeNull();
		expect(w.count(orderId)).toBe(1);
	});

	it("never lets a secret the platform echoes reach a message or the log", () => {
		const w = world(c);
		const echoed = new Set([c.secret]);
		let left = 10;
		w.http.intercept((exchange) => {
			if (left <= 0 || exchange.method !== c.readPath.method || !c.readPath.path.test(exchange.path)) return undefined;
			left--;
			const carried = (c.carried?.(exchange.request) ?? []).filter((value) => value !== "");
			for (const value of carried) echoed.add(value);
			const all = [c.secret, ...carried].join(" ");
			return jsonAnswer(400, { message: `bad request for ${all}`, error: all });
		});
		const error = platformErrorOf(() => c.read(w.build(), w.sandbox));
		for (const secret of echoed) {
			expect(error.message).not.toContain(secret);
			expect(JSON.stringify(w.log)).not.toContain(secret);
		}
	});

	it("retries a read after a 5xx and succeeds", () => {
		const w = world(c);
		w.http.intercept(once(c.readPath.method, c.readPath.path, jsonAnswer(503, { error: "unavailable" })));
		c.read(w.build(), w.sandbox);
		expect(w.http.sent(c.readPath.method, c.readPath.path).length).toBeGreaterThanOrEqual(2);
	});

	it("waits out a 429 as long as the platform asks, and reports a persistent one as a rate limit", () => {
		const w = world(c);
		const limited = jsonAnswer(429, { message: "slow down" }, { "retry-after": "2" });
		w.http.intercept(once(c.readPath.method, c.readPath.path, limited));
		const before = w.clock.now().getTime();
		c.read(w.build(), w.sandbox);
		expect(w.clock.now().getTime() - before).toBeGreaterThanOrEqual(2000);

		const again = world(c);
		again.http.intercept(once(c.readPath.method, c.readPath.path, limited, { times: 100 }));
		const error = platformErrorOf(() => c.read(again.build(), again.sandbox));
		expect(error.kind).toBe("rate-limit");
		expect(error.platform).toBe(name);
	});

	it("maps a refused sign-in to auth and an unreadable answer to malformed, naming platform and endpoint", () => {
		const w = world(c);
		w.http.intercept(
			once(c.readPath.method, c.readPath.path, jsonAnswer(401, { message: "unauthorized" }), { times: 10 }),
		);
		const auth = platformErrorOf(() => c.read(w.build(), w.sandbox));
		expect(auth.kind).toBe("auth");
		expect(auth.platform).toBe(name);
		expect(auth.endpoint).not.toBe("");

		if (c.find) {
			const m = world(c);
			m.http.intercept(
				once(
					c.readPath.method,
					c.readPath.path,
					{ status: 200, headers: { "content-type": "application/json" }, body: "{not json" },
					{ times: 10 },
				),
			);
			const malformed = platformErrorOf(() => c.read(m.build(), m.sandbox));
			expect(malformed.kind).toBe("malformed");
			expect(malformed.platform).toBe(name);
			expect(malformed.endpoint).not.toBe("");
		}
	});
});
