import { describe, expect, it } from "vitest";
import { completedReport, cutWords, failedWords } from "../../src/engine/run-report.js";
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
