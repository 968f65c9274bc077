import { describe, expect, it } from "vitest";
import { MAPPING_TABLES, missingTableRows, parcelFor, readMappingSettings } from "../../src/platforms/catalog.js";

const KEY_VALUES = [
	["Setting", "Value", "About"],
	["Etsy shop id", "123", ""],
];

describe("mapping tables on the Settings sheet", () => {
	it("are appended by set-up with their defaults, and read back as the defaults", () => {
		const values = [...KEY_VALUES, ...missingTableRows(KEY_VALUES)];
		const { settings, problems } = readMappingSettings(values);
		expect(problems).toEqual([]);
		expect(settings.statusToStage.Production).toBe("Production");
		expect(settings.courierStateToStatus.delivered).toBe("Delivered");
		expect(settings.serviceToCarrier.inpost_courier_standard).toBe("inpost");
		expect(settings.parcels.default).toEqual({ lengthCm: 120, widthCm: 60, heightCm: 15, weightKg: 25 });
		expect(settings.sender.countryIso).toBe("PL");
		expect(missingTableRows(values)).toEqual([]);
	});

	it("read the owner's rows wherever the tables are, ending each at a blank row", () => {
		const values = [
			...KEY_VALUES,
			[""],
			["Status → CRM stage"],
			["Status", "CRM stage"],
			["Production", "In the workshop"],
			["Waiting for wood", "On hold"],
			[""],
			["Production", "not part of the table"],
			["Parcel sizes"],
			[...MAPPING_TABLES.parcels.header],
			["DESK-OAK-140", "150", "75", "15", "42,5"],
			["default", "100", "50", "10", "x"],
			["Sender"],
			["Field", "Value"],
			["Name", "Jan Stolarz"],
			["Phone", "+48 600 100 200"],
		];
		const { settings, problems } = readMappingSettings(values);
		expect(settings.statusToStage).toEqual({ Production: "In the workshop", "Waiting for wood": "On hold" });
		expect(settings.parcels["desk-oak-140"]).toEqual({ lengthCm: 150, widthCm: 75, heightCm: 15, weightKg: 42.5 });
		expect(settings.parcels.default).toBeUndefined();
		expect(problems).toEqual(['Settings row 13 (Parcel sizes, default): "x" is not a positive number.']);
		expect(settings.sender).toMatchObject({ name: "Jan Stolarz", phone: "+48 600 100 200", city: "" });
	});

	it("choose an item's own parcel size, else the default", () => {
		const parcels = {
			"desk-oak-140": { lengthCm: 150, widthCm: 75, heightCm: 15, weightKg: 42 },
			default: { lengthCm: 100, widthCm: 50, heightCm: 10, weightKg: 5 },
		};
		expect(parcelFor([{ listingId: "1", sku: "DESK-OAK-140" }], parcels)?.weightKg).toBe(42);
		expect(parcelFor([{ listingId: "2", sku: "" }], parcels)?.weightKg).toBe(5);
	});
});
