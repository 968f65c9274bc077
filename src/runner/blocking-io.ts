/**
 * Makes the I/O worker's async calls synchronous for the engine: post, then block this thread in
 * `Atomics.wait` until the worker answers through a MessagePort read with `receiveMessageOnPort`
 * (the emulator's UrlFetchApp does the same, local/gas/url-fetch.ts). Node cannot block on a
 * promise otherwise, and the engine's ports (Http, Workbook) are synchronous as in Apps Script.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

export interface IoOptions {
	/** Another address for the Sheets API (the local server); Google's by default. */
	rootUrl?: string;
	/** No credentials (the local server); Application Default Credentials otherwise. */
	noAuth?: boolean;
}

export interface SheetsResult {
	ok: boolean;
	status: number;
	data?: unknown;
	message?: string;
}

export interface FetchResult {
	ok: boolean;
	status?: number;
	headers?: Record<string, string>;
	body?: string;
	message?: string;
}

export interface WireRequest {
	url: string;
	method: string;
	headers: Record<string, string>;
	body?: string;
	timeoutMs: number;
}

type Op = { kind: "sheets"; method: string; params: unknown } | { kind: "fetch"; requests: WireRequest[] };

/** How long the main thread waits for any one answer before it calls the worker lost. */
const CALL_LIMIT_MS = 5 * 60_000;

export class BlockingIo {
	private channel: { worker: Worker; port: MessagePort } | undefined;
	private nextId = 1;

	constructor(private readonly options: IoOptions = {}) {}

	private call(op: Op): unknown {
		if (!this.channel) {
			const { port1, port2 } = new MessageChannel();
			const worker = new Worker(new URL("./io-worker.mjs", import.meta.url), {
				workerData: { port: port2, options: this.options },
				transferList: [port2],
				execArgv: [],
			});
			worker.unref();
			port1.unref();
			this.channel = { worker, port: port1 };
		}
		const id = this.nextId++;
		const signal = new Int32Array(new SharedArrayBuffer(4));
		this.channel.worker.postMessage({ id, signal, op });
		Atomics.wait(signal, 0, 0, CALL_LIMIT_MS);
		for (let reply = receiveMessageOnPort(this.channel.port); reply; reply = receiveMessageOnPort(this.channel.port)) {
			const message = reply.message as { id: number; result?: unknown; error?: string };
			if (message.id !== id) continue;
			if (message.error !== undefined) throw new Error(message.error);
			return message.result;
		}
		void this.channel.worker.terminate();
		this.channel = undefined;
		throw new Error("The runner's I/O thread did not answer.");
	}

	sheets(method: string, params: unknown): SheetsResult {
		return this.call({ kind: "sheets", method, params }) as SheetsResult;
	}

	fetch(requests: WireRequest[]): FetchResult[] {
		return this.call({ kind: "fetch", requests }) as FetchResult[];
	}

	close(): void {
		void this.channel?.worker.terminate();
		this.channel = undefined;
	}
}
