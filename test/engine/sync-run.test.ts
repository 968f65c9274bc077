import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import type { EtsyOrderFeed } from "../../src/engine/etsy-import.js";
import { runSyncCycle } from "../../src/engine/sync-run.js";
import type { Clock, Log } from "../../src/ports.js";
import { sampleOrder } from "../core/sample-order.js";
import { FakeWorkbook } from "./fake-workbook.js";
import { MemoryStore } from "./memory-store.js";

const NOW = new Date(Date.UTC(2026, 10, 22, 9, 0, 0));
const clock: Clock = { now: () => NOW, sleep: () => {} };
const log: Log = { info: () => {}, warn: () => {}, error: () => {} };

function feedOf(orders: EtsyOrder[]): EtsyOrderFeed {
	const result = () => ({ orders, failed: [], nextCursorMs: Math.max(0, ...orders.map((order) => order.updatedAt)) });
	return { changedSince: result, openOrders: result };
}

function cycle(workbook: FakeWorkbook, store: MemoryStore, orders: EtsyOrder[]) {
	return runSyncCycle(
		{
			workbook,
			feed: () => feedOf(orders),
			connect: () => ({
				crm: null,
				courier: null,
				etsy: { order: () => null, submitTracking: () => ({ ok: true }), carriers: () => null },
				problems: [],
			}),
			store,
			clock,
			log,
		},
		"incremental",
	);
}

describe("one sync cycle", () => {
	it("reads Orders, Settings and the state sheet once when the import writes no row, again after it wrote one", () => {
		const workbook = new FakeWorkbook({
			Orders: [ORDER_COLUMNS.map((column) => column.header)],
			Settings: [
				["Setting", "Value"],
				["Etsy shop id", "12345678"],
			],
		});
		const store = new MemoryStore();
		const order = sampleOrder({ orderId: "3000000001", updatedAt: Date.UTC(2026, 10, 1) });
		const reads = () => workbook.calls.filter((call) => call === "readSheets").length;

		const first = cycle(workbook, store, [order]);
		expect(first.imported.created).toEqual(["3000000001"]);
		// The new row is on the sheet the platform phase plans from: it read again.
		expect(reads()).toBe(2);
		expect(first.platforms?.table.rows.map((row) => row.cells.order)).toEqual(["3000000001"]);

		workbook.calls = [];
		const second = cycle(workbook, store, [order]);
		expect(second.imported.unchanged).toBe(1);
		expect(reads()).toBe(1);
		expect(second.platforms?.table.rows.map((row) => row.cells.order)).toEqual(["3000000001"]);
		// The grid read stays out of the run's summary (reports, logs).
		expect("sheetsRead" in second.imported).toBe(false);
	});
});
