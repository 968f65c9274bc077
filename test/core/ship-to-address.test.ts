import { describe, expect, it } from "vitest";
import type { PostalAddress } from "../../src/core/order.js";
import { chooseShipTo, hasEtsyAddress, parseTypedAddress } from "../../src/core/ship-to-address.js";

const WITHHELD: PostalAddress = {
	name: "",
	firstLine: "",
	secondLine: "",
	city: "",
	state: "",
	zip: "",
	countryIso: "",
};
const ETSY: PostalAddress = {
	name: "Anna Kowalska",
	firstLine: "ul. Prosta 1",
	secondLine: "",
	city: "Warszawa",
	state: "",
	zip: "01-234",
	countryIso: "PL",
};

describe("parseTypedAddress", () => {
	it("reads a Polish address typed on lines, and the same with commas and a country code", () => {
		const expected = { address: { ...ETSY } };
		expect(parseTypedAddress("Anna Kowalska\nul. Prosta 1\n01-234 Warszawa\nPoland", "")).toEqual(expected);
		expect(parseTypedAddress("Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, PL", "")).toEqual(expected);
		expect(parseTypedAddress(" Anna Kowalska ,ul. Prosta 1,01-234  Warszawa , polska ", "")).toEqual(expected);
	});

	it("takes the buyer's name from Etsy when only street, place and country are typed", () => {
		expect(parseTypedAddress("Hauptstr. 5, 10115 Berlin, Germany", "Jonas Weber")).toEqual({
			address: {
				name: "Jonas Weber",
				firstLine: "Hauptstr. 5",
				secondLine: "",
				city: "Berlin",
				state: "",
				zip: "10115",
				countryIso: "DE",
			},
		});
	});

	it("reads postcodes after the city (UK, US) and a second street line", () => {
		expect(parseTypedAddress("Emma Hill\nFlat 2\n10 Downing St\nLondon SW1A 2AA\nUnited Kingdom", "")).toEqual({
			address: {
				name: "Emma Hill",
				firstLine: "Flat 2",
				secondLine: "10 Downing St",
				city: "London",
				state: "",
				zip: "SW1A 2AA",
				countryIso: "GB",
			},
		});
		expect(parseTypedAddress("Ann Lee\n1 Main St\nAustin TX 78701\nUSA", "")).toMatchObject({
			address: { city: "Austin", state: "TX", zip: "78701", countryIso: "US" },
		});
	});

	it("says what is wrong, in the cell's name", () => {
		expect(parseTypedAddress("ul. Prosta 1, Warszawa", "A")).toEqual({
			problem: expect.stringContaining("The Ship to (yours) cell is not a full address."),
		});
		expect(parseTypedAddress("ul. Prosta 1, 01-234 Warszawa, Atlantis", "A")).toEqual({
			problem: expect.stringContaining('"Atlantis" is not one'),
		});
		expect(parseTypedAddress("ul. Prosta 1, Warszawa, Poland", "A")).toEqual({
			problem: expect.stringContaining("needs the postcode and the city on one line"),
		});
		expect(parseTypedAddress("01-234 Warszawa, Poland, PL", "A")).toMatchObject({ problem: expect.any(String) });
	});
});

describe("chooseShipTo", () => {
	it("prefers the typed address, then Etsy's, and explains a withheld one", () => {
		expect(chooseShipTo(ETSY, "Jan Nowak, ul. Krzywa 2, 30-001 Kraków, PL", "Anna")).toMatchObject({
			source: "typed",
			address: { name: "Jan Nowak", city: "Kraków" },
		});
		expect(chooseShipTo(ETSY, "  ", "Anna")).toEqual({ source: "etsy", address: ETSY });
		const withheld = chooseShipTo(WITHHELD, "", "Anna");
		expect(withheld).toMatchObject({ source: "none", reason: "withheld" });
		expect(withheld.source === "none" && withheld.problem).toContain(
			"Copy it from the order on Etsy into the Ship to (yours) cell",
		);
		expect(chooseShipTo(WITHHELD, "nonsense", "Anna")).toMatchObject({ source: "none", reason: "unreadable" });
		expect(hasEtsyAddress(WITHHELD)).toBe(false);
		expect(hasEtsyAddress(ETSY)).toBe(true);
	});
});
