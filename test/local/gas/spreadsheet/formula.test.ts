import { describe, expect, it } from "vitest";
import { evaluateFormula, type FormulaEnvironment } from "../../../../local/gas/spreadsheet/formula.js";

const cells: Record<string, number | string> = { "1:1": 2, "1:2": 3, "2:1": "x" };
const env: FormulaEnvironment = {
	cell: (_sheet, row, column) => cells[`${row}:${column}`] ?? null,
	range: (_sheet, range) => {
		const out = [];
		for (let r = range.row; r < range.row + range.numRows; r++) {
			for (let c = range.column; c < range.column + range.numColumns; c++) out.push(cells[`${r}:${c}`] ?? null);
		}
		return out;
	},
};

describe("the trivial formula evaluator", () => {
	it("computes arithmetic, comparisons, concatenation and references", () => {
		expect(evaluateFormula("=1+2*3", env)).toBe(7);
		expect(evaluateFormula("=(1+2)*3^2", env)).toBe(27);
		expect(evaluateFormula("=A1*B1", env)).toBe(6);
		expect(evaluateFormula('="n"&A1', env)).toBe("n2");
		expect(evaluateFormula("=A1>B1", env)).toBe(false);
		expect(evaluateFormula("=50%", env)).toBe(0.5);
		expect(evaluateFormula("=SUM(A1:B2)", env)).toBe(5);
		expect(evaluateFormula('=IF(A1=2,"yes","no")', env)).toBe("yes");
		expect(evaluateFormula('=HYPERLINK("https://etsy.com/x","1234")', env)).toBe("1234");
	});

	it("returns Sheets' error values", () => {
		expect(evaluateFormula("=1/0", env)).toEqual({ error: "#DIV/0!" });
		expect(evaluateFormula("=A2+1", env)).toEqual({ error: "#VALUE!" });
		expect(evaluateFormula("=1+", env)).toEqual({ error: "#ERROR!" });
		expect(evaluateFormula("=C9", env)).toBe(0);
	});

	it("never executes import functions: unknown functions are #NAME?", () => {
		expect(evaluateFormula('=IMPORTXML("https://evil.example","//a")', env)).toEqual({ error: "#NAME?" });
		expect(evaluateFormula('=IMPORTDATA("https://evil.example")', env)).toEqual({ error: "#NAME?" });
		expect(evaluateFormula("=NOW()", env)).toEqual({ error: "#NAME?" });
	});
});
