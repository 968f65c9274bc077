/** Writing an import's plan: by order id, in few calls; an order the sheet refuses costs only itself and is named. */
import { describe, expect, it } from "vitest";
import { FULL_TEXT_ON_ETSY, fitCell } from "../../src/core/cell-fit.js";
import type { CellUpdate, NewRow, RowCells, UpsertPlan } from "../../src/core/order-upsert.js";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import { writeUpsertPlan } from "../../src/engine/import-writes.js";
import { ORDERS_SHEET, readOrdersTable } from "../../src/sheet/orders-table.js";
import type { CellBlock, RawCell } from "../../src/sheet/workbook.js";
import { FakeWorkbook } from "./fake-workbook.js";
import { MemoryLog } from "./memory-store.js";

const HEADER: string[] = ORDER_COLUMNS.map((column) => column.header);
const at = (header: string) => HEADER.indexOf(header);

/** A sheet that refuses any call holding "poison", as Google refuses a whole call for one bad cell. */
class RefusingWorkbook extends FakeWorkbook {
	override appendRows(sheet: string, rows: readonly RawCell[][]) {
		if (JSON.stringify(rows).includes("poison")) throw new Error("Your input contains something bad.");
		return super.appendRows(sheet, rows);
	}
	override writeBlocks(blocks: readonly CellBlock[]) {
		if (JSON.stringify(blocks).includes("poison")) throw new Error("Your input contains something bad.");
		super.writeBlocks(blocks);
	}
}

function row(orderId: string, buyer = "Anna"): RawCell[] {
	const values: RawCell[] = HEADER.map(() => "");
	values[at("Order")] = orderId;
	values[at("Buyer")] = buyer;
	return values;
}

function newRow(orderId: string, cells: RowCells = {}): NewRow {
	return {
		orderId,
		orderUrl: `https://www.etsy.com/your/orders/sold?order_id=${orderId}`,
		cells: { order: orderId, ...cells },
	};
}

function update(orderId: string, rowNumber: number, value: string): CellUpdate {
	return { orderId, rowNumber, key: "buyer", value, previous: "Anna" };
}

function plan(newRows: NewRow[], updates: CellUpdate[] = []): UpsertPlan {
	return { newRows, updates, updatedOrders: updates.map((u) => u.orderId), unchangedOrders: [], duplicateRows: {} };
}

function write(workbook: FakeWorkbook, upsert: UpsertPlan) {
	const table = readOrdersTable(workbook.values(ORDERS_SHEET), workbook.timeZone);
	const log = new MemoryLog();
	workbook.calls = [];
	return { ...writeUpsertPlan(workbook, table, upsert, log), log };
}

describe("writeUpsertPlan", () => {
	it("appends new orders in one call and links each order, then names nothing", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER, row("1001")] });
		const result = write(workbook, plan([newRow("1002", { buyer: "Jan" }), newRow("1003")]));
		expect(workbook.calls).toEqual(["readKeyColumn", "appendRows", "readKeyColumn", "writeLinks"]);
		expect(workbook.values("Orders").map((line) => line[at("Order")])).toEqual(["Order", "1001", "1002", "1003"]);
		expect(workbook.values("Orders")[2]?.[at("Buyer")]).toBe("Jan");
		expect(workbook.links.get(`Orders!3,${at("Order") + 1}`)).toBe(
			"https://www.etsy.com/your/orders/sold?order_id=1002",
		);
		expect(result.unwritten.size).toBe(0);
		expect(result.log.lines).toEqual([]);
	});

	it("leaves out only the order whose cell the append refuses, names it with the reason, and links the rest", () => {
		const workbook = new RefusingWorkbook({ Orders: [HEADER] });
		const result = write(workbook, plan([newRow("1001"), newRow("1002", { buyerNote: "poison" }), newRow("1003")]));
		expect(workbook.values("Orders").map((line) => line[at("Order")])).toEqual(["Order", "1001", "1003"]);
		expect([...result.unwritten]).toEqual([["1002", "Your input contains something bad."]]);
		expect(workbook.links.size).toBe(2);
		expect(result.log.lines).toEqual([
			"warn: Appending 3 orders failed (Your input contains something bad.); appending them one by one.",
			"warn: Order 1002 could not be written to the sheet: Your input contains something bad.",
		]);
	});

	it("writes changed cells where each order is now, and a refused update costs only its order", () => {
		// The plan was made when 1001 was on row 2; the owner has since sorted it below 1002.
		const workbook = new RefusingWorkbook({ Orders: [HEADER, row("1002"), row("1001")] });
		const result = write(workbook, plan([], [update("1001", 2, "Anna K."), update("1002", 3, "poison")]));
		expect(workbook.values("Orders")[2]?.[at("Buyer")]).toBe("Anna K.");
		expect(workbook.values("Orders")[1]?.[at("Buyer")]).toBe("Anna");
		expect([...result.unwritten.keys()]).toEqual(["1002"]);
	});

	it("names each order written with a text cut to fit, by column header, but not an order left out", () => {
		const long = fitCell("n".repeat(60_000), FULL_TEXT_ON_ETSY);
		const workbook = new RefusingWorkbook({ Orders: [HEADER] });
		const result = write(
			workbook,
			plan([newRow("1001", { buyerNote: long }), newRow("1002", { buyerNote: long, items: "poison" })]),
		);
		expect(result.cut).toEqual([{ orderId: "1001", columns: ["Buyer note"] }]);
		expect(result.log.lines).toContain("warn: Order 1001: Buyer note longer than a cell holds, cut to fit.");
	});

	it("asks the sheet nothing for a plan with nothing to write", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER, row("1001")] });
		const result = write(workbook, plan([]));
		expect(workbook.calls).toEqual([]);
		expect(result).toMatchObject({ unwritten: new Map(), cut: [] });
	});
});
