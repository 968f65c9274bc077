/**
 * The Pipedrive API v2 sandbox: state, authentication and token-based rate limits shared by the
 * route modules. Order of checks per request, as a client meets them: API token (401), rate limits
 * (429: burst window, then the daily token budget), parameters and body (400), resource (404).
 */
import { type Handler, json, type SandboxRequest, type SandboxResponse } from "../kit/http.js";
import { SandboxBase, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { ApiError, type PipedriveResetOptions, PipedriveState } from "./state.js";
import { type BudgetDecision, TokenBudget } from "./token-budget.js";

export type PipedriveSandboxOptions = PipedriveResetOptions & SandboxClockOptions;

const ERROR_INFO = "Please check developers.pipedrive.com for more information about Pipedrive API.";

/** Pipedrive's error body: `{success: false, error, error_info, data: null, additional_data: null}`. */
export function pipedriveError(status: number, error: string, extra: Record<string, unknown> = {}): SandboxResponse {
	return json(status, { success: false, error, ...extra, error_info: ERROR_INFO, data: null, additional_data: null });
}

export class PipedriveSandbox extends SandboxBase<PipedriveState, PipedriveResetOptions> {
	readonly name = "pipedrive";
	/** The token may also come as `?api_token=` (v1 style); the request log must not keep it. */
	readonly secretFields = ["api_token"];
	readonly budget: TokenBudget;

	constructor(options: PipedriveSandboxOptions = {}) {
		super(options);
		this.budget = new TokenBudget(this.budgetConfig(), () => this.clock.now());
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState(options: PipedriveResetOptions): PipedriveState {
		return new PipedriveState(options, this.clock.nowSeconds());
	}

	protected override afterReset(): void {
		this.budget.reset();
		this.applySettings();
	}

	now(): number {
		return this.clock.nowSeconds();
	}

	applySettings(): void {
		this.budget.config = this.budgetConfig();
	}

	private budgetConfig() {
		return { dailyTokens: this.state.settings.dailyTokens, burstPerWindow: this.state.settings.burstPerWindow };
	}

	tick(nowMs: number): void {
		this.state.tick(Math.floor(nowMs / 1000));
	}

	errorBody(status: number, message: string): unknown {
		return pipedriveError(status, message).json;
	}

	revokedTokenResponse(): SandboxResponse {
		return pipedriveError(401, "unauthorized access", { errorCode: 401 });
	}

	rateLimitedResponse(retryAfter: number): SandboxResponse {
		const response = pipedriveError(429, "Request over limit", { errorCode: 429 });
		return { ...response, headers: { "retry-after": String(retryAfter), "x-ratelimit-reset": String(retryAfter) } };
	}

	/** The token from `x-api-token` (v2) or `?api_token=` (v1 style); undefined when absent or wrong. */
	private authenticated(req: SandboxRequest): boolean {
		const header = req.headers["x-api-token"];
		const query = req.query.api_token;
		const token = header ?? (typeof query === "string" ? query : undefined);
		return token !== undefined && token === this.state.company.apiToken;
	}

	/**
	 * Wraps a vendor handler with authentication, the token cost of the endpoint and the rate-limit
	 * headers every answer carries, and ApiError -> Pipedrive's error body.
	 */
	endpoint(cost: number, handler: (req: SandboxRequest) => SandboxResponse): Handler {
		return (req) => {
			if (!this.authenticated(req)) return this.revokedTokenResponse();
			const decision = this.budget.charge(cost);
			const headers = rateLimitHeaders(decision);
			if (!decision.allowed) {
				const limited = this.rateLimitedResponse(decision.retryAfter);
				return { ...limited, headers: { ...limited.headers, ...headers, "retry-after": String(decision.retryAfter) } };
			}
			let response: SandboxResponse;
			try {
				if (req.bodyInvalid) throw new ApiError(400, "Request body is not valid JSON");
				response = handler(req);
			} catch (error) {
				if (!(error instanceof ApiError)) throw error;
				response = pipedriveError(error.status, error.message);
			}
			return { ...response, headers: { ...response.headers, ...headers } };
		};
	}
}

/**
 * The burst window's `x-ratelimit-*` headers are documented; the daily budget's names are the
 * ones third-party clients read from live answers (UNCONFIRMED in Pipedrive's docs).
 */
function rateLimitHeaders(decision: BudgetDecision): Record<string, string> {
	return {
		"x-ratelimit-limit": String(decision.burstLimit),
		"x-ratelimit-remaining": String(decision.burstRemaining),
		"x-ratelimit-reset": String(decision.burstReset),
		"x-daily-ratelimit-token-limit": String(decision.dailyLimit),
		"x-daily-ratelimit-token-remaining": String(decision.dailyRemaining),
	};
}
