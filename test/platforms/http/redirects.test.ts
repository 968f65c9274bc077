import { describe, expect, it } from "vitest";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import { redirectHost } from "../../../src/platforms/http/redirects.js";
import { DEFAULT_RETRY_POLICY, sendWithRetries } from "../../../src/platforms/http/retrying-send.js";
import type { HttpResponse } from "../../../src/ports.js";

const answer = (status: number, location?: string): HttpResponse => ({
	status,
	headers: location === undefined ? {} : { location },
	body: "",
});

describe("redirects", () => {
	it("name only the host they point to, never its path, query or user", () => {
		expect(redirectHost(answer(307, "https://user:pw@evil.example:8443/steal?token=abc"))).toBe("evil.example:8443");
		expect(redirectHost(answer(302, "/v2/deals"))).toBe("another address on the same host");
		expect(redirectHost(answer(301))).toBe("nowhere (no Location header)");
	});

	it("are an error naming the platform, the endpoint and the host; a create may have been made", () => {
		const http = { fetch: () => answer(303, "https://other.example/deal/1"), fetchAll: () => [] };
		const clock = { now: () => new Date(0), sleep: () => {} };
		const send = () =>
			sendWithRetries(
				{ http, clock, policy: DEFAULT_RETRY_POLICY },
				{ url: "https://x", method: "post" },
				{
					platform: "Pipedrive",
					endpoint: "addDeal",
					idempotent: false,
					secrets: [],
				},
			);
		expect(send).toThrow(PlatformError);
		expect(send).toThrow(/^Pipedrive addDeal answered with a redirect \(HTTP 303\) to other\.example\./);
		try {
			send();
		} catch (error) {
			expect((error as PlatformError).options.mayHaveApplied).toBe(true);
		}
	});
});
