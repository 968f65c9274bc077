import { describe, expect, it } from "vitest";
import { duplicateRows } from "../../../src/core/reconcile/duplicate-rows.js";
import { context, snapshot } from "./snapshot-builder.js";

describe("duplicate-rows", () => {
	it("fires when one order is on two rows, naming the row Hubsheet keeps", () => {
		expect(duplicateRows(snapshot({ rows: [5, 12] }), context())).toEqual([
			{
				orderId: "3100000001",
				kind: "duplicate-rows",
				severity: "warning",
				message:
					"Order 3100000001 is on rows 5 and 12. Hubsheet keeps only row 5 up to date: copy anything you need from row 12, then delete it.",
				summary: "duplicate rows 5, 12",
				values: { Sheet: "rows 5, 12" },
			},
		]);
	});

	it("lists every extra row", () => {
		const [finding] = duplicateRows(snapshot({ rows: [3, 8, 9] }), context());
		expect(finding?.message).toContain("is on rows 3, 8 and 9");
		expect(finding?.message).toContain("from rows 8 and 9, then delete them.");
	});

	it("does not fire for an order on one row", () => {
		expect(duplicateRows(snapshot({ rows: [5] }), context())).toEqual([]);
	});
});
