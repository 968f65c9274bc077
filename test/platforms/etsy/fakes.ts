/** Plain-object ports for the Etsy connector's tests: Http as a function, Store as a Map, a manual Clock. */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Clock, Crypto, Http, HttpRequest, HttpResponse, Log, Store } from "../../../src/ports.js";

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

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers, body };
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

export class FakeStore implements Store {
	readonly values = new Map<string, string>();
	readonly writes: Array<[string, string]> = [];

	get(key: string): string | null {
		return this.values.get(key) ?? null;
	}

	set(key: string, value: string): void {
		this.writes.push([key, value]);
		this.values.set(key, value);
	}

	delete(key: string): void {
		this.values.delete(key);
	}
}

export class FakeClock implements Clock {
	readonly sleeps: number[] = [];
	constructor(public nowMs = Date.UTC(2025, 5, 1, 12, 0, 0)) {}

	now(): Date {
		return new Date(this.nowMs);
	}

	sleep(ms: number): void {
		this.sleeps.push(ms);
		this.nowMs += ms;
	}

	advance(ms: number): void {
		this.nowMs += ms;
	}
}

export class FakeLog implements Log {
	readonly lines: string[] = [];
	info(message: string): void {
		this.lines.push(`info ${message}`);
	}
	warn(message: string): void {
		this.lines.push(`warn ${message}`);
	}
	error(message: string): void {
		this.lines.push(`error ${message}`);
	}
}

export const nodeCrypto: Crypto = {
	sha256Base64Url: (value) => createHash("sha256").update(value, "utf8").digest("base64url"),
	randomToken: (length) => randomBytes(length).toString("base64url").slice(0, length),
	hmacSha256Hex: (message, key) => createHmac("sha256", key).update(message, "utf8").digest("hex"),
};
