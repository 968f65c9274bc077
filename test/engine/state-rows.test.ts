/** The state sheet's bookkeeping: read by order id, saved back by order id (in place, or appended once). */
import { describe, expect, it } from "vitest";
import { readState, saveState } from "../../src/engine/state-rows.js";
import { STATE_SHEET } from "../../src/sheet/sheet-names.js";
import { FakeWorkbook } from "./fake-workbook.js";

const HEADER = ["Order", "Bookkeeping"];

describe("readState", () => {
	it("reads each order's bookkeeping and row by its id, past the header and blank ids", () => {
		const state = readState([
			HEADER,
			[" 1001 ", JSON.stringify({ status: "Design" })],
			["", JSON.stringify({ status: "Lost" })],
			["1002", JSON.stringify({ status: "Shipped" })],
		]);
		expect([...state.books.keys()]).toEqual(["1001", "1002"]);
		expect(state.books.get("1001")?.status).toBe("Design");
		expect(state.books.get("1002")?.status).toBe("Shipped");
		expect(state.rowOf.get("1001")).toBe(2);
		expect(state.rowOf.get("1002")).toBe(4);
		expect(state.lastRow).toBe(4);
	});

	it("starts below the header when the state sheet is missing or empty", () => {
		for (const values of [null, [], [HEADER]]) {
			const state = readState(values);
			expect(state.books.size).toBe(0);
			expect(state.lastRow).toBe(1);
		}
	});
});

describe("saveState", () => {
	function sheet() {
		const workbook = new FakeWorkbook({
			[STATE_SHEET]: [HEADER, ["1001", JSON.stringify({ status: "New" })], ["1002", JSON.stringify({ status: "New" })]],
		});
		const state = readState(workbook.values(STATE_SHEET));
		return { workbook, state };
	}

	it("writes a known order's bookkeeping on its own row and leaves the others alone", () => {
		const { workbook, state } = sheet();
		state.books.set("1002", { status: "Design" });
		saveState(workbook, state, ["1002"]);
		expect(workbook.calls).toEqual(["writeBlocks"]);
		expect(workbook.values(STATE_SHEET)[1]).toEqual(["1001", JSON.stringify({ status: "New" })]);
		expect(workbook.values(STATE_SHEET)[2]?.[0]).toBe("1002");
		expect(JSON.parse(String(workbook.values(STATE_SHEET)[2]?.[1])).status).toBe("Design");
	});

	it("appends a new order once, then writes it in place: its row is remembered", () => {
		const { workbook, state } = sheet();
		state.books.set("1003", { status: "New" });
		saveState(workbook, state, ["1003", "1003"]);
		expect(workbook.calls).toEqual(["appendRows"]);
		expect(state.rowOf.get("1003")).toBe(4);
		expect(state.lastRow).toBe(4);
		state.books.set("1003", { status: "Design" });
		workbook.calls = [];
		saveState(workbook, state, ["1003"]);
		expect(workbook.calls).toEqual(["writeBlocks"]);
		expect(workbook.values(STATE_SHEET)).toHaveLength(4);
		expect(JSON.parse(String(workbook.values(STATE_SHEET)[3]?.[1])).status).toBe("Design");
	});

	it("writes changed rows and new rows in one call each, and nothing when no order is named", () => {
		const { workbook, state } = sheet();
		saveState(workbook, state, []);
		expect(workbook.calls).toEqual([]);
		state.books.set("1001", { status: "Shipped" });
		state.books.set("1004", { status: "New" });
		state.books.set("1005", { status: "New" });
		saveState(workbook, state, ["1001", "1004", "1005"]);
		expect(workbook.calls).toEqual(["writeBlocks", "appendRows"]);
		expect(workbook.values(STATE_SHEET).map((row) => row[0])).toEqual(["Order", "1001", "1002", "1004", "1005"]);
		expect(state.rowOf.get("1005")).toBe(5);
		expect(state.lastRow).toBe(5);
	});
});
