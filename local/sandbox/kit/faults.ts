/**
 * Fault injection: a queue of faults, each matched by method and path pattern (and optionally
 * query values), applied `times` times after skipping `after` matching requests, so a test can say
 * "the second page of receipts fails once with a 503".
 */
import type { Query, SandboxRequest } from "./http.js";
import { matchPattern } from "./router.js";

export type FaultKind =
	/** Answers `status` (default 500) with `body` (default: the platform's error body). */
	| "error"
	/** Answers 429 with `retry-after: retryAfter` seconds (default 1). */
	| "rate-limit"
	/** Holds the response `ms` milliseconds, then serves it normally: a slow server or, held long enough, a timeout. */
	| "delay"
	/** Serves the real response with its JSON body cut in half. */
	| "malformed"
	/** Answers as the platform does for a revoked or invalid access token (401). */
	| "revoked-token"
	/** Closes the connection without answering: a network error for the client. */
	| "disconnect"
	/** Answers `status` (default 307) with `location: location`: a moved or hijacked endpoint. */
	| "redirect";

export const FAULT_KINDS: readonly FaultKind[] = [
	"error",
	"rate-limit",
	"delay",
	"malformed",
	"revoked-token",
	"disconnect",
	"redirect",
];

export interface FaultSpec {
	kind: FaultKind;
	/** Path pattern as in the router (`/v3/application/shops/:shop_id/receipts`, `/v3/*`); default: every path. */
	path?: string;
	/** HTTP method; default: any. */
	method?: string;
	/** Query values the request must carry, e.g. `{ offset: "100" }`. */
	query?: Record<string, string>;
	/** How many matching requests the fault applies to; default 1. */
	times?: number;
	/** How many matching requests pass untouched before the fault starts; default 0. */
	after?: number;
	status?: number;
	body?: unknown;
	retryAfter?: number;
	ms?: number;
	/** Where a `redirect` fault points. */
	location?: string;
}

export interface Fault extends FaultSpec {
	id: number;
	/** Applications left. */
	remaining: number;
	/** Matching requests still to let through before applying. */
	skip: number;
}

export function validateFaultSpec(spec: unknown): FaultSpec {
	if (!spec || typeof spec !== "object") throw new TypeError("a fault must be an object");
	const fault = spec as FaultSpec;
	if (!FAULT_KINDS.includes(fault.kind)) throw new TypeError(`fault kind must be one of ${FAULT_KINDS.join(", ")}`);
	for (const key of ["times", "after", "status", "retryAfter", "ms"] as const) {
		const value = fault[key];
		if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
			throw new TypeError(`fault ${key} must be a non-negative number`);
		}
	}
	if (fault.kind === "error" && fault.status !== undefined && (fault.status < 400 || fault.status > 599)) {
		throw new TypeError("an error fault's status must be 4xx or 5xx");
	}
	if (fault.kind === "delay" && fault.ms === undefined) throw new TypeError("a delay fault needs ms");
	if (fault.kind === "redirect") {
		if (typeof fault.location !== "string" || fault.location === "")
			throw new TypeError("a redirect fault needs location");
		if (fault.status !== undefined && (fault.status < 300 || fault.status > 399)) {
			throw new TypeError("a redirect fault's status must be 3xx");
		}
	}
	return fault;
}

export class FaultQueue {
	private faults: Fault[] = [];
	private nextId = 1;

	add(spec: FaultSpec): Fault {
		const valid = validateFaultSpec(spec);
		const fault: Fault = { ...valid, id: this.nextId++, remaining: valid.times ?? 1, skip: valid.after ?? 0 };
		this.faults.push(fault);
		return fault;
	}

	list(): Fault[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	clear(): void {
		this.faults = [];
	}

	/** The first fault that applies to this request, consuming one application; faults are checked in the order added. */
	take(req: Pick<SandboxRequest, "method" | "path" | "query">): Fault | undefined {
		for (const fault of this.faults) {
			if (!matches(fault, req)) continue;
			if (fault.skip > 0) {
				fault.skip--;
				continue;
			}
			fault.remaining--;
			if (fault.remaining <= 0) this.faults = this.faults.filter((other) => other !== fault);
			return { ...fault };
		}
		return undefined;
	}
}

function matches(fault: Fault, req: Pick<SandboxRequest, "method" | "path" | "query">): boolean {
	if (fault.method && fault.method.toUpperCase() !== req.method.toUpperCase()) return false;
	if (fault.path && !matchPattern(fault.path, req.path)) return false;
	if (fault.query) {
		for (const [key, value] of Object.entries(fault.query)) {
			if (!queryHas(req.query, key, value)) return false;
		}
	}
	return true;
}

function queryHas(query: Query, key: string, value: string): boolean {
	const actual = query[key];
	return Array.isArray(actual) ? actual.includes(value) : actual === value;
}
