/**
 * Independent requests sent together with `Http.fetchAll` (UrlFetchApp.fetchAll runs them in
 * parallel), then each answer that asks for patience (429, 5xx) or never came is sent again on its
 * own through `sendWithRetries`, with its bounded retries and waits. One failing request never
 * costs the others their answers: each slot is either a response or the PlatformError for it.
 *
 * Only for idempotent requests (reads): a batch is never used to create anything.
 */

import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpRequest, HttpResponse } from "../../ports.js";
import { isRedirect, redirectError } from "./redirects.js";
import { parseRetryAfter } from "./retry-after.js";
import { noteRetry } from "./retry-tally.js";
import { type SendDeps, type SendSpec, sendWithRetries } from "./retrying-send.js";

export type BatchAnswer = { ok: true; response: HttpResponse } | { ok: false; error: PlatformError };

export function sendAllWithRetries(
	deps: SendDeps,
	items: ReadonlyArray<{ request: HttpRequest; spec: SendSpec }>,
): BatchAnswer[] {
	if (items.length === 0) return [];
	let first: Array<HttpResponse | null>;
	try {
		first = deps.http.fetchAll(items.map((item) => item.request));
	} catch {
		// Apps Script's fetchAll throws for the first request that got no answer and loses all the
		// others' answers; each request is then sent on its own, where a failure stays its own.
		first = items.map(() => null);
	}
	const answers: Array<BatchAnswer | null> = first.map((response, index) => {
		if (response === null || response.status === 429 || response.status >= 500) return null;
		const { spec } = items[index] as (typeof items)[number];
		if (isRedirect(response)) return { ok: false, error: redirectError(spec.platform, spec.endpoint, response, false) };
		return { ok: true, response };
	});
	if (answers.every((answer) => answer !== null)) return answers as BatchAnswer[];
	first.forEach((response, index) => {
		if (answers[index] !== null) return;
		const { spec } = items[index] as (typeof items)[number];
		noteRetry(
			spec.platform,
			response === null ? "no answer" : response.status === 429 ? "429 too many requests" : `HTTP ${response.status}`,
		);
	});

	// Before sending the rest again, wait once as long as the most demanding answer asked.
	const nowMs = deps.clock.now().getTime();
	let waitMs = 0;
	first.forEach((response, index) => {
		if (answers[index] !== null) return;
		const item = items[index] as (typeof items)[number];
		const asked = response ? parseRetryAfter(response.headers["retry-after"], nowMs) : null;
		if (response?.status === 429 && asked !== null && asked * 1000 > deps.policy.maxWaitMs) {
			answers[index] = {
				ok: false,
				error: new PlatformError(
					item.spec.platform,
					item.spec.endpoint,
					"rate-limit",
					`${item.spec.platform} ${item.spec.endpoint} is rate-limited: ${item.spec.platform} asked to wait ${asked} s, longer than Hubsheet waits within one sync`,
					{ status: 429, retryAfterSeconds: asked },
				),
			};
			return;
		}
		waitMs = Math.max(waitMs, asked !== null ? asked * 1000 : response ? deps.policy.baseBackoffMs : 0);
	});
	if (waitMs > 0 && answers.some((answer) => answer === null))
		deps.clock.sleep(Math.min(waitMs, deps.policy.maxWaitMs));

	return items.map((item, index) => {
		const done = answers[index];
		if (done) return done;
		try {
			return { ok: true, response: sendWithRetries(deps, item.request, { ...item.spec, idempotent: true }) };
		} catch (error) {
			if (error instanceof PlatformError) return { ok: false, error };
			throw error;
		}
	});
}
