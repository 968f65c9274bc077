import { describe, expect, it } from "vitest";
import {
	DEFAULT_LOG_LENGTH,
	entriesToTrim,
	keptEntries,
	logRows,
	rowsToFormat,
	runLogEntries,
	SYNC_LOG_TIME_FORMAT,
	syncLogRowsToAdd,
	syncLogRowsWanted,
} from "../../src/engine/sync-log.js";
import { importSummary } from "./import-summary-fixture.js";

describe("the Sync log of one run", () => {
	it("has Etsy's import first, then each CRM and courier action, then one line of retries by platform", () => {
		const entries = runLogEntries(
			importSummary({ created: ["3100000001"], unchanged: 4 }),
			[
				{ orderId: "3100000001", platform: "Pipedrive", action: "created deal", result: "deal 17", outcome: "ok" },
				{
					orderId: "3100000001",
					platform: "Furgonetka",
					action: "create shipment",
					result: "no phone",
					outcome: "failed",
				},
			],
			[
				{
					platform: "Etsy",
					total: 3,
					causes: [
						{ cause: "HTTP 503", count: 2 },
						{ cause: "429", count: 1 },
					],
				},
				{ platform: "Pipedrive", total: 1, causes: [{ cause: "no answer", count: 1 }] },
			],
		);
		expect(entries).toEqual([
			{
				order: "",
				platform: "Etsy",
				action: "import",
				change: "1 new, 0 updated, 4 unchanged, 0 failed",
				result: "ok",
			},
			{ order: "3100000001", platform: "Etsy", action: "new order", change: "row added", result: "ok" },
			{ order: "3100000001", platform: "Pipedrive", action: "created deal", change: "", result: "deal 17" },
			{ order: "3100000001", platform: "Furgonetka", action: "create shipment", change: "", result: "no phone" },
			{
				order: "",
				platform: "Etsy, Pipedrive",
				action: "retries",
				change: "",
				result: "4 requests had to be repeated or checked: Etsy 3 (2× HTTP 503, 1× 429); Pipedrive 1 (1× no answer)",
			},
		]);
	});

	it("writes no retry line when nothing was repeated, and names a stop in the run's line", () => {
		const entries = runLogEntries(importSummary({ mode: "full", stoppedEarly: "Etsy is not answering" }), [], []);
		expect(entries).toEqual([
			{
				order: "",
				platform: "Etsy",
				action: "full pass",
				change: "0 new, 0 updated, 0 unchanged, 0 failed",
				result: "Etsy is not answering",
			},
		]);
	});

	it("puts the run's time as a serial date in the spreadsheet's zone, and its id, on every row", () => {
		const rows = logRows(
			[{ order: "1", platform: "Etsy", action: "new order", change: "row added", result: "ok" }],
			"ab12cd34",
			new Date(Date.UTC(2026, 11, 3, 11, 0, 0)),
			"Europe/Warsaw",
		);
		expect(rows).toEqual([[46359.5, "ab12cd34", "1", "Etsy", "new order", "row added", "ok"]]);
	});
});

describe("the Sync log's length", () => {
	it("is trimmed only once it is a tenth over what Settings keeps, oldest entries out", () => {
		// 2000 kept: trimming waits until 200 over (row 1 is the header).
		expect(entriesToTrim(1 + DEFAULT_LOG_LENGTH + 200, DEFAULT_LOG_LENGTH)).toBe(0);
		expect(entriesToTrim(1 + DEFAULT_LOG_LENGTH + 201, DEFAULT_LOG_LENGTH)).toBe(201);
		// A short log still waits for 10 rows over.
		expect(entriesToTrim(1 + 50 + 10, 50)).toBe(0);
		expect(entriesToTrim(1 + 50 + 11, 50)).toBe(11);
	});

	it("takes of a run longer than it keeps only the run's last entries (what trimming would leave)", () => {
		const run = Array.from({ length: 5000 }, (_, index) => index);
		expect(keptEntries(run, 2000)).toEqual(run.slice(3000));
		expect(keptEntries(run.slice(0, 2000), 2000)).toEqual(run.slice(0, 2000));
		expect(keptEntries(run.slice(0, 3), 50)).toEqual([0, 1, 2]);
	});

	it("is given rows for what it keeps, the tenth over and 100 spare", () => {
		expect(syncLogRowsWanted(2000)).toBe(1 + 2000 + 200 + 100);
		expect(syncLogRowsWanted(50)).toBe(1 + 50 + 10 + 100);
	});

	it("is topped up by set-up to those rows, never cut below what the sheet has", () => {
		expect(syncLogRowsToAdd(1000, 2000)).toBe(2301 - 1000);
		expect(syncLogRowsToAdd(2301, 2000)).toBe(0);
		expect(syncLogRowsToAdd(5000, 2000)).toBe(0);
	});

	it("formats only appended rows past those already formatted", () => {
		expect(rowsToFormat(10, 20, 2301)).toBeNull();
		expect(rowsToFormat(2300, 2310, 2301)).toEqual({ from: 2302, count: 9 });
		expect(rowsToFormat(5, 7, 0)).toEqual({ from: 5, count: 3 });
	});

	it("shows an entry's time as date and time to the second, never a serial number", () => {
		expect(SYNC_LOG_TIME_FORMAT).toBe("yyyy-mm-dd hh:mm:ss");
	});
});
