/**
 * One Etsy request with bounded retries: 429 (waiting as long as `retry-after` says, within a cap),
 * 5xx and transport failures (with backoff, and only for requests that are safe to repeat). Shared
 * by the API client and the OAuth client, which both talk to api.etsy.com.
 *
 * Every wait goes through Clock.sleep, so a sync run's time budget sees it and tests run instantly.
 */
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { errorMessage } from "../http/parse-problems.js";
import { unknownBodyText } from "../http/redaction.js";
import { isRedirect, redirectMessage } from "../http/redirects.js";
import { parseRetryAfter } from "../http/retry-after.js";
import {
	type EtsyEndpoint,
	EtsyNetworkError,
	EtsyRateLimited,
	EtsyRedirected,
	EtsyServerError,
	foreignText,
} from "./errors.js";
import { type EtsyQuota, readQuota } from "./rate-limit.js";

// The same bounded-retry policy as the other platforms' (the Etsy client predates the shared one).
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../http/retrying-send.js";

import { noteRetry } from "../http/retry-tally.js";
import type { RetryPolicy } from "../http/retrying-send.js";

export interface ExchangeDeps {
	http: Http;
	clock: Clock;
	log?: Log;
	policy: RetryPolicy;
	/** Told about the quota every answer reports. */
	onQuota?: (quota: EtsyQuota) => void;
}

export interface ExchangeOptions {
	endpoint: EtsyEndpoint;
	/**
	 * False for a request Etsy must not receive twice (createReceiptShipment emails the buyer each
	 * time). Such a request is still retried after a 429, which Etsy answers without doing anything.
	 */
	idempotent: boolean;
	/** Strings that must not appear in any error message or log line. */
	secrets: readonly string[];
}

/**
 * Sends the request and returns Etsy's answer for any status other than 429 and 5xx (the caller
 * interprets 2xx and 4xx). Throws EtsyRateLimited, EtsyServerError or EtsyNetworkError when the
 * retries run out.
 */
export function exchange(deps: ExchangeDeps, request: HttpRequest, options: ExchangeOptions): HttpResponse {
	const { endpoint, idempotent, secrets } = options;
	const { policy } = deps;
	let rateLimitRetries = 0;
	let serverRetries = 0;
	let attempts = 0;
	let lastQuota: EtsyQuota | null = null;

	for (;;) {
		attempts++;
		let response: HttpResponse;
		try {
			response = deps.http.fetch(request);
		} catch (error) {
			const message = foreignText(errorMessage(error), secrets);
			if (!idempotent || serverRetries >= policy.maxServerRetries) {
				throw new EtsyNetworkError(endpoint, attempts, !idempotent, message);
			}
			const waitMs = backoff(policy, serverRetries);
			serverRetries++;
			noteRetry("Etsy", "no answer");
			deps.log?.warn(
				`Etsy ${endpoint} could not be reached (${message}); retry ${serverRetries} of ${policy.maxServerRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}

		const quota = readQuota(response.headers);
		if (quota) {
			lastQuota = quota;
			deps.onQuota?.(quota);
		}

		if (response.status === 429) {
			const nowMs = deps.clock.now().getTime();
			const retryAfter = parseRetryAfter(response.headers["retry-after"], nowMs);
			const remainingToday = lastQuota?.remainingToday ?? null;
			if (retryAfter !== null && retryAfter * 1000 > policy.maxWaitMs) {
				throw new EtsyRateLimited(
					endpoint,
					retryAfter,
					remainingToday,
					`Etsy asked to wait ${retryAfter} s, longer than Hubsheet waits within one sync (${seconds(policy.maxWaitMs)})`,
				);
			}
			if (rateLimitRetries >= policy.maxRateLimitRetries) {
				throw new EtsyRateLimited(
					endpoint,
					retryAfter,
					remainingToday,
					`still refused after ${rateLimitRetries} ${rateLimitRetries === 1 ? "retry" : "retries"}`,
				);
			}
			const waitMs = retryAfter !== null ? retryAfter * 1000 : backoff(policy, rateLimitRetries);
			rateLimitRetries++;
			noteRetry("Etsy", "429 too many requests");
			deps.log?.warn(
				`Etsy ${endpoint} answered 429; retry ${rateLimitRetries} of ${policy.maxRateLimitRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}

		if (response.status >= 500) {
			if (!idempotent || serverRetries >= policy.maxServerRetries) {
				throw new EtsyServerError(endpoint, response.status, attempts, !idempotent, etsyErrorText(response, secrets));
			}
			const retryAfter = parseRetryAfter(response.headers["retry-after"], deps.clock.now().getTime());
			const waitMs = Math.min(
				retryAfter !== null ? retryAfter * 1000 : backoff(policy, serverRetries),
				policy.maxWaitMs,
			);
			serverRetries++;
			noteRetry("Etsy", `HTTP ${response.status}`);
			deps.log?.warn(
				`Etsy ${endpoint} answered HTTP ${response.status}; retry ${serverRetries} of ${policy.maxServerRetries} in ${seconds(waitMs)}`,
			);
			deps.clock.sleep(waitMs);
			continue;
		}

		if (isRedirect(response)) throw new EtsyRedirected(endpoint, redirectMessage("Etsy", endpoint, response));

		return response;
	}
}

function backoff(policy: RetryPolicy, retry: number): number {
	return Math.min(policy.baseBackoffMs * 2 ** retry, policy.maxWaitMs);
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Etsy's explanation from an error body: `error` (and `error_description` for OAuth), or the
 * explanation unknownBodyText finds in another body (an HTML error page from a proxy, say). Redacted and shortened.
 */
export function etsyErrorText(response: HttpResponse, secrets: readonly string[]): string {
	let text = unknownBodyText(response.body);
	try {
		const parsed: unknown = JSON.parse(response.body);
		if (parsed !== null && typeof parsed === "object") {
			const { error, error_description } = parsed as { error?: unknown; error_description?: unknown };
			const parts = [error, error_description].filter(
				(part): part is string => typeof part === "string" && part !== "",
			);
			if (parts.length > 0) text = parts.join(": ");
		}
	} catch {
		// Not JSON: unknownBodyText already said what it is.
	}
	return foreignText(text, secrets);
}

/**
 * Etsy's `error` code alone (`invalid_grant`, `invalid_token`), or "" when the body has none. Only a
 * code-shaped word counts, so the result is safe to put in a message as is.
 */
export function etsyErrorCode(response: HttpResponse): string {
	try {
		const parsed: unknown = JSON.parse(response.body);
		if (parsed !== null && typeof parsed === "object") {
			const { error } = parsed as { error?: unknown };
			if (typeof error === "string" && /^[A-Za-z_]{1,40}$/.test(error)) return error;
		}
	} catch {
		// No code in a body that is not JSON.
	}
	return "";
}
