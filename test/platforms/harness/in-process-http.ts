/**
 * The Http port answered by any sandbox's routes in this process, synchronously, without a socket:
 * a connector meets the platform's modelled behaviour while a test stays a unit test. `intercept`
 * injects a fault per request, before or after the sandbox has acted.
 */
import { parseBody, parseQuery, type SandboxRequest, type SandboxResponse } from "../../../local/sandbox/kit/http.js";
import type { SandboxPlatform } from "../../../local/sandbox/kit/server.js";
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";

export interface Exchange {
	request: HttpRequest;
	method: string;
	path: string;
	query: Record<string, string>;
	/** The request's body, parsed as JSON where it is JSON. */
	body: unknown;
	/** The sandbox's own answer (it acts on the request). */
	pass(): HttpResponse;
}

/** Returns an answer, throws (a transport failure), or returns undefined to let the sandbox answer. */
export type Intercept = (exchange: Exchange) => HttpResponse | undefined;

export class InProcessHttp<Sandbox extends SandboxPlatform = SandboxPlatform> implements Http {
	readonly requests: HttpRequest[] = [];
	/** How many batches (`fetchAll`) were sent. */
	fetchAllCalls = 0;
	private intercepts: Intercept[] = [];

	constructor(readonly sandbox: Sandbox) {}

	/** Adds a fault hook; the first hook that answers wins. */
	intercept(hook: Intercept): void {
		this.intercepts.push(hook);
	}

	clearIntercepts(): void {
		this.intercepts = [];
	}

	/** Requests whose method and path (without query) match, e.g. `POST` and `/api/v2/deals`. */
	sent(method: string, path: string | RegExp): HttpRequest[] {
		return this.requests.filter(
			(request) =>
				request.method.toUpperCase() === method.toUpperCase() && pathMatches(path, new URL(request.url).pathname),
		);
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
		// Decoded as the sandbox server decodes it (kit/server.ts): `/contacts/a%40b.pl` reaches `a@b.pl`.
		let path = url.pathname;
		try {
			path = decodeURIComponent(url.pathname);
		} catch {
			// A malformed escape stays as sent; the router simply won't match it.
		}
		const match = this.sandbox.routes.match(method, path);
		if (!match || !("handler" in match)) {
			return { status: 404, headers: {}, body: JSON.stringify(this.sandbox.errorBody(404, "no route")) };
		}
		const req: SandboxRequest = {
			method,
			path,
			params: match.params,
			query: parseQuery(url.searchParams),
			headers,
			rawBody,
			body,
			bodyInvalid: invalid,
		};
		this.sandbox.tick?.(this.sandbox.clock.now());
		const response = match.handler(req) as SandboxResponse;
		if (response instanceof Promise) throw new Error(`the ${this.sandbox.name} sandbox answered asynchronously`);
		const outHeaders: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers ?? {})) outHeaders[name.toLowerCase()] = value;
		return {
			status: response.status,
			headers: outHeaders,
			body: response.json !== undefined ? JSON.stringify(response.json) : (response.text ?? ""),
		};
	}
}

function pathMatches(path: string | RegExp, actual: string): boolean {
	return typeof path === "string" ? actual === path : path.test(actual);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * Answers the first matching request (`times` of them) with `answer`, or throws what `answer`
 * throws (a transport failure), after letting the sandbox act when `applied`.
 */
export function once(
	method: string,
	path: string | RegExp,
	answer: HttpResponse | (() => never),
	options: { applied?: boolean; times?: number } = {},
): Intercept {
	let left = options.times ?? 1;
	return (exchange) => {
		if (left <= 0 || exchange.method !== method || !pathMatches(path, exchange.path)) return undefined;
		left--;
		if (options.applied) exchange.pass();
		if (typeof answer === "function") answer();
		return answer as HttpResponse;
	};
}
