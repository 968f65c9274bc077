/**
 * The Furgonetka REST API sandbox: OAuth 2 token endpoint, account services, package validation and
 * creation, the package list and details, tracking, labels (PDF), and asynchronous order commands.
 * Checks in the order a client meets them: media type (406), rate limit (429), bearer token (401),
 * then the endpoint's own (400/404/409/422).
 */
import type { Handler, SandboxRequest, SandboxResponse } from "../kit/http.js";
import { bearerToken, json, withRetryAfter } from "../kit/http.js";
import { RateLimitedSandbox, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerApiRoutes } from "./api.js";
import { registerControlRoutes } from "./control.js";
import { registerOAuthRoutes } from "./oauth.js";
import { type FurgonetkaResetOptions, FurgonetkaState, type Session } from "./state.js";

export const MEDIA_TYPE = "application/vnd.furgonetka.v1+json";

export type FurgonetkaSandboxOptions = FurgonetkaResetOptions & SandboxClockOptions;

/** Furgonetka's error body: a list of messages, with the field's path where there is one. */
export function furgonetkaErrors(status: number, errors: Array<{ path?: string; message: string }>): SandboxResponse {
	return json(status, { errors });
}

export function oauthError(status: number, error: string, description: string): SandboxResponse {
	return { ...json(status, { error, error_description: description }), headers: { "cache-control": "no-store" } };
}

export class FurgonetkaSandbox extends RateLimitedSandbox<FurgonetkaState, FurgonetkaResetOptions> {
	readonly name = "furgonetka";
	readonly secretFields = ["username", "client_id"];

	constructor(options: FurgonetkaSandboxOptions = {}) {
		super(options);
		registerOAuthRoutes(this, this.routes);
		registerApiRoutes(this, this.routes);
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState(options: FurgonetkaResetOptions): FurgonetkaState {
		return new FurgonetkaState(options);
	}

	/** A reset's settings and rules go over the start-up ones key by key. */
	protected override resetOptions(changes: FurgonetkaResetOptions): FurgonetkaResetOptions {
		return {
			...this.defaults,
			...changes,
			settings: { ...this.defaults.settings, ...changes.settings },
			rules: { ...this.defaults.rules, ...changes.rules },
		};
	}

	now(): number {
		return this.clock.now();
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
		return withRetryAfter(furgonetkaErrors(429, [{ message: "Too many requests. Try again later." }]), retryAfter);
	}

	/** The live session behind a bearer token, or Furgonetka's 401. */
	checkToken(req: SandboxRequest): Session | SandboxResponse {
		const token = bearerToken(req);
		if (!token) {
			return {
				...oauthError(401, "access_denied", "OAuth2 authentication required."),
				headers: { "www-authenticate": "Bearer" },
			};
		}
		const record = this.state.tokens.get(token);
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
			// NOTES.md "Request headers": the vnd type or plain JSON, UNCONFIRMED which are required.
			const accept = req.headers.accept ?? "";
			const acceptable = this.state.settings.requireVendorMediaType
				? accept.includes(MEDIA_TYPE)
				: accept.includes(MEDIA_TYPE) || /application\/json|\*\/\*/.test(accept) || accept === "";
			if (!options.binary && !acceptable) {
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
}
