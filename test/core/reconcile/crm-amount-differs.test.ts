import { describe, expect, it } from "vitest";
import { crmAmountDiffers } from "../../../src/core/reconcile/crm-amount-differs.js";
import { context, deal, snapshot } from "./snapshot-builder.js";

describe("crm-amount-differs", () => {
	it("fires as info when the deal's amount is not Etsy's total", () => {
		expect(crmAmountDiffers(snapshot({ deal: deal({ value: 1200 }) }), context())).toEqual([
			{
				orderId: "3100000001",
				kind: "crm-amount-differs",
				severity: "info",
				message:
					"The Pipedrive deal is worth 1200.00 EUR; Etsy's total is 1249.50 EUR. Correct the amount in Pipedrive if your reports use it.",
				summary: "Pipedrive amount 1200.00 EUR ≠ 1249.50 EUR",
				values: { Etsy: "1249.50 EUR", Pipedrive: "1200.00 EUR" },
			},
		]);
	});

	it("does not fire for a rounding difference under half a cent", () => {
		expect(crmAmountDiffers(snapshot({ deal: deal({ value: 1249.499 }) }), context())).toEqual([]);
	});

	it("fires for a different currency, not for one in another case or left empty", () => {
		expect(crmAmountDiffers(snapshot({ deal: deal({ currency: "PLN" }) }), context())).toHaveLength(1);
		expect(crmAmountDiffers(snapshot({ deal: deal({ currency: "eur" }) }), context())).toEqual([]);
		expect(crmAmountDiffers(snapshot({ deal: deal({ currency: "" }) }), context())).toEqual([]);
	});

	it("uses the Total cell when this run did not read the order from Etsy", () => {
		const fromCells = snapshot({ etsy: null, cells: { total: 1300, currency: "EUR" }, deal: deal() });
		expect(crmAmountDiffers(fromCells, context())[0]?.values).toEqual({
			Etsy: "1300.00 EUR",
			Pipedrive: "1249.50 EUR",
		});
	});
});
