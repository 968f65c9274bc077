import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import { orderSelection, stripSelection } from "../../src/sheet/order-selection.js";

/** A fake Orders sheet: its shown cells, the last sync's findings, and the rows it was asked to select. */
function sheet(values: string[][], findings: Array<Pick<Finding, "orderId" | "kind" | "severity">> = []) {
	const shown: Array<[number, number]> = [];
	const asked: string[] = [];
	return {
		shown,
		asked,
		values: () => {
			asked.push("values");
			return values;
		},
		findings: () => {
			asked.push("findings");
			return findings;
		},
		show: (row: number, columns: number) => {
			shown.push([row, columns]);
		},
	};
}

const orders = [
	["  order ", "Buyer", "STATUS"],
	["101", "Ala", "Design"],
	["102", "Ola", "Packing"],
	["103", "Ela", "design "],
	["104", "Iza", "Design"],
];

describe("orderSelection", () => {
	it("selects the order's whole row and says where it is", () => {
		const fake = sheet([]);
		const found = orderSelection(" 102 ", {
			find: (id) => (id === "102" ? { row: 3, columns: 3 } : null),
			show: fake.show,
		});
		expect(found).toEqual({ found: true, row: 3, message: "Order 102 is on row 3." });
		expect(fake.shown).toEqual([[3, 3]]);
	});

	it("asks nothing of the sheet without an order id, and selects nothing for an order not on it", () => {
		const fake = sheet([]);
		const looked: string[] = [];
		const find = (id: string) => {
			looked.push(id);
			return null;
		};
		expect(orderSelection("  ", { find, show: fake.show })).toEqual({ found: false, message: "No order was named." });
		expect(orderSelection(42, { find, show: fake.show })).toEqual({ found: false, message: "No order was named." });
		expect(looked).toEqual([]);
		expect(orderSelection("999", { find, show: fake.show })).toEqual({
			found: false,
			message: "Order 999 is not on the Orders sheet.",
		});
		expect(fake.shown).toEqual([]);
	});
});

describe("stripSelection", () => {
	it("moves on to the next row of that Status with each click, any case, then from the top again", () => {
		const fake = sheet(orders);
		expect(stripSelection({ status: "design" }, 0, fake)).toEqual({
			found: true,
			row: 2,
			message: "1 of 3 orders in design: row 2.",
		});
		expect(stripSelection({ status: "Design" }, 2, fake).row).toBe(4);
		expect(stripSelection({ status: "Design" }, "4", fake)).toMatchObject({
			row: 5,
			message: "3 of 3 orders in Design: row 5.",
		});
		expect(stripSelection({ status: "Design" }, 5, fake).row).toBe(2);
		expect(fake.shown).toEqual([
			[2, 3],
			[4, 3],
			[5, 3],
			[2, 3],
		]);
		// A Status selection never reads the findings.
		expect(fake.asked).not.toContain("findings");
	});

	it("means by late the orders with an error past-ship-by finding, by their Order cell", () => {
		const fake = sheet(orders, [
			{ orderId: "103", kind: "past-ship-by", severity: "error" },
			{ orderId: "101", kind: "past-ship-by", severity: "warning" },
			{ orderId: "102", kind: "push-failed", severity: "error" },
		]);
		expect(stripSelection({ late: true }, undefined, fake)).toEqual({
			found: true,
			row: 4,
			message: "1 of 1 late orders: row 4.",
		});
	});

	it("says so when nothing matches, and selects nothing", () => {
		const fake = sheet(orders);
		expect(stripSelection({ status: "Shipped" }, 0, fake)).toEqual({
			found: false,
			message: "There are no orders in Shipped on the Orders sheet now.",
		});
		expect(stripSelection({ late: true }, 0, fake)).toEqual({
			found: false,
			message: "There are no late orders on the Orders sheet now.",
		});
		// Without a Status column no row is that Status.
		expect(stripSelection({ status: "Design" }, 0, sheet([["Order"], ["101"]])).found).toBe(false);
		expect(fake.shown).toEqual([]);
	});

	it("reads nothing when no Status was named", () => {
		const fake = sheet(orders);
		expect(stripSelection({ status: " " }, 0, fake)).toEqual({ found: false, message: "No status was named." });
		expect(stripSelection(undefined, 0, fake)).toEqual({ found: false, message: "No status was named." });
		expect(stripSelection({ late: "yes" }, 0, fake).found).toBe(false);
		expect(fake.asked).toEqual([]);
	});
});
