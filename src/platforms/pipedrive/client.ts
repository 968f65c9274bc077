/**
 * Pipedrive API v2 over the Http port: the API token, bounded retries (../http/retrying-send.ts and
 * ../http/batch-send.ts), Pipedrive's token-based rate limits, its error body turned into
 * plain-language PlatformErrors, and zod at the edge (../http/json-edge.ts).
 *
 * - Authentication: the personal API token in the `x-api-token` header (the v2 spec's api_key
 *   scheme), never `?api_token=` in the URL, where logs and error messages would keep it.
 * - 429: waits as long as `retry-after` (or `x-ratelimit-reset`) says, within a cap, a bounded
 *   number of times; a spent daily token budget fails at once, since it renews only at midnight.
 * - 5xx and transport failures: backoff and retry for requests that are safe to repeat; a create
 *   is never repeated (`unavailable` with `mayHaveApplied`): the connector looks first.
 * - 401/402/403: `auth` (the owner must fix the connection); other 4xx go back to the caller.
 * - Before sending, a request whose cost exceeds the tokens the last answer said are left today is
 *   refused locally: a certain 429 would only spend the burst window.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { Clock, Http, HttpMethod, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { type EdgeContext, parseJson, parseWith } from "../http/json-edge.js";
import { type QueryParams, withQuery } from "../http/query-string.js";
import { parseRetryAfter } from "../http/retry-after.js";
import type { RateLimitAdvice, RetryPolicy, SendSpec } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import type * as z from "../http/zod.js";
import { errorText, PIPEDRIVE_TOKEN_PATTERNS, pipedriveError, rawErrorText } from "./errors.js";
import {
	dailyBudgetSpent,
	type PipedriveOperation,
	type PipedriveQuota,
	readQuota,
	TOKEN_COSTS,
	tokensLeftToday,
} from "./rate-limit.js";

export type { RetryPolicy };

export interface CallSpec {
	operation: PipedriveOperation;
	method: HttpMethod;
	/** From the API origin, e.g. `/api/v2/deals/12`. */
	path: string;
	query?: QueryParams;
	/** Sent as JSON. */
	body?: unknown;
	/**
	 * False for a create (addDeal, addPerson, addDealField): after a 5xx or a timeout it may have
	 * happened, so it is not sent again. Still retried after a 429, which Pipedrive answers without
	 * doing anything.
	 */
	idempotent: boolean;
}

export interface PipedriveClientOptions {
	http: Http;
	clock: Clock;
	log?: Log;
	apiToken: string;
	/** `https://<company>.pipedrive.com`, or a sandbox's base URL. */
	apiOrigin: string;
	retry?: Partial<RetryPolicy>;
}

const DAY_MS = 86_400_000;
const RENEWS = "It renews at midnight (UTC); syncing with Pipedrive resumes then.";

export class PipedriveClient {
	private readonly transport: Transport;
	private lastQuota: PipedriveQuota | null = null;
	private spent = 0;
	/** Which operation each request built here is, for counting what its answer cost. */
	private readonly operations = new WeakMap<HttpRequest, PipedriveOperation>();
	private warnedAboutBudget = false;

	constructor(private readonly options: PipedriveClientOptions) {
		// Every answer passes through `note`, the one place that reads the limits it reports.
		const http: Http = {
			fetch: (request) => this.note(request, options.http.fetch(request)),
			fetchAll: (requests) =>
				options.http.fetchAll(requests).map((answer, index) => this.note(requests[index], answer)),
		};
		this.transport = transport({ http, clock: options.clock, log: options.log, retry: options.retry });
	}

	/** The limits Pipedrive reported on its latest answer, or null before the first one. */
	get quota(): PipedriveQuota | null {
		return this.lastQuota;
	}

	/** Tokens this client's answered requests cost, by the spec's price list. */
	get tokensSpent(): number {
		return this.spent;
	}

	/** Tokens left today by the last answer; null when unknown (or reported before midnight UTC). */
	tokensLeftToday(): number | null {
		return tokensLeftToday(this.lastQuota, this.options.clock.now().getTime());
	}

	secrets(): string[] {
		return [this.options.apiToken];
	}

	/**
	 * Refuses locally when the budget left today (as last reported) cannot pay for `operation` plus
	 * `reserve` tokens; with a reserve, optional reads leave room for the creates that matter more.
	 */
	checkBudget(operation: PipedriveOperation, reserve = 0): void {
		const left = this.tokensLeftToday();
		const cost = TOKEN_COSTS[operation];
		if (left === null || left >= cost + reserve) return;
		const why =
			reserve > 0 && left >= cost
				? `only ${left} of today's API tokens are left, kept for creating deals and moving stages`
				: `today's API token budget is spent (${left} left, ${operation} costs ${cost})`;
		throw pipedriveError(operation, "rate-limit", `Pipedrive ${operation} was not sent: ${why}. ${RENEWS}`, {
			retryAfterSeconds: this.secondsToMidnight(),
		});
	}

	/**
	 * Sends with retries and returns Pipedrive's answer for 2xx and for 4xx other than 401, 402, 403
	 * and 429 (the caller interprets those). Throws PlatformError otherwise.
	 */
	call(spec: CallSpec): HttpResponse {
		this.checkBudget(spec.operation);
		const response = this.transport.send(this.request(spec), this.sendSpec(spec));
		const refused = this.authFailure(spec.operation, response);
		if (refused) throw refused;
		return response;
	}

	/**
	 * Independent requests that are all safe to repeat, sent `parallel` at a time with fetchAll; an
	 * answer that needs patience (429, 5xx) is sent again on its own. One result per spec, in order:
	 * the answer, or the PlatformError it ended in. Once the token is refused, nothing more is sent.
	 */
	callAll(specs: readonly CallSpec[], parallel: number): Array<HttpResponse | PlatformError> {
		const results: Array<HttpResponse | PlatformError> = [];
		const size = Math.max(1, parallel);
		let refusedToken: PlatformError | null = null;
		for (let start = 0; start < specs.length; start += size) {
			const chunk = specs.slice(start, start + size);
			const outcome = new Map<CallSpec, HttpResponse | PlatformError>();
			const sendable: CallSpec[] = [];
			for (const spec of chunk) {
				if (refusedToken) {
					outcome.set(spec, refusedToken);
					continue;
				}
				try {
					this.checkBudget(spec.operation);
					sendable.push(spec);
				} catch (error) {
					if (!(error instanceof PlatformError)) throw error;
					outcome.set(spec, error);
				}
			}
			const answers = this.transport.sendAll(
				sendable.map((spec) => ({ request: this.request(spec), spec: this.sendSpec(spec) })),
			);
			sendable.forEach((spec, index) => {
				const answer = answers[index];
				if (!answer) throw new Error("sendAllWithRetries answered fewer requests than it was given");
				const result = answer.ok
					? (this.authFailure(spec.operation, answer.response) ?? answer.response)
					: answer.error;
				if (result instanceof PlatformError && result.kind === "auth") refusedToken = result;
				outcome.set(spec, result);
			});
			for (const spec of chunk) results.push(outcome.get(spec) as HttpResponse | PlatformError);
		}
		return results;
	}

	/** JSON text -> zod schema; a failure is `malformed` and names the operation and the field. */
	parse<T>(operation: PipedriveOperation, response: HttpResponse, schema: z.ZodMiniType<T>): T {
		const context = this.edge(operation, response.status);
		return parseWith(schema, context, parseJson(context, response.body));
	}

	/** A value already parsed as JSON -> zod schema; `pathPrefix` locates it in the answer. */
	shape<T>(operation: PipedriveOperation, value: unknown, schema: z.ZodMiniType<T>, pathPrefix: PropertyKey[] = []): T {
		return parseWith(schema, this.edge(operation), value, pathPrefix);
	}

	/** A 4xx the caller has no more specific meaning for: Pipedrive refused the input. */
	refused(operation: PipedriveOperation, response: HttpResponse): PlatformError {
		const said = errorText(response, this.secrets());
		return pipedriveError(
			operation,
			"rejected",
			`Pipedrive ${operation} refused the request (HTTP ${response.status})${said ? `: ${said}` : ""}`,
			{ status: response.status },
		);
	}

	expectOk(operation: PipedriveOperation, response: HttpResponse): HttpResponse {
		if (response.status >= 200 && response.status < 300) return response;
		throw this.refused(operation, response);
	}

	private edge(operation: PipedriveOperation, status?: number): EdgeContext {
		return {
			platform: "Pipedrive",
			endpoint: operation,
			secrets: this.secrets(),
			patterns: PIPEDRIVE_TOKEN_PATTERNS,
			...(status !== undefined ? { status } : {}),
		};
	}

	private request(spec: CallSpec): HttpRequest {
		const request: HttpRequest = {
			url: withQuery(`${this.options.apiOrigin}${spec.path}`, spec.query ?? []),
			method: spec.method,
			headers: { "x-api-token": this.options.apiToken, accept: "application/json" },
		};
		if (spec.body !== undefined) {
			request.body = JSON.stringify(spec.body);
			request.contentType = "application/json";
		}
		this.operations.set(request, spec.operation);
		return request;
	}

	private sendSpec(spec: CallSpec): SendSpec {
		return {
			platform: "Pipedrive",
			endpoint: spec.operation,
			idempotent: spec.idempotent,
			secrets: this.secrets(),
			patterns: PIPEDRIVE_TOKEN_PATTERNS,
			describeError: rawErrorText,
			readRateLimit: (response, nowMs) => this.rateLimitAdvice(spec.operation, response, nowMs),
		};
	}

	/** A 429 on a spent daily budget cannot be waited out within a run; a burst 429 can. */
	private rateLimitAdvice(operation: PipedriveOperation, response: HttpResponse, nowMs: number): RateLimitAdvice {
		const said =
			parseRetryAfter(response.headers["retry-after"], nowMs) ??
			parseRetryAfter(response.headers["x-ratelimit-reset"], nowMs);
		const left = this.tokensLeftToday();
		if (dailyBudgetSpent(this.lastQuota) || (left !== null && left < TOKEN_COSTS[operation])) {
			return {
				retryAfterSeconds: said ?? this.secondsToMidnight(),
				exhausted: true,
				detail: `today's API token budget is spent. ${RENEWS}`,
			};
		}
		// A reset of 0 s means the window has just turned; the policy's backoff still beats hammering it.
		return { retryAfterSeconds: said === 0 ? null : said, exhausted: false, detail: "" };
	}

	private authFailure(operation: PipedriveOperation, response: HttpResponse): PlatformError | null {
		const { status } = response;
		if (status !== 401 && status !== 402 && status !== 403) return null;
		const said = errorText(response, this.secrets());
		const quoted = said ? ` (Pipedrive said: ${said})` : "";
		const message =
			status === 401
				? `Pipedrive refused Hubsheet's API token${quoted}: it was regenerated, or its user was deactivated. Enter the current token (Pipedrive > Personal preferences > API) in Hubsheet's settings.`
				: status === 402
					? `Pipedrive refused ${operation}${quoted}: the company's subscription is not active.`
					: `Pipedrive refused ${operation}${quoted}: the API token's user is not allowed to do this.`;
		return pipedriveError(operation, "auth", message, { status });
	}

	/** Keeps the limits an answer reports, and counts what the request cost. */
	private note(request: HttpRequest | undefined, response: HttpResponse): HttpResponse {
		const nowMs = this.options.clock.now().getTime();
		const quota = readQuota(response.headers, nowMs);
		if (quota) this.lastQuota = quota;
		const operation = request ? this.operations.get(request) : undefined;
		if (operation && response.status !== 401 && response.status !== 429) this.spent += TOKEN_COSTS[operation];
		const left = this.tokensLeftToday();
		const limit = this.lastQuota?.dailyTokenLimit;
		if (left !== null && limit && left < limit * 0.1 && !this.warnedAboutBudget) {
			this.warnedAboutBudget = true;
			this.options.log?.warn(`Pipedrive's daily API token budget is nearly spent: ${left} of ${limit} left`);
		}
		return response;
	}

	private secondsToMidnight(): number {
		const now = this.options.clock.now().getTime();
		return Math.max(1, Math.ceil((Math.floor(now / DAY_MS + 1) * DAY_MS - now) / 1000));
	}
}
