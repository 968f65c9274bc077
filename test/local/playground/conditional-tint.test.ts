import { describe, expect, it } from "vitest";
import type { ConditionalFormatRuleState } from "../../../local/gas/spreadsheet/workbook-state.js";
import { conditionalPaint } from "../../../local/playground/conditional-tint.js";

const rows = 5;
const columns = 3;
const rule = (symbol: string, background: string): ConditionalFormatRuleState => ({
	ranges: [{ row: 2, column: 1, numRows: rows - 1, numColumns: columns }],
	condition: { type: "CUSTOM_FORMULA", values: [`=LEFT($C2,1)="${symbol}"`] },
	format: { background },
});

describe("conditional formatting as the playground paints it", () => {
	// Issues in column C: row 2 red, row 3 yellow, row 4 none, row 5 red then yellow text.
	const cells: Record<string, string> = { "2,3": "✖ cancelled", "3,3": "⚠ late", "5,3": "✖ a; ⚠ b", "1,3": "✖ header" };
	const paint = conditionalPaint(
		[rule("✖", "#f9d6d5"), rule("⚠", "#fff2cc")],
		(row, column) => cells[`${row},${column}`] ?? "",
	);

	it("tints every cell of a row by its own Issues cell, the reference moving with the row", () => {
		for (let column = 1; column <= columns; column++) {
			expect(paint(2, column)?.background).toBe("#f9d6d5");
			expect(paint(3, column)?.background).toBe("#fff2cc");
			expect(paint(4, column)).toBeNull();
		}
	});

	it("lets the first matching rule win, and paints nothing outside the rule's range", () => {
		expect(paint(5, 1)?.background).toBe("#f9d6d5");
		expect(paint(1, 1)).toBeNull();
	});

	it("paints nothing for a formula it cannot read", () => {
		const unknown = conditionalPaint(
			[{ ...rule("✖", "#f9d6d5"), condition: { type: "CUSTOM_FORMULA", values: ["=ISODD(ROW())"] } }],
			() => "✖",
		);
		expect(unknown(2, 1)).toBeNull();
	});
});
