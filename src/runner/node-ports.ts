/**
 * The engine's ports on Node for the runner: HTTP through fetch on the I/O thread (made synchronous
 * by blocking-io.ts), a clock whose sleep blocks like Utilities.sleep, a log on stderr, node:crypto.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Clock, Crypto, Http, HttpRequest, HttpResponse, Log } from "../ports.js";
import type { BlockingIo, WireRequest } from "./blocking-io.js";

/** Apps Script's UrlFetchApp gives up after about 60 s; the runner does the same. */
const FETCH_TIMEOUT_MS = 60_000;

function toWire(request: HttpRequest): WireRequest {
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	if (request.contentType !== undefined) headers["content-type"] = request.contentType;
	const wire: WireRequest = { url: request.url, method: request.method, headers, timeoutMs: FETCH_TIMEOUT_MS };
	if (request.body !== undefined) wire.body = request.body;
	return wire;
}

export function nodeHttp(io: BlockingIo): Http {
	const answer = (result: ReturnType<BlockingIo["fetch"]>[number]): HttpResponse => {
		if (!result.ok) throw new Error(result.message ?? "No answer.");
		return { status: result.status ?? 0, headers: result.headers ?? {}, body: result.body ?? "" };
	};
	return {
		fetch: (request) => answer(io.fetch([toWire(request)])[0] as ReturnType<BlockingIo["fetch"]>[number]),
		fetchAll: (requests) => (requests.length === 0 ? [] : io.fetch(requests.map(toWire)).map(answer)),
	};
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export const nodeClock: Clock = {
	now: () => new Date(),
	sleep: (ms) => {
		if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
	},
};

/** One line per message on stderr, with the time; stdout is kept for the command's own answer. */
export function nodeLog(prefix = "hubsheet"): Log {
	const line = (level: string, message: string) =>
		process.stderr.write(`${new Date().toISOString()} ${prefix} ${level}: ${message}\n`);
	return {
		info: (message) => line("info", message),
		warn: (message) => line("warn", message),
		error: (message) => line("error", message),
	};
}

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

export const nodeCrypto: Crypto = {
	sha256Base64Url: (text) => createHash("sha256").update(text, "utf8").digest("base64url"),
	hmacSha256Hex: (message, key) => createHmac("sha256", key).update(message, "utf8").digest("hex"),
	randomToken(length) {
		const bytes = randomBytes(length);
		let token = "";
		for (const byte of bytes) token += URL_SAFE[byte % URL_SAFE.length];
		return token;
	},
};
