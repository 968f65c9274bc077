import { describe, expect, it } from "vitest";
import type { RunSummary } from "../../src/engine/run-summary.js";
import { lastSyncRecord, parseLastSync, parseProgress, progressRecord } from "../../src/engine/sync-progress.js";
import type { SyncReport } from "../../src/ui/sidebar-api.js";

const summary: RunSummary = {
	tone: "ok",
	headline: "Etsy: 2 new orders.",
	note: "",
	platforms: [{ platform: "Etsy", tone: "ok", text: "2 new orders" }],
};
const AT = "2026-12-03T10:00:00.000Z";

describe("the progress line", () => {
	it("reads back the phase, when the run started and when it said so", () => {
		const kept = progressRecord("Reading changes from Etsy…", "2026-12-03T09:59:00.000Z", AT);
		expect(parseProgress(kept)).toEqual({
			running: true,
			phase: "Reading changes from Etsy…",
			startedAt: "2026-12-03T09:59:00.000Z",
			updatedAt: AT,
		});
	});

	it("is not running without a kept phase, with an unreadable one or one without a phase", () => {
		expect(parseProgress(null)).toEqual({ running: false });
		expect(parseProgress("")).toEqual({ running: false });
		expect(parseProgress("{")).toEqual({ running: false });
		expect(parseProgress(JSON.stringify({ startedAt: "a", updatedAt: "b" }))).toEqual({ running: false });
		expect(parseProgress(JSON.stringify({ phase: "Writing orders…", startedAt: 3 }))).toEqual({
			running: true,
			phase: "Writing orders…",
		});
	});
});

describe("the last sync", () => {
	const report: SyncReport = { status: "completed", message: "2 new orders.", summary, created: 2 };

	it("keeps a finished run's time, status, words and summary, and nothing else of its report", () => {
		const kept = lastSyncRecord(report, AT);
		expect(kept).not.toBeNull();
		expect(JSON.parse(kept as string)).toEqual({ at: AT, status: "completed", message: "2 new orders.", summary });
		expect(parseLastSync(kept)).toEqual({ at: AT, status: "completed", message: "2 new orders.", summary });
		expect(JSON.parse(lastSyncRecord({ status: "failed", message: "No." }, AT) as string)).toEqual({
			at: AT,
			status: "failed",
			message: "No.",
		});
	});

	it("is left as it was by a quiet run: the last real sync's summary stays", () => {
		expect(lastSyncRecord({ ...report, quiet: true }, AT)).toBeNull();
		expect(lastSyncRecord({ ...report, quiet: false }, AT)).not.toBeNull();
	});

	it("says when the runner made it, and drops a summary it cannot show", () => {
		const runner = JSON.stringify({ at: AT, status: "completed", message: "m", summary, ranOn: "runner" });
		expect(parseLastSync(runner)?.ranOn).toBe("runner");
		expect(parseLastSync(JSON.stringify({ at: AT, status: "completed", message: "m", ranOn: "elsewhere" }))).toEqual({
			at: AT,
			status: "completed",
			message: "m",
		});
		const badTone = JSON.stringify({ at: AT, status: "completed", message: "m", summary: { ...summary, tone: "red" } });
		expect(parseLastSync(badTone)).toEqual({ at: AT, status: "completed", message: "m" });
		const noPlatforms = JSON.stringify({
			at: AT,
			status: "completed",
			message: "m",
			summary: { headline: "h", tone: "ok" },
		});
		expect(parseLastSync(noPlatforms)?.summary).toBeUndefined();
	});

	it("is nothing to show when missing, unreadable or without its time, status or words", () => {
		expect(parseLastSync(null)).toBeUndefined();
		expect(parseLastSync("not json")).toBeUndefined();
		expect(parseLastSync(JSON.stringify({ status: "completed", message: "m" }))).toBeUndefined();
		expect(parseLastSync(JSON.stringify({ at: AT, message: "m" }))).toBeUndefined();
		expect(parseLastSync(JSON.stringify({ at: AT, status: "completed" }))).toBeUndefined();
	});
});
