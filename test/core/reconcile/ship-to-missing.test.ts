import { describe, expect, it } from "vitest";
import { shipToMissing } from "../../../src/core/reconcile/ship-to-missing.js";
import { context, snapshot } from "./snapshot-builder.js";

const WITHHELD = { name: "", firstLine: "", secondLine: "", city: "", state: "", zip: "", countryIso: "" };

describe("ship-to-missing", () => {
	it("tells early that Etsy withholds the address and where to type it", () => {
		const [finding, ...rest] = shipToMissing(
			snapshot({ status: "Production", etsy: { address: WITHHELD, shipTo: "" } }),
			context(),
		);
		expect(rest).toEqual([]);
		expect(finding).toMatchObject({ kind: "ship-to-missing", severity: "info", summary: "address not shared by Etsy" });
		expect(finding?.message).toContain("Ship to (yours)");
	});

	it("warns when what is typed is not an address, and is quiet once it is", () => {
		const typed = (text: string) =>
			snapshot({ status: "Design", etsy: { address: WITHHELD, shipTo: "" }, cells: { shipToOverride: text } });
		expect(shipToMissing(typed("somewhere nice"), context())).toMatchObject([{ severity: "warning" }]);
		expect(shipToMissing(typed("Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, Poland"), context())).toEqual([]);
	});

	it("is quiet with Etsy's address, without a courier, at Ready to ship (the shipment says it) and once shipped", () => {
		expect(shipToMissing(snapshot(), context())).toEqual([]);
		const withheld = (status: string) => snapshot({ status, etsy: { address: WITHHELD, shipTo: "" } });
		expect(shipToMissing(withheld("New"), context({ courier: null }))).toEqual([]);
		expect(shipToMissing(withheld("Ready to ship"), context())).toEqual([]);
		expect(shipToMissing(withheld("Shipped"), context())).toEqual([]);
	});
});
