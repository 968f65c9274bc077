/** A1 notation as the Sheets values API and SpreadsheetApp read it, for Apps Script and the runner alike. */

/** A sheet name quoted for a range ('Owner''s sheet'), so spaces and quotes in it are safe. */
export function quoteSheet(name: string): string {
	return `'${name.replace(/'/g, "''")}'`;
}

/** 1 -> A, 27 -> AA. */
export function columnLetters(column: number): string {
	let letters = "";
	for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
		letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
	}
	return letters;
}

/** The block of `rows` x `columns` cells from (row, column), both 1-based: 'Orders'!B2:D5. */
export function a1Range(sheet: string, row: number, column: number, rows: number, columns: number): string {
	return `${quoteSheet(sheet)}!${columnLetters(column)}${row}:${columnLetters(column + columns - 1)}${row + rows - 1}`;
}
