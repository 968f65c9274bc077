import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import {
	continuationMode,
	ETSY_CURSOR_KEY,
	type EtsyOrderFeed,
	type FeedResult,
	FULL_PASS_KEY,
	runEtsyImport,
	SetupNeededError,
} from "../../src/engine/etsy-import.js";
import type { Clock, Log, Store } from "../../src/ports.js";
import { sampleOrder } from "../core/sample-order.js";
import { FakeWorkbook } from "./fake-workbook.js";
import { MemoryStore } from "./memory-store.js";

const HEADER: string[] = ORDER_COLUMNS.map((column) => column.header);
const SHOP_ROW = ["Etsy shop id", "12345678"];
const SETTINGS = [["Setting", "Value"], SHOP_ROW];
const NOW = new Date(Date.UTC(2026, 10, 22, 9, 0, 0));

function orders(count: number, from = 1): EtsyOrder[] {
	return Array.from({ length: count }, (_, index) =>
		sampleOrder({
			orderId: String(3_000_000_000 + from + index),
			buyer: `Buyer ${from + index}`,
			updatedAt: Date.UTC(2026, 10, 1) + (from + index) * 60_000,
		}),
	);
}

function feedOf(pages: EtsyOrder[][], stopReason?: string) {
	const asked: Array<[number | null, number] | "open"> = [];
	const result = (): FeedResult => {
		const orders = pages.flat();
		const newest = Math.max(0, ...orders.map((order) => order.updatedAt));
		return {
			orders,
			failed: [],
			nextCursorMs: stopReason === undefined && orders.length > 0 ? newest : null,
			...(stopReason === undefined ? {} : { stopReason }),
		};
	};
	const feed: EtsyOrderFeed = {
		changedSince(cursor, overlap) {
			asked.push([cursor, overlap]);
			return result();
		},
		openOrders() {
			asked.push("open");
			return result();
		},
	};
	return { feed, asked };
}

function deps(workbook: FakeWorkbook, feed: EtsyOrderFeed, store = new Map<string, string>()) {
	const storePort: Store = {
		get: (key) => store.get(key) ?? null,
		set: (key, value) => void store.set(key, value),
		delete: (key) => void store.delete(key),
	};
	const clock: Clock = { now: () => NOW, sleep: () => {} };
	const log: Log = { info: () => {}, warn: () => {}, error: () => {} };
	return { workbook, feed: () => feed, store: storePort, clock, log };
}

function column(header: string): number {
	return HEADER.indexOf(header);
}

describe("runEtsyImport", () => {
	it("writes every other order when the sheet refuses one, and names that order", () => {
		// A sheet that refuses any write holding "poison" (as Google refuses one over-long cell).
		class RefusingWorkbook extends FakeWorkbook {
			override appendRows(sheet: string, rows: readonly (readonly unknown[])[]) {
				if (JSON.stringify(rows).includes("poison")) throw new Error("Your input contains something bad.");
				return super.appendRows(sheet, rows as never);
			}
		}
		const workbook = new RefusingWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const all = orders(3);
		(all[1] as EtsyOrder).buyerNote = "poison";
		const summary = runEtsyImport(deps(workbook, feedOf([all]).feed), "incremental");
		const bad = (all[1] as EtsyOrder).orderId;
		expect(summary.created).toEqual([(all[0] as EtsyOrder).orderId, (all[2] as EtsyOrder).orderId]);
		expect(summary.failed).toEqual([
			{ orderId: bad, reason: expect.stringMatching(/^Google Sheets refused to write this order \(Your input/) },
		]);
		const ids = workbook.values("Orders").map((row) => String(row[column("Order")]));
		expect(ids).toEqual(["Order", (all[0] as EtsyOrder).orderId, (all[2] as EtsyOrder).orderId]);
	});

	it("cuts a text longer than a cell holds, with a marker, and names the order and column", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const all = orders(2);
		(all[0] as EtsyOrder).buyerNote = "n".repeat(60_000);
		const summary = runEtsyImport(deps(workbook, feedOf([all]).feed), "incremental");
		expect(summary.created).toHaveLength(2);
		expect(summary.cut).toEqual([{ orderId: (all[0] as EtsyOrder).orderId, columns: ["Buyer note"] }]);
		const note = String(workbook.values("Orders")[1]?.[column("Buyer note")]);
		expect(note.length).toBeLessThanOrEqual(50_000);
		expect(note).toMatch(
			/\[cut by Hubsheet: 60,000 characters; a cell holds 50,000\. The full text is on the order on Etsy/,
		);
	});

	it("imports every order as one row, linked, with Status New, in constant calls", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const all = orders(250);
		const { feed } = feedOf([all.slice(0, 100), all.slice(100, 200), all.slice(200)]);
		const store = new Map<string, string>();
		const summary = runEtsyImport(deps(workbook, feed, store), "incremental");
		expect(summary.created).toHaveLength(250);
		expect(workbook.values("Orders")).toHaveLength(251);
		expect(workbook.calls).toEqual(["readSheets", "readKeyColumn", "appendRows", "readKeyColumn", "writeLinks"]);
		expect(workbook.values("Orders")[1]?.[column("Status")]).toBe("New");
		expect(workbook.links.get(`Orders!2,${column("Order") + 1}`)).toContain("order_id=3000000001");
		expect(store.get(ETSY_CURSOR_KEY)).toBe(String((all[249] as EtsyOrder).updatedAt));
	});

	it("changes nothing on a second run over the same orders, and asks from the cursor with the overlap", () => {
		const workbook = new FakeWorkbook({
			Orders: [HEADER],
			Settings: [["Setting", "Value"], SHOP_ROW, ["Etsy overlap (minutes)", "10"]],
		});
		const all = orders(3);
		const store = new Map<string, string>();
		runEtsyImport(deps(workbook, feedOf([all]).feed, store), "incremental");
		const cursor = Number(store.get(ETSY_CURSOR_KEY));
		workbook.calls = [];
		const { feed, asked } = feedOf([all]);
		const summary = runEtsyImport(deps(workbook, feed, store), "incremental");
		expect(asked).toEqual([[cursor, 10]]);
		expect(summary).toMatchObject({ created: [], updated: [], unchanged: 3 });
		expect(workbook.calls).toEqual(["readSheets"]);
	});

	it("keeps owner edits and updates the right row of a sorted sheet with a custom column", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const all = orders(3);
		runEtsyImport(deps(workbook, feedOf([all]).feed), "incremental");
		// The owner inserts a column before Buyer, sorts the rows in reverse and edits their own cells.
		const sheet = workbook.values("Orders").map((row, index) => {
			const copy = [...row];
			copy.splice(column("Buyer"), 0, index === 0 ? "Wood batch" : `batch ${index}`);
			return copy;
		});
		const [header, ...rows] = sheet;
		rows.reverse();
		const statusColumn = (header as string[]).indexOf("Status");
		rows.forEach((row) => {
			row[statusColumn] = "Production";
		});
		workbook.sheets.set("Orders", [header as string[], ...rows]);
		const moved = { ...(all[0] as EtsyOrder), buyer: "Renamed buyer", updatedAt: Date.UTC(2026, 11, 1) };
		runEtsyImport(deps(workbook, feedOf([[moved]]).feed), "incremental");
		const after = workbook.values("Orders");
		const buyerColumn = (header as string[]).indexOf("Buyer");
		const row = after.find((line) => line[(header as string[]).indexOf("Order")] === moved.orderId) as string[];
		expect(row[buyerColumn]).toBe("Renamed buyer");
		expect(after.slice(1).every((line) => line[statusColumn] === "Production")).toBe(true);
		expect(after.slice(1).map((line) => line[column("Buyer")])).toEqual(["batch 3", "batch 2", "batch 1"]);
	});

	it("keeps the pages read before a failure and leaves the cursor where it was", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const store = new Map([[ETSY_CURSOR_KEY, "1700000000000"]]);
		const all = orders(150);
		const { feed } = feedOf([all.slice(0, 100)], "Etsy answered 503 at offset 100");
		const summary = runEtsyImport(deps(workbook, feed, store), "incremental");
		expect(summary.created).toHaveLength(100);
		expect(summary.stoppedEarly).toBe("Etsy answered 503 at offset 100");
		expect(store.get(ETSY_CURSOR_KEY)).toBe("1700000000000");
		// The next run reads everything again: no duplicates.
		runEtsyImport(deps(workbook, feedOf([all.slice(0, 100), all.slice(100)]).feed, store), "incremental");
		expect(workbook.values("Orders")).toHaveLength(151);
	});

	it("reads every open order in the full pass and never moves the cursor", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: SETTINGS });
		const store = new Map([[ETSY_CURSOR_KEY, "1700000000000"]]);
		const { feed, asked } = feedOf([orders(2)]);
		runEtsyImport(deps(workbook, feed, store), "full");
		expect(asked).toEqual(["open"]);
		expect(store.get(ETSY_CURSOR_KEY)).toBe("1700000000000");
	});

	it("refuses to write to a sheet whose Order column is gone, saying what to do", () => {
		const workbook = new FakeWorkbook({
			Orders: [HEADER.map((header) => (header === "Order" ? "Receipt" : header))],
			Settings: SETTINGS,
		});
		expect(() => runEtsyImport(deps(workbook, feedOf([orders(1)]).feed), "incremental")).toThrow(SetupNeededError);
		expect(() => runEtsyImport(deps(workbook, feedOf([orders(1)]).feed), "incremental")).toThrow(
			/rename its header back to "Order"/,
		);
		expect(workbook.calls.filter((call) => call !== "readSheets")).toEqual([]);
	});

	it("asks for the shop id when the Settings sheet has none", () => {
		const workbook = new FakeWorkbook({ Orders: [HEADER], Settings: [["Setting", "Value"]] });
		expect(() => runEtsyImport(deps(workbook, feedOf([orders(1)]).feed), "incremental")).toThrow(/Etsy shop id/);
	});
});

describe("what a continuation runs", () => {
	it("goes on with a full pass that stopped part-way, else reads what changed", () => {
		expect(continuationMode(new MemoryStore())).toBe("incremental");
		const underway = JSON.stringify({ part: "open", createdFromMs: 0 });
		expect(continuationMode(new MemoryStore({ [FULL_PASS_KEY]: underway }))).toBe("full");
		expect(continuationMode(new MemoryStore({ [FULL_PASS_KEY]: "{not json" }))).toBe("incremental");
	});
});
