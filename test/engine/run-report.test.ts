import { describe, expect, it } from "vitest";
import { SetupNeededError } from "../../src/engine/etsy-import.js";
import {
	completedReport,
	cutWords,
	failedWords,
	quietReport,
	setupNeededReport,
	stoppedReport,
	writingOrdersPhase,
} from "../../src/engine/run-report.js";
import type { RunSummary } from "../../src/engine/run-summary.js";
import { importSummary } from "./import-summary-fixture.js";

const run: RunSummary = { tone: "ok", note: "", headline: "Etsy: 1 new order.", platforms: [] };

describe("what a sync answers", () => {
	it("leads with the run's headline and counts the orders", () => {
		const report = completedReport(importSummary({ created: ["1"], updated: ["2", "3"], unchanged: 7 }), run, "ab12");
		expect(report).toEqual({
			status: "completed",
			message: "Etsy: 1 new order.",
			summary: run,
			runId: "ab12",
			created: 1,
			updated: 2,
			unchanged: 7,
			failed: [],
		});
	});

	it("names the orders cut to fit a cell (five, then how many more) and those left out (three, then the Sync log)", () => {
		const cut = Array.from({ length: 7 }, (_, index) => ({ orderId: `${index + 1}`, columns: ["Notes"] }));
		expect(cutWords(importSummary({ cut }))).toBe(
			" Too long for a cell, cut to 50,000 characters: order 1 (Notes), order 2 (Notes), order 3 (Notes), order 4 (Notes), order 5 (Notes) and 2 more; the full text is on the order on Etsy.",
		);
		const failed = Array.from({ length: 4 }, (_, index) => ({ orderId: `${index + 1}`, reason: "unreadable." }));
		expect(failedWords(importSummary({ failed }))).toBe(
			" Order 1: unreadable. Order 2: unreadable. Order 3: unreadable. And 1 more (see the Sync log).",
		);
		expect(cutWords(importSummary()) + failedWords(importSummary())).toBe("");
	});

	it("keeps why Etsy's import stopped early", () => {
		const report = completedReport(importSummary({ stoppedEarly: "Etsy is not answering." }), run, "ab12");
		expect(report.stoppedEarly).toBe("Etsy is not answering.");
	});
});

describe("what a run that did not get to the end answers", () => {
	it("a quiet trigger run: completed, nothing written, in words", () => {
		expect(quietReport("ab12cd34")).toEqual({
			status: "completed",
			quiet: true,
			message: "Nothing new on Etsy and nothing edited since the last sync.",
			runId: "ab12cd34",
			created: 0,
			updated: 0,
		});
	});

	it("a run that stopped: the error's own words", () => {
		expect(stoppedReport(new Error("Sheets timed out."))).toEqual({
			status: "failed",
			message: "The sync stopped: Sheets timed out.",
		});
		expect(stoppedReport("odd").message).toBe("The sync stopped: odd");
	});

	it("set-up needed is a report of its own; any other error is not", () => {
		expect(setupNeededReport(new SetupNeededError("Run Hubsheet > Set up sheets."), "r1")).toEqual({
			status: "needs-setup",
			message: "Run Hubsheet > Set up sheets.",
			runId: "r1",
		});
		expect(setupNeededReport(new Error("boom"), "r1")).toBeNull();
	});

	it("counts the orders going to the sheet in the progress line", () => {
		expect(writingOrdersPhase(1)).toBe("Writing 1 order to the sheet…");
		expect(writingOrdersPhase(0)).toBe("Writing 0 orders to the sheet…");
		expect(writingOrdersPhase(12)).toBe("Writing 12 orders to the sheet…");
	});
});
