import { describe, expect, it } from "vitest";
import {
	BOOKKEEPING_WORDS,
	bookkeepingIndex,
	columnOf,
	ORDER_HEADER,
	ORDERS_ROW_WORDS,
	rowOfOrder,
} from "../../src/sheet/order-rows.js";

describe("finding an order's row", () => {
	it("on Orders: the first row whose Order text is the id, after the header; 0 when none", () => {
		expect(rowOfOrder(["31", " 32 ", 33, "32"], "32")).toBe(3);
		expect(rowOfOrder(["31"], " 31 ")).toBe(2);
		expect(rowOfOrder(["31"], "3")).toBe(0);
	});

	it("finds a column by its header in any case and spacing", () => {
		expect(ORDER_HEADER).toBe("Order");
		expect(columnOf(["buyer", "order"], " ORDER ")).toBe(2);
		expect(columnOf(["buyer"], "Order")).toBe(0);
	});

	it("on the state sheet: the bookkeeping line by its first cell, never the header line", () => {
		const values = [
			["31", "header"],
			["30", "{}"],
			[" 31 ", '{"a":1}'],
		];
		expect(bookkeepingIndex(values, "31")).toBe(2);
		expect(bookkeepingIndex(values, "29")).toBe(-1);
		expect(bookkeepingIndex([], "31")).toBe(-1);
	});

	it("tells the owner what to run when a sheet, column or record is not there", () => {
		expect(ORDERS_ROW_WORDS.noSheet).toBe('There is no "Orders" sheet: run Hubsheet > Set up sheets.');
		expect(ORDERS_ROW_WORDS.noOrderColumn).toBe(
			'The "Orders" sheet has no "Order" column: run Hubsheet > Set up sheets.',
		);
		expect(BOOKKEEPING_WORDS.noRecord("31")).toBe("Hubsheet has no record of order 31 yet: press Sync now first.");
	});
});
