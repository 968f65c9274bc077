/**
 * One request with bounded retries, for connectors that report failures as `PlatformError`:
 * 429 (waiting as long as the platform says, within a cap), 5xx and transport failures (with
 * backoff, and only for requests that are safe to repeat). A request that is not safe to repeat (a
 * create) fails at once after a 5xx or a timeout with `mayHaveApplied`, so its caller looks the object
 * up before trying again.
 *
 * Every wait goes through Clock.sleep, so a sync run's time budget sees it and tests run instantly.
 */

import { PlatformError, type PlatformName } from "../../core/connector-contracts.js";
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { errorMessage } from "./parse-problems.js";
import { foreignText, unknownBodyText } from "./redaction.js";
import { isRedirect, redirectError } from "./redirects.js";
import { parseRetryAfter } from "./retry-after.js";
import { noteRetry } from "./retry-tally.js";

export interface RetryPolicy {
	/** Retries after a 429 before giving up. */
	maxRateLimitRetries: number;
	/** Retries after a 5xx or a transport failure, for requests that are safe to repeat. */
	maxServerRetries: number;
	/** The longest single wait; a platform asking for more fails the request at once (a run has 6 minutes). */
	maxWaitMs: number;
	/** First backoff after a 5xx, or a 429 without `retry-after`; doubles each retry. */
	baseBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRateLimitRetries: 3,
	maxServerRetries: 2,
	maxWaitMs: 30_000,
	baseBackoffMs: 1_000,
};

/** What a 429 answer says about waiting. */
export interface RateLimitAdvice {
	/** Seconds to wait as the platform said, or null when it did not say. */
	retryAfterSeconds: number | null;
	/** True when waiting within this run cannot help (a daily quota is spent): fail at once. */
	exhausted: boolean;
	/** Plain words for the message, e.g. "the daily limit of 250000 requests is spent". */
	detail: string;
}

export interface SendDeps {
	http: Http;
	clock: Clock;
	log?: Log | undefined;
	policy: RetryPolicy;
}

export interface SendSpec {
	platform: PlatformName;
	/** E.g. "POST /crm/v3/objects/deals". */
	endpoint: string;
	/**
	 * False for a request the platform must not receive twice (a create). Such a request is still
	 * retried after a 429, which the platform answers without doing anything.
	 */
	idempotent: boolean;
	/** Strings that must not appear in any message or log line. */
	secrets: readonly string[];
	/** Token shapes of the platform, redacted even when never told the value. */
	patterns?: readonly RegExp[];
	/** The platform's own explanation in an error answer (raw; it is redacted here). */
	describeError?: (response: HttpResponse) => string;
	/** How to read a 429; by default `retry-after` alone. */
	readRateLimit?: (response: HttpResponse, nowMs: number) => RateLimitAdvice;
	/** Told about every answer, retried ones included (e.g. the marketplace's quota headers). */
	observe?: (response: HttpResponse) => void;
}

/**
 * Sends the request and returns the answer for any status other than 3xx, 429 and 5xx (the caller
 * interprets 2xx and 4xx). Throws PlatformError `rate-limit` or `unavailable` when retries run out,
 * and `unavailable` naming the host for a redirect (never followed: see redirects.ts).
 */
export function sendWithRetries(deps: SendDeps, request: HttpRequest, spec: SendSpec): HttpResponse {
	const { policy } = deps;
	const name = `${spec.platform} ${spec.endpoint}`;
	let rateLimitRetries = 0;
	let serverRetries = 0;
	let attempts = 0;

	for (;;) {
		attempts++;
		let response: HttpResponse;
		try {
			response = deps.http.fetch(request);
		} catch (error) {
			const message = foreignText(errorMessage(error), spec.secrets, spec.patterns);
			if (!spec.idempotent || serverRetries >= policy.maxServerRetries) {
				throw new PlatformError(
					spec.platform,
					spec.endpoint,
					"unavailable",
					`${name} could not be reached after ${plural(attempts, "attempt")}: ${message}`,
					{ mayHaveApplied: !spec.idempotent },
				);
			}
			const waitMs = backoff(policy, serverRetries);
			serverRetries++;
			noteRetry(spec.platform, "no answer");
			deps.log?.warn(
				`${name} could not be reached (${message}); retry ${serverRetries} of ${policy.maxServerRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}
		spec.observe?.(response);

		if (response.status === 429) {
			const nowMs = deps.clock.now().getTime();
			const advice = spec.readRateLimit?.(response, nowMs) ?? defaultAdvice(response, nowMs);
			const retryAfter = advice.retryAfterSeconds;
			const fail = (why: string) =>
				new PlatformError(spec.platform, spec.endpoint, "rate-limit", `${name} is rate-limited: ${why}`, {
					status: 429,
					...(retryAfter === null ? {} : { retryAfterSeconds: retryAfter }),
				});
			if (advice.exhausted) throw fail(advice.detail || "the platform's quota is spent");
			if (retryAfter !== null && retryAfter * 1000 > policy.maxWaitMs) {
				throw fail(
					`${spec.platform} asked to wait ${retryAfter} s, longer than Hubsheet waits within one sync (${seconds(policy.maxWaitMs)})`,
				);
			}
			if (rateLimitRetries >= policy.maxRateLimitRetries) {
				const detail = advice.detail ? `${advice.detail}; ` : "";
				throw fail(`${detail}still refused after ${plural(rateLimitRetries, "retry", "retries")}`);
			}
			const waitMs = retryAfter !== null ? retryAfter * 1000 : backoff(policy, rateLimitRetries);
			rateLimitRetries++;
			noteRetry(spec.platform, "429 too many requests");
			deps.log?.warn(
				`${name} answered 429; retry ${rateLimitRetries} of ${policy.maxRateLimitRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}

		if (response.status >= 500) {
			if (!spec.idempotent || serverRetries >= policy.maxServerRetries) {
				const said = foreignText(
					spec.describeError?.(response) ?? unknownBodyText(response.body),
					spec.secrets,
					spec.patterns,
				);
				throw new PlatformError(
					spec.platform,
					spec.endpoint,
					"unavailable",
					`${name} failed with HTTP ${response.status} after ${plural(attempts, "attempt")}${said ? `: ${said}` : ""}`,
					{ status: response.status, mayHaveApplied: !spec.idempotent },
				);
			}
			const retryAfter = parseRetryAfter(response.headers["retry-after"], deps.clock.now().getTime());
			const waitMs = Math.min(
				retryAfter !== null ? retryAfter * 1000 : backoff(policy, serverRetries),
				policy.maxWaitMs,
			);
			serverRetries++;
			noteRetry(spec.platform, `HTTP ${response.status}`);
			deps.log?.warn(
				`${name} answered HTTP ${response.status}; retry ${serverRetries} of ${policy.maxServerRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}

		if (isRedirect(response)) throw redirectError(spec.platform, spec.endpoint, response, !spec.idempotent);

		return response;
	}
}

function defaultAdvice(response: HttpResponse, nowMs: number): RateLimitAdvice {
	return { retryAfterSeconds: parseRetryAfter(response.headers["retry-after"], nowMs), exhausted: false, detail: "" };
}

function backoff(policy: RetryPolicy, retry: number): number {
	return Math.min(policy.baseBackoffMs * 2 ** retry, policy.maxWaitMs);
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
