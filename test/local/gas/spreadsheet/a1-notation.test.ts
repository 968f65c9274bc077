import { describe, expect, it } from "vitest";
import {
	columnToLetters,
	gridRangeToA1,
	lettersToColumn,
	parseA1Range,
	parseA1Reference,
	qualifiedA1,
	resolveA1Range,
} from "../../../../local/gas/spreadsheet/a1-notation.js";

describe("A1 notation", () => {
	it("converts column numbers and letters both ways", () => {
		expect(columnToLetters(1)).toBe("A");
		expect(columnToLetters(26)).toBe("Z");
		expect(columnToLetters(27)).toBe("AA");
		expect(columnToLetters(18278)).toBe("ZZZ");
		expect(lettersToColumn("zz")).toBe(702);
	});

	it("parses cells, rectangles, whole columns and rows, open ends", () => {
		expect(parseA1Reference("B3")).toEqual({
			sheetName: null,
			range: { startRow: 3, startColumn: 2, endRow: 3, endColumn: 2 },
		});
		expect(resolveA1Range(parseA1Reference("A:C")?.range ?? null, 1000, 26)).toEqual({
			row: 1,
			column: 1,
			numRows: 1000,
			numColumns: 3,
		});
		expect(resolveA1Range(parseA1Reference("2:5")?.range ?? null, 1000, 26)).toEqual({
			row: 2,
			column: 1,
			numRows: 4,
			numColumns: 26,
		});
		expect(resolveA1Range(parseA1Reference("A2:C")?.range ?? null, 1000, 26)).toEqual({
			row: 2,
			column: 1,
			numRows: 999,
			numColumns: 3,
		});
		expect(parseA1Reference("$A$1:$B$2")?.range).toEqual({ startRow: 1, startColumn: 1, endRow: 2, endColumn: 2 });
	});

	it("parses sheet names, quoted ones with doubled quotes included", () => {
		expect(parseA1Reference("Orders!A1:B2")?.sheetName).toBe("Orders");
		expect(parseA1Reference("'Order hub'!A1")?.sheetName).toBe("Order hub");
		expect(parseA1Reference("'It''s'!A:A")?.sheetName).toBe("It's");
		expect(parseA1Reference("'A!B'!C3")?.sheetName).toBe("A!B");
		expect(parseA1Reference("Orders")).toEqual({ sheetName: "Orders", range: null });
	});

	it("rejects what is not A1 notation (without '!', the Sheets API then reads a sheet name)", () => {
		expect(parseA1Range("A:3")).toBeNull();
		expect(parseA1Range("A0")).toBeNull();
		expect(parseA1Range("A1:3")).toBeNull();
		expect(parseA1Reference("A0")).toEqual({ sheetName: "A0", range: null });
		expect(parseA1Reference("Orders!")).toEqual({ sheetName: "Orders", range: null });
		expect(parseA1Reference("Orders!1A")).toBeNull();
	});

	it("writes A1 back, quoting sheet names only when needed", () => {
		expect(gridRangeToA1({ row: 2, column: 3, numRows: 1, numColumns: 1 })).toBe("C2");
		expect(gridRangeToA1({ row: 1, column: 1, numRows: 10, numColumns: 3 })).toBe("A1:C10");
		expect(qualifiedA1("Sheet1", { row: 1, column: 1, numRows: 2, numColumns: 2 })).toBe("Sheet1!A1:B2");
		expect(qualifiedA1("Order hub", { row: 1, column: 1, numRows: 1, numColumns: 1 })).toBe("'Order hub'!A1");
		expect(qualifiedA1("It's", { row: 1, column: 1, numRows: 1, numColumns: 1 })).toBe("'It''s'!A1");
	});
});
