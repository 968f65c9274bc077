import { describe, expect, it } from "vitest";
import { CostMeter, modeledMs, PROFILES } from "../../../local/gas/cost-model.js";
import type { ServiceCall } from "../../../local/gas/host.js";
import { runtimeWithScript } from "./runtime-fixture.js";

const call = (service: string, method: string, size: Partial<ServiceCall> = {}): ServiceCall => ({
	service,
	method,
	index: 0,
	...size,
});

describe("the cost model (apps-script-costs.md Part B)", () => {
	it("queues writes and pays their cells at the next read, flush or end", () => {
		const meter = new CostMeter(PROFILES.default);
		const write = meter.charge(call("SpreadsheetApp", "Range.setValues", { cells: 1000, rows: 100 }));
		expect(write).toBe(1);
		const read = meter.charge(call("SpreadsheetApp", "Range.getValues", { cells: 10, rows: 1 }));
		// commit 30 + 1000 x 0.055 + 100 x 0.025, then the read's 100 + 10 x 0.008 + 0.003.
		expect(read).toBeCloseTo(30 + 55 + 2.5 + 100 + 0.08 + 0.003, 6);
		expect(meter.end()).toBe(0);
	});

	it("prices a row-by-row loop far above one batched write, in every profile", () => {
		const loop = Array.from({ length: 400 }, () => call("SpreadsheetApp", "Sheet.appendRow"));
		const batched = [call("SpreadsheetApp", "Range.setValues", { cells: 4000, rows: 400 })];
		for (const profile of ["optimistic", "default", "pessimistic"] as const) {
			expect(modeledMs(loop, profile) / modeledMs(batched, profile)).toBeGreaterThan(10);
		}
	});

	it("runs a fetchAll batch for about one request's time", () => {
		const sequential = Array.from({ length: 10 }, () => call("UrlFetchApp", "fetch"));
		const parallel = Array.from({ length: 10 }, (_, i) =>
			call("UrlFetchApp", "fetchAll", i === 0 ? { batch: 10 } : {}),
		);
		expect(modeledMs(sequential, "default") - modeledMs([], "default")).toBe(10 * (70 + 250));
		expect(modeledMs(parallel, "default") - modeledMs([], "default")).toBe(70 + 250 + 10 * 20);
	});

	it("orders the profiles optimistic <= default <= pessimistic", () => {
		const calls = [
			call("SpreadsheetApp", "SpreadsheetApp.getActiveSpreadsheet"),
			call("SpreadsheetApp", "Range.getValues", { cells: 20_000, rows: 1000 }),
			call("SpreadsheetApp", "Range.setValue", { cells: 1, rows: 1 }),
			call("Properties", "getProperty"),
		];
		const [optimistic, normal, pessimistic] = (["optimistic", "default", "pessimistic"] as const).map((profile) =>
			modeledMs(calls, profile),
		);
		expect(optimistic).toBeLessThan(normal as number);
		expect(normal).toBeLessThan(pessimistic as number);
	});
});

describe("the runtime on the modeled clock", () => {
	const script = `function rows(n) {
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
		for (var i = 0; i < n; i++) sheet.appendRow([i]);
		return n;
	}`;

	it("advances the virtual clock by the modeled cost, not by real time", () => {
		const runtime = runtimeWithScript(script, { costProfile: "default" });
		const result = runtime.run("rows", { args: [10] });
		expect(result.status).toBe("completed");
		// T_start 1 s + first spreadsheet 150 ms + getSheets 5 ms + 10 appendRow at 110 ms.
		expect(result.endedAt - result.startedAt).toBe(1000 + 150 + 5 + 10 * 110);
		expect(modeledMs(result.calls, "default", result.waitedMs)).toBe(result.endedAt - result.startedAt);
	});

	it("kills at 6 modeled minutes, as Apps Script would", () => {
		const runtime = runtimeWithScript(script, { costProfile: "default" });
		// 4,000 appendRow calls cost 440 modeled seconds.
		const result = runtime.run("rows", { args: [4000] });
		expect(result.status).toBe("killed");
		const appended = result.calls.filter((c) => c.method === "Sheet.appendRow").length;
		expect(appended).toBeGreaterThan(3200);
		expect(appended).toBeLessThan(3300);
	});
});
