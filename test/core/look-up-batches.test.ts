import { describe, expect, it } from "vitest";
import { lookUpBatches, lookUpBatchSize } from "../../src/core/look-up-batches.js";

describe("lookUpBatchSize", () => {
	it("takes half of a platform's window, leaving the rest to the creates that follow", () => {
		// Pipedrive's smallest plan: 20 requests per 2 s per token.
		expect(lookUpBatchSize({ requests: 20, windowMs: 2000 })).toBe(10);
		// HubSpot Free/Starter: 100 per 10 s; search alone: 4 per second.
		expect(lookUpBatchSize({ requests: 100, windowMs: 10_000 })).toBe(50);
		expect(lookUpBatchSize({ requests: 4, windowMs: 1000 })).toBe(2);
	});

	it("never goes above a cap nor below one request", () => {
		expect(lookUpBatchSize({ requests: 100, windowMs: 10_000 }, 10)).toBe(10);
		expect(lookUpBatchSize({ requests: 1, windowMs: 1000 })).toBe(1);
		expect(lookUpBatchSize({ requests: 0, windowMs: 1000 })).toBe(1);
		expect(lookUpBatchSize({ requests: 20, windowMs: 2000 }, 0)).toBe(1);
	});
});

describe("lookUpBatches", () => {
	it("cuts the items into batches of the size, in order, the last one smaller", () => {
		expect(lookUpBatches([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
		expect(lookUpBatches([1, 2], 10)).toEqual([[1, 2]]);
		expect(lookUpBatches([], 10)).toEqual([]);
	});

	it("sends one at a time for a size below one", () => {
		expect(lookUpBatches(["a", "b"], 0)).toEqual([["a"], ["b"]]);
		expect(lookUpBatches(["a", "b"], Number.NaN)).toEqual([["a"], ["b"]]);
	});
});
