/**
 * The HubSpot CRM v3 sandbox: state, auth, scopes and rate limits shared by the route modules.
 * Checks in the order a client meets them: bearer token (401), rate limit (429), scope (403), body
 * (400), resource (404). Every answer except search's carries X-HubSpot-RateLimit-* headers.
 * NOTES.md "Auth": "Header: `Authorization: Bearer <key>` ... UNCONFIRMED officially" and "Token look:
 * ... => UNCONFIRMED. Do not reject a token for its prefix": any token value can be issued (reset
 * `accessToken`, control `tokens`); test/local/sandbox/hubspot.test.ts signs in with both forms.
 * NOTES.md "Errors": "401 = invalid auth ...; 403 = the token lacks the scope [ERR]".
 * NOTES.md "Rate limits": "429 when exceeded; headers `X-HubSpot-RateLimit-*` reflect your limits".
 * Not in NOTES: that search answers carry no such headers, and that a 429 has no `retry-after`
 * (HubSpot's usage page); the connector reads neither from search and honours a `retry-after` if
 * one comes, so either reading works.
 */
import { randomUUID } from "node:crypto";
import { bearerToken, type Handler, json, type SandboxRequest, type SandboxResponse } from "../kit/http.js";
import { SandboxBase, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { categoryFor, errorBody, errorResponse, HubSpotApiError } from "./errors.js";
import { HubSpotLimiter, type LimitDecision } from "./rate-limit.js";
import { HubSpotState } from "./state.js";
import type { HubSpotResetOptions, TokenRecord } from "./types.js";

export type HubSpotSandboxOptions = HubSpotResetOptions & SandboxClockOptions;

const AUTH_MESSAGE =
	"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

export class HubSpotSandbox extends SandboxBase<HubSpotState, HubSpotResetOptions> {
	readonly name = "hubspot";
	readonly limiter: HubSpotLimiter;

	constructor(options: HubSpotSandboxOptions = {}) {
		super(options);
		this.limiter = new HubSpotLimiter(
			() => this.state.settings,
			() => this.clock.now(),
		);
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState(options: HubSpotResetOptions): HubSpotState {
		return new HubSpotState(options, this.clock.now());
	}

	protected override afterReset(): void {
		this.limiter.reset();
	}

	tick(nowMs: number): void {
		this.state.tick(nowMs);
	}

	errorBody(status: number, message: string): unknown {
		return errorBody(categoryFor(status), message);
	}

	revokedTokenResponse(): SandboxResponse {
		return json(401, errorBody("INVALID_AUTHENTICATION", AUTH_MESSAGE));
	}

	/**
	 * HubSpot's 429: the policy that refused in the body, the limit headers with nothing remaining.
	 * HubSpot documents no `retry-after`, so none is sent; the kit's `retryAfter` is unused here.
	 */
	rateLimitedResponse(_retryAfter: number): SandboxResponse {
		const settings = this.state.settings;
		return this.limited({
			allowed: false,
			policy: "TEN_SECONDLY_ROLLING",
			max: settings.perInterval,
			remaining: 0,
			intervalMs: settings.intervalMs,
			daily: settings.perDay,
			dailyRemaining: settings.perDay,
		});
	}

	/**
	 * Wraps a vendor handler: token, limits, scope, an unparseable body, HubSpotApiError -> its
	 * answer, and the rate-limit headers.
	 */
	endpoint(
		options: { scope: string; search?: boolean },
		handler: (req: SandboxRequest, token: TokenRecord) => SandboxResponse,
	): Handler {
		return (req) => {
			const token = this.authenticate(req);
			if (!token) return this.revokedTokenResponse();
			const decision = this.limiter.hit(options.search === true);
			const headers = options.search ? {} : rateHeaders(decision);
			if (!decision.allowed) return this.limited(decision, options.search === true);
			let response: SandboxResponse;
			try {
				if (!token.scopes.includes(options.scope)) throw missingScope(options.scope);
				if (req.bodyInvalid) throw new HubSpotApiError(400, "VALIDATION_ERROR", "Invalid input JSON on line 1");
				response = handler(req, token);
			} catch (error) {
				if (!(error instanceof HubSpotApiError)) throw error;
				response = errorResponse(error);
			}
			return { ...response, headers: { ...response.headers, ...headers } };
		};
	}

	private authenticate(req: SandboxRequest): TokenRecord | undefined {
		const token = bearerToken(req);
		const record = token ? this.state.tokens.get(token) : undefined;
		return record && !record.revoked ? record : undefined;
	}

	private limited(decision: LimitDecision, search = false): SandboxResponse {
		const policy = decision.policy ?? "TEN_SECONDLY_ROLLING";
		const words = policy === "DAILY" ? "daily" : policy === "SECONDLY" ? "secondly" : "ten_secondly_rolling";
		return json(
			429,
			{
				status: "error",
				message: `You have reached your ${words} limit.`,
				errorType: "RATE_LIMIT",
				correlationId: randomUUID(),
				policyName: policy,
				category: "RATE_LIMITS",
			},
			search ? {} : rateHeaders({ ...decision, remaining: 0 }),
		);
	}
}

function rateHeaders(decision: LimitDecision): Record<string, string> {
	return {
		"X-HubSpot-RateLimit-Daily": String(decision.daily),
		"X-HubSpot-RateLimit-Daily-Remaining": String(decision.dailyRemaining),
		"X-HubSpot-RateLimit-Interval-Milliseconds": String(decision.intervalMs),
		"X-HubSpot-RateLimit-Max": String(decision.max),
		"X-HubSpot-RateLimit-Remaining": String(decision.remaining),
	};
}

function missingScope(scope: string): HubSpotApiError {
	return new HubSpotApiError(
		403,
		"MISSING_SCOPES",
		"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
		{
			errors: [
				{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: [scope] } },
			],
			links: { scopes: "https://developers.hubspot.com/scopes" },
		},
	);
}
