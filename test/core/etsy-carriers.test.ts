import { describe, expect, it } from "vitest";
import {
	CARRIER_LIST_MAX_AGE_MS,
	etsyKnowsCarrier,
	storedCarrierList,
	unknownCarrierProblem,
} from "../../src/core/etsy-carriers.js";

const POLAND = ["InPost", "DPD", "DHL", "Poczta Polska", "UPS", "FedEx", "GLS"];

describe("Etsy's carrier list", () => {
	it("knows a listed carrier by its name in any case or as a key, and other always", () => {
		for (const carrier of ["DPD", "dpd", "dpd-poland", "inpost", "poczta-polska", "Poczta Polska", "other", "OTHER"]) {
			expect(etsyKnowsCarrier(POLAND, carrier), carrier).toBe(true);
		}
		for (const carrier of ["pigeon-post", "dpdx", "royal-mail", ""]) {
			expect(etsyKnowsCarrier(POLAND, carrier), carrier).toBe(false);
		}
	});

	it("says which names to use", () => {
		expect(unknownCarrierProblem({ origin: "PL", at: 0, names: ["InPost", "DPD"] }, "pigeon-post")).toBe(
			'Etsy lists no carrier "pigeon-post" for parcels from PL, so its tracking numbers go to Etsy as carrier "other". In Settings > "Courier service → Etsy carrier" use one of: InPost, DPD.',
		);
	});

	it("trusts a stored list for a week, for its own country only", () => {
		const text = JSON.stringify({ origin: "PL", at: 1_000, names: POLAND });
		expect(storedCarrierList(text, "PL", 2_000)?.names).toEqual(POLAND);
		expect(storedCarrierList(text, "DE", 2_000)).toBeNull();
		expect(storedCarrierList(text, "PL", 1_001 + CARRIER_LIST_MAX_AGE_MS)).toBeNull();
		expect(storedCarrierList("{broken", "PL", 2_000)).toBeNull();
		expect(storedCarrierList(null, "PL", 2_000)).toBeNull();
	});
});
