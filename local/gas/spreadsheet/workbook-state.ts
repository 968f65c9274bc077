/**
 * Persisted shape of the emulated spreadsheet. Owned by the SpreadsheetApp emulation; the runtime
 * only creates it with `newWorkbookState` and saves it as JSON.
 */
export interface WorkbookState {
	id: string;
	name: string;
	timeZone: string;
	locale: string;
	/** Sheets in tab order. */
	sheets: unknown[];
}

export function newWorkbookState(init: { id: string; name: string; timeZone: string; locale: string }): WorkbookState {
	return { ...init, sheets: [] };
}
