/**
 * Google's error texts in one place, each with its confidence (see apps-script-behaviours.md §1), so
 * that an UNCONFIRMED text is changed here and nowhere else. `host.realm.exception` makes them
 * Exceptions, which scripts see as "Exception: <text>".
 */

export const MESSAGES = {
	// Obs: alpatania/sassafras#8 (columns). Rows: UNCONFIRMED, same template.
	columnMismatch: (data: number, range: number) =>
		`The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
	rowMismatch: (data: number, range: number) =>
		`The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
	// Obs: Elijas/auto-youtube-subscription-playlist-2#99.
	numRowsTooSmall: "The number of rows in the range must be at least 1.",
	// UNCONFIRMED, by analogy.
	numColumnsTooSmall: "The number of columns in the range must be at least 1.",
	// Obs: googleworkspace/solutions#128.
	startColumnTooSmall: "The starting column of the range is too small.",
	// UNCONFIRMED, by analogy.
	startRowTooSmall: "The starting row of the range is too small.",
	// UNCONFIRMED.
	outsideSheet: "The coordinates of the range are outside the dimensions of the sheet.",
	rangeNotFound: "Range not found",
	// UNCONFIRMED: updating or removing a chart that is not on the sheet.
	chartNotFound: "The chart could not be found on this sheet.",
	// Obs: freelabz/secator#96 (Sheets API text).
	cellTooLong: "Your input contains more than the maximum of 50000 characters in a single cell.",
	// Text seen in public code only; UNCONFIRMED.
	cellLimit: "This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
	// UNCONFIRMED: the texts below are what Sheets says in the UI or in public reports.
	sheetNameTaken: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
	rowsOutOfBounds: "Those rows are out of bounds.",
	columnsOutOfBounds: "Those columns are out of bounds.",
	deleteAllRows: "Sorry, it is not possible to delete all non-frozen rows.",
	deleteAllColumns: "Sorry, it is not possible to delete all non-frozen columns.",
	deleteLastSheet: "A spreadsheet must contain at least one sheet.",
	hideLastSheet: "You can't hide all the sheets in a document.",
	filterExists: "You can't create a filter in a sheet that already has a filter.",
	sheetDeleted: "The sheet has been deleted.",
	protectionRemoved: "The protection has been removed.",
	invalidTimeZone: (zone: string) => `Invalid argument: ${zone}`,
	validationViolation: (a1: string) =>
		`The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
	openById: "Unexpected error while getting the method or property openById on object SpreadsheetApp.",
	openByUrl: "Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.",
	noCriteria: "Invalid argument: criteria",
	invalidArgument: (name: string) => `Invalid argument: ${name}`,
} as const;

/** Apps Script's name for a value's type in "The parameters (...) don't match" messages. */
export function signatureTypeName(value: unknown): string {
	if (value === null) return "null";
	if (value === undefined) return "undefined";
	if (typeof value === "string") return "String";
	if (typeof value === "number") return "number";
	if (typeof value === "boolean") return "Boolean";
	if (Array.isArray(value)) return `${value.length > 0 ? signatureTypeName(value[0]) : "Object"}[]`;
	if (Object.prototype.toString.call(value) === "[object Date]") return "Date";
	const named = (value as { toString?: () => string }).toString?.();
	if (typeof named === "string" && /^[A-Z][A-Za-z]*$/.test(named)) return named;
	return "Object";
}

/** Obs: brucemcpherson/gas-fakes oddities.md ("The parameters (String) don't match ... requireDate."). */
export function signatureMismatch(method: string, args: readonly unknown[]): string {
	return `The parameters (${args.map(signatureTypeName).join(",")}) don't match the method signature for ${method}.`;
}
