/**
 * Conditional formatting as Sheets paints it, for the playground's grid. The emulator stores rules
 * without evaluating them (scripts cannot read the painted colour either), but the owner sees the
 * paint: a row tinted red by its Issues cell is the point of the rule. So the page evaluates the
 * rules over display values, for the conditions a shop's sheet uses: text tests, empty / not empty,
 * and the custom formulas `=LEFT($X2,n)="text"` and `=$X2="text"` (a column-absolute, row-relative
 * reference, as Set up sheets writes them). A rule it cannot read paints nothing, as an error would
 * in Sheets; the first rule that matches a cell wins, as in Sheets.
 */
import { lettersToColumn } from "../gas/spreadsheet/a1-notation.js";
import type { ConditionalFormatRuleState, GridRange } from "../gas/spreadsheet/workbook-state.js";

export interface Paint {
	background?: string;
	color?: string;
	bold?: boolean;
}

/** The display text of a cell, 1-based. */
type TextAt = (row: number, column: number) => string;

const LEFT_FORMULA = /^=\s*LEFT\(\s*\$?([A-Z]+)\$?(\d+)\s*,\s*(\d+)\s*\)\s*=\s*"((?:[^"]|"")*)"\s*$/i;
const EQUALS_FORMULA = /^=\s*\$?([A-Z]+)\$?(\d+)\s*=\s*"((?:[^"]|"")*)"\s*$/i;

function inside(range: GridRange, row: number, column: number): boolean {
	return (
		row >= range.row &&
		row < range.row + range.numRows &&
		column >= range.column &&
		column < range.column + range.numColumns
	);
}

/** Whether the rule's condition holds at (row, column), relative to the top-left cell of its range. */
function holds(
	rule: ConditionalFormatRuleState,
	anchor: GridRange,
	row: number,
	column: number,
	text: TextAt,
): boolean {
	const condition = rule.condition;
	if (!condition) return false;
	const [first] = condition.values;
	const argument = typeof first === "string" || typeof first === "number" ? String(first) : "";
	const own = text(row, column);
	switch (condition.type) {
		case "CELL_EMPTY":
			return own === "";
		case "CELL_NOT_EMPTY":
			return own !== "";
		case "TEXT_CONTAINS":
			return own.toLowerCase().includes(argument.toLowerCase());
		case "TEXT_DOES_NOT_CONTAIN":
			return !own.toLowerCase().includes(argument.toLowerCase());
		case "TEXT_STARTS_WITH":
			return own.toLowerCase().startsWith(argument.toLowerCase());
		case "TEXT_ENDS_WITH":
			return own.toLowerCase().endsWith(argument.toLowerCase());
		case "TEXT_EQUAL_TO":
			return own.toLowerCase() === argument.toLowerCase();
		case "CUSTOM_FORMULA": {
			const left = LEFT_FORMULA.exec(argument);
			const equals = left ? null : EQUALS_FORMULA.exec(argument);
			const match = left ?? equals;
			if (!match) return false;
			const referenced = lettersToColumn(String(match[1]).toUpperCase());
			// The row in the formula is the anchor's row; other rows shift by their distance from it.
			const referencedRow = Number(match[2]) + (row - anchor.row);
			const value = text(referencedRow, referenced);
			if (left) {
				const wanted = String(left[4]).replace(/""/g, '"');
				// Sheets compares text without regard to case; LEFT counts characters.
				return [...value].slice(0, Number(left[3])).join("").toLowerCase() === wanted.toLowerCase();
			}
			return value.toLowerCase() === String(equals?.[3]).replace(/""/g, '"').toLowerCase();
		}
		default:
			return false;
	}
}

/** The paint of each cell by the sheet's rules, or null where no rule applies. */
export function conditionalPaint(rules: readonly ConditionalFormatRuleState[], text: TextAt) {
	return (row: number, column: number): Paint | null => {
		for (const rule of rules) {
			const anchor = rule.ranges.find((range) => inside(range, row, column));
			if (!anchor || !holds(rule, rule.ranges[0] ?? anchor, row, column, text)) continue;
			const paint: Paint = {};
			if (rule.format.background) paint.background = rule.format.background;
			if (rule.format.fontColor) paint.color = rule.format.fontColor;
			if (rule.format.bold) paint.bold = true;
			return paint;
		}
		return null;
	};
}
