import { describe, expect, it } from "vitest";
import type { BudgetPolicy } from "../../src/core/daily-budget.js";
import { describeHealth } from "../../src/engine/connection-health.js";
import { budgetLogEntries, DailyBudgets } from "../../src/engine/daily-budgets.js";
import { parseHealthRecord, recordBudgetWaits } from "../../src/engine/health-records.js";
import { MemoryStore } from "./memory-store.js";

const NOON = Date.UTC(2026, 11, 3, 12, 0, 0);
const POLICY: BudgetPolicy = { reserve: 500, create: 30, move: 5, read: 10 };
const log = { info: () => {}, warn: () => {}, error: () => {} };
const ids = (count: number) => Array.from({ length: count }, (_, index) => `order-${index}`);

function budgets(store: MemoryStore, now: number, live: { left: number; perDay: number | null } | null) {
	let reading = live;
	const gate = new DailyBudgets(
		store,
		() => now,
		[0],
		[{ platform: "Acme CRM", policy: POLICY, live: () => reading, keep: true }],
	);
	return { gate, report: (left: number) => (reading = { left, perDay: 30_000 }) };
}

describe("each platform's daily allowance in a run", () => {
	it("lets go what the allowance pays for above the reserve, and counts the orders that wait", () => {
		const store = new MemoryStore();
		const { gate, report } = budgets(store, NOON, { left: 1000, perDay: 30_000 });
		expect(gate.allow("Acme CRM", "create", ids(10))).toEqual(ids(10));
		// The ten cost 430, not 300: the next group is priced at 43 each, so 70 above the reserve pay for one.
		report(570);
		const second = ids(10).map((id) => `${id}b`);
		expect(gate.allow("Acme CRM", "create", second)).toEqual(["order-0b"]);
		expect(gate.allow("Acme CRM", "move", ["order-x"])).toEqual(["order-x"]);
		expect(gate.mayRead("Acme CRM")).toBe(true);
		// Another platform is not watched: nothing waits on it.
		expect(gate.allow("Other", "create", ids(3))).toEqual(ids(3));
		expect(gate.waits()).toEqual([
			{
				platform: "Acme CRM",
				orders: 9,
				sentence: "Acme CRM's daily allowance is nearly used up; 9 orders wait until it renews.",
			},
		]);
		expect(budgetLogEntries(gate.waits())).toEqual([
			{
				order: "",
				platform: "Acme CRM",
				action: "daily allowance",
				change: "9 orders wait",
				result: "Acme CRM's daily allowance is nearly used up; 9 orders wait until it renews.",
			},
		]);
	});

	it("knows the allowance before the first request from the run before, and after midnight sends one to find out", () => {
		const store = new MemoryStore();
		budgets(store, NOON, { left: 520, perDay: 30_000 }).gate.save();
		const later = budgets(store, NOON + 3_600_000, null).gate;
		expect(later.allow("Acme CRM", "create", ids(5))).toEqual([]);
		expect(later.mayRead("Acme CRM")).toBe(true);
		const nextDay = budgets(store, NOON + 86_400_000, null);
		expect(nextDay.gate.allow("Acme CRM", "create", ids(5))).toEqual(ids(1));
		nextDay.report(29_000);
		expect(nextDay.gate.allow("Acme CRM", "create", ids(5))).toEqual(ids(5));
	});

	it("shows the waiting work in the platform's health until a run leaves none", () => {
		const store = new MemoryStore();
		const sentence = "Acme CRM's daily allowance is nearly used up; 3 orders wait until it renews.";
		recordBudgetWaits(store, log, ["Acme CRM"], [{ platform: "Acme CRM", sentence }]);
		const record = parseHealthRecord(store.get("hubsheet.health.Acme CRM"));
		const input = { platform: "Acme CRM", configured: true, nowMs: NOON };
		expect(describeHealth({ ...input, record: { ...record, lastSuccessAtMs: NOON } })).toMatchObject({
			status: "warning",
			message: sentence,
		});
		recordBudgetWaits(store, log, ["Acme CRM"], []);
		expect(parseHealthRecord(store.get("hubsheet.health.Acme CRM")).budgetWait).toBeUndefined();
	});
});
