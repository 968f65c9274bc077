import { describe, expect, it } from "vitest";
import { etsyCells, planOrderUpsert, type SheetRow, sameCell } from "../../src/core/order-upsert.js";
import { sampleOrder } from "./sample-order.js";

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);

function rowFor(rowNumber: number, order = sampleOrder(), extra: SheetRow["cells"] = {}): SheetRow {
	return { rowNumber, cells: { ...etsyCells(order), status: "Production", notes: "call first", ...extra } };
}

describe("planOrderUpsert", () => {
	it("makes a new row with Status New for an order the sheet does not have", () => {
		const plan = planOrderUpsert({ rows: [], orders: [sampleOrder()], now: NOW });
		expect(plan.newRows).toHaveLength(1);
		expect(plan.newRows[0]?.cells).toMatchObject({ order: "3100000001", status: "New", synced: NOW, total: 1249.5 });
		expect(plan.newRows[0]?.orderUrl).toContain("order_id=3100000001");
		expect(plan.updates).toEqual([]);
	});

	it("changes nothing when the sheet already shows the order as Etsy has it", () => {
		const plan = planOrderUpsert({ rows: [rowFor(2)], orders: [sampleOrder()], now: NOW });
		expect(plan).toMatchObject({ newRows: [], updates: [], unchangedOrders: ["3100000001"] });
	});

	it("updates only the cell that changed, and its Synced time, never owner cells", () => {
		const moved = sampleOrder({ shipTo: "Anna Kowalska\nul. Krzywa 9\n02-345 Warszawa\nPoland" });
		const plan = planOrderUpsert({ rows: [rowFor(7)], orders: [moved], now: NOW });
		expect(plan.updates.map((update) => [update.rowNumber, update.key, update.value])).toEqual([
			[7, "shipTo", moved.shipTo],
			[7, "synced", NOW],
		]);
		expect(plan.updates.some((update) => ["status", "notes", "design"].includes(update.key))).toBe(false);
	});

	it("finds each order's row by id wherever the owner sorted it", () => {
		const first = sampleOrder({ orderId: "1" });
		const second = sampleOrder({ orderId: "2", buyer: "Jan" });
		const plan = planOrderUpsert({
			rows: [rowFor(2, second), rowFor(3, first)],
			orders: [first, { ...second, buyer: "Jan Nowak" }],
			now: NOW,
		});
		expect(plan.updates.find((update) => update.key === "buyer")).toMatchObject({ rowNumber: 2, value: "Jan Nowak" });
	});

	it("matches an id typed as a number, rewriting it as text, and ignores rows without an id", () => {
		const order = sampleOrder({ orderId: "12345" });
		const typed = rowFor(4, order, { order: 12345 });
		const blank: SheetRow = { rowNumber: 5, cells: { notes: "my own row" } };
		const plan = planOrderUpsert({ rows: [typed, blank], orders: [order], now: NOW });
		expect(plan.newRows).toEqual([]);
		expect(plan.updates.filter((update) => update.key !== "synced")).toMatchObject([
			{ rowNumber: 4, key: "order", value: "12345", previous: 12345 },
		]);
	});

	it("keeps the latest version when overlapping pages return an order twice", () => {
		const older = sampleOrder({ etsyStatus: "Paid", updatedAt: 1000 });
		const newer = sampleOrder({ etsyStatus: "Canceled", updatedAt: 2000 });
		const plan = planOrderUpsert({ rows: [], orders: [newer, older], now: NOW });
		expect(plan.newRows).toHaveLength(1);
		expect(plan.newRows[0]?.cells.etsyStatus).toBe("Canceled");
	});

	it("reports an order found on two rows and updates only the first", () => {
		const order = sampleOrder();
		const plan = planOrderUpsert({
			rows: [rowFor(3), rowFor(9)],
			orders: [{ ...order, buyer: "Anna K." }],
			now: NOW,
		});
		expect(plan.duplicateRows).toEqual({ "3100000001": [3, 9] });
		expect(new Set(plan.updates.map((update) => update.rowNumber))).toEqual(new Set([3]));
	});

	it("writes a missing email and a missing ship-by date as empty cells", () => {
		const plan = planOrderUpsert({ rows: [], orders: [sampleOrder({ email: "", shipBy: null })], now: NOW });
		expect(plan.newRows[0]?.cells).toMatchObject({ email: "", shipBy: null });
	});
});

describe("sameCell", () => {
	it("treats dates equal to the second, as serial numbers keep them", () => {
		expect(sameCell("ordered", 1_700_000_000_000, 1_700_000_000_400)).toBe(true);
		expect(sameCell("ordered", 1_700_000_000_000, 1_700_000_001_000)).toBe(false);
	});

	it("keeps text exact: 007 is not 7, and empty equals empty", () => {
		expect(sameCell("buyerNote", "007", 7)).toBe(false);
		expect(sameCell("buyerNote", "007", "007")).toBe(true);
		expect(sameCell("email", "", null)).toBe(true);
		expect(sameCell("email", "", "a@b.c")).toBe(false);
	});
});
