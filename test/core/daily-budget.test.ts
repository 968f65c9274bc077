import { describe, expect, it } from "vitest";
import { budgetWaitWords, costPerItem, itemsAllowed, mayHaveRenewed } from "../../src/core/daily-budget.js";

const HOUR = 3_600_000;
const NOON = Date.UTC(2026, 11, 3, 12, 0, 0);
/** UTC's midnight and Warsaw's (UTC+1 in December). */
const ZONES = [0, HOUR];

describe("a platform's daily allowance", () => {
	it("lets as many items go as the allowance pays for above the reserve, none below it", () => {
		const reading = { left: 800, perDay: 30_000, at: NOON };
		// (800 - 500) / 30 = 10 deals.
		expect(itemsAllowed(reading, NOON, 30, 500, 25, ZONES)).toBe(10);
		expect(itemsAllowed(reading, NOON, 30, 500, 4, ZONES)).toBe(4);
		expect(itemsAllowed({ ...reading, left: 529 }, NOON, 30, 500, 25, ZONES)).toBe(0);
		expect(itemsAllowed({ ...reading, left: 530 }, NOON, 30, 500, 25, ZONES)).toBe(1);
		expect(itemsAllowed({ ...reading, left: 0 }, NOON, 30, 500, 25, ZONES)).toBe(0);
		expect(itemsAllowed(reading, NOON, 30, 500, 0, ZONES)).toBe(0);
	});

	it("holds nothing back for a platform that reports no allowance", () => {
		expect(itemsAllowed(null, NOON, 30, 500, 25, ZONES)).toBe(25);
	});

	it("trusts a low reading only until a midnight in either zone: then one item goes, and its answer tells", () => {
		const low = { left: 100, perDay: 30_000, at: NOON };
		expect(itemsAllowed(low, NOON + 10.5 * HOUR, 30, 500, 25, ZONES)).toBe(0);
		// 23:30 UTC is already 00:30 in Warsaw: the allowance may have renewed there.
		expect(mayHaveRenewed(NOON, NOON + 11.5 * HOUR, ZONES)).toBe(true);
		expect(mayHaveRenewed(NOON, NOON + 11.5 * HOUR, [0])).toBe(false);
		expect(itemsAllowed(low, NOON + 11.5 * HOUR, 30, 500, 25, ZONES)).toBe(1);
		expect(itemsAllowed(low, NOON + 24 * HOUR, 30, 500, 25, [0])).toBe(1);
	});

	it("learns an item's cost from the allowance before and after, never below the price list", () => {
		expect(costPerItem(30, 1000, 500, 10)).toBe(50);
		expect(costPerItem(30, 1000, 900, 10)).toBe(30);
		expect(costPerItem(30, 1000, 1000, 0)).toBe(30);
		// Renewed in between: the count went up, nothing is learnt.
		expect(costPerItem(30, 100, 30_000, 1)).toBe(30);
	});

	it("says what waits in the owner's words", () => {
		expect(budgetWaitWords("Pipedrive", 120)).toBe(
			"Pipedrive's daily allowance is nearly used up; 120 orders wait until it renews.",
		);
		expect(budgetWaitWords("Etsy", 1)).toBe("Etsy's daily allowance is nearly used up; 1 order waits until it renews.");
	});
});
