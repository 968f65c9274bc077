import { describe, expect, it } from "vitest";
import { addressChangedAfterShipment } from "../../../src/core/reconcile/address-changed-after-shipment.js";
import { context, shipment, snapshot } from "./snapshot-builder.js";

const OLD = "Anna Kowalska\nul. Prosta 1\n01-234 Warszawa\nPoland";
const NEW = "Anna Kowalska\nul. Krzywa 9\n02-345 Warszawa\nPoland";

describe("address-changed-after-shipment", () => {
	it("fires as an error when Etsy's address is not the one the shipment was made for", () => {
		const findings = addressChangedAfterShipment(
			snapshot({
				status: "Ready to ship",
				etsy: { shipTo: NEW },
				shipment: shipment(),
				books: { shipmentAddress: OLD },
			}),
			context(),
		);
		expect(findings).toEqual([
			{
				orderId: "3100000001",
				kind: "address-changed-after-shipment",
				severity: "error",
				message:
					"The buyer's address on Etsy changed after the Furgonetka shipment was made. Etsy: Anna Kowalska, ul. Krzywa 9, 02-345 Warszawa, Poland. Shipment: Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, Poland. Cancel the shipment and make a new one, or ask Furgonetka to redirect the parcel.",
				summary: "address changed after shipment",
				values: {
					Etsy: "Anna Kowalska, ul. Krzywa 9, 02-345 Warszawa, Poland",
					Furgonetka: "Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, Poland",
				},
			},
		]);
	});

	it("does not fire when the address differs only in line breaks, spacing and case", () => {
		const same = snapshot({
			etsy: { shipTo: OLD },
			shipment: shipment(),
			books: { shipmentAddress: "anna kowalska\r\nul.  Prosta 1 \n01-234 WARSZAWA\nPoland\n" },
		});
		expect(addressChangedAfterShipment(same, context())).toEqual([]);
	});

	it("does not fire for the same address with the country as a code, postcode or accents written otherwise", () => {
		for (const [etsy, used] of [
			[OLD, "Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, PL"],
			[OLD, "Anna Kowalska, ul. Prosta 1, 01234 Warszawa, Polska"],
			["Jonas Müller\nMusterstraße 5\n10115 Berlin\nGermany", "Jonas Müller, Musterstraße 5, 10115 Berlin, DE"],
			["Jane Doe\n1 Main St\nSpringfield, IL 62704\nUnited States", "Jane Doe, 1 Main St, 62704 Springfield, IL, US"],
			["John Smith\n10 Downing St\nLondon\nSW1A 1AA\nUnited Kingdom", "John Smith, 10 Downing St, SW1A1AA London, GB"],
		]) {
			const same = snapshot({ etsy: { shipTo: etsy }, shipment: shipment(), books: { shipmentAddress: used } });
			expect(addressChangedAfterShipment(same, context()), `${etsy} vs ${used}`).toEqual([]);
		}
	});

	it("fires when only the country changed, or the postcode", () => {
		for (const used of [
			"Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, DE",
			"Anna Kowalska, ul. Prosta 1, 01-235 Warszawa, PL",
		]) {
			const moved = snapshot({ etsy: { shipTo: OLD }, shipment: shipment(), books: { shipmentAddress: used } });
			expect(addressChangedAfterShipment(moved, context())).toHaveLength(1);
		}
	});

	it("compares with Ship to (yours) when the owner typed one: Etsy's address no longer decides", () => {
		const typed = "Anna Kowalska\nul. Krzywa 9\n02-345 Warszawa\nPolska";
		const shippedThere = snapshot({
			etsy: { shipTo: OLD },
			cells: { shipToOverride: typed },
			shipment: shipment(),
			books: { shipmentAddress: "Anna Kowalska, ul. Krzywa 9, 02-345 Warszawa, PL" },
		});
		expect(addressChangedAfterShipment(shippedThere, context())).toEqual([]);
		// Without a name the buyer's is used, as for the shipment.
		const noName = snapshot({
			etsy: { shipTo: OLD, buyer: "Anna Kowalska" },
			cells: { shipToOverride: "ul. Krzywa 9, 02-345 Warszawa, Poland" },
			shipment: shipment(),
			books: { shipmentAddress: "Anna Kowalska, ul. Krzywa 9, 02-345 Warszawa, PL" },
		});
		expect(addressChangedAfterShipment(noName, context())).toEqual([]);
		const retyped = snapshot({
			etsy: { shipTo: OLD },
			cells: { shipToOverride: "Anna Kowalska\nul. Krzywa 11\n02-345 Warszawa\nPolska" },
			shipment: shipment(),
			books: { shipmentAddress: "Anna Kowalska, ul. Krzywa 9, 02-345 Warszawa, PL" },
		});
		expect(addressChangedAfterShipment(retyped, context())).toMatchObject([
			{ message: expect.stringContaining("The Ship to (yours) cell changed after the Furgonetka shipment was made") },
		]);
	});

	it("does not fire before a shipment was made, or once the parcel was delivered", () => {
		expect(addressChangedAfterShipment(snapshot({ etsy: { shipTo: NEW } }), context())).toEqual([]);
		const delivered = snapshot({
			status: "Shipped",
			etsy: { shipTo: NEW },
			shipment: shipment({ state: "delivered" }),
			books: { shipmentAddress: OLD },
		});
		expect(addressChangedAfterShipment(delivered, context())).toEqual([]);
	});
});
