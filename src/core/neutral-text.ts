/**
 * Buyer text sent on to a CRM, a courier or an event receiver may end up in someone's CSV export
 * or spreadsheet, where `=HYPERLINK(...)`, `+cmd|...`, `-2+3`, `@SUM(...)` or a leading tab or
 * carriage return is run as a formula. Hubsheet keeps such text inert in its own sheet; downstream
 * it makes it inert the way OWASP recommends for CSV ("CSV Injection"): a single quote in front.
 * Only for free-text fields (names, titles, address lines): an email, a phone number (+48…), a
 * postcode or an id keeps its exact form because the platform validates it.
 */

/** The characters OWASP lists, and their full-width forms that some spreadsheets also read as formulas. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** `text` made inert for spreadsheets downstream: `'=1+1` for `=1+1`; other text unchanged. */
export function neutralText(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The free-text lines of an address made inert; the postcode and country code are left exact. */
export function neutralAddress<
	A extends { name: string; firstLine: string; secondLine: string; city: string; state: string },
>(address: A): A {
	return {
		...address,
		name: neutralText(address.name),
		firstLine: neutralText(address.firstLine),
		secondLine: neutralText(address.secondLine),
		city: neutralText(address.city),
		state: neutralText(address.state),
	};
}
