/**
 * Every request a sandbox served, kept in memory so tests can assert what the connector sent
 * (and contract tests can validate each exchange). Secrets are masked before they are stored:
 * a log must be safe to print in a failing test.
 */
import type { Query } from "./http.js";

export interface LoggedRequest {
	id: number;
	/** Sandbox (simulated) time, epoch ms. */
	at: number;
	method: string;
	path: string;
	/** The route pattern that served it, e.g. `/v3/application/shops/:shop_id/receipts`. */
	route?: string;
	query: Query;
	headers: Record<string, string>;
	body: unknown;
	/** 0 when the connection was dropped by a `disconnect` fault. */
	status: number;
	responseBody?: unknown;
	/** The kind of fault applied, if any. */
	fault?: string;
	durationMs: number;
}

export const MASK = "[redacted]";

const SECRET_HEADERS = new Set(["authorization", "x-api-key", "cookie", "set-cookie", "proxy-authorization"]);

/** Default secret field names, masked anywhere in request and response bodies. */
export const SECRET_FIELDS = ["access_token", "refresh_token", "code", "code_verifier", "client_secret", "password"];

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!SECRET_HEADERS.has(name)) out[name] = value;
		else if (name === "authorization") {
			// Keep the scheme: "Bearer [redacted]" still shows which kind of auth was sent.
			const scheme = value.split(" ")[0];
			out[name] = scheme && scheme !== value ? `${scheme} ${MASK}` : MASK;
		} else out[name] = MASK;
	}
	return out;
}

export function redactFields(value: unknown, fields: readonly string[]): unknown {
	if (Array.isArray(value)) return value.map((item) => redactFields(item, fields));
	if (value && typeof value === "object") {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) {
			out[key] = fields.includes(key) && item !== null && item !== undefined ? MASK : redactFields(item, fields);
		}
		return out;
	}
	return value;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private nextId = 1;

	/** Oldest entries are dropped past `limit`, so a long local session does not grow without bound. */
	constructor(private readonly limit = 5000) {}

	add(entry: Omit<LoggedRequest, "id">): LoggedRequest {
		const logged = { ...entry, id: this.nextId++ };
		this.entries.push(logged);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return logged;
	}

	list(filter: { method?: string; path?: string; since?: number } = {}): LoggedRequest[] {
		return this.entries.filter(
			(entry) =>
				(!filter.method || entry.method === filter.method.toUpperCase()) &&
				(!filter.path || entry.path.startsWith(filter.path)) &&
				(filter.since === undefined || entry.id > filter.since),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
