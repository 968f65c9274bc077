import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { Finding } from "../../src/core/findings.js";
import { CANONICAL_STATUSES } from "../../src/core/statuses.js";
import {
	DASHBOARD_KEY,
	dashboardSheetClaimed,
	readDashboardState,
	refreshDashboard,
} from "../../src/engine/dashboard-refresh.js";
import { readOrdersTable } from "../../src/sheet/orders-table.js";
import { FakeWorkbook } from "./fake-workbook.js";

const NOW = Date.parse("2026-12-02T11:00:00Z");

function memoryStore(initial: Record<string, string> = {}) {
	const values = new Map(Object.entries(initial));
	const sets: string[] = [];
	return {
		sets,
		get: (key: string) => values.get(key) ?? null,
		set: (key: string, value: string) => {
			sets.push(key);
			values.set(key, value);
		},
		delete: (key: string) => {
			values.delete(key);
		},
	};
}

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const table = readOrdersTable(
	[
		["Order", "Status"],
		["1", "New"],
		["2", "Shipped"],
	],
	"Europe/Warsaw",
);
const late: Finding = { orderId: "1", kind: "past-ship-by", severity: "error", message: "", values: {} };

function refresh(workbook: FakeWorkbook, store: ReturnType<typeof memoryStore>, findings: Finding[], now = NOW) {
	const saved: string[][] = [];
	const books = new Map<string, Bookkeeping>([
		["1", {}],
		["2", {}],
	]);
	const written = refreshDashboard(
		{ workbook, store, log },
		{ table, books, saveBooks: (ids) => saved.push([...ids]), findings, statuses: [...CANONICAL_STATUSES], now },
	);
	return { written, saved, books };
}

describe("refreshing the Dashboard at the end of a sync", () => {
	it("writes the block in one call when a number changed, and nothing when none did", () => {
		const workbook = new FakeWorkbook();
		const store = memoryStore({ [DASHBOARD_KEY]: JSON.stringify({ sheet: true }) });
		const first = refresh(workbook, store, [late]);
		expect(first.written).toBe(true);
		expect(workbook.calls).toEqual(["writeBlocks"]);
		expect(first.saved).toEqual([["1"]]);
		expect(workbook.sheets.get("Dashboard")?.[4]?.slice(0, 2)).toEqual(["New", 1]);
		expect(readDashboardState(store).strip).toEqual({
			statuses: [
				{ status: "New", orders: 1 },
				{ status: "Shipped", orders: 1 },
			],
			late: 1,
		});

		workbook.calls = [];
		store.sets.length = 0;
		// Ten minutes later, the same numbers: no write, no property written.
		const idle = refreshDashboard(
			{ workbook, store, log },
			{
				table,
				books: first.books,
				saveBooks: () => undefined,
				findings: [late],
				statuses: [...CANONICAL_STATUSES],
				now: NOW + 600_000,
			},
		);
		expect(idle).toBe(false);
		expect(workbook.calls).toEqual([]);
		expect(store.sets).toEqual([]);
	});

	it("keeps the strip but writes no sheet before Set up sheets made the Dashboard, or once it is gone", () => {
		const workbook = new FakeWorkbook();
		const store = memoryStore();
		expect(refresh(workbook, store, []).written).toBe(false);
		expect(workbook.calls).toEqual([]);
		expect(readDashboardState(store).strip?.late).toBe(0);

		const failing = new FakeWorkbook();
		failing.writeBlocks = () => {
			throw new Error("Unable to parse range: 'Dashboard'!A1:J40");
		};
		const setUp = memoryStore({ [DASHBOARD_KEY]: JSON.stringify({ sheet: true }) });
		expect(refresh(failing, setUp, [late]).written).toBe(false);
		expect(readDashboardState(setUp).sheet).toBeUndefined();
	});

	it("writes the numbers at the next sync once Set up sheets claimed the Dashboard, whatever digest was kept", () => {
		const store = memoryStore();
		refresh(new FakeWorkbook(), store, [late]);
		const before = readDashboardState(store);
		expect(before.digest).toBeDefined();
		const claimed = dashboardSheetClaimed(before);
		expect(claimed).toEqual({ findingWeeks: before.findingWeeks, strip: before.strip, sheet: true });
		store.set(DASHBOARD_KEY, JSON.stringify(claimed));
		const workbook = new FakeWorkbook();
		expect(refresh(workbook, store, [late]).written).toBe(true);
	});
});
