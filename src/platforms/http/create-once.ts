/**
 * A create that must happen at most once (a courier shipment costs money and prints a label): it is
 * never sent again without first looking the object up by the order's reference, after a 5xx, a
 * timeout, or an answer that could not be read. When still unsure it says so with `mayHaveApplied`,
 * and the engine looks again before the next attempt.
 */
import type { Clock, HttpResponse, Log } from "../../ports.js";
import { PlatformError, type PlatformName } from "../contracts.js";
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
	for (let attempt = 0; ; attempt++) {
		let response: HttpResponse;
		try {
			response = create.send();
		} catch (error) {
			if (!(error instanceof PlatformError) || error.kind !== "unavailable") throw error;
			create.log?.warn(`${error.message}; looking the ${what} up before trying again`);
			create.clock.sleep(Math.min(policy.baseBackoffMs * 2 ** attempt, policy.maxWaitMs));
			const found = create.lookup();
			if (found) return found;
			if (attempt >= policy.maxServerRetries) {
				throw new PlatformError(
					platform,
					endpoint,
					"unavailable",
					`${error.message}. ${platform} does not show a ${what} for order ${orderId} yet; Hubsheet will look again before creating one at the next sync.`,
					{ ...(error.options.status === undefined ? {} : { status: error.options.status }), mayHaveApplied: true },
				);
			}
			continue;
		}
		if (response.status >= 200 && response.status < 300) {
			try {
				return create.parse(response);
			} catch (error) {
				// The object exists; an unreadable answer must not lead to a second one.
				if (!(error instanceof PlatformError)) throw error;
				const found = create.lookup();
				if (found) return found;
				throw new PlatformError(platform, endpoint, "malformed", error.message, {
					status: response.status,
					mayHaveApplied: true,
				});
			}
		}
		throw create.refuse(response);
	}
}
