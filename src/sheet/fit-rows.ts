/**
 * The last guard before Google, the same on Apps Script and on the runner: a text longer than a
 * cell holds would make Google refuse the whole call (every order of an append), so it is cut with a
 * visible marker (core/cell-fit.ts). Texts from the marketplace are already cut where they are
 * planned; this catches any other (a platform's words in the Sync log, say). Hubsheet's own state
 * sheet is JSON that a cut would break: it is left as is.
 */
import { fitCell } from "../core/cell-fit.js";
import { STATE_SHEET } from "../core/sheet-names.js";
import type { RawCell } from "./workbook.js";

export function fitRows(sheet: string, rows: readonly (readonly RawCell[])[]): RawCell[][] {
	if (sheet === STATE_SHEET) return rows as RawCell[][];
	return rows.map((row) => row.map((cell) => (typeof cell === "string" ? fitCell(cell) : cell)));
}
