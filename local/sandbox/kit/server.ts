/**
 * The node:http shell every sandbox shares: parses requests, applies injected faults, logs each
 * exchange, dispatches to the platform's routes, and serves the control API under `/__sandbox`.
 * A platform only supplies routes, its error body shape and its reset.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimClock } from "./clock.js";
import { type Fault, FaultQueue, type FaultSpec } from "./faults.js";
import { type Handler, json, parseBody, parseQuery, type SandboxRequest, type SandboxResponse } from "./http.js";
import { RequestLog, redactFields, redactHeaders, SECRET_FIELDS } from "./request-log.js";
import { Router } from "./router.js";
import { RUNTIME_CLOCK_HEADER, RuntimeClockFollower } from "./runtime-clock.js";

export interface SandboxPlatform {
	/** Short name: the control routes live under `/__sandbox/<name>/`. */
	readonly name: string;
	readonly clock: SimClock;
	/** The vendor's endpoints. */
	readonly routes: Router<Handler>;
	/** Platform-specific control endpoints, patterns relative to `/__sandbox/<name>`. */
	readonly controlRoutes: Router<Handler>;
	/** Back to seeded state; `options` is the body of POST /__sandbox/reset. */
	reset(options: Record<string, unknown>): void;
	/** The vendor's error body for a status and message. */
	errorBody(status: number, message: string): unknown;
	/** The vendor's answer to a revoked access token. */
	revokedTokenResponse(): SandboxResponse;
	/** The vendor's 429 answer. */
	rateLimitedResponse(retryAfter: number): SandboxResponse;
	/** Body fields to mask in the request log, besides the common ones. */
	readonly secretFields?: readonly string[];
	/** Called before each vendor request, so simulated business can catch up with sandbox time. */
	tick?(nowMs: number): void;
}

export interface RunningSandbox {
	readonly name: string;
	readonly url: string;
	readonly port: number;
	readonly platform: SandboxPlatform;
	readonly faults: FaultQueue;
	readonly log: RequestLog;
	close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

export async function listenSandbox(
	platform: SandboxPlatform,
	options: { port?: number; host?: string } = {},
): Promise<RunningSandbox> {
	const faults = new FaultQueue();
	const log = new RequestLog();
	const control = baseControlRoutes(platform, faults, log);
	const pendingTimers = new Set<NodeJS.Timeout>();
	const host = options.host ?? "127.0.0.1";

	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				pendingTimers.delete(timer);
				resolve();
			}, ms);
			pendingTimers.add(timer);
		});

	const runtimeClock = new RuntimeClockFollower(platform.clock);
	const server: Server = createServer((incoming, outgoing) => {
		handle(incoming, outgoing).catch((error: unknown) => {
			console.error(`[sandbox ${platform.name}]`, error);
			if (!outgoing.headersSent) send(outgoing, json(500, platform.errorBody(500, "Server Error")));
			else outgoing.destroy();
		});
	});

	async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
		const started = Date.now();
		const req = await readRequest(incoming);
		if (req.path === "/__sandbox" || req.path.startsWith("/__sandbox/")) {
			send(outgoing, await dispatchControl(req));
			return;
		}

		runtimeClock.follow(req.headers[RUNTIME_CLOCK_HEADER]);
		platform.tick?.(platform.clock.now());
		const at = platform.clock.now();
		const fault = faults.take(req);
		const match = platform.routes.match(req.method, req.path);
		const route = match && "handler" in match ? match.pattern : undefined;

		const record = (status: number, responseBody: unknown) => {
			const secrets = [...SECRET_FIELDS, ...(platform.secretFields ?? [])];
			log.add({
				at,
				method: req.method,
				path: req.path,
				...(route ? { route } : {}),
				query: redactFields(req.query, secrets) as SandboxRequest["query"],
				headers: redactHeaders(req.headers),
				body: redactFields(req.body ?? (req.rawBody === "" ? undefined : req.rawBody), secrets),
				status,
				...(responseBody === undefined ? {} : { responseBody: redactFields(responseBody, secrets) }),
				...(fault ? { fault: fault.kind } : {}),
				durationMs: Date.now() - started,
			});
		};

		if (fault?.kind === "delay") await sleep(fault.ms ?? 0);
		if (fault?.kind === "disconnect") {
			record(0, undefined);
			outgoing.socket?.destroy();
			return;
		}

		let response = fault ? faultResponse(fault) : undefined;
		if (!response) {
			if (!match) response = json(404, platform.errorBody(404, `No route for ${req.method} ${req.path}`));
			else if (!("handler" in match)) response = json(405, platform.errorBody(405, "Method not allowed"));
			else response = await match.handler({ ...req, params: match.params });
		}

		if (fault?.kind === "malformed" && response.json !== undefined) {
			const full = JSON.stringify(response.json);
			// Cut mid-document: a parser must fail on it, not silently accept a prefix.
			const cut = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
			response = {
				status: response.status,
				headers: { ...response.headers, "content-type": "application/json" },
				text: cut,
			};
			record(response.status, cut);
		} else
			record(
				response.status,
				response.json ?? response.text ?? (response.bytes ? `(${response.bytes.length} bytes)` : undefined),
			);
		send(outgoing, response);
	}

	function faultResponse(fault: Fault): SandboxResponse | undefined {
		switch (fault.kind) {
			case "error": {
				const status = fault.status ?? 500;
				return json(status, fault.body ?? platform.errorBody(status, status >= 500 ? "Server Error" : "Error"));
			}
			case "rate-limit":
				return platform.rateLimitedResponse(fault.retryAfter ?? 1);
			case "revoked-token":
				return platform.revokedTokenResponse();
			case "redirect":
				return { status: fault.status ?? 307, headers: { location: fault.location ?? "/" }, text: "" };
			default:
				return undefined;
		}
	}

	async function dispatchControl(req: SandboxRequest): Promise<SandboxResponse> {
		const prefix = `/__sandbox/${platform.name}`;
		const own = req.path === prefix || req.path.startsWith(`${prefix}/`);
		const router = own ? platform.controlRoutes : control;
		const path = own ? req.path.slice(prefix.length) || "/" : req.path;
		const match = router.match(req.method, path);
		if (!match) return json(404, { error: `No control route ${req.method} ${req.path}` });
		if (!("handler" in match)) return json(405, { error: `Method ${req.method} not allowed on ${req.path}` });
		if (req.bodyInvalid) return json(400, { error: "Control request body is not valid JSON" });
		try {
			return await match.handler({ ...req, params: match.params });
		} catch (error) {
			// Control calls come from tests: a bad argument is their mistake, reported as a 400 with the reason.
			return json(400, { error: error instanceof Error ? error.message : String(error) });
		}
	}

	// A test process blocks its event loop for many seconds while a synchronous execution runs, so
	// its HTTP client cannot retire idle sockets on time; a server closing them after Node's default
	// 5 s would race the next control call ("other side closed").
	server.keepAliveTimeout = 10 * 60_000;
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port ?? 0, host, () => {
			server.off("error", reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	return {
		name: platform.name,
		url: `http://${host}:${port}`,
		port,
		platform,
		faults,
		log,
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of pendingTimers) clearTimeout(timer);
				pendingTimers.clear();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

function baseControlRoutes(platform: SandboxPlatform, faults: FaultQueue, log: RequestLog): Router<Handler> {
	const body = (req: SandboxRequest): Record<string, unknown> =>
		req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {};
	return new Router<Handler>()
		.get("/__sandbox", () =>
			json(200, {
				name: platform.name,
				clock: platform.clock.describe(),
				faults: faults.list().length,
				requests: log.list().length,
			}),
		)
		.get("/__sandbox/faults", () => json(200, { faults: faults.list() }))
		.post("/__sandbox/faults", (req) => {
			const specs = Array.isArray(req.body) ? req.body : [req.body];
			return json(201, { faults: specs.map((spec) => faults.add(spec as FaultSpec)) });
		})
		.delete("/__sandbox/faults", () => {
			faults.clear();
			return json(200, { faults: [] });
		})
		.get("/__sandbox/clock", () => json(200, platform.clock.describe()))
		.post("/__sandbox/clock/advance", (req) => {
			const { ms, seconds, days } = body(req);
			const total = Number(ms ?? 0) + Number(seconds ?? 0) * 1000 + Number(days ?? 0) * 86_400_000;
			platform.clock.advance(total);
			platform.tick?.(platform.clock.now());
			return json(200, platform.clock.describe());
		})
		.post("/__sandbox/clock/set", (req) => {
			const { now, frozen } = body(req);
			const nowMs = typeof now === "string" ? Date.parse(now) : Number(now);
			platform.clock.set(nowMs, frozen === true);
			return json(200, platform.clock.describe());
		})
		.get("/__sandbox/requests", (req) => {
			const { method, path, since } = req.query;
			return json(200, {
				requests: log.list({
					...(typeof method === "string" ? { method } : {}),
					...(typeof path === "string" ? { path } : {}),
					...(typeof since === "string" ? { since: Number(since) } : {}),
				}),
			});
		})
		.delete("/__sandbox/requests", () => {
			log.clear();
			return json(200, { requests: [] });
		})
		.post("/__sandbox/reset", (req) => {
			faults.clear();
			log.clear();
			platform.reset(body(req));
			return json(200, { name: platform.name, clock: platform.clock.describe() });
		});
}

async function readRequest(incoming: IncomingMessage): Promise<SandboxRequest> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of incoming) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw new Error("request body too large");
		chunks.push(buffer);
	}
	const rawBody = Buffer.concat(chunks).toString("utf8");
	const url = new URL(incoming.url ?? "/", "http://sandbox.local");
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(incoming.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
	}
	const { body, invalid } = parseBody(headers["content-type"] ?? "", rawBody);
	let path = url.pathname;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		// A malformed escape stays as sent; the router simply won't match it.
	}
	return {
		method: (incoming.method ?? "GET").toUpperCase(),
		path,
		params: {},
		query: parseQuery(url.searchParams),
		headers,
		rawBody,
		body,
		bodyInvalid: invalid,
	};
}

function send(outgoing: ServerResponse, response: SandboxResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload: string | Uint8Array = "";
	if (response.json !== undefined) {
		payload = JSON.stringify(response.json);
		headers["content-type"] ??= "application/json";
	} else if (response.text !== undefined) {
		payload = response.text;
		headers["content-type"] ??= "text/plain; charset=utf-8";
	} else if (response.bytes !== undefined) {
		payload = response.bytes;
		headers["content-type"] ??= "application/octet-stream";
	}
	headers["content-length"] = String(Buffer.byteLength(payload));
	outgoing.writeHead(response.status, headers);
	outgoing.end(payload);
}
