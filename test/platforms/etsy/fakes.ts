/** Http as a function for the Etsy tests still answered by hand (the plain stand-ins are in harness/stand-ins.ts). */
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";

export type Responder = (request: HttpRequest, index: number) => HttpResponse;

export class FakeHttp implements Http {
	readonly requests: HttpRequest[] = [];
	constructor(private responder: Responder) {}

	fetch(request: HttpRequest): HttpResponse {
		this.requests.push(request);
		return this.responder(request, this.requests.length - 1);
	}

	fetchAll(requests: HttpRequest[]): HttpResponse[] {
		return requests.map((request) => this.fetch(request));
	}

	respondWith(responder: Responder): void {
		this.responder = responder;
	}
}

/** Answers in turn; the last answer repeats. */
export function sequence(...responses: Array<HttpResponse | ((request: HttpRequest) => HttpResponse)>): Responder {
	let next = 0;
	return (request) => {
		const answer = responses[Math.min(next++, responses.length - 1)];
		if (answer === undefined) throw new Error("no responses");
		return typeof answer === "function" ? answer(request) : answer;
	};
}

export function pathOf(request: HttpRequest): string {
	return new URL(request.url).pathname;
}

export function queryOf(request: HttpRequest): Record<string, string> {
	return Object.fromEntries(new URL(request.url).searchParams);
}

export function formOf(request: HttpRequest): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(request.body ?? ""));
}
