import { describe, expect, it } from "vitest";
import { MAX_CELL_CHARACTERS, wasCut } from "../../src/core/cell-fit.js";
import { STATE_SHEET, SYNC_LOG_SHEET } from "../../src/core/sheet-names.js";
import { fitRows } from "../../src/sheet/fit-rows.js";

describe("the last guard before Google", () => {
	const long = "x".repeat(MAX_CELL_CHARACTERS + 10);

	it("cuts a text longer than a cell holds, with a visible marker, and leaves numbers and short texts", () => {
		const row = fitRows(SYNC_LOG_SHEET, [[long, 7, "short", true]])[0] ?? [];
		const cut = String(row[0]);
		expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARACTERS);
		expect(wasCut(cut)).toBe(true);
		expect(row.slice(1)).toEqual([7, "short", true]);
	});

	it("leaves the state sheet's JSON whole: a cut would break it", () => {
		expect(fitRows(STATE_SHEET, [["1", long]])).toEqual([["1", long]]);
	});
});
