/**
 * HubSpot CRM v3 over the Http port: the bearer token, bounded retries (../http/retrying-send.ts),
 * HubSpot's rate-limit answers, its error body turned into plain-language PlatformErrors, and zod at
 * the edge. The connector's operations are built on `call` and `parse`.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { type EdgeContext, parseBody } from "../http/json-edge.js";
import { type QueryParams, withQuery } from "../http/query-string.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import { parseRetryAfter } from "../http/retry-after.js";
import type { RateLimitAdvice, RetryPolicy } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import type * as z from "../http/zod.js";
import { type HubSpotDailyLimit, readDailyLimit } from "./daily-limit.js";
import { errorBodySchema, type HubSpotErrorBody } from "./schemas.js";

export const HUBSPOT_API_BASE_URL = "https://api.hubapi.com";

/**
 * Private app tokens look like `pat-na1-<uuid>` (`eu1` and others per data centre); OAuth access
 * tokens are long opaque strings caught by the Bearer rule. Redacted even when the connector was
 * never told the value, since HubSpot may echo another token back.
 */
export const HUBSPOT_TOKEN_PATTERNS: readonly RegExp[] = [/\bpat-[a-z]{2,3}\d-[0-9a-f-]{20,}/gi];

export interface HubSpotClientOptions {
	http: Http;
	clock: Clock;
	log?: Log | undefined;
	accessToken: string;
	apiBaseUrl?: string | undefined;
	retry?: Partial<RetryPolicy> | undefined;
}

export interface CallSpec {
	method: HttpRequest["method"];
	/** The path as sent, ids already encoded. */
	path: string;
	/** The path with placeholders, for messages: "GET /crm/v3/objects/deals/{dealId}". */
	template: string;
	query?: QueryParams;
	body?: unknown;
	/** False for a create that must not be repeated blindly after a 5xx or a timeout. */
	idempotent: boolean;
}

export class HubSpotClient {
	private readonly apiBaseUrl: string;
	private readonly transport: Transport;
	/** The daily limit HubSpot's latest answer reported (daily-limit.ts), null before one did. */
	dailyLimit: HubSpotDailyLimit | null = null;

	constructor(private readonly options: HubSpotClientOptions) {
		if (options.accessToken.trim() === "") {
			throw new PlatformError(
				"HubSpot",
				"connect",
				"auth",
				"HubSpot is not connected: no access token (service key or private app token) is saved in Hubsheet's settings.",
			);
		}
		this.apiBaseUrl = (options.apiBaseUrl ?? HUBSPOT_API_BASE_URL).replace(/\/+$/, "");
		this.transport = transport(options);
	}

	get secrets(): readonly string[] {
		return [this.options.accessToken];
	}

	/**
	 * Sends with retries. 401 and 403 throw `auth` at once (every later request would fail the same
	 * way); any other status is returned for the operation to interpret.
	 */
	call(spec: CallSpec): HttpResponse {
		const response = this.transport.send(this.request(spec), this.sendSpec(spec));
		this.dailyLimit = readDailyLimit(response.headers) ?? this.dailyLimit;
		if (response.status === 401 || response.status === 403) throw this.failure(spec.template, response);
		return response;
	}

	/**
	 * Independent reads sent together with fetchAll (an answer asking for patience is sent again on
	 * its own, ../http/batch-send.ts). One result per spec, in order: the answer, or its PlatformError
	 * (401 and 403 too, as `call` throws them).
	 */
	callAll(specs: readonly CallSpec[]): Array<HttpResponse | PlatformError> {
		const answers = this.transport.sendAll(
			specs.map((spec) => ({ request: this.request(spec), spec: this.sendSpec(spec) })),
		);
		return specs.map((spec, index) => {
			const answer = answers[index];
			if (!answer)
				return new PlatformError("HubSpot", spec.template, "unavailable", `HubSpot ${spec.template} gave no answer`);
			if (!answer.ok) return answer.error;
			this.dailyLimit = readDailyLimit(answer.response.headers) ?? this.dailyLimit;
			const { status } = answer.response;
			return status === 401 || status === 403 ? this.failure(spec.template, answer.response) : answer.response;
		});
	}

	private request(spec: CallSpec): HttpRequest {
		const request: HttpRequest = {
			url: withQuery(`${this.apiBaseUrl}${spec.path}`, spec.query ?? []),
			method: spec.method,
			headers: { authorization: `Bearer ${this.options.accessToken}`, accept: "application/json" },
		};
		if (spec.body !== undefined) {
			request.body = JSON.stringify(spec.body);
			request.contentType = "application/json";
		}
		return request;
	}

	private sendSpec(spec: CallSpec) {
		return {
			platform: "HubSpot" as const,
			endpoint: spec.template,
			idempotent: spec.idempotent,
			secrets: this.secrets,
			patterns: HUBSPOT_TOKEN_PATTERNS,
			describeError: (answer: HttpResponse) => hubspotErrorText(answer),
			readRateLimit: (answer: HttpResponse, nowMs: number) => rateLimitAdvice(answer, nowMs),
		};
	}

	/** A 2xx answer's body through a schema; anything else becomes the matching PlatformError. */
	parse<T>(schema: z.ZodMiniType<T>, template: string, response: HttpResponse): T {
		if (response.status < 200 || response.status > 299) throw this.failure(template, response);
		return parseBody(schema, this.edge(template, response.status), response.body);
	}

	edge(template: string, status?: number): EdgeContext {
		return {
			platform: "HubSpot",
			endpoint: template,
			secrets: this.secrets,
			patterns: HUBSPOT_TOKEN_PATTERNS,
			...(status === undefined ? {} : { status }),
		};
	}

	/** HubSpot's refusal as a PlatformError with the owner's next step. */
	failure(template: string, response: HttpResponse): PlatformError {
		const said = this.said(response);
		const status = response.status;
		const words = `HubSpot ${template} answered HTTP ${status}${said ? `: ${said}` : ""}`;
		if (status === 401) {
			return new PlatformError(
				"HubSpot",
				template,
				"auth",
				`HubSpot refused Hubsheet's access token (${words}). Create a new service key in HubSpot (Development > Keys > Service keys; or copy a legacy private app's token again) and save it in Hubsheet's settings.`,
				{ status },
			);
		}
		if (status === 403) {
			return new PlatformError(
				"HubSpot",
				template,
				"auth",
				`HubSpot's key is missing a permission (${words}). Give the service key (or legacy private app) the scopes crm.objects.deals.read, crm.objects.deals.write, crm.schemas.deals.read, crm.schemas.deals.write (and crm.objects.contacts.read/write to link contacts; settings.currencies.read to leave the currency off deals in your company currency).`,
				{ status },
			);
		}
		return new PlatformError("HubSpot", template, "rejected", words, { status });
	}

	/** HubSpot's own words from an answer, redacted and shortened ("" when it said nothing). */
	said(response: HttpResponse): string {
		return foreignText(hubspotErrorText(response), this.secrets, HUBSPOT_TOKEN_PATTERNS);
	}
}

export function readErrorBody(response: HttpResponse): HubSpotErrorBody | null {
	try {
		const parsed = errorBodySchema.safeParse(JSON.parse(response.body));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/**
 * `message (CATEGORY)` plus the detail errors and, for a 403, the scopes HubSpot asks for. The raw
 * body's explanation fields (unknownBodyText) when it is not HubSpot's error shape (a proxy's HTML page, say). Not yet redacted.
 */
export function hubspotErrorText(response: HttpResponse): string {
	const body = readErrorBody(response);
	if (!body || (body.message === undefined && body.category === undefined)) return unknownBodyText(response.body);
	const parts: string[] = [];
	if (body.message) parts.push(body.message);
	if (body.category) parts.push(`(${body.category})`);
	const details = (body.errors ?? [])
		.map((error) => {
			const scopes = error.context?.requiredGranularScopes ?? error.context?.requiredScopes;
			const scopeText = Array.isArray(scopes) ? ` [${scopes.map(String).join(", ")}]` : "";
			return `${error.message ?? ""}${scopeText}`.trim();
		})
		.filter((text) => text !== "" && !parts.includes(text));
	if (details.length > 0) parts.push(`- ${details.join("; ")}`);
	return parts.join(" ");
}

/**
 * HubSpot's 429 names its policy: a spent daily quota cannot be waited out within a run; the
 * ten-second window can. HubSpot documents no `retry-after`, so the retry backs off unless a proxy
 * sent one.
 */
export function rateLimitAdvice(response: HttpResponse, nowMs: number): RateLimitAdvice {
	const body = readErrorBody(response);
	const policy = body?.policyName?.toUpperCase() ?? "";
	const dailyRemaining = response.headers["x-hubspot-ratelimit-daily-remaining"];
	const daily = policy === "DAILY" || (dailyRemaining !== undefined && dailyRemaining.trim() === "0");
	if (daily) {
		const limit = response.headers["x-hubspot-ratelimit-daily"];
		return {
			retryAfterSeconds: null,
			exhausted: true,
			detail: `HubSpot's daily API limit${limit ? ` of ${limit} requests` : ""} is spent; syncing with HubSpot resumes tomorrow`,
		};
	}
	const interval = response.headers["x-hubspot-ratelimit-interval-milliseconds"];
	return {
		retryAfterSeconds: parseRetryAfter(response.headers["retry-after"], nowMs),
		exhausted: false,
		detail:
			policy === ""
				? "HubSpot's request limit was reached"
				: `HubSpot's ${policy.toLowerCase().replace(/_/g, "-")} limit${interval ? ` (${interval} ms window)` : ""} was reached`,
	};
}
