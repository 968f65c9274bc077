/**
 * The connectors call Http synchronously, as UrlFetchApp does; against a sandbox in another process
 * they use the emulated UrlFetchApp (a worker thread blocked on Atomics.wait), mapped to the Http
 * port the way src/gas/apps-script-ports.ts maps the real one. Shared by every sandbox test that drives a connector over real HTTP.
 */
import { createUrlFetchApp } from "../../../local/gas/url-fetch.js";
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";
import { createTestHost } from "../gas/test-host.js";

export function syncHttp(options: { fetchTimeoutMs?: number } = {}): Http & { requests: HttpRequest[] } {
	const app = createUrlFetchApp(
		createTestHost({
			fetchTimeoutMs: options.fetchTimeoutMs ?? 10_000,
			executionLimitMs: Number.MAX_SAFE_INTEGER,
			urlFetchDailyQuota: 1_000_000_000,
		}),
	);
	const params = (request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequestOptions => ({
		method: request.method,
		headers: request.headers ?? {},
		muteHttpExceptions: true,
		followRedirects: true,
		...(request.body === undefined ? {} : { payload: request.body }),
		...(request.contentType === undefined ? {} : { contentType: request.contentType }),
	});
	const toResponse = (response: GoogleAppsScript.URL_Fetch.HTTPResponse, binary?: boolean): HttpResponse => {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.getHeaders() as Record<string, unknown>)) {
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
		}
		const answer: HttpResponse = {
			status: response.getResponseCode(),
			headers,
			body: response.getContentText("UTF-8"),
		};
		if (binary) answer.bytes = Uint8Array.from(response.getContent());
		return answer;
	};
	const requests: HttpRequest[] = [];
	return {
		requests,
		fetch(request) {
			requests.push(request);
			return toResponse(app.fetch(request.url, params(request)), request.binary);
		},
		fetchAll(list) {
			requests.push(...list);
			return app
				.fetchAll(list.map((request) => ({ url: request.url, ...params(request) })))
				.map((response, index) => toResponse(response, list[index]?.binary));
		},
	};
}
