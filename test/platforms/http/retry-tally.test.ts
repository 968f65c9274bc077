import { describe, expect, it } from "vitest";
import { describeRetries, noteRetry, takeRetries } from "../../../src/platforms/http/retry-tally.js";
import { DEFAULT_RETRY_POLICY, sendWithRetries } from "../../../src/platforms/http/retrying-send.js";
import type { HttpResponse } from "../../../src/ports.js";

describe("the retry tally", () => {
	it("counts every retry of a run by platform and cause, and empties when taken", () => {
		takeRetries();
		const answers: HttpResponse[] = [
			{ status: 503, headers: {}, body: "" },
			{ status: 429, headers: { "retry-after": "1" }, body: "" },
			{ status: 200, headers: {}, body: "{}" },
		];
		const response = sendWithRetries(
			{
				http: {
					fetch: () => answers.shift() as HttpResponse,
					fetchAll: () => [],
				},
				clock: { now: () => new Date(0), sleep: () => {} },
				policy: DEFAULT_RETRY_POLICY,
			},
			{ url: "https://api.pipedrive.test/api/v2/stages", method: "get" },
			{ platform: "Pipedrive", endpoint: "GET /stages", idempotent: true, secrets: [] },
		);
		expect(response.status).toBe(200);
		noteRetry("Furgonetka", "no answer");
		const retries = takeRetries();
		expect(describeRetries(retries)).toBe(
			"Pipedrive 2 (1× HTTP 503, 1× 429 too many requests); Furgonetka 1 (1× no answer)",
		);
		expect(takeRetries()).toEqual([]);
	});
});
