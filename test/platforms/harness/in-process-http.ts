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
	/** The sandbox's own answer (it acts on the request). */
	pass(): HttpResponse;
}

/** Returns an answer, throws (a transport failure), or returns undefined to let the sandbox answer. */
export type Intercept = (exchange: Exchange) => HttpResponse | undefined;

export class InProcessHttp implements Http {
	readonly requests: HttpRequest[] = [];
	private intercepts: Intercept[] = [];

	constructor(readonly sandbox: SandboxPlatform) {}

	intercept(hook: Intercept): void {
		this.intercepts.push(hook);
	}

	/** Requests whose method and path match, e.g. `POST` and `/api/v2/deals`. */
	sent(method: string, path: RegExp): HttpRequest[] {
		return this.requests.filter(
			(request) => request.method.toUpperCase() === method && path.test(new URL(request.url).pathname),
		);
	}

	fetch(request: HttpRequest): HttpResponse {
		this.requests.push(request);
		const exchange: Exchange = {
			request,
			method: request.method.toUpperCase(),
			path: new URL(request.url).pathname,
			pass: () => this.dispatch(request),
		};
		for (const hook of this.intercepts) {
			const answer = hook(exchange);
			if (answer !== undefined) return answer;
		}
		return this.dispatch(request);
	}

	fetchAll(requests: HttpRequest[]): HttpResponse[] {
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
		if (!match || !("handler" in match)) return { status: 404, headers: {}, body: '{"error":"no route"}' };
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

/** Answers the first matching request with `answer` (after letting the sandbox act when `applied`). */
export function once(
	method: string,
	path: RegExp,
	answer: HttpResponse,
	options: { applied?: boolean; times?: number } = {},
): Intercept {
	let left = options.times ?? 1;
	return (exchange) => {
		if (left <= 0 || exchange.method !== method || !path.test(exchange.path)) return undefined;
		left--;
		if (options.applied) exchange.pass();
		return answer;
	};
}
