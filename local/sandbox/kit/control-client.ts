/**
 * A typed client of the control API every sandbox serves under `/__sandbox`, over async fetch:
 * tests and scripts drive a sandbox in another process with it.
 */
import type { Fault, FaultSpec } from "./faults.js";
import type { LoggedRequest } from "./request-log.js";

export interface ClockState {
	now: number;
	nowSeconds: number;
	iso: string;
	offsetMs: number;
	frozen: boolean;
}

export class SandboxControlError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		message: string,
	) {
		super(message);
		this.name = "SandboxControlError";
	}
}

export class SandboxControlClient {
	constructor(readonly baseUrl: string) {}

	protected async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
		});
		const text = await response.text();
		const parsed: unknown = text === "" ? undefined : JSON.parse(text);
		if (!response.ok) {
			const reason = (parsed as { error?: string } | undefined)?.error ?? text;
			throw new SandboxControlError(response.status, parsed, `${method} ${path} -> ${response.status}: ${reason}`);
		}
		return parsed as T;
	}

	/** Clears faults and the request log and reseeds the platform (`{seed, now, ...platform options}`). */
	reset(options: Record<string, unknown> = {}): Promise<{ name: string; clock: ClockState }> {
		return this.call("POST", "/__sandbox/reset", options);
	}

	clock(): Promise<ClockState> {
		return this.call("GET", "/__sandbox/clock");
	}

	advanceClock(by: { ms?: number; seconds?: number; days?: number }): Promise<ClockState> {
		return this.call("POST", "/__sandbox/clock/advance", by);
	}

	setClock(now: number | string, frozen = false): Promise<ClockState> {
		return this.call("POST", "/__sandbox/clock/set", { now, frozen });
	}

	async addFault(spec: FaultSpec): Promise<Fault> {
		const { faults } = await this.call<{ faults: Fault[] }>("POST", "/__sandbox/faults", spec);
		return faults[0] as Fault;
	}

	async faults(): Promise<Fault[]> {
		return (await this.call<{ faults: Fault[] }>("GET", "/__sandbox/faults")).faults;
	}

	async clearFaults(): Promise<void> {
		await this.call("DELETE", "/__sandbox/faults");
	}

	async requests(filter: { method?: string; path?: string; since?: number } = {}): Promise<LoggedRequest[]> {
		const search = new URLSearchParams();
		for (const [key, value] of Object.entries(filter)) if (value !== undefined) search.set(key, String(value));
		const query = search.size > 0 ? `?${search}` : "";
		return (await this.call<{ requests: LoggedRequest[] }>("GET", `/__sandbox/requests${query}`)).requests;
	}

	async clearRequests(): Promise<void> {
		await this.call("DELETE", "/__sandbox/requests");
	}
}
