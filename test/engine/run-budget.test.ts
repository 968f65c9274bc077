import { describe, expect, it } from "vitest";
import {
	APPS_SCRIPT_TIME_BUDGET_MS,
	CONTINUATION_AFTER_MS,
	continuationDue,
	leftWork,
	runBudget,
} from "../../src/engine/run-budget.js";

/** A clock the test moves by hand. */
function handClock(startMs: number) {
	let now = startMs;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("a run's time budget", () => {
	it("is within budget until the budget has passed, and says so at the first ask after", () => {
		const clock = handClock(1_000);
		const budget = runBudget(clock.now, 1_000, APPS_SCRIPT_TIME_BUDGET_MS);
		clock.advance(APPS_SCRIPT_TIME_BUDGET_MS);
		expect(budget.overBudget()).toBe(false);
		expect(budget.outOfTime).toBe(false);
		clock.advance(1);
		expect(budget.pastBudget()).toBe(true);
		// pastBudget only looks; overBudget marks the run.
		expect(budget.outOfTime).toBe(false);
		expect(budget.overBudget()).toBe(true);
		expect(budget.outOfTime).toBe(true);
	});

	it("stays out of time once out, even if the clock were to say otherwise", () => {
		let now = 0;
		const budget = runBudget(() => now, 0, 100);
		now = 101;
		expect(budget.overBudget()).toBe(true);
		now = 50;
		expect(budget.overBudget()).toBe(true);
		expect(budget.pastBudget()).toBe(false);
	});

	it("keeps 4.5 of Apps Script's 6 minutes", () => {
		expect(APPS_SCRIPT_TIME_BUDGET_MS).toBe(270_000);
	});
});

describe("what a run leaves behind", () => {
	const calm = { outOfTime: false, moreWaiting: false, failedOrders: 0, platformActions: 0 };

	it("a run that did, tried or left nothing left no work", () => {
		expect(leftWork(calm)).toBe(false);
		expect(continuationDue(calm)).toBe(false);
	});

	it("any of running out of time, more on Etsy, unreadable orders or platform requests is work left", () => {
		expect(leftWork({ ...calm, outOfTime: true })).toBe(true);
		expect(leftWork({ ...calm, moreWaiting: true })).toBe(true);
		expect(leftWork({ ...calm, failedOrders: 1 })).toBe(true);
		expect(leftWork({ ...calm, platformActions: 3 })).toBe(true);
	});

	it("a continuation follows only a run out of time or with more waiting on Etsy", () => {
		expect(continuationDue({ outOfTime: true, moreWaiting: false })).toBe(true);
		expect(continuationDue({ outOfTime: false, moreWaiting: true })).toBe(true);
		expect(continuationDue({ ...calm, failedOrders: 2 } as typeof calm)).toBe(false);
	});

	it("a continuation starts a minute after the run that left work", () => {
		expect(CONTINUATION_AFTER_MS).toBe(60_000);
	});
});
