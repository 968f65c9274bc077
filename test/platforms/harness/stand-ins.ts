/**
 * Plain stand-ins for the ports every connector test needs besides Http (which is a sandbox in this
 * process, `in-process-http.ts`): a Store as a Map, a Clock the test moves by hand, a Log that keeps
 * its lines, Node's crypto, and the answers a test injects as faults (`json`, `text`).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Clock, Crypto, HttpResponse, Log, Store } from "../../../src/ports.js";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
	return { status, headers, body };
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
