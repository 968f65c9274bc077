/**
 * UrlFetchApp: real HTTP, made synchronous. The script calls `fetch` synchronously, so the request
 * runs in a worker thread (url-fetch-worker.mjs) while this thread blocks in `Atomics.wait`; the
 * worker answers through a MessagePort read with `receiveMessageOnPort`. A server in the same process
 * could never answer (its event loop is blocked too), so local sandboxes run in another process.
 */
import { randomBytes } from "node:crypto";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { blobBytesOf, decodeBytes, encodeString, LocalBlob, toBytes, toSignedBytes } from "./blob.js";
import { consumeDailyQuota } from "./daily-quota.js";
import type { ExecutionHost } from "./host.js";
import { emulatesClass } from "./not-emulated.js";

/** Body characters quoted in the "Request failed" error before `...`. UNCONFIRMED: Google's cut length. */
export const TRUNCATED_BODY_LENGTH = 200;
/** Apps Script gives up on a request after about 60 s; a local timeout costs that much virtual time. */
const TIMEOUT_VIRTUAL_MS = 60_000;
/**
 * Response header names as scripts see them. UNCONFIRMED: custom headers were seen lower-cased
 * (nprapps/anno-docs#38); "as-sent" keeps the server's spelling.
 */
const RESPONSE_HEADER_CASE: "lower" | "as-sent" = "lower";

/** Google's texts for requests that get no HTTP response; all but "unavailable" are UNCONFIRMED. */
const TRANSPORT_ERROR: Record<WireFailure["kind"], (url: string) => string> = {
	unavailable: (url) => `Address unavailable: ${url}`,
	timeout: (url) => `Timeout: ${url}`,
	dns: (url) => `DNS error: ${url}`,
	other: (url) => `Unexpected error: ${url}`,
};

export interface UrlFetchLogEntry {
	method: string;
	url: string;
	/** HTTP status, or null when the request got no response. */
	status: number | null;
	error?: WireFailure["kind"];
	elapsedMs: number;
}

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;

interface WireRequest {
	url: string;
	method: string;
	headers: Array<[string, string]>;
	body?: Uint8Array;
	followRedirects: boolean;
	validateHttpsCertificates: boolean;
	timeoutMs: number;
}
interface WireResponse {
	ok: true;
	status: number;
	headers: Array<[string, string]>;
	body: Uint8Array;
	elapsedMs: number;
}
interface WireFailure {
	ok: false;
	kind: "unavailable" | "timeout" | "dns" | "other";
	detail: string;
	elapsedMs: number;
}
type WireResult = WireResponse | WireFailure;

const logs = new WeakMap<ExecutionHost, UrlFetchLogEntry[]>();

/** The requests an execution made, in order, for tests, benchmarks and the runtime's report. */
export function urlFetchLog(host: ExecutionHost): readonly UrlFetchLogEntry[] {
	return logs.get(host) ?? [];
}

export function createUrlFetchApp(host: ExecutionHost): GoogleAppsScript.URL_Fetch.UrlFetchApp {
	const log = logs.get(host) ?? [];
	logs.set(host, log);

	/** Fetches all requests in parallel, counting each, and returns responses in input order. */
	function run(method: string, requests: Array<{ url: string; params: Params }>): HttpResponse[] {
		const prepared = requests.map(({ url, params }, index) => {
			host.touch("UrlFetchApp", method, method === "fetchAll" && index === 0 ? { batch: requests.length } : undefined);
			const wire = toWireRequest(host, url, params);
			consumeDailyQuota(host, "urlFetch", host.options.urlFetchDailyQuota);
			return { wire, params };
		});
		const startedAt = performance.now();
		const results = callWorker(prepared.map((p) => p.wire));
		const elapsed = performance.now() - startedAt;
		const timedOut = results.some((r) => !r.ok && r.kind === "timeout");
		// On the modeled clock the call's cost already holds the platform's answer time.
		if (timedOut || host.options.costProfile === undefined)
			host.advance(Math.round(timedOut ? TIMEOUT_VIRTUAL_MS : elapsed));
		results.forEach((result, i) => {
			const { wire } = prepared[i] as (typeof prepared)[number];
			log.push({
				method: wire.method,
				url: wire.url,
				status: result.ok ? result.status : null,
				...(result.ok ? {} : { error: result.kind }),
				elapsedMs: Math.round(result.elapsedMs),
			});
		});
		// Apps Script throws for the first failing request and loses the others' responses.
		return results.map((result, i) => {
			const { wire, params } = prepared[i] as (typeof prepared)[number];
			if (!result.ok) throw host.realm.exception(TRANSPORT_ERROR[result.kind](wire.url));
			if (result.status >= 400 && !params.muteHttpExceptions) {
				throw host.realm.exception(requestFailedMessage(wire.url, result));
			}
			return new HttpResponse(host, result);
		});
	}

	const app = {
		fetch(url: string, params: Params = {}): HttpResponse {
			return run("fetch", [{ url: String(url), params: params ?? {} }])[0] as HttpResponse;
		},
		fetchAll(requests: Array<Request | string>): HttpResponse[] {
			const list = Array.from(requests, (r) =>
				typeof r === "string" ? { url: r, params: {} } : { url: String(r.url), params: r },
			);
			// An array of the script's realm, so `instanceof Array` holds there.
			return host.realm.adopt([] as HttpResponse[]).concat(run("fetchAll", list));
		},
		getRequest(url: string, params: Params = {}): Request {
			host.touch("UrlFetchApp", "getRequest");
			const wire = toWireRequest(host, String(url), params ?? {});
			const headers = Object.fromEntries(wire.headers.filter(([name]) => !/^(content-type|user-agent)$/i.test(name)));
			const contentType = wire.headers.find(([name]) => /^content-type$/i.test(name))?.[1];
			return host.realm.adopt({
				url: wire.url,
				method: wire.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
				headers,
				...(contentType ? { contentType } : {}),
				...(wire.body ? { payload: decodeBytes(wire.body) } : {}),
				followRedirects: wire.followRedirects,
				validateHttpsCertificates: wire.validateHttpsCertificates,
				useIntranet: false,
			});
		},
	};
	return app as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp;
}

function requestFailedMessage(url: string, response: WireResponse): string {
	const { protocol, host } = new URL(url);
	const text = decodeBytes(response.body, charsetOf(response.headers));
	const quoted = text.length > TRUNCATED_BODY_LENGTH ? `${text.slice(0, TRUNCATED_BODY_LENGTH)}...` : text;
	return `Request failed for ${protocol}//${host} returned code ${response.status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`;
}

function toWireRequest(host: ExecutionHost, rawUrl: string, params: Params): WireRequest {
	let url: URL;
	try {
		url = new URL(rawUrl);
	} catch {
		throw host.realm.exception(`Invalid argument: ${rawUrl}`);
	}
	if (url.protocol !== "http:" && url.protocol !== "https:") throw host.realm.exception(`Invalid argument: ${rawUrl}`);
	const method = String(params.method ?? "get").toUpperCase();
	if (!["GET", "DELETE", "PATCH", "POST", "PUT"].includes(method)) {
		throw host.realm.exception(`Invalid argument: method`);
	}
	const headers: Array<[string, string]> = Object.entries(params.headers ?? {})
		.filter(([name]) => !/^content-length$/i.test(name))
		.map(([name, value]) => [name, String(value)]);
	const body = encodePayload(params.payload);
	const headerType = headers.find(([name]) => /^content-type$/i.test(name));
	// The contentType option wins over a Content-Type header; a payload without either is form data.
	const contentType =
		body?.contentType ??
		params.contentType ??
		headerType?.[1] ??
		(body ? "application/x-www-form-urlencoded" : undefined);
	const others = headers.filter(([name]) => !/^content-type$/i.test(name));
	if (contentType) others.push(["Content-Type", contentType]);
	// Not Google's: the local sandboxes' clocks follow the script's waits (local/sandbox/kit/runtime-clock.ts).
	others.push(["X-Hubsheet-Runtime-Clock", `${host.executionId} ${Math.round(host.waitedMs?.() ?? 0)}`]);
	if (!others.some(([name]) => /^user-agent$/i.test(name))) {
		others.push([
			"User-Agent",
			`Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${host.state.scriptId})`,
		]);
	}
	return {
		// `escaping: false` cannot send characters Node's URL parser would escape, so both settings behave alike.
		url: url.href,
		method,
		headers: others,
		...(body ? { body: body.bytes } : {}),
		followRedirects: params.followRedirects ?? true,
		validateHttpsCertificates: params.validateHttpsCertificates ?? true,
		timeoutMs: host.options.fetchTimeoutMs,
	};
}

/** Returns the bytes to send, and a content type only when the payload dictates one (multipart). */
function encodePayload(payload: unknown): { bytes: Uint8Array; contentType?: string } | undefined {
	if (payload === undefined || payload === null) return undefined;
	if (typeof payload === "string") return { bytes: encodeString(payload) };
	const blobBytes = blobBytesOf(payload);
	if (blobBytes) return { bytes: blobBytes };
	if (Array.isArray(payload) || ArrayBuffer.isView(payload)) return { bytes: toBytes(payload as number[]) };
	if (typeof payload === "object") {
		const fields = Object.entries(payload as Record<string, unknown>);
		if (fields.some(([, value]) => blobBytesOf(value))) return multipart(fields);
		const form = new URLSearchParams(fields.map(([name, value]) => [name, String(value)]));
		return { bytes: encodeString(form.toString()) };
	}
	return { bytes: encodeString(String(payload)) };
}

/** An object payload holding a Blob is sent as multipart/form-data, as Apps Script does. */
function multipart(fields: Array<[string, unknown]>): { bytes: Uint8Array; contentType: string } {
	const boundary = `----HubsheetBoundary${randomBytes(12).toString("hex")}`;
	const parts: Buffer[] = [];
	for (const [name, value] of fields) {
		const bytes = blobBytesOf(value);
		const blob = value instanceof LocalBlob ? value : undefined;
		const disposition = bytes
			? `form-data; name="${name}"; filename="${blob?.name ?? name}"\r\nContent-Type: ${blob?.contentType ?? "application/octet-stream"}`
			: `form-data; name="${name}"`;
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
		parts.push(bytes ? Buffer.from(bytes) : Buffer.from(String(value)));
		parts.push(Buffer.from("\r\n"));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { bytes: new Uint8Array(Buffer.concat(parts)), contentType: `multipart/form-data; boundary=${boundary}` };
}

function charsetOf(headers: Array<[string, string]>): string {
	const type = headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
	// No charset in the header: not UTF-8 by default, which is how non-ASCII text arrives garbled
	// (../../shared/apps-script-behaviours.md, "getContentText() charset").
	return /charset=["']?([^;"'\s]+)/i.exec(type)?.[1] ?? "ISO-8859-1";
}

class HttpResponse {
	readonly #host: ExecutionHost;
	readonly #response: WireResponse;

	constructor(host: ExecutionHost, response: WireResponse) {
		this.#host = host;
		this.#response = response;
	}
	#touch(method: string): void {
		this.#host.touch("HTTPResponse", method);
	}
	#headerName(name: string): string {
		return RESPONSE_HEADER_CASE === "lower" ? name.toLowerCase() : name;
	}
	getResponseCode(): number {
		this.#touch("getResponseCode");
		return this.#response.status;
	}
	getContentText(charset?: string): string {
		this.#touch("getContentText");
		return decodeBytes(this.#response.body, charset ?? charsetOf(this.#response.headers));
	}
	getContent(): number[] {
		this.#touch("getContent");
		return this.#host.realm.adopt(toSignedBytes(this.#response.body));
	}
	getBlob(): LocalBlob {
		this.#touch("getBlob");
		const type = this.#response.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? null;
		return new LocalBlob(this.#host, this.#response.body.slice(), type);
	}
	getAs(contentType: string): LocalBlob {
		return this.getBlob().getAs(contentType);
	}
	/** One value per name; for a repeated header the last one wins. UNCONFIRMED. */
	getHeaders(): Record<string, string> {
		this.#touch("getHeaders");
		const headers: Record<string, string> = {};
		for (const [name, value] of this.#response.headers) headers[this.#headerName(name)] = value;
		return this.#host.realm.adopt(headers);
	}
	getAllHeaders(): Record<string, string | string[]> {
		this.#touch("getAllHeaders");
		const headers: Record<string, string | string[]> = {};
		for (const [rawName, value] of this.#response.headers) {
			const name = this.#headerName(rawName);
			const seen = headers[name];
			headers[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
		}
		return this.#host.realm.adopt(headers);
	}
}

// One worker per process, started on first use and kept for later calls (startup costs ~30 ms).
let channel: { worker: Worker; port: MessagePort } | undefined;
let nextCallId = 1;
/** Extra real time the main thread waits beyond the requests' own timeout before giving up on the worker. */
const WORKER_GRACE_MS = 5_000;

function callWorker(requests: WireRequest[]): WireResult[] {
	if (!channel) {
		const { port1, port2 } = new MessageChannel();
		// No execArgv: the worker is plain JavaScript and must not load tsx's or vitest's hooks.
		const worker = new Worker(new URL("./url-fetch-worker.mjs", import.meta.url), {
			workerData: { port: port2 },
			transferList: [port2],
			execArgv: [],
		});
		// Neither may keep the process alive once the script is done.
		worker.unref();
		port1.unref();
		channel = { worker, port: port1 };
	}
	const id = nextCallId++;
	const signal = new Int32Array(new SharedArrayBuffer(4));
	channel.worker.postMessage({ id, signal, requests });
	const limit = Math.max(0, ...requests.map((r) => r.timeoutMs)) + WORKER_GRACE_MS;
	Atomics.wait(signal, 0, 0, limit);
	for (let reply = receiveMessageOnPort(channel.port); reply; reply = receiveMessageOnPort(channel.port)) {
		const message = reply.message as { id: number; results: WireResult[] };
		if (message.id === id) return message.results;
	}
	// The worker died or hung: start a fresh one next time rather than read its late answers.
	void channel.worker.terminate();
	channel = undefined;
	throw new Error("UrlFetchApp worker did not answer");
}

emulatesClass(HttpResponse, "HTTPResponse");
