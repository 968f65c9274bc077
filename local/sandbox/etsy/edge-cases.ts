/**
 * Text that breaks naive spreadsheet writers, each seeded as its own receipt so a test can look up
 * which receipt carries which case. The DESIGN requires all of them to reach a cell unchanged.
 */
import type { ReceiptSpec } from "./generator.js";

/** Exactly 5,000 UTF-16 code units, never cutting an emoji in half. */
export const LONG_NOTE = ((): string => {
	let note = "";
	for (const char of "Bardzo długa notatka — Sehr lange Notiz — 非常に長いメモ 🪑. ".repeat(120)) {
		if (note.length + char.length > 5000) break;
		note += char;
	}
	return note.padEnd(5000, ".");
})();

export interface EdgeCase {
	key: string;
	description: string;
	spec: ReceiptSpec;
}

export const EDGE_CASES: readonly EdgeCase[] = [
	{
		key: "formula",
		description: "a buyer note that Sheets would run as a formula",
		spec: {
			message_from_buyer: '=IMPORTXML("http://x","//a")',
			items: [{ listing: "organiser", personalization: "=1+1" }],
		},
	},
	{
		key: "long-number",
		description: "a 24-digit number, more digits than a spreadsheet number keeps",
		spec: {
			message_from_buyer: "123456789012345678901234",
			items: [{ listing: "footrest", personalization: "123456789012345678901234" }],
		},
	},
	{
		key: "leading-zeros",
		description: "a value whose leading zeros matter",
		spec: {
			message_from_buyer: "007",
			items: [{ listing: "organiser", personalization: "007" }],
			buyer: { country_iso: "US", city: "Cambridge", state: "MA", zip: "02139", first_line: "007 Bond Street" },
		},
	},
	{
		key: "postcode",
		description: "a Polish postcode that looks like a date or a subtraction",
		spec: {
			message_from_buyer: "01-234",
			buyer: {
				country_iso: "PL",
				city: "Warszawa",
				zip: "01-234",
				first_line: "ul. Długa 5",
				second_line: "m. 3",
				state: null,
			},
		},
	},
	{
		key: "long-note",
		description: "a 5,000-character note in three scripts",
		spec: { message_from_buyer: LONG_NOTE },
	},
	{
		key: "html",
		description: "markup that must be shown, never run, in the sidebar",
		spec: {
			message_from_buyer: "<img src=x onerror=alert(1)>",
			gift: { message: "<script>alert('gift')</script>", sender: "<b>Mallory</b>" },
			buyer: { name: "<img src=x onerror=alert(1)>" },
		},
	},
	{
		key: "lookalikes",
		description: "strings Sheets would turn into a boolean, a date or a number",
		spec: {
			message_from_buyer: "TRUE",
			items: [{ listing: "organiser", personalization: "3/4" }],
			buyer: { second_line: "+48 600 700 800" },
		},
	},
	{
		key: "no-email",
		description: "a buyer whose email Etsy does not share, with an emoji-only note",
		spec: { message_from_buyer: "🙂🪑🎁", buyer: { email: null, country_iso: "JP" } },
	},
];
