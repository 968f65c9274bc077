/**
 * Reads the Orders sheet's values into rows keyed by column, and turns planned cell values back
 * into what the values API writes. Columns are found by header text wherever the owner moved them.
 */
import type { CellValue, SheetRow } from "../core/order-upsert.js";
import { type ColumnSpec, normaliseHeader, ORDER_COLUMNS, type OrderColumnKey } from "../core/orders-layout.js";
import { ORDERS_SHEET } from "../core/sheet-names.js";
import { epochToSerial, serialToEpoch } from "./serial-date.js";
import type { RawCell } from "./workbook.js";

export interface OrdersTable {
	/** 1-based column of each known column found in the header row. */
	columns: Partial<Record<OrderColumnKey, number>>;
	/** Known columns missing from the header row. */
	missing: ColumnSpec[];
	rows: SheetRow[];
	/** 1-based number of the last row read (the header when there are no orders). */
	lastRow: number;
}

/** Maps each known header to its column; the first of two identical headers wins. */
export function locateColumns(headerRow: readonly RawCell[]): OrdersTable["columns"] {
	const byHeader = new Map<string, number>();
	headerRow.forEach((header, index) => {
		const name = normaliseHeader(header);
		if (name !== "" && !byHeader.has(name)) byHeader.set(name, index + 1);
	});
	const columns: OrdersTable["columns"] = {};
	for (const spec of ORDER_COLUMNS) {
		const column = byHeader.get(normaliseHeader(spec.header));
		if (column !== undefined) columns[spec.key] = column;
	}
	return columns;
}

function fromRaw(spec: ColumnSpec, raw: RawCell | undefined, timeZone: string): CellValue {
	if (raw === undefined || raw === "") return null;
	if ((spec.kind === "date" || spec.kind === "datetime") && typeof raw === "number") {
		return serialToEpoch(raw, timeZone);
	}
	return raw;
}

export function toRaw(key: OrderColumnKey, value: CellValue, timeZone: string): RawCell {
	if (value === null) return "";
	const spec = ORDER_COLUMNS.find((column) => column.key === key);
	if ((spec?.kind === "date" || spec?.kind === "datetime") && typeof value === "number") {
		return epochToSerial(value, timeZone);
	}
	return value;
}

export function readOrdersTable(values: readonly RawCell[][], timeZone: string): OrdersTable {
	const columns = locateColumns(values[0] ?? []);
	const missing = ORDER_COLUMNS.filter((spec) => columns[spec.key] === undefined);
	const rows: SheetRow[] = [];
	for (let index = 1; index < values.length; index++) {
		const raw = values[index] ?? [];
		const cells: SheetRow["cells"] = {};
		for (const spec of ORDER_COLUMNS) {
			const column = columns[spec.key];
			if (column !== undefined) cells[spec.key] = fromRaw(spec, raw[column - 1], timeZone);
		}
		rows.push({ rowNumber: index + 1, cells });
	}
	return { columns, missing, rows, lastRow: Math.max(1, values.length) };
}

/** Defined once in core/sheet-names.ts; re-exported for this module's importers. */
export { ORDERS_SHEET };
