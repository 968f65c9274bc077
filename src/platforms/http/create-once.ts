/**
 * A create that must happen at most once (a courier shipment costs money and prints a label): once
 * the request may have applied (a 5xx, a timeout, an answer that could not be read) it is never sent
 * again in the same run: the object is looked up, and when it is not there yet the error says
 * `mayHaveApplied`; the engine keeps the intent and a later run, after the platform's search lag,
 * looks again before it creates. A create the server completes after the client's timeout is then
 * found, not made twice.
 */

import { PlatformError, type PlatformName } from "../../core/connector-contracts.js";
import type { Clock, HttpResponse, Log } from "../../ports.js";
import { noteRetry } from "./retry-tally.js";
import type { RetryPolicy } from "./retrying-send.js";

export interface CreateOnce<T> {
	platform: PlatformName;
	endpoint: string;
	/** "package", "shipment": for the messages. */
	what: string;
	orderId: string;
	/** Sends the create; throws PlatformError (kind "unavailable" for a 5xx or no answer). */
	send(): HttpResponse;
	/** The object already made for the order, or null. */
	lookup(): T | null;
	/** Reads a 2xx answer; throws PlatformError when it cannot. */
	parse(response: HttpResponse): T;
	/** The error for any other answer (the platform's refusal in its own words). */
	refuse(response: HttpResponse): Error;
	clock: Clock;
	log?: Log;
	policy: RetryPolicy;
}

export function createOnce<T>(create: CreateOnce<T>): T {
	const { platform, endpoint, what, orderId, policy } = create;
	let response: HttpResponse;
	try {
		response = create.send();
	} catch (error) {
		if (!(error instanceof PlatformError) || error.kind !== "unavailable") throw error;
		// The request may have reached the courier, which may still be making the object after the
		// client gave up: it is never sent again in this run. One look now finds a quick create; the
		// next run looks again, once the courier's search lag has passed, before it creates.
		create.log?.warn(`${error.message}; looking the ${what} up instead of sending it again`);
		noteRetry(
			platform,
			`create unsure (${error.options.status ? `HTTP ${error.options.status}` : "no answer"}), looked up`,
		);
		create.clock.sleep(Math.min(policy.baseBackoffMs, policy.maxWaitMs));
		const found = lookupQuietly(create);
		if (found) return found;
		throw new PlatformError(
			platform,
			endpoint,
			"unavailable",
			`${error.message}. ${platform} does not show a ${what} for order ${orderId} yet; Hubsheet will look again before creating one at a later sync.`,
			{ ...(error.options.status === undefined ? {} : { status: error.options.status }), mayHaveApplied: true },
		);
	}
	if (response.status >= 200 && response.status < 300) {
		try {
			return create.parse(response);
		} catch (error) {
			// The object exists; an unreadable answer must not lead to a second one.
			if (!(error instanceof PlatformError)) throw error;
			noteRetry(platform, "unreadable answer to a create, looked up");
			const found = lookupQuietly(create);
			if (found) return found;
			throw new PlatformError(platform, endpoint, "malformed", error.message, {
				status: response.status,
				mayHaveApplied: true,
			});
		}
	}
	throw create.refuse(response);
}

/** The look-up after an unsure create; a look-up that fails too leaves the create unsure (null). */
function lookupQuietly<T>(create: CreateOnce<T>): T | null {
	try {
		return create.lookup();
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		create.log?.warn(
			`${create.platform}: looking the ${create.what} of order ${create.orderId} up failed too: ${error.message}`,
		);
		return null;
	}
}

/**
 * A buyer look-up that failed before a deal's create, saying what it was for: its kind (and so the
 * owner's advice) is kept, and it never applied, so the deal is simply made on a later run.
 */
export function buyerLookUpFailed(orderId: string, error: PlatformError): PlatformError {
	return new PlatformError(
		error.platform,
		error.endpoint,
		error.kind,
		`Looking for the buyer of order ${orderId} in ${error.platform} failed, so no deal was made yet: ${error.message}`,
		{ ...error.options, mayHaveApplied: false },
	);
}
