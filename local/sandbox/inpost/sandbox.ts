/**
 * The InPost ShipX sandbox: create, read, list and cancel shipments, labels (PDF), tracking and the
 * status dictionary, with ShipX's error body `{status, error, message, description, details}`.
 * Checks in the order a client meets them: rate limit (429), token (401), organization (403), then
 * the endpoint's own (400 validation_failed, 404 resource_not_found).
 *
 * NOTES.md "Environments / auth": "Every request: `Authorization: Bearer <that API token>`"; one static
 * API token and an Organization ID. NOTES.md "Errors": "`{"status":400,"error":"invalid_parameter",
 * "description":"...","details":null}` [STAT example]".
 * NOTES.md "Labels": "The exact 401 body real ShipX sends is UNCONFIRMED (Hubsheet's own sandbox
 * answers `{"status":401,"error":"token_invalid",…}`, which is not InPost)": the body below is the
 * sandbox's, not InPost's; the connector reads a 401 by its status alone, whatever the body.
 * Not in NOTES: the error codes other than `invalid_parameter`, `invalid_action`,
 * `label_generation_failed`, `label_template_not_found`; the 403 for another organization; the
 * rate limit and its 429 `retry-after`.
 */
import type { Handler, SandboxRequest, SandboxResponse } from "../kit/http.js";
import { bearerToken, json, withRetryAfter } from "../kit/http.js";
import { RateLimitedSandbox, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { type InpostResetOptions, InpostState } from "./state.js";

export type InpostSandboxOptions = InpostResetOptions & SandboxClockOptions;

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

export class InpostSandbox extends RateLimitedSandbox<InpostState, InpostResetOptions> {
	readonly name = "inpost";

	constructor(options: InpostSandboxOptions = {}) {
		super(options);
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState(options: InpostResetOptions): InpostState {
		return new InpostState(options);
	}

	/** A reset's settings go over the start-up ones key by key. */
	protected override resetOptions(changes: InpostResetOptions): InpostResetOptions {
		return { ...this.defaults, ...changes, settings: { ...this.defaults.settings, ...changes.settings } };
	}

	now(): number {
		return this.clock.now();
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
		return withRetryAfter(shipxError(429, "too_many_requests", "Too many requests."), retryAfter);
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
				if (bearerToken(req) !== this.state.token) return this.revokedTokenResponse();
				const organization = req.params.organization_id;
				if (organization !== undefined && organization !== String(this.state.organizationId)) {
					return shipxError(403, "access_forbidden", "You do not have access to this organization.", {});
				}
			}
			if (req.bodyInvalid) return shipxError(400, "invalid_json", "The request body is not valid JSON.");
			return handler(req);
		};
	}
}
