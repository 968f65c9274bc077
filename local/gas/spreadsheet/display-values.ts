/**
 * What a sheet shows, read straight from a saved workbook outside any execution: the playground
 * draws its grid from this while the bundle runs in another process. The same CellReader as
 * getDisplayValues, so the grid shows exactly what a script reading display values would see.
 */
import type { ExecutionHost } from "../host.js";
import { CellReader } from "./cell-values.js";
import { lastContentColumn, lastContentRow } from "./grid.js";
import { WorkbookAccess } from "./workbook-access.js";
import type { SheetState, WorkbookState } from "./workbook-state.js";

/** A read-only host: enough for computing values and formats, never for a script. */
function readOnlyHost(workbook: WorkbookState, now: number): ExecutionHost {
	const refuse = () => {
		throw new Error("The workbook view is read-only");
	};
	return {
		state: { workbook },
		now: () => now,
		markDirty: refuse,
		realm: {
			newDate: (ms: number) => new Date(ms),
			adopt: <T>(value: T) => value,
			exception: (message: string) => new Error(message),
		},
	} as unknown as ExecutionHost;
}

/** The display texts of the sheet's rows 1..rows and columns 1..columns (default: up to its last content). */
export function sheetDisplayValues(
	workbook: WorkbookState,
	sheet: SheetState,
	size: { rows?: number; columns?: number; now?: number } = {},
): string[][] {
	const reader = new CellReader(new WorkbookAccess(readOnlyHost(workbook, size.now ?? Date.now())));
	const rows = size.rows ?? lastContentRow(sheet);
	const columns = size.columns ?? lastContentColumn(sheet);
	const out: string[][] = [];
	for (let row = 1; row <= rows; row++) {
		const line: string[] = [];
		for (let column = 1; column <= columns; column++) line.push(reader.displayValue(sheet, row, column));
		out.push(line);
	}
	return out;
}
