/**
 * The InPost ShipX sandbox: create, read, list and cancel shipments, labels (PDF), tracking and the
 * status dictionary, with ShipX's error body `{status, error, message, description, details}`.
 * Checks in the order a client meets them: rate limit (429), token (401), organization (403), then
 * the endpoint's own (400 validation_failed, 404 resource_not_found).
 */
import { SimClock } from "../kit/clock.js";
import { type Handler, json, type SandboxRequest, type SandboxResponse } from "../kit/http.js";
import { RateLimiter } from "../kit/rate-limit.js";
import { Router } from "../kit/router.js";
import type { SandboxPlatform } from "../kit/server.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { type InpostResetOptions, InpostState } from "./state.js";

export interface InpostSandboxOptions extends InpostResetOptions {
	clock?: SimClock;
	now?: number;
	frozen?: boolean;
}

const ERROR_CODES: Record<number, string> = {
	400: "invalid_parameter",
	401: "token_invalid",
	403: "access_forbidden",
	404: "resource_not_found",
	405: "method_not_allowed",
	409: "conflict",
	422: "unprocessable_entity",
	429: "too_many_requests",
	500: "internal_server_error",
	502: "bad_gateway",
	503: "service_unavailable",
	504: "gateway_timeout",
};

/**
 * ShipX's error body. The notes' example has `description`; public SDKs read `message`: the sandbox
 * sends both with the same text, so a client reading either works.
 */
export function shipxError(status: number, error: string, message: string, details: unknown = null): SandboxResponse {
	return json(status, { status, error, message, description: message, details });
}

export class InpostSandbox implements SandboxPlatform {
	readonly name = "inpost";
	readonly clock: SimClock;
	readonly routes = new Router<Handler>();
	readonly controlRoutes = new Router<Handler>();
	state: InpostState;
	readonly limiter: RateLimiter;
	private readonly defaults: InpostResetOptions;

	constructor(options: InpostSandboxOptions = {}) {
		const { clock, now, frozen, ...defaults } = options;
		this.defaults = defaults;
		this.clock = clock ?? new SimClock();
		if (now !== undefined) this.clock.set(now, frozen === true);
		this.state = new InpostState(defaults);
		this.limiter = new RateLimiter(
			{ perSecond: this.state.settings.perSecond, perDay: this.state.settings.perDay },
			() => this.clock.now(),
		);
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	now(): number {
		return this.clock.now();
	}

	reset(options: Record<string, unknown>): void {
		const { now, frozen, clock: _ignored, ...rest } = options as InpostSandboxOptions;
		this.clock.resetTo(now, frozen);
		this.state = new InpostState({
			...this.defaults,
			...rest,
			settings: { ...this.defaults.settings, ...rest.settings },
		});
		this.applySettings();
		this.limiter.reset();
	}

	applySettings(): void {
		this.limiter.config = { perSecond: this.state.settings.perSecond, perDay: this.state.settings.perDay };
	}

	tick(nowMs: number): void {
		this.state.tick(nowMs);
	}

	errorBody(status: number, message: string): unknown {
		return { status, error: ERROR_CODES[status] ?? "error", message, description: message, details: null };
	}

	revokedTokenResponse(): SandboxResponse {
		return shipxError(401, "token_invalid", "Token is missing or invalid.", {});
	}

	rateLimitedResponse(retryAfter: number): SandboxResponse {
		return {
			...shipxError(429, "too_many_requests", "Too many requests."),
			headers: { "retry-after": String(retryAfter) },
		};
	}

	/**
	 * Wraps an API handler with the rate limit and the token check (`public` endpoints, like the status
	 * dictionary and tracking, need no token); `:organization_id` in the path must be the token's.
	 */
	endpoint(handler: (req: SandboxRequest) => SandboxResponse, options: { public?: boolean } = {}): Handler {
		return (req) => {
			const decision = this.limiter.hit();
			if (!decision.allowed) return this.rateLimitedResponse(decision.retryAfter);
			if (!options.public) {
				const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
				if (match?.[1] !== this.state.token) return this.revokedTokenResponse();
				const organization = req.params.organization_id;
				if (organization !== undefined && organization !== String(this.state.organizationId)) {
					return shipxError(403, "access_forbidden", "You do not have access to this organization.", {});
				}
			}
			if (req.bodyInvalid) return shipxError(400, "invalid_json", "The request body is not valid JSON.");
			return handler(req);
		};
	}

	origin(req: SandboxRequest): string {
		return `http://${req.headers.host ?? "127.0.0.1"}`;
	}
}
