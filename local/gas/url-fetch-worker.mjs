/**
 * The worker thread behind the synchronous UrlFetchApp (see url-fetch.ts). It is plain JavaScript so
 * that it loads the same way under tsx, vitest and plain node, with no TypeScript loader in the worker.
 *
 * Protocol: the main thread posts `{ id, signal, requests }` and blocks in `Atomics.wait(signal)`;
 * this worker performs the requests in parallel, posts `{ id, results }` on the reply port, and only
 * then wakes the main thread, which reads the reply with `receiveMessageOnPort`.
 */
import http from "node:http";
import https from "node:https";
import { parentPort, workerData } from "node:worker_threads";
import zlib from "node:zlib";

const MAX_REDIRECTS = 10;
/** @type {import("node:worker_threads").MessagePort} */
const reply = workerData.port;

parentPort?.on("message", async ({ id, signal, requests }) => {
	const results = await Promise.all(requests.map((request) => perform(request).catch((error) => failure(error, 0))));
	reply.postMessage(
		{ id, results },
		results.flatMap((result) => (result.body ? [result.body.buffer] : [])),
	);
	Atomics.store(signal, 0, 1);
	Atomics.notify(signal, 0);
});

async function perform(request) {
	const started = performance.now();
	let { url, method, body } = request;
	for (let hop = 0; ; hop++) {
		const response = await once({ ...request, url, method, body }, started);
		if (!response.ok) return response;
		const location = response.headers.find(([name]) => name.toLowerCase() === "location")?.[1];
		if (
			!request.followRedirects ||
			!location ||
			![301, 302, 303, 307, 308].includes(response.status) ||
			hop >= MAX_REDIRECTS
		) {
			return { ...response, elapsedMs: performance.now() - started };
		}
		url = new URL(location, url).href;
		// Browsers' and Java's rule: 303 (and 301/302 after a POST) continue as a GET without a body.
		if (response.status === 303 || ((response.status === 301 || response.status === 302) && method !== "GET")) {
			method = "GET";
			body = undefined;
		}
	}
}

function once(request, started) {
	return new Promise((resolve) => {
		const target = new URL(request.url);
		const transport = target.protocol === "https:" ? https : http;
		const headers = {};
		for (const [name, value] of request.headers) headers[name] = value;
		if (request.body) headers["content-length"] = String(request.body.byteLength);
		const remaining = Math.max(1, request.timeoutMs - (performance.now() - started));
		let settled = false;
		const finish = (result) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		};
		const req = transport.request(target, {
			method: request.method,
			headers,
			rejectUnauthorized: request.validateHttpsCertificates,
		});
		const timer = setTimeout(() => {
			finish(failure({ code: "TIMEOUT" }, performance.now() - started));
			req.destroy();
		}, remaining);
		req.on("error", (error) => finish(failure(error, performance.now() - started)));
		req.on("response", (res) => {
			const chunks = [];
			res.on("data", (chunk) => chunks.push(chunk));
			res.on("error", (error) => finish(failure(error, performance.now() - started)));
			res.on("end", () => {
				const raw = Buffer.concat(chunks);
				const headerPairs = [];
				for (let i = 0; i < res.rawHeaders.length; i += 2) headerPairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
				const body = decompress(raw, res.headers["content-encoding"]);
				finish({ ok: true, status: res.statusCode ?? 0, headers: headerPairs, body: new Uint8Array(body) });
			});
		});
		req.end(request.body ? Buffer.from(request.body) : undefined);
	});
}

/** Apps Script hands scripts the decoded body, whatever encoding the server chose. */
function decompress(raw, encoding) {
	try {
		if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(raw);
		if (encoding === "deflate") return zlib.inflateSync(raw);
		if (encoding === "br") return zlib.brotliDecompressSync(raw);
	} catch {
		// A server that lies about its encoding: give the bytes as they came.
	}
	return raw;
}

function failure(error, elapsedMs) {
	const code = error?.code;
	const kind =
		code === "TIMEOUT"
			? "timeout"
			: code === "ECONNREFUSED" || code === "EADDRNOTAVAIL" || code === "EHOSTUNREACH" || code === "ENETUNREACH"
				? "unavailable"
				: code === "ENOTFOUND" || code === "EAI_AGAIN"
					? "dns"
					: "other";
	return { ok: false, kind, detail: String(error?.message ?? error), elapsedMs };
}
