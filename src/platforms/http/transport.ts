/**
 * The one HTTP transport every connector sends through: the ports (Http, Clock, Log) and the retry
 * policy, merged once from the defaults and a connector's overrides, with `send` (bounded retries,
 * 429 waits, redaction, PlatformError naming the platform and endpoint: retrying-send.ts) and
 * `sendAll` (fetchAll, then each failed request alone: batch-send.ts). A create is never repeated
 * after a 5xx or a timeout; its caller looks it up first (create-once.ts).
 */
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { type BatchAnswer, sendAllWithRetries } from "./batch-send.js";
import {
	DEFAULT_RETRY_POLICY,
	type RetryPolicy,
	type SendDeps,
	type SendSpec,
	sendWithRetries,
} from "./retrying-send.js";

export interface TransportOptions {
	http: Http;
	clock: Clock;
	log?: Log | undefined;
	/** A connector's (or a test's) changes to the default retry policy. */
	retry?: Partial<RetryPolicy> | undefined;
}

export interface Transport extends SendDeps {
	send(request: HttpRequest, spec: SendSpec): HttpResponse;
	sendAll(items: ReadonlyArray<{ request: HttpRequest; spec: SendSpec }>): BatchAnswer[];
}

/** The default policy with a connector's overrides: the one place they are merged. */
export function retryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy {
	return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

export function transport(options: TransportOptions): Transport {
	const deps: SendDeps = {
		http: options.http,
		clock: options.clock,
		log: options.log,
		policy: retryPolicy(options.retry),
	};
	return {
		...deps,
		send: (request, spec) => sendWithRetries(deps, request, spec),
		sendAll: (items) => sendAllWithRetries(deps, items),
	};
}
