/**
 * A fake Http for the Pipedrive connector's tests that answers from the Pipedrive sandbox's routes
 * in this process, synchronously, without a socket: the connector meets Pipedrive's real behaviour
 * (cursors, search lag, token costs, error bodies) while a test stays a plain unit test. `intercept`
 * injects faults per request, before or after the sandbox has acted.
 */
import { parseBody, parseQuery, type SandboxRequest, type SandboxResponse } from "../../../local/sandbox/kit/http.js";
import { PipedriveSandbox, type PipedriveSandboxOptions } from "../../../local/sandbox/pipedrive/sandbox.js";
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";

export { FakeClock, FakeLog, FakeStore, json, text } from "../etsy/fakes.js";

export const COMPANY = "ergodrewno";
export const API_TOKEN = "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567";
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

/** What a fault hook sees: the request, and a way to let the sandbox answer it. */
export interface Exchange {
	request: HttpRequest;
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** The sandbox's own answer (it acts on the request). */
	pass(): HttpResponse;
}

/** Returns an answer, throws (a transport failure), or returns undefined to let the sandbox answer. */
export type Intercept = (exchange: Exchange) => HttpResponse | undefined;

export class SandboxHttp implements Http {
	readonly sandbox: PipedriveSandbox;
	readonly requests: HttpRequest[] = [];
	fetchAllCalls = 0;
	private intercepts: Intercept[] = [];

	constructor(options: PipedriveSandboxOptions = {}) {
		this.sandbox = new PipedriveSandbox({
			now: NOW,
			frozen: true,
			seed: 5,
			...options,
			settings: { burstPerWindow: 100_000, searchLagSeconds: 0, ...options.settings },
		});
	}

	get state() {
		return this.sandbox.state;
	}

	/** Adds a fault hook; the first hook that answers wins. */
	intercept(hook: Intercept): void {
		this.intercepts.push(hook);
	}

	clearIntercepts(): void {
		this.intercepts = [];
	}

	/** Requests whose method and path (without query) match, e.g. `POST /api/v2/deals`. */
	sent(method: string, path: string | RegExp): HttpRequest[] {
		return this.requests.filter((request) => {
			const url = new URL(request.url);
			return (
				request.method.toUpperCase() === method.toUpperCase() &&
				(typeof path === "string" ? url.pathname === path : path.test(url.pathname))
			);
		});
	}

	fetch(request: HttpRequest): HttpResponse {
		this.requests.push(request);
		const url = new URL(request.url);
		const exchange: Exchange = {
			request,
			method: request.method.toUpperCase(),
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			body: request.body === undefined ? undefined : safeJson(request.body),
			pass: () => this.dispatch(request),
		};
		for (const hook of this.intercepts) {
			const answer = hook(exchange);
			if (answer !== undefined) return answer;
		}
		return this.dispatch(request);
	}

	fetchAll(requests: HttpRequest[]): HttpResponse[] {
		this.fetchAllCalls++;
		return requests.map((request) => this.fetch(request));
	}

	private dispatch(request: HttpRequest): HttpResponse {
		const url = new URL(request.url);
		const method = request.method.toUpperCase();
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
		if (request.contentType) headers["content-type"] = request.contentType;
		const rawBody = request.body ?? "";
		const { body, invalid } = parseBody(headers["content-type"] ?? "", rawBody);
		const match = this.sandbox.routes.match(method, url.pathname);
		if (!match || !("handler" in match)) {
			return { status: 404, headers: {}, body: JSON.stringify({ success: false, error: "no route" }) };
		}
		const req: SandboxRequest = {
			method,
			path: url.pathname,
			params: match.params,
			query: parseQuery(url.searchParams),
			headers,
			rawBody,
			body,
			bodyInvalid: invalid,
		};
		const response = match.handler(req) as SandboxResponse;
		if (response instanceof Promise) throw new Error("the Pipedrive sandbox answered asynchronously");
		const outHeaders: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers ?? {})) outHeaders[name.toLowerCase()] = value;
		return {
			status: response.status,
			headers: outHeaders,
			body: response.json !== undefined ? JSON.stringify(response.json) : (response.text ?? ""),
		};
	}
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Answers a matching request once with `answer` (after letting the sandbox act when `applied`). */
export function once(
	method: string,
	path: string | RegExp,
	answer: HttpResponse | (() => never),
	options: { applied?: boolean } = {},
): Intercept {
	let used = false;
	return (exchange) => {
		if (
			used ||
			exchange.method !== method ||
			!(typeof path === "string" ? exchange.path === path : path.test(exchange.path))
		) {
			return undefined;
		}
		used = true;
		if (options.applied) exchange.pass();
		if (typeof answer === "function") answer();
		return answer as HttpResponse;
	};
}
