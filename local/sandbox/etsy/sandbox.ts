/**
 * The Etsy Open API v3 sandbox: state, auth checks and rate limits shared by the route modules.
 * Order of checks per request, as a client experiences it: API key (403), rate limit (429),
 * access token (401), scope (403), parameters (400), shop ownership (403), resource (404).
 */
import type { Handler, SandboxRequest, SandboxResponse } from "../kit/http.js";
import { bearerToken, json, withRetryAfter } from "../kit/http.js";
import { RateLimitedSandbox, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerApiRoutes } from "./api.js";
import { SHOP } from "./catalog.js";
import { registerControlRoutes } from "./control.js";
import { registerOAuthRoutes } from "./oauth.js";
import { ParamError } from "./params.js";
import { type EtsyResetOptions, EtsyState, type TokenRecord } from "./state.js";

export type EtsySandboxOptions = EtsyResetOptions & SandboxClockOptions;

export function etsyError(status: number, error: string, description?: string): SandboxResponse {
	return json(status, description === undefined ? { error } : { error, error_description: description });
}

export class EtsySandbox extends RateLimitedSandbox<EtsyState, EtsyResetOptions> {
	readonly name = "etsy";
	readonly secretFields = ["code_challenge"];

	constructor(options: EtsySandboxOptions = {}) {
		super(options);
		registerApiRoutes(this, this.routes);
		registerOAuthRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState(options: EtsyResetOptions): EtsyState {
		return new EtsyState(options, this.clock.nowSeconds());
	}

	now(): number {
		return this.clock.nowSeconds();
	}

	tick(nowMs: number): void {
		this.state.tick(Math.floor(nowMs / 1000));
	}

	errorBody(_status: number, message: string): unknown {
		return { error: message };
	}

	revokedTokenResponse(): SandboxResponse {
		return etsyError(401, "invalid_token", "access token is invalid");
	}

	/** NOTES.md "Requests and auth": 429 and `retry-after` UNCONFIRMED: the `retryAfter` setting drops the header. */
	rateLimitedResponse(retryAfter: number): SandboxResponse {
		const refused = etsyError(429, "You have exceeded your quota. Please wait and try again.");
		return this.state.settings.retryAfter ? withRetryAfter(refused, retryAfter) : refused;
	}

	/** x-api-key must be `keystring:shared_secret` on every request. */
	checkApiKey(req: SandboxRequest): SandboxResponse | undefined {
		const key = req.headers["x-api-key"];
		if (!key) return etsyError(403, "Missing x-api-key header or client_id");
		const [keystring, secret, ...rest] = key.split(":");
		if (secret === undefined || secret === "") return etsyError(403, "Shared secret is required in x-api-key header.");
		if (rest.length > 0 || !keystring) {
			return etsyError(403, "Invalid API key: should be in the format 'keystring:shared_secret'.");
		}
		if (keystring !== this.state.app.keystring || secret !== this.state.app.sharedSecret) {
			return etsyError(403, "Invalid API key");
		}
		return undefined;
	}

	/** The bearer token's record, or the 401/403 Etsy answers. */
	checkToken(req: SandboxRequest, scope: string): TokenRecord | SandboxResponse {
		const token = bearerToken(req);
		if (!token) return etsyError(401, "invalid_token", "access token is missing");
		const record = this.state.tokens.get(token);
		if (record?.kind !== "access" || record.revoked) return this.revokedTokenResponse();
		if (this.now() >= record.expiresAt) return etsyError(401, "invalid_token", "access token is expired");
		if (!record.scopes.includes(scope)) {
			return etsyError(403, "insufficient_scope", `this endpoint requires the ${scope} scope`);
		}
		return record;
	}

	/**
	 * Wraps a vendor handler with the API key check, the rate limit and its headers, an optional
	 * OAuth scope, and ParamError -> 400.
	 */
	endpoint(
		options: { scope?: string },
		handler: (req: SandboxRequest, token: TokenRecord | undefined) => SandboxResponse,
	): Handler {
		return (req) => {
			const keyError = this.checkApiKey(req);
			if (keyError) return keyError;
			const decision = this.limiter.hit();
			const headers = {
				"x-limit-per-second": String(decision.limitPerSecond),
				"x-remaining-this-second": String(decision.remainingThisSecond),
				"x-limit-per-day": String(decision.limitPerDay),
				"x-remaining-today": String(decision.remainingToday),
			};
			let response: SandboxResponse;
			if (!decision.allowed) {
				const limited = this.rateLimitedResponse(decision.retryAfter);
				response = { ...limited, headers: { ...limited.headers, ...headers } };
				return response;
			}
			let token: TokenRecord | undefined;
			if (options.scope) {
				const checked = this.checkToken(req, options.scope);
				if ("status" in checked) return { ...checked, headers: { ...checked.headers, ...headers } };
				token = checked;
			}
			try {
				response = handler(req, token);
			} catch (error) {
				if (!(error instanceof ParamError)) throw error;
				response = etsyError(400, error.message);
			}
			return { ...response, headers: { ...response.headers, ...headers } };
		};
	}

	/** Shop ids other than the token owner's belong to someone else. */
	checkShop(shopId: number, token: TokenRecord | undefined): SandboxResponse | undefined {
		if (shopId !== SHOP.shop_id || (token && token.userId !== SHOP.user_id)) {
			return etsyError(403, `User does not own Shop ${shopId}`);
		}
		return undefined;
	}
}
