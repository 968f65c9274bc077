import { describe, expect, it } from "vitest";
import { offers, withoutResolved } from "../../src/core/fix-plans.js";
import { rowOfOrder } from "../../src/sheet/order-rows.js";
import { cancelled, late, stage } from "../core/finding-fixtures.js";

describe("fixes", () => {
	it("are offered as a finding's fix or one of its alternatives", () => {
		expect(offers(stage, "push-status-to-crm")).toBe(true);
		expect(offers(stage, "take-crm-stage")).toBe(true);
		expect(offers(stage, "mark-cancelled")).toBe(false);
	});

	it("resolve the order's findings that offered them, and nothing else", () => {
		expect(withoutResolved([stage, late, cancelled], "3100000002", "mark-cancelled")).toEqual([stage, late]);
		expect(withoutResolved([stage], "3100000002", "take-crm-stage")).toEqual([stage]);
	});
});

describe("finding an order's row", () => {
	it("matches the order cell's text, after the header row", () => {
		expect(rowOfOrder(["3100000001", " 3100000002 ", 3100000003], "3100000002")).toBe(3);
		expect(rowOfOrder(["3100000001", " 3100000002 ", 3100000003], "3100000003")).toBe(4);
		expect(rowOfOrder([], "1")).toBe(0);
	});
});
