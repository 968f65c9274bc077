import { describe, expect, it } from "vitest";
import { courierStateInWords, missingBeforeShipment, shipmentProblemsInWords } from "../../src/core/owner-words.js";
import { furgonetka } from "../../src/platforms/furgonetka/descriptor.js";
import { inpost } from "../../src/platforms/inpost/descriptor.js";

const SENDER = {
	name: "Jan",
	company: "",
	firstLine: "ul. Stolarska 12",
	secondLine: "",
	city: "Kraków",
	state: "",
	zip: "30-001",
	countryIso: "PL",
	email: "jan@example.com",
	phone: "600100200",
};
const PARCEL = { lengthCm: 120, widthCm: 60, heightCm: 15, weightKg: 25 };

describe("owner words", () => {
	it("names the sheet's cell and the Settings section instead of the courier's field", () => {
		expect(
			shipmentProblemsInWords("Furgonetka", [
				{ field: "receiver.phone", message: "This value should not be blank." },
				{ field: "pickup.name", message: "This value should not be blank." },
				{ field: "sender.name", message: "This value should not be blank." },
			]),
		).toEqual([
			"The Phone cell is empty: Furgonetka needs the buyer's phone.",
			"Fill in your address in Settings > Sender: Furgonetka needs it on every shipment.",
		]);
		expect(shipmentProblemsInWords("InPost", [{ field: "receiver.phone", message: "invalid" }])).toEqual([
			"InPost does not accept the buyer's phone in the Phone cell: invalid",
		]);
		expect(shipmentProblemsInWords("InPost", [{ field: "service", message: "invalid" }])[0]).toContain(
			"Settings > Courier service",
		);
	});

	it("checks Phone, Sender and parcel size before the courier is asked", () => {
		const ok = { phone: "600", sender: SENDER, parcel: PARCEL, senderRequired: true };
		expect(missingBeforeShipment("Furgonetka", ok)).toEqual([]);
		expect(missingBeforeShipment("Furgonetka", { ...ok, phone: " " })).toEqual([
			"The Phone cell is empty: Furgonetka needs the buyer's phone.",
		]);
		expect(missingBeforeShipment("Furgonetka", { ...ok, sender: { ...SENDER, city: "" } })).toEqual([
			"Fill in your address in Settings > Sender (City is empty): Furgonetka needs it on every shipment.",
		]);
		// InPost falls back to the organisation's own address.
		expect(missingBeforeShipment("InPost", { ...ok, sender: { ...SENDER, city: "" }, senderRequired: false })).toEqual(
			[],
		);
		expect(missingBeforeShipment("InPost", { ...ok, parcel: undefined })).toEqual([
			'No parcel size: add a "default" row to Settings > Parcel sizes.',
		]);
	});

	it("says courier states in plain words, one spelling of Cancelled", () => {
		// Each courier's own words come from its descriptor; the shared ones from core.
		expect(courierStateInWords("ordered", furgonetka.stateWords)).toBe("Waiting for the courier");
		expect(courierStateInWords("collected_from_sender", inpost.stateWords)).toBe("Collected by the courier");
		expect(courierStateInWords("ordered")).toBe("Ordered");
		expect(courierStateInWords("canceled")).toBe("Cancelled");
		expect(courierStateInWords("cancelled")).toBe("Cancelled");
		expect(courierStateInWords("some_new_state")).toBe("Some new state");
		expect(courierStateInWords("")).toBe("");
	});
});
