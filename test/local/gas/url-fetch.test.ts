import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUrlFetchApp, TRUNCATED_BODY_LENGTH, urlFetchLog } from "../../../local/gas/url-fetch.js";
import { createUtilities } from "../../../local/gas/utilities.js";
import { startHttpServer, type TestServer } from "./fixtures/start-http-server.js";
import { createTestHost, newLocalState } from "./test-host.js";

let server: TestServer;
beforeAll(async () => {
	server = await startHttpServer();
});
afterAll(() => server?.stop());

const json = (response: GoogleAppsScript.URL_Fetch.HTTPResponse) => JSON.parse(response.getContentText("UTF-8"));
const thrown = (fn: () => unknown): Error => {
	try {
		fn();
	} catch (error) {
		return error as Error;
	}
	throw new Error("expected a throw");
};

describe("UrlFetchApp.fetch", () => {
	it("makes a real GET by default and reads code, text and headers", () => {
		const app = createUrlFetchApp(createTestHost());
		const response = app.fetch(`${server.origin}/echo?x=1`);
		expect(response.getResponseCode()).toBe(200);
		expect(json(response)).toMatchObject({ method: "GET", url: "/echo?x=1", body: "" });
		expect(json(response).headers["user-agent"]).toBe(
			"Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: local-script-id)",
		);
	});

	it("accepts the method in any case", () => {
		const app = createUrlFetchApp(createTestHost());
		const method = "Delete" as GoogleAppsScript.URL_Fetch.HttpMethod;
		expect(json(app.fetch(`${server.origin}/echo`, { method })).method).toBe("DELETE");
	});

	it("form-encodes an object payload with the default content type", () => {
		const app = createUrlFetchApp(createTestHost());
		const echo = json(app.fetch(`${server.origin}/echo`, { method: "post", payload: { name: "Ada L", n: 2 } }));
		expect(echo.method).toBe("POST");
		expect(echo.headers["content-type"]).toBe("application/x-www-form-urlencoded");
		expect(echo.body).toBe("name=Ada+L&n=2");
	});

	it("sends a JSON string as is with contentType application/json, and custom headers", () => {
		const app = createUrlFetchApp(createTestHost());
		const payload = JSON.stringify({ a: [1, "ż"] });
		const echo = json(
			app.fetch(`${server.origin}/echo`, {
				method: "put",
				contentType: "application/json",
				headers: { Authorization: "Bearer t", "Content-Type": "text/plain" },
				payload,
			}),
		);
		expect(echo.headers["content-type"]).toBe("application/json");
		expect(echo.headers.authorization).toBe("Bearer t");
		expect(echo.body).toBe(payload);
	});

	it("sends a Blob payload as bytes and an object holding a Blob as multipart", () => {
		const host = createTestHost();
		const app = createUrlFetchApp(host);
		const blob = createUtilities(host).newBlob("file body", "text/csv", "orders.csv");
		expect(
			json(app.fetch(`${server.origin}/echo`, { method: "post", payload: blob, contentType: "text/csv" })).body,
		).toBe("file body");
		const multipart = json(app.fetch(`${server.origin}/echo`, { method: "post", payload: { note: "hi", file: blob } }));
		expect(multipart.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
		expect(multipart.body).toContain('Content-Disposition: form-data; name="file"; filename="orders.csv"');
		expect(multipart.body).toContain("file body");
		expect(multipart.body).toContain('name="note"\r\n\r\nhi\r\n');
	});

	it("throws Google's text for an unmuted 404, naming scheme and host only", () => {
		const app = createUrlFetchApp(createTestHost());
		const error = thrown(() => app.fetch(`${server.origin}/status?code=404&body=not%20here`));
		expect(error.name).toBe("Exception");
		expect(String(error)).toBe(
			`Exception: Request failed for ${server.origin} returned code 404. Truncated server response: not here (use muteHttpExceptions option to examine full response)`,
		);
	});

	it("truncates a long body in the error with ...", () => {
		const app = createUrlFetchApp(createTestHost());
		const error = thrown(() => app.fetch(`${server.origin}/status?code=500&len=${TRUNCATED_BODY_LENGTH + 50}`));
		expect(error.message).toContain(
			`returned code 500. Truncated server response: ${"x".repeat(TRUNCATED_BODY_LENGTH)}... (use muteHttpExceptions`,
		);
	});

	it("returns the response of a muted 404", () => {
		const app = createUrlFetchApp(createTestHost());
		const response = app.fetch(`${server.origin}/status?code=404&body=gone`, { muteHttpExceptions: true });
		expect(response.getResponseCode()).toBe(404);
		expect(response.getContentText()).toBe("gone");
	});

	it("lower-cases response header names and gives repeated headers as arrays in getAllHeaders", () => {
		const response = createUrlFetchApp(createTestHost()).fetch(`${server.origin}/headers`);
		expect(response.getHeaders()).toMatchObject({ "x-custom-header": "custom", "set-cookie": "b=2" });
		expect(response.getAllHeaders()).toMatchObject({ "x-custom-header": "custom", "set-cookie": ["a=1", "b=2"] });
	});

	it("follows redirects unless followRedirects is false", () => {
		const app = createUrlFetchApp(createTestHost());
		expect(json(app.fetch(`${server.origin}/redirect`)).url).toBe("/echo?redirected=1");
		const raw = app.fetch(`${server.origin}/redirect`, { followRedirects: false });
		expect(raw.getResponseCode()).toBe(302);
		expect(raw.getHeaders()).toMatchObject({ location: "/echo?redirected=1" });
	});

	it("gives content as signed Java bytes, decodes the charset of the response, and unzips", () => {
		const app = createUrlFetchApp(createTestHost());
		expect(app.fetch(`${server.origin}/bytes`).getContent()).toEqual([0, 1, 127, -128, -1]);
		expect(app.fetch(`${server.origin}/bytes`).getBlob().getBytes()).toEqual([0, 1, 127, -128, -1]);
		expect(app.fetch(`${server.origin}/latin1`).getContentText()).toBe("café");
		expect(app.fetch(`${server.origin}/gzip`).getContentText()).toBe("zipped text");
	});

	it("does not take UTF-8 for granted: without a charset in the header, getContentText() garbles it unless told", () => {
		const app = createUrlFetchApp(createTestHost());
		const response = app.fetch(`${server.origin}/json-no-charset`);
		expect(JSON.parse(response.getContentText()).city).not.toBe("Łódź");
		expect(JSON.parse(response.getContentText("UTF-8")).city).toBe("Łódź");
	});

	it("throws a timeout after options.fetchTimeoutMs and charges 60 s of virtual time", () => {
		const host = createTestHost({ fetchTimeoutMs: 200 });
		const before = host.now();
		const error = thrown(() => createUrlFetchApp(host).fetch(`${server.origin}/hang`));
		expect(String(error)).toBe(`Exception: Timeout: ${server.origin}/hang`);
		expect(host.now() - before).toBe(60_000);
		expect(urlFetchLog(host)).toEqual([expect.objectContaining({ status: null, error: "timeout" })]);
	});

	it("throws Address unavailable with the full URL when the connection is refused", async () => {
		const port = await freePort();
		const url = `http://127.0.0.1:${port}/orders?page=2`;
		const error = thrown(() => createUrlFetchApp(createTestHost()).fetch(url));
		expect(String(error)).toBe(`Exception: Address unavailable: ${url}`);
	});

	it("rejects a malformed URL", () => {
		expect(String(thrown(() => createUrlFetchApp(createTestHost()).fetch("not a url")))).toBe(
			"Exception: Invalid argument: not a url",
		);
	});

	it("counts one service call per request and logs method, url and status per execution", () => {
		const host = createTestHost();
		const app = createUrlFetchApp(host);
		app.fetch(`${server.origin}/echo`, { method: "post", payload: "x" });
		app.fetch(`${server.origin}/status?code=503`, { muteHttpExceptions: true });
		expect(host.calls.filter((c) => c.service === "UrlFetchApp")).toEqual([
			{ service: "UrlFetchApp", method: "fetch" },
			{ service: "UrlFetchApp", method: "fetch" },
		]);
		expect(urlFetchLog(host).map(({ method, url, status }) => ({ method, url, status }))).toEqual([
			{ method: "POST", url: `${server.origin}/echo`, status: 200 },
			{ method: "GET", url: `${server.origin}/status?code=503`, status: 503 },
		]);
		expect(urlFetchLog(createTestHost())).toEqual([]);
	});

	it("moves the virtual clock by the real time a request took", () => {
		const host = createTestHost();
		const before = host.now();
		createUrlFetchApp(host).fetch(`${server.origin}/delay?ms=150`);
		expect(host.now() - before).toBeGreaterThanOrEqual(150);
	});
});

describe("UrlFetchApp daily quota", () => {
	it("counts requests in state.quota and throws Google's text past options.urlFetchDailyQuota", () => {
		const host = createTestHost({ urlFetchDailyQuota: 2 });
		const app = createUrlFetchApp(host);
		app.fetch(`${server.origin}/echo`);
		app.fetch(`${server.origin}/echo`);
		expect(String(thrown(() => app.fetch(`${server.origin}/echo`)))).toBe(
			"Exception: Service invoked too many times for one day: urlfetch.",
		);
		expect(host.state.quota).toMatchObject({ day: "2026-11-22", urlFetch: 2 });
		expect(host.dirty.has("quota")).toBe(true);
		expect(urlFetchLog(host)).toHaveLength(2);
	});

	it("starts counting afresh on a new UTC day of the virtual clock", () => {
		const state = newLocalState({ quota: { day: "2026-11-21", urlFetch: 2, mail: 0 } });
		const host = createTestHost({ urlFetchDailyQuota: 2 }, state);
		createUrlFetchApp(host).fetch(`${server.origin}/echo`);
		expect(host.state.quota).toEqual({ day: "2026-11-22", urlFetch: 1, mail: 0 });
	});
});

describe("UrlFetchApp.fetchAll", () => {
	it("runs requests in parallel and returns responses in input order", () => {
		const host = createTestHost();
		const responses = createUrlFetchApp(host).fetchAll([
			`${server.origin}/delay?ms=300`,
			{ url: `${server.origin}/delay?ms=300` },
			{ url: `${server.origin}/echo`, method: "post", payload: "third" },
		]);
		const [first, second] = responses.slice(0, 2).map(json) as Array<{ start: number; end: number }>;
		// The server saw the second request start before the first one ended: they overlapped.
		expect(second?.start).toBeLessThan(first?.end ?? 0);
		expect(first?.start).toBeLessThan(second?.end ?? 0);
		expect(json(responses[2] as GoogleAppsScript.URL_Fetch.HTTPResponse).body).toBe("third");
		expect(host.calls.filter((c) => c.service === "UrlFetchApp").map((c) => c.method)).toEqual([
			"fetchAll",
			"fetchAll",
			"fetchAll",
		]);
		expect(host.state.quota.urlFetch).toBe(3);
	});

	it("throws when one request fails unmuted, and not when it is muted", () => {
		const app = createUrlFetchApp(createTestHost());
		const failing = `${server.origin}/status?code=404&body=missing`;
		expect(() => app.fetchAll([`${server.origin}/echo`, failing])).toThrow(
			`Request failed for ${server.origin} returned code 404. Truncated server response: missing`,
		);
		const codes = app
			.fetchAll([`${server.origin}/echo`, { url: failing, muteHttpExceptions: true }])
			.map((r) => r.getResponseCode());
		expect(codes).toEqual([200, 404]);
	});
});

describe("UrlFetchApp.getRequest", () => {
	it("describes the request without sending it or using quota", () => {
		const host = createTestHost();
		const request = createUrlFetchApp(host).getRequest(`${server.origin}/echo`, {
			method: "post",
			payload: { a: "1" },
			headers: { "X-Key": "k" },
		});
		expect(request).toMatchObject({
			url: `${server.origin}/echo`,
			method: "post",
			contentType: "application/x-www-form-urlencoded",
			payload: "a=1",
			headers: { "X-Key": "k" },
			followRedirects: true,
			validateHttpsCertificates: true,
		});
		expect(host.state.quota.urlFetch).toBe(0);
		expect(urlFetchLog(host)).toEqual([]);
	});
});

describe("the synchronous fetch outside vitest", () => {
	it("works in a script run with tsx", () => {
		const script = fileURLToPath(new URL("./fixtures/fetch-under-tsx.ts", import.meta.url));
		const out = execFileSync(process.execPath, ["--import", "tsx", script, server.origin], { encoding: "utf8" });
		expect(JSON.parse(out)).toEqual([200, 200]);
	});
});

/** A port nothing listens on: bound, then released. */
function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, "127.0.0.1", () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
		});
	});
}
