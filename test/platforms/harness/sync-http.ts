/**
 * A synchronous `Http` over real HTTP, for running a connector (synchronous, as UrlFetchApp is)
 * against a sandbox in another process: a worker thread performs `fetch` while this thread waits in
 * `Atomics.wait`. The sandbox must not share this process: its event loop would be blocked too.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Http, HttpRequest, HttpResponse } from "../../../src/ports.js";

const WORKER = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", async ({ signal, port, requests, timeoutMs }) => {
	const results = await Promise.all(requests.map(async (request) => {
		try {
			const response = await fetch(request.url, {
				method: request.method.toUpperCase(),
				headers: request.headers,
				body: request.body,
				signal: AbortSignal.timeout(timeoutMs),
			});
			const headers = {};
			response.headers.forEach((value, name) => { headers[name.toLowerCase()] = value; });
			return { ok: true, status: response.status, headers, body: await response.text() };
		} catch (error) {
			return { ok: false, message: String(error && error.message ? error.message : error) };
		}
	}));
	port.postMessage(results);
	Atomics.store(signal, 0, 1);
	Atomics.notify(signal, 0);
});
`;

type WorkerResult =
	| { ok: true; status: number; headers: Record<string, string>; body: string }
	| { ok: false; message: string };

export class SyncHttp implements Http {
	private readonly worker = new Worker(WORKER, { eval: true });
	readonly requests: HttpRequest[] = [];

	constructor(private readonly timeoutMs = 10_000) {
		// Let vitest exit even if a test forgets close().
		this.worker.unref();
	}

	fetch(request: HttpRequest): HttpResponse {
		const [result] = this.send([request]);
		if (!result) throw new Error("no answer");
		return result;
	}

	fetchAll(requests: HttpRequest[]): HttpResponse[] {
		return this.send(requests);
	}

	close(): Promise<number> {
		return this.worker.terminate();
	}

	private send(requests: HttpRequest[]): HttpResponse[] {
		this.requests.push(...requests);
		const signal = new Int32Array(new SharedArrayBuffer(4));
		const { port1, port2 } = new MessageChannel();
		const wire = requests.map((request) => ({
			url: request.url,
			method: request.method,
			headers: { ...(request.contentType ? { "content-type": request.contentType } : {}), ...request.headers },
			body: request.body,
		}));
		this.worker.postMessage({ signal, port: port2, requests: wire, timeoutMs: this.timeoutMs }, [port2]);
		Atomics.wait(signal, 0, 0, this.timeoutMs + 5_000);
		const message = receiveMessageOnPort(port1);
		port1.close();
		if (!message) throw new Error("the HTTP worker did not answer");
		const results = message.message as WorkerResult[];
		// As UrlFetchApp does: a request without an answer throws, for fetchAll the whole call.
		return results.map((result) => {
			if (!result.ok) throw new Error(`Request failed: ${result.message}`);
			return { status: result.status, headers: result.headers, body: result.body };
		});
	}
}
