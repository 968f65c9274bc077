/**
 * Where a parcel goes: the address the owner typed in "Ship to (yours)" when there is one, else
 * Etsy's. Etsy withholds buyers' addresses from many apps (NOTES.md, Shipping address withheld:
 * null, "" or absent fields), so a missing Etsy address is expected, never an error of the order.
 *
 * The typed text is what a person writes on a parcel: name, street (one or two lines), postcode and
 * city, country; one part per line, or separated by commas. The name may be left out (Etsy's buyer
 * name is used). Postcode before the city ("01-234 Warszawa", "10115 Berlin") or after it
 * ("London SW1A 1AA", "Austin TX 78701").
 */
import type { PostalAddress } from "./order.js";
import { countryCode } from "./postal-address.js";

export const TYPED_ADDRESS_FORMAT = "name, street, postcode and city, country";

export type ShipToChoice =
	| { source: "typed" | "etsy"; address: PostalAddress }
	/** `withheld`: Etsy shares no address and none is typed; `unreadable`: the typed text is not an address. */
	| { source: "none"; reason: "withheld" | "unreadable"; problem: string };

/** True when Etsy's address has what a courier needs (Etsy may withhold every field). */
export function hasEtsyAddress(address: PostalAddress): boolean {
	return [address.firstLine, address.city, address.countryIso].every((part) => part.trim() !== "");
}

const UK_INWARD = /^\d[A-Z]{2}$/i;

function splitPostcode(line: string): { zip: string; city: string; state: string } | null {
	const words = line.trim().split(/\s+/);
	if (words.length < 2) return null;
	const hasDigit = (word: string) => /\d/.test(word);
	// "01-234 Warszawa", "10115 Berlin", "SW1A 1AA London"
	if (hasDigit(words[0] as string)) {
		const take = words.length > 2 && UK_INWARD.test(words[1] as string) ? 2 : 1;
		return { zip: words.slice(0, take).join(" "), city: words.slice(take).join(" "), state: "" };
	}
	// "London SW1A 1AA", "Austin TX 78701"
	const last = words[words.length - 1] as string;
	if (hasDigit(last)) {
		let end = words.length - 1;
		if (UK_INWARD.test(last) && end >= 2 && hasDigit(words[end - 1] as string)) end--;
		const zip = words.slice(end).join(" ");
		const before = words.slice(0, end);
		const state =
			before.length >= 2 && /^[A-Z]{2}$/.test(before[before.length - 1] as string) ? (before.pop() as string) : "";
		return { zip, city: before.join(" "), state };
	}
	return null;
}

/** The typed text as an address, or what is wrong with it in the owner's words. */
export function parseTypedAddress(text: string, buyerName: string): { address: PostalAddress } | { problem: string } {
	const lines = text.includes("\n") ? text.split(/\r?\n/) : text.split(",");
	const parts = lines.map((part) => part.trim().replace(/,$/, "").trim()).filter((part) => part !== "");
	const format = `Write it as ${TYPED_ADDRESS_FORMAT} (one per line, or separated by commas).`;
	if (parts.length < 3) return { problem: `The Ship to (yours) cell is not a full address. ${format}` };
	const countryText = parts[parts.length - 1] as string;
	const countryIso = countryCode(countryText);
	if (!countryIso) {
		return { problem: `The Ship to (yours) cell should end with the country; "${countryText}" is not one. ${format}` };
	}
	const place = splitPostcode(parts[parts.length - 2] as string);
	if (!place || place.city === "") {
		return {
			problem: `The Ship to (yours) cell needs the postcode and the city on one line ("${parts[parts.length - 2]}" is not). ${format}`,
		};
	}
	const rest = parts.slice(0, -2);
	const [name, firstLine, ...more] = rest.length >= 2 ? rest : [buyerName, ...rest];
	if (!name || name.trim() === "") return { problem: `The Ship to (yours) cell needs the buyer's name. ${format}` };
	if (!firstLine) return { problem: `The Ship to (yours) cell needs the street. ${format}` };
	return {
		address: {
			name,
			firstLine: firstLine ?? "",
			secondLine: more.join(", "),
			city: place.city,
			state: place.state,
			zip: place.zip,
			countryIso,
		},
	};
}

/** The address the parcel goes to, and where it came from. */
export function chooseShipTo(etsy: PostalAddress, typed: string, buyerName: string): ShipToChoice {
	if (typed.trim() !== "") {
		const parsed = parseTypedAddress(typed, etsy.name || buyerName);
		if ("problem" in parsed) return { source: "none", reason: "unreadable", problem: parsed.problem };
		return { source: "typed", address: parsed.address };
	}
	if (hasEtsyAddress(etsy)) return { source: "etsy", address: etsy };
	return {
		source: "none",
		reason: "withheld",
		problem: `Etsy does not share this buyer's address with Hubsheet (it withholds addresses from apps in some countries). Copy it from the order on Etsy into the Ship to (yours) cell: ${TYPED_ADDRESS_FORMAT}.`,
	};
}
