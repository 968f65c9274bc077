/** The server's side of a runtime worker: one child process, its requests answered as promises. */
import { type ChildProcess, fork } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunOutcome, WorkerConfig, WorkerRequest, WorkerResponse } from "./worker-protocol.js";

const here = dirname(fileURLToPath(import.meta.url));

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export class RuntimeWorker {
	private readonly child: ChildProcess;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;
	private exited = false;

	constructor(
		readonly name: string,
		config: WorkerConfig,
	) {
		this.child = fork(join(here, "runtime-worker.ts"), [JSON.stringify(config)], {
			execArgv: ["--import", "tsx"],
			stdio: ["ignore", "inherit", "inherit", "ipc"],
		});
		this.child.on("message", (message: WorkerResponse) => {
			const waiting = this.pending.get(message.id);
			if (!waiting) return;
			this.pending.delete(message.id);
			if (message.ok) waiting.resolve(message.value);
			else waiting.reject(new Error(message.error));
		});
		this.child.on("exit", (code) => {
			this.exited = true;
			for (const waiting of this.pending.values()) waiting.reject(new Error(`The ${name} worker exited (${code}).`));
			this.pending.clear();
		});
	}

	/** Requests queue in the worker and are answered in order. */
	get busy(): boolean {
		return this.pending.size > 0;
	}

	private request<T>(request: Request): Promise<T> {
		if (this.exited) return Promise.reject(new Error(`The ${this.name} worker has exited.`));
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ ...request, id } as WorkerRequest);
		});
	}

	run(fn: string, args: unknown[] = []): Promise<RunOutcome> {
		return this.request({ op: "run", fn, args });
	}

	/** Runs code beside the bundle as the owner acting in the spreadsheet; resolves to its value. */
	asOwner<T = unknown>(code: string, args: unknown[] = []): Promise<T> {
		return this.request({ op: "owner", code, args });
	}

	/** Moves the local clock, firing the triggers that fall due; resolves to their executions. */
	advanceTime(ms: number): Promise<RunOutcome[]> {
		return this.request({ op: "advance", ms });
	}

	stop(): Promise<void> {
		if (this.exited) return Promise.resolve();
		return new Promise((resolve) => {
			this.child.once("exit", () => resolve());
			this.child.kill();
		});
	}
}
