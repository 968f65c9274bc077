import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { normalizeCompanyDomain } from "../../../src/platforms/pipedrive/company-domain.js";
import { readQuota, TOKEN_COSTS, tokensLeftToday } from "../../../src/platforms/pipedrive/rate-limit.js";

const SPEC = new URL("../../../../shared/specs/pipedrive/pipedrive-openapi-v2.yaml", import.meta.url);

describe("token costs", () => {
	it("are the spec's x-token-cost of each operation", () => {
		const spec = parse(readFileSync(SPEC, "utf8")) as {
			paths: Record<string, Record<string, Record<string, unknown>>>;
		};
		const costs = new Map<string, unknown>();
		for (const item of Object.values(spec.paths)) {
			for (const operation of Object.values(item)) {
				if (operation && typeof operation === "object" && "operationId" in operation) {
					costs.set(String(operation.operationId), operation["x-token-cost"]);
				}
			}
		}
		for (const [operation, cost] of Object.entries(TOKEN_COSTS))
			expect([operation, costs.get(operation)]).toEqual([operation, cost]);
	});
});

describe("readQuota", () => {
	it("reads the burst window and the daily budget", () => {
		const quota = readQuota(
			{
				"x-ratelimit-limit": "20",
				"x-ratelimit-remaining": "19",
				"x-ratelimit-reset": "2",
				"x-daily-ratelimit-token-limit": "30000",
				"x-daily-ratelimit-token-remaining": "29000",
			},
			1000,
		);
		expect(quota).toEqual({
			burstLimit: 20,
			burstRemaining: 19,
			burstResetSeconds: 2,
			dailyTokenLimit: 30000,
			dailyTokensRemaining: 29000,
			dailyRequestsLeft: null,
			observedAtMs: 1000,
		});
		expect(readQuota({ "content-type": "application/json" }, 0)).toBeNull();
	});

	it("forgets the day's count after midnight UTC", () => {
		const evening = Date.UTC(2026, 10, 2, 23, 59);
		const quota = readQuota({ "x-daily-ratelimit-token-remaining": "3" }, evening);
		expect(tokensLeftToday(quota, evening + 30_000)).toBe(3);
		expect(tokensLeftToday(quota, Date.UTC(2026, 10, 3, 0, 1))).toBeNull();
	});
});

describe("normalizeCompanyDomain", () => {
	it.each([
		["acme", "acme"],
		[" ACME.pipedrive.com ", "acme"],
		["https://acme-pl.pipedrive.com/pipeline/1?x=1", "acme-pl"],
		["acme.example.com", null],
		["acme/../x", "acme"],
		["acme@evil.com", null],
		["", null],
		["-acme", null],
	])("%s -> %s", (input, expected) => {
		expect(normalizeCompanyDomain(input)).toBe(expected);
	});
});
