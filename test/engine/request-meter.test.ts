import { describe, expect, it } from "vitest";
import { RequestMeter } from "../../src/engine/request-meter.js";
import type { Http, HttpRequest, HttpResponse } from "../../src/ports.js";

/** Answers each request with the next status of the script, and keeps what it was sent. */
function scriptedHttp(statuses: number[]): Http & { sent: HttpRequest[] } {
	const sent: HttpRequest[] = [];
	const answer = (request: HttpRequest): HttpResponse => {
		sent.push(request);
		const status = statuses.shift();
		if (status === undefined) throw new Error("no answer scripted");
		return { status, headers: { "x-seen": request.url }, body: `answer ${status}` };
	};
	return { sent, fetch: answer, fetchAll: (requests) => requests.map(answer) };
}

const GET = (url: string): HttpRequest => ({ url, method: "get" });

describe("RequestMeter", () => {
	it("says a platform answered only after a 2xx answer from it", () => {
		const meter = new RequestMeter();
		const http = meter.wrap("Pipedrive", scriptedHttp([500, 201]));
		expect(meter.answered("Pipedrive")).toBe(false);
		http.fetch(GET("https://crm.example/a"));
		expect(meter.answered("Pipedrive")).toBe(false);
		http.fetch(GET("https://crm.example/b"));
		expect(meter.answered("Pipedrive")).toBe(true);
	});

	it("counts no answer outside 200-299: a redirect, a refusal, an outage", () => {
		const meter = new RequestMeter();
		const http = meter.wrap("Furgonetka", scriptedHttp([199, 300, 401, 404, 429, 503]));
		for (let index = 0; index < 6; index++) http.fetch(GET(`https://courier.example/${index}`));
		expect(meter.answered("Furgonetka")).toBe(false);
	});

	it("notes each platform on its own", () => {
		const meter = new RequestMeter();
		meter.wrap("Pipedrive", scriptedHttp([200])).fetch(GET("https://crm.example/"));
		meter.wrap("Furgonetka", scriptedHttp([502]));
		expect(meter.answered("Pipedrive")).toBe(true);
		expect(meter.answered("Furgonetka")).toBe(false);
		expect(meter.answered("HubSpot")).toBe(false);
	});

	it("sees every answer of a fetchAll batch: one success among failures is enough", () => {
		const meter = new RequestMeter();
		const http = meter.wrap("HubSpot", scriptedHttp([503, 204, 429]));
		const answers = http.fetchAll([GET("https://h/1"), GET("https://h/2"), GET("https://h/3")]);
		expect(answers.map((answer) => answer.status)).toEqual([503, 204, 429]);
		expect(meter.answered("HubSpot")).toBe(true);
	});

	it("passes requests and answers through untouched", () => {
		const meter = new RequestMeter();
		const inner = scriptedHttp([200, 404]);
		const http = meter.wrap("Pipedrive", inner);
		const request: HttpRequest = { url: "https://crm.example/deals", method: "post", body: "{}", headers: { a: "b" } };
		const answer = http.fetch(request);
		expect(inner.sent[0]).toBe(request);
		expect(answer).toEqual({ status: 200, headers: { "x-seen": "https://crm.example/deals" }, body: "answer 200" });
		const [second] = http.fetchAll([GET("https://crm.example/missing")]);
		expect(second).toEqual({ status: 404, headers: { "x-seen": "https://crm.example/missing" }, body: "answer 404" });
	});
});
