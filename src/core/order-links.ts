/**
 * Links from an order to the owner's two other systems (issue 14, item 5): the order's folder in
 * Drive (design files, and the courier's label) and a search of the owner's mailbox. The buyer's name
 * is untrusted text: it is cut down to letters, digits and a few plain marks before it names a
 * Drive folder, and percent-encoded before it goes into a mail search link, so it can neither pose
 * as a path, a formula, nor end the search and add something of its own.
 */

/** The text of the Design cell's link to the folder Hubsheet made (another text is the owner's own). */
export const DESIGN_LINK_TEXT = "Design folder";
/** The text of the Mail cell's link. */
export const MAIL_LINK_TEXT = "Search mail";
/** The mailbox search: Gmail's own address, the signed-in account's first mailbox. */
export const MAIL_SEARCH_BASE = "https://mail.google.com/mail/u/0/#search/";

/**
 * The buyer's name as plain words: letters (any alphabet, accents kept), digits, spaces and
 * `. ' -` inside, nothing leading that a sheet or a path could read as more (`=`, `.`, `-`), at most
 * 60 characters.
 */
export function plainName(text: string): string {
	return text
		.normalize("NFC")
		.replace(/[^\p{L}\p{M}\p{N}.' -]+/gu, " ")
		.replace(/\s+/g, " ")
		.trim()
		.replace(/^[.' -]+/, "")
		.slice(0, 60)
		.trim();
}

/** `Order 3100000001 - Anna Kowalska`; the number alone when the buyer's name has nothing plain left. */
export function orderFolderName(orderId: string, buyer: string): string {
	const id = orderId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40) || "unknown";
	const name = plainName(buyer);
	return name === "" ? `Order ${id}` : `Order ${id} - ${name}`;
}

/**
 * The owner's mailbox searched for the order number or the buyer's name (quoted, as a phrase). A
 * link only: Hubsheet never reads the mailbox (no Gmail scope).
 */
export function mailSearchUrl(orderId: string, buyer: string): string {
	const id = orderId.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40);
	const name = plainName(buyer).replace(/'/g, " ").replace(/\s+/g, " ").trim();
	const query = name === "" ? id : `${id} OR "${name}"`;
	return `${MAIL_SEARCH_BASE}${encodeURIComponent(query)}`;
}
