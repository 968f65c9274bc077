/**
 * The sidebar's "show me": which row of Orders an order, a Status or "late" means, and the sentence
 * the owner reads. Pure over the sheet's cells and the last sync's findings; the Apps Script shell
 * (gas/select-order.ts) reads them and selects the row this asks for.
 */
import type { Finding } from "../core/findings.js";
import { columnSpec, normaliseHeader } from "../core/orders-layout.js";

/** The answer the sidebar shows (ui/sidebar-api.ts `SelectOrderResult`). */
export interface OrderSelection {
	found: boolean;
	/** 1-based row on Orders. */
	row?: number;
	message: string;
}

/** Selects a whole row of the table (`columns` wide), so every column of the order is highlighted. */
export type ShowRow = (row: number, columns: number) => void;

/**
 * "Show me this order": `find` gives the order's row and the table's width (null when no row
 * holds it; it throws when the sheet cannot be read).
 */
export function orderSelection(
	orderId: unknown,
	sheet: { find: (orderId: string) => { row: number; columns: number } | null; show: ShowRow },
): OrderSelection {
	const id = typeof orderId === "string" ? orderId.trim() : "";
	if (id === "") return { found: false, message: "No order was named." };
	const found = sheet.find(id);
	if (!found) return { found: false, message: `Order ${id} is not on the Orders sheet.` };
	sheet.show(found.row, Math.max(1, found.columns));
	return { found: true, row: found.row, message: `Order ${id} is on row ${found.row}.` };
}

/**
 * The strip's "show me these": the next row after `afterRow` (from the top again past the last)
 * whose Status is `status` (any case), or with `late`, whose order has an error past-ship-by
 * finding (past its Ship by day, not shipped); so each click on a count moves on to the next of
 * its orders. The findings are asked for only for late orders.
 */
export function stripSelection(
	which: { status?: unknown; late?: unknown } | undefined,
	afterRow: unknown,
	sheet: {
		/** The Orders sheet's cells as shown, header row first. */
		values: () => readonly (readonly string[])[];
		findings: () => readonly Pick<Finding, "orderId" | "kind" | "severity">[];
		show: ShowRow;
	},
): OrderSelection {
	const status = typeof which?.status === "string" ? which.status.trim().toLowerCase() : "";
	const late = which?.late === true;
	if (status === "" && !late) return { found: false, message: "No status was named." };
	const values = sheet.values();
	const header = (values[0] ?? []).map(normaliseHeader);
	const column = header.indexOf(normaliseHeader(columnSpec(late ? "order" : "status").header));
	const lateOrders = late
		? new Set(
				sheet
					.findings()
					.filter((f) => f.kind === "past-ship-by" && f.severity === "error")
					.map((f) => f.orderId),
			)
		: null;
	const rows: number[] = [];
	values.forEach((line, index) => {
		const cell = String(line[column] ?? "").trim();
		if (index > 0 && column >= 0 && (lateOrders ? lateOrders.has(cell) : cell.toLowerCase() === status))
			rows.push(index + 1);
	});
	const what = late ? "late orders" : `orders in ${String(which?.status).trim()}`;
	if (rows.length === 0) return { found: false, message: `There are no ${what} on the Orders sheet now.` };
	const after = Number(afterRow) || 0;
	const row = rows.find((candidate) => candidate > after) ?? (rows[0] as number);
	sheet.show(row, Math.max(1, header.length));
	return { found: true, row, message: `${rows.indexOf(row) + 1} of ${rows.length} ${what}: row ${row}.` };
}
