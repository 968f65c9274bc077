/**
 * Refreshes the Dashboard at the end of a sync. The numbers are computed from what the run already
 * holds (the Orders table, the bookkeeping, the findings): no extra read. They are written, as one
 * block in one call, only when one of them changed since the last refresh (a digest kept in one
 * script property, read once per run); an idle sync in an unchanged week writes nothing.
 */
import type { Bookkeeping } from "../core/bookkeeping.js";
import { computeKpis, countFindingChanges, type FindingWeeks, type KpiOrder } from "../core/dashboard-kpis.js";
import {
	DASHBOARD_SHEET,
	DASHBOARD_WEEKS,
	dashboardCells,
	type StatusStrip,
	statusStrip,
} from "../core/dashboard-layout.js";
import { noteFindings } from "../core/finding-dates.js";
import type { Finding } from "../core/findings.js";
import { orderIdOf } from "../core/order-upsert.js";
import type { Log, Store } from "../ports.js";
import type { OrdersTable } from "../sheet/orders-table.js";
import { epochToSerial } from "../sheet/serial-date.js";
import type { Workbook } from "../sheet/workbook.js";

export const DASHBOARD_KEY = "hubsheet.dashboard";

export interface DashboardState {
	/** Set up sheets made the Dashboard sheet: the sync may write it. */
	sheet?: boolean;
	/** Of the block's numbers as last written (the refresh time left out). */
	digest?: string;
	findingWeeks?: FindingWeeks;
	strip?: StatusStrip;
}

export function readDashboardState(store: Pick<Store, "get">): DashboardState {
	try {
		const parsed = JSON.parse(store.get(DASHBOARD_KEY) ?? "{}") as unknown;
		return parsed && typeof parsed === "object" ? (parsed as DashboardState) : {};
	} catch {
		return {};
	}
}

/**
 * The state once Set up sheets made (or found) Hubsheet's Dashboard: the sync may write it, and the
 * next one does (a digest of an earlier run must not hold the numbers back).
 */
export function dashboardSheetClaimed(state: DashboardState): DashboardState {
	const { digest: _digest, ...rest } = state;
	return { ...rest, sheet: true };
}

/** FNV-1a of the text, with its length: enough to tell whether the numbers changed. */
function digestOf(text: string): string {
	let value = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		value ^= text.charCodeAt(index);
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return `${text.length}:${value.toString(16)}`;
}

const dateOf = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Each order once, with its dates: a date the owner typed in Shipped on wins over Hubsheet's. */
export function kpiOrders(table: OrdersTable, books: ReadonlyMap<string, Bookkeeping>): KpiOrder[] {
	const seen = new Set<string>();
	const orders: KpiOrder[] = [];
	for (const row of table.rows) {
		const orderId = orderIdOf(row);
		if (orderId === "" || seen.has(orderId)) continue;
		seen.add(orderId);
		const reached = books.get(orderId)?.reached ?? {};
		orders.push({
			status: String(row.cells.status ?? ""),
			orderedAt: dateOf(row.cells.ordered),
			shipBy: dateOf(row.cells.shipBy),
			shippedOn: dateOf(row.cells.shippedOn) ?? reached.Shipped ?? null,
			deliveredOn: dateOf(row.cells.deliveredOn) ?? reached.Delivered ?? null,
		});
	}
	return orders;
}

export interface DashboardInput {
	table: OrdersTable;
	books: Map<string, Bookkeeping>;
	saveBooks: (orderIds: Iterable<string>) => void;
	findings: readonly Finding[];
	statuses: readonly string[];
	now: number;
}

/** Returns whether the Dashboard sheet was written. */
export function refreshDashboard(deps: { workbook: Workbook; store: Store; log: Log }, input: DashboardInput): boolean {
	const { workbook, store } = deps;
	const timeZone = workbook.timeZone;
	const state = readDashboardState(store);
	const changes = noteFindings(input.books, input.findings, input.now);
	if (changes.touched.length > 0) input.saveBooks(changes.touched);
	const findingWeeks = countFindingChanges(state.findingWeeks ?? {}, changes, input.now, timeZone, DASHBOARD_WEEKS);
	const kpis = computeKpis({
		orders: kpiOrders(input.table, input.books),
		statuses: input.statuses,
		findings: input.findings,
		findingWeeks,
		now: input.now,
		timeZone,
		weeks: DASHBOARD_WEEKS,
	});
	const cells = dashboardCells(kpis, "");
	const digest = digestOf(JSON.stringify(cells));
	if (digest === state.digest) return false;
	let written = false;
	let sheet = state.sheet === true;
	if (sheet) {
		(cells[0] as Array<string | number>)[2] = epochToSerial(input.now, timeZone);
		try {
			workbook.writeBlocks([{ sheet: DASHBOARD_SHEET, row: 1, column: 1, values: cells }]);
			written = true;
		} catch (error) {
			// The owner deleted or renamed the sheet: stop trying until Set up sheets makes it again.
			sheet = false;
			deps.log.warn(`The Dashboard was not refreshed: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	const next: DashboardState = { digest, findingWeeks, strip: statusStrip(kpis) };
	if (sheet) next.sheet = true;
	store.set(DASHBOARD_KEY, JSON.stringify(next));
	return written;
}
