import { describe, expect, it } from "vitest";
import { countryCode, foldText, sameAddress } from "../../src/core/postal-address.js";

describe("countryCode", () => {
	it("knows countries by English name, ISO code and the country's own name, ignoring case and accents", () => {
		expect(countryCode("Poland")).toBe("PL");
		expect(countryCode("pl")).toBe("PL");
		expect(countryCode("Polska")).toBe("PL");
		expect(countryCode("Deutschland")).toBe("DE");
		expect(countryCode("The Netherlands")).toBe("NL");
		expect(countryCode("United States of America")).toBe("US");
		expect(countryCode("Bosnia & Herzegovina")).toBe("BA");
		expect(countryCode("Türkiye")).toBe("TR");
		expect(countryCode("Österreich")).toBe("AT");
		expect(countryCode("Warszawa")).toBeNull();
	});
});

describe("foldText", () => {
	it("drops accents, case, punctuation and the hyphen inside a postcode", () => {
		expect(foldText("ul. Złota 5/12, 01-234 Łódź")).toBe("ul zlota 512 01234 lodz");
		expect(foldText("Musterstraße")).toBe("musterstrasse");
	});
});

describe("sameAddress", () => {
	const etsy = "Anna Kowalska\nul. Prosta 1\n01-234 Warszawa\nPoland";

	it("is the same address whatever the country's form, line breaks, spacing, case and postcode form", () => {
		expect(sameAddress(etsy, "Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, PL")).toBe(true);
		expect(sameAddress(etsy, "ANNA KOWALSKA,  ul Prosta 1 , 01234 warszawa ,pl")).toBe(true);
		expect(sameAddress("A B\nMain St 1\nLondon\nSW1A 1AA\nUnited Kingdom", "A B, Main St 1, SW1A1AA London, GB")).toBe(
			true,
		);
	});

	it("tells a different street, number, postcode, city or country", () => {
		expect(sameAddress(etsy, "Anna Kowalska, ul. Prosta 2, 01-234 Warszawa, PL")).toBe(false);
		expect(sameAddress(etsy, "Anna Kowalska, ul. Krzywa 1, 01-234 Warszawa, PL")).toBe(false);
		expect(sameAddress(etsy, "Anna Kowalska, ul. Prosta 1, 01-235 Warszawa, PL")).toBe(false);
		expect(sameAddress(etsy, "Anna Kowalska, ul. Prosta 1, 01-234 Kraków, PL")).toBe(false);
		expect(sameAddress(etsy, "Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, CZ")).toBe(false);
	});

	it("leaves out a country line it does not know when the other side names a country", () => {
		expect(sameAddress("A B\nMain St 1\n12345 Town\nRepublika e Kosovës", "A B, Main St 1, 12345 Town, XK")).toBe(true);
		expect(sameAddress("A B\nMain St 1\n12345 Town\nRepublika e Kosovës", "A B, Main St 2, 12345 Town, XK")).toBe(
			false,
		);
	});
});
