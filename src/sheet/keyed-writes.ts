/**
 * Writes to the Orders sheet by order id and column name, never by a row or column number
 * remembered from the start of the run: the owner may sort, filter, insert or delete rows and
 * insert columns while a sync runs. Right before each batch, the header row and the Order column
 * are read again (one call) and every write goes to the row that holds its order now, in the
 * column that carries its header now. A write whose order has left the sheet is dropped (the next
 * sync finds it again), never placed on whichever row took its old place.
 */
import type { OrderColumnKey } from "../core/orders-layout.js";
import { locateColumns, ORDERS_SHEET } from "./orders-table.js";
import type { CellBlock, LinkCell, RawCell, Workbook } from "./workbook.js";

export interface KeyedWrite {
	orderId: string;
	key: OrderColumnKey;
	/** A plain value, or a link (the cell shows `text`, which opens `url`). */
	value: RawCell | { text: string; url: string };
	/**
	 * Which of the order's rows, when it has several (duplicates are a finding, and each row keeps
	 * its own Issues): 0 is the first from the top.
	 */
	occurrence?: number;
}

export interface KeyedWriteResult {
	written: number;
	/** Orders whose row was not on the sheet any more when the batch was placed. */
	missing: string[];
}

/** Where each order's rows and each known column are now, from one thin read. */
export interface SheetPlaces {
	rowsOf: Map<string, number[]>;
	columns: Partial<Record<OrderColumnKey, number>>;
	/** The last row that holds anything in the Order column (the header when empty). */
	lastRow: number;
}

/**
 * Reads where the rows and columns are now. `orderColumnHint` is where the Order column was last
 * seen; if the owner moved it, a second read at its new place follows (rare).
 */
export function readPlaces(workbook: Workbook, orderColumnHint: number): SheetPlaces {
	let read = workbook.readKeyColumn(ORDERS_SHEET, orderColumnHint);
	let columns = locateColumns(read.header);
	const orderColumn = columns.order;
	if (orderColumn !== undefined && orderColumn !== orderColumnHint) {
		read = workbook.readKeyColumn(ORDERS_SHEET, orderColumn);
		columns = locateColumns(read.header);
	}
	const rowsOf = new Map<string, number[]>();
	let lastRow = 1;
	if (columns.order !== undefined) {
		read.keys.forEach((raw, index) => {
			if (index === 0) return;
			const orderId = String(raw ?? "").trim();
			if (orderId === "") return;
			lastRow = index + 1;
			rowsOf.set(orderId, [...(rowsOf.get(orderId) ?? []), index + 1]);
		});
	}
	return { rowsOf, columns, lastRow };
}

/**
 * Places the writes on the rows their orders hold now, in at most one values call and one link
 * call per run of neighbouring cells. Reads the places first unless the caller has just read them.
 */
export function writeByKey(
	workbook: Workbook,
	writes: readonly KeyedWrite[],
	orderColumnHint: number,
	places?: SheetPlaces,
): KeyedWriteResult {
	const result: KeyedWriteResult = { written: 0, missing: [] };
	if (writes.length === 0) return result;
	const now = places ?? readPlaces(workbook, orderColumnHint);
	const blocks: CellBlock[] = [];
	const links: LinkCell[] = [];
	const missing = new Set<string>();
	for (const write of writes) {
		const row = now.rowsOf.get(write.orderId)?.[write.occurrence ?? 0];
		const column = now.columns[write.key];
		if (row === undefined) {
			missing.add(write.orderId);
			continue;
		}
		// A column the owner deleted or renamed is not written at all: never into a neighbour.
		if (column === undefined) continue;
		if (typeof write.value === "object") links.push({ row, column, text: write.value.text, url: write.value.url });
		else blocks.push({ sheet: ORDERS_SHEET, row, column, values: [[write.value]] });
		result.written++;
	}
	if (blocks.length > 0) workbook.writeBlocks(blocks);
	if (links.length > 0) workbook.writeLinks(ORDERS_SHEET, links);
	result.missing = [...missing];
	return result;
}
