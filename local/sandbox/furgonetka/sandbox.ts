/**
 * The Furgonetka REST API sandbox: OAuth 2 token endpoint, account services, package validation and
 * creation, the package list and details, tracking, labels (PDF), and asynchronous order commands.
 * Checks in the order a client meets them: media type (406), rate limit (429), bearer token (401),
 * then the endpoint's own (400/404/409/422).
 */
import { SimClock } from "../kit/clock.js";
import { type Handler, json, type SandboxRequest, type SandboxResponse } from "../kit/http.js";
import { RateLimiter } from "../kit/rate-limit.js";
import { Router } from "../kit/router.js";
import type { SandboxPlatform } from "../kit/server.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { registerOAuthRoutes } from "./oauth.js";
import { type FurgonetkaResetOptions, FurgonetkaState, type Session } from "./state.js";

export const MEDIA_TYPE = "application/vnd.furgonetka.v1+json";

export interface FurgonetkaSandboxOptions extends FurgonetkaResetOptions {
	clock?: SimClock;
	/** Sandbox start time, epoch ms; default real now. */
	now?: number;
	frozen?: boolean;
}

/** Furgonetka's error body: a list of messages, with the field's path where there is one. */
export function furgonetkaErrors(status: number, errors: Array<{ path?: string; message: string }>): SandboxResponse {
	return json(status, { errors });
}

export function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { ...json(status, { error, error_description: description }), headers: { "cache-control": "no-store" } };
}

export class FurgonetkaSandbox implements SandboxPlatform {
	readonly name = "furgonetka";
	readonly clock: SimClock;
	readonly routes = new Router<Handler>();
	readonly controlRoutes = new Router<Handler>();
	readonly secretFields = ["username", "client_id"];
	state: FurgonetkaState;
	readonly limiter: RateLimiter;
	private readonly defaults: FurgonetkaResetOptions;

	constructor(options: FurgonetkaSandboxOptions = {}) {
		const { clock, now, frozen, ...defaults } = options;
		this.defaults = defaults;
		this.clock = clock ?? new SimClock();
		if (now !== undefined) this.clock.set(now, frozen === true);
		this.state = new FurgonetkaState(defaults);
		this.limiter = new RateLimiter(
			{ perSecond: this.state.settings.perSecond, perDay: this.state.settings.perDay },
			() => this.clock.now(),
		);
		registerOAuthRoutes(this, this.routes);
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	now(): number {
		return this.clock.now();
	}

	reset(options: Record<string, unknown>): void {
		const { now, frozen, clock: _ignored, ...rest } = options as FurgonetkaSandboxOptions;
		this.clock.resetTo(now, frozen);
		this.state = new FurgonetkaState({
			...this.defaults,
			...rest,
			settings: { ...this.defaults.settings, ...rest.settings },
			rules: { ...this.defaults.rules, ...rest.rules },
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

	errorBody(_status: number, message: string): unknown {
		return { errors: [{ message }] };
	}

	revokedTokenResponse(): SandboxResponse {
		return {
			...oauthError(401, "invalid_token", "The access token provided is invalid."),
			headers: { "www-authenticate": 'Bearer error="invalid_token"' },
		};
	}

	rateLimitedResponse(retryAfter: number): SandboxResponse {
		return {
			...furgonetkaErrors(429, [{ message: "Too many requests. Try again later." }]),
			headers: { "retry-after": String(retryAfter) },
		};
	}

	/** The live session behind a bearer token, or Furgonetka's 401. */
	checkToken(req: SandboxRequest): Session | SandboxResponse {
		const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
		if (!match?.[1]) {
			return {
				...oauthError(401, "access_denied", "OAuth2 authentication required."),
				headers: { "www-authenticate": "Bearer" },
			};
		}
		const record = this.state.tokens.get(match[1]);
		if (record?.kind !== "access" || record.session.revoked) return this.revokedTokenResponse();
		if (this.now() >= record.session.accessExpiresAt) {
			return {
				...oauthError(401, "invalid_token", "The access token provided has expired."),
				headers: { "www-authenticate": 'Bearer error="invalid_token"' },
			};
		}
		return record.session;
	}

	/**
	 * Wraps an API handler with the media-type check, the rate limit and the bearer token. `binary`
	 * endpoints (labels) answer PDF, so they accept any Accept header.
	 */
	endpoint(
		handler: (req: SandboxRequest, session: Session) => SandboxResponse,
		options: { binary?: boolean } = {},
	): Handler {
		return (req) => {
			const accept = req.headers.accept ?? "";
			if (!options.binary && !accept.includes(MEDIA_TYPE)) {
				return furgonetkaErrors(406, [{ message: `Not acceptable. Send Accept: ${MEDIA_TYPE}.` }]);
			}
			const decision = this.limiter.hit();
			if (!decision.allowed) return this.rateLimitedResponse(decision.retryAfter);
			const session = this.checkToken(req);
			if ("status" in session) return session;
			if (req.bodyInvalid) return furgonetkaErrors(400, [{ message: "The request body is not valid JSON." }]);
			return handler(req, session);
		};
	}

	/** The sandbox's own origin, for label links (it may listen on any port). */
	origin(req: SandboxRequest): string {
		return `http://${req.headers.host ?? "127.0.0.1"}`;
	}
}
