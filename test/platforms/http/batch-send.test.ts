import { describe, expect, it } from "vitest";
import { sendAllWithRetries } from "../../../src/platforms/http/batch-send.js";
import { DEFAULT_RETRY_POLICY, type SendSpec } from "../../../src/platforms/http/retrying-send.js";
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";
import { FakeClock, json, text } from "../harness/stand-ins.js";

/** The transport's own unit test answers each request from a function: no platform is involved. */
class FakeHttp implements Http {
	readonly requests: HttpRequest[] = [];
	constructor(private readonly answer: (request: HttpRequest) => HttpResponse) {}
	fetch(request: HttpRequest): HttpResponse {
		this.requests.push(request);
		return this.answer(request);
	}
	fetchAll(requests: HttpRequest[]): HttpResponse[] {
		return requests.map((request) => this.fetch(request));
	}
}

const spec: SendSpec = { platform: "Furgonetka", endpoint: "GET /packages/{id}", idempotent: true, secrets: [] };
const requests = (n: number): HttpRequest[] =>
	Array.from({ length: n }, (_, i) => ({ url: `https://x.test/${i}`, method: "get" }));

describe("sendAllWithRetries", () => {
	it("answers from one fetchAll when every answer is final", () => {
		const http = new FakeHttp((request) => json(200, { url: request.url }));
		let batches = 0;
		const fetchAll = http.fetchAll.bind(http);
		http.fetchAll = (list) => {
			batches++;
			return fetchAll(list);
		};
		const answers = sendAllWithRetries(
			{ http, clock: new FakeClock(), policy: DEFAULT_RETRY_POLICY },
			requests(3).map((request) => ({ request, spec })),
		);
		expect(answers.every((a) => a.ok && a.response.status === 200)).toBe(true);
		expect(batches).toBe(1);
		expect(http.requests).toHaveLength(3);
	});

	it("waits once as long as the most demanding 429 asked, then resends only those", () => {
		const seen = new Map<string, number>();
		const http = new FakeHttp((request) => {
			const n = (seen.get(request.url) ?? 0) + 1;
			seen.set(request.url, n);
			if (request.url.endsWith("/1") && n === 1) return json(429, {}, { "retry-after": "4" });
			if (request.url.endsWith("/2") && n === 1) return text(503, "busy");
			return json(200, {});
		});
		const clock = new FakeClock();
		const answers = sendAllWithRetries(
			{ http, clock, policy: DEFAULT_RETRY_POLICY },
			requests(3).map((request) => ({ request, spec })),
		);
		expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
		expect(clock.sleeps).toEqual([4000]);
		expect(http.requests).toHaveLength(5);
	});

	it("fails only the slot that keeps failing, and one that asks to wait too long", () => {
		const http = new FakeHttp((request) => {
			if (request.url.endsWith("/0")) return text(500, "broken");
			if (request.url.endsWith("/1")) return json(429, {}, { "retry-after": "3600" });
			return json(200, {});
		});
		const answers = sendAllWithRetries(
			{ http, clock: new FakeClock(), policy: DEFAULT_RETRY_POLICY },
			requests(3).map((request) => ({ request, spec })),
		);
		expect(answers[0]?.ok === false && answers[0].error.kind).toBe("unavailable");
		expect(answers[1]?.ok === false && answers[1].error.kind).toBe("rate-limit");
		expect(answers[2]?.ok).toBe(true);
	});

	it("sends each request on its own when fetchAll throws for a missing answer", () => {
		const http = new FakeHttp((request) => {
			if (request.url.endsWith("/1")) throw new Error("Address unavailable");
			return json(200, {});
		});
		http.fetchAll = () => {
			throw new Error("Address unavailable: https://x.test/1");
		};
		const answers = sendAllWithRetries(
			{ http, clock: new FakeClock(), policy: DEFAULT_RETRY_POLICY },
			requests(3).map((request) => ({ request, spec })),
		);
		expect(answers.map((a) => a.ok)).toEqual([true, false, true]);
	});
});
