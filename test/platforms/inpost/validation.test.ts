/** ShipX's validation details flattened to fields, and the reshaping of addresses and phones. */
import { describe, expect, it } from "vitest";
import { normalisePhone, normalisePostCode, splitStreet } from "../../../src/platforms/inpost/shipment-mapping.js";
import { flattenDetails, problemsFromDetails } from "../../../src/platforms/inpost/validation.js";

describe("flattenDetails", () => {
	it("reads Rails-style wrapped objects without indexes", () => {
		expect(
			flattenDetails({ receiver: [{ phone: ["invalid", "too_long"], address: [{ post_code: ["invalid"] }] }] }),
		).toEqual([
			{ field: "receiver.phone", key: "invalid" },
			{ field: "receiver.phone", key: "too_long" },
			{ field: "receiver.address.post_code", key: "invalid" },
		]);
	});

	it("reads plain nested objects the same way", () => {
		expect(flattenDetails({ receiver: { address: { city: ["required"] } } })).toEqual([
			{ field: "receiver.address.city", key: "required" },
		]);
	});

	it("indexes lists of several objects (parcels), skipping the valid ones", () => {
		expect(flattenDetails({ parcels: [{}, { weight: ["too_heavy"] }] })).toEqual([
			{ field: "parcels[1].weight", key: "too_heavy" },
		]);
	});

	it("takes a bare string and a top-level list of keys", () => {
		expect(flattenDetails({ service: "invalid" })).toEqual([{ field: "service", key: "invalid" }]);
		expect(flattenDetails(["invalid_action"])).toEqual([{ field: "shipment", key: "invalid_action" }]);
		expect(flattenDetails(null)).toEqual([]);
		expect(flattenDetails({})).toEqual([]);
	});

	it("words keys plainly, with hints for the fields owners get wrong, keeping InPost's key", () => {
		expect(
			problemsFromDetails({ receiver: [{ address: [{ post_code: ["invalid"] }] }], weird: ["odd_thing"] }),
		).toEqual([
			{
				field: "receiver.address.post_code",
				message: "is invalid (expected a Polish postcode NN-NNN) [InPost: invalid]",
			},
			{ field: "weird", message: "odd thing [InPost: odd_thing]" },
		]);
	});
});

describe("reshaping for ShipX", () => {
	it("splits the building number off the street", () => {
		expect(splitStreet("ul. Długa 5/3", "")).toEqual({ street: "ul. Długa", building: "5/3" });
		expect(splitStreet("Polna 12A", "")).toEqual({ street: "Polna", building: "12A" });
		expect(splitStreet("Aleje Jerozolimskie 123 m. 4", "")).toEqual({
			street: "Aleje Jerozolimskie",
			building: "123m.4",
		});
		expect(splitStreet("ul. 3 Maja 10", "klatka B")).toEqual({ street: "ul. 3 Maja, klatka B", building: "10" });
		expect(splitStreet("ul. Długa", "5 / 3")).toEqual({ street: "ul. Długa", building: "5/3" });
		expect(splitStreet("Rynek", "")).toEqual({ street: "Rynek", building: "" });
	});

	it("writes Polish phones as nine digits and leaves others alone", () => {
		expect(normalisePhone("+48 500-600-700", "PL")).toBe("500600700");
		expect(normalisePhone("0048 500 600 700", "PL")).toBe("500600700");
		expect(normalisePhone("(500) 600 700", "PL")).toBe("500600700");
		expect(normalisePhone("+48 12 34", "PL")).toBe("+481234");
		expect(normalisePhone("+49 30 1234567", "DE")).toBe("+49301234567");
	});

	it("dashes an undashed Polish postcode only", () => {
		expect(normalisePostCode("01234", "PL")).toBe("01-234");
		expect(normalisePostCode("01-234", "PL")).toBe("01-234");
		expect(normalisePostCode("0123", "PL")).toBe("0123");
	});
});
