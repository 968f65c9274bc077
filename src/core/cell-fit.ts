/**
 * What one Google Sheets cell holds: 50,000 characters. Google refuses a whole write (an append of
 * thirty orders included) when one cell is longer, so every text from a platform is cut to fit
 * before it is written, with a visible marker that says how long it was and where the whole text is.
 */

export const MAX_CELL_CHARACTERS = 50_000;

/** Where an order's full texts can be read: the order itself on Etsy. */
export const FULL_TEXT_ON_ETSY = "on the order on Etsy (the Order column links to it)";

/**
 * `text` if it fits a cell, else its start and a marker such as
 * `… [cut by Hubsheet: 60,000 characters; a cell holds 50,000. The full text is on the order on Etsy …]`.
 */
export function fitCell(text: string, whereFull = "on the platform it came from"): string {
	if (text.length <= MAX_CELL_CHARACTERS) return text;
	const marker = `\n… [cut by Hubsheet: ${grouped(text.length)} characters; a cell holds ${grouped(MAX_CELL_CHARACTERS)}. The full text is ${whereFull}.]`;
	let keep = MAX_CELL_CHARACTERS - marker.length;
	// Never split a surrogate pair: half an emoji is not text.
	const last = text.charCodeAt(keep - 1);
	if (last >= 0xd800 && last <= 0xdbff) keep--;
	return `${text.slice(0, keep)}${marker}`;
}

/** True when `text` carries fitCell's marker. */
export function wasCut(text: string): boolean {
	return /\n… \[cut by Hubsheet: [\d,]+ characters;/.test(text);
}

function grouped(count: number): string {
	return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
