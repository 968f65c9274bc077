/**
 * Plans how "Set up sheets" brings an Orders sheet to the expected columns without losing anything:
 * a missing column comes back right after the column that precedes it in the layout; a missing required column on a sheet that
 * holds orders is reported instead, because recreating it empty would cut rows off their orders.
 */
import { type ColumnSpec, normaliseHeader, ORDER_COLUMNS } from "../core/orders-layout.js";
import { ORDERS_SHEET } from "../core/sheet-names.js";
import type { RawCell } from "./workbook.js";

export interface ColumnInsertion {
	spec: ColumnSpec;
	/** Insert the new column after this 1-based column (0 = before the first), counted after earlier insertions. */
	after: number;
}

export interface OrdersSetupPlan {
	/** Applied in order, each on the sheet as the previous ones left it. */
	insertions: ColumnInsertion[];
	problems: string[];
	/** No header at all: the whole header is laid out in one write instead of column by column. */
	blank: boolean;
	/** What set-up added back to a sheet that existed, for its report. */
	repaired: string[];
}

export function missingRequiredMessage(spec: ColumnSpec): string {
	return (
		`The Orders sheet has no "${spec.header}" column, which Hubsheet needs to match rows to orders. ` +
		`If you renamed it, rename its header back to "${spec.header}"; if you deleted it, undo the deletion ` +
		`(Edit > Undo, or File > Version history). Set up did not recreate it, so no row loses its order.`
	);
}

/** `created`: set-up made the sheet just now, so nothing on it is "added back". */
export function planOrdersSetup(headerRow: readonly RawCell[], hasOrders: boolean, created = false): OrdersSetupPlan {
	const headers = headerRow.map(normaliseHeader);
	const blank = headers.every((header) => header === "");
	// Trailing blank headers are not columns anyone uses; new columns go before them.
	while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
	const plan: OrdersSetupPlan = { insertions: [], problems: [], blank, repaired: [] };
	ORDER_COLUMNS.forEach((spec, layoutIndex) => {
		if (headers.includes(normaliseHeader(spec.header))) return;
		if (spec.required && hasOrders) {
			plan.problems.push(missingRequiredMessage(spec));
			return;
		}
		// After the nearest column that precedes this one in the layout and is present.
		let after = 0;
		for (let previous = layoutIndex - 1; previous >= 0; previous--) {
			const position = headers.indexOf(normaliseHeader(ORDER_COLUMNS[previous]?.header));
			if (position >= 0) {
				after = position + 1;
				break;
			}
		}
		plan.insertions.push({ spec, after });
		if (!blank && !created) plan.repaired.push(`${ORDERS_SHEET}: column "${spec.header}"`);
		headers.splice(after, 0, normaliseHeader(spec.header));
	});
	return plan;
}

/** A new Orders sheet freezes its columns through these: the order and its buyer. */
const FROZEN_THROUGH = ["Order", "Buyer"];

/**
 * How many columns a new Orders sheet freezes, so whose order a row is stays in view while the owner
 * scrolls right to Status and Issues; undefined when either column is missing.
 */
export function ordersFrozenColumns(headerRow: readonly RawCell[]): number | undefined {
	const header = headerRow.map(normaliseHeader);
	const columns = FROZEN_THROUGH.map((name) => header.indexOf(normaliseHeader(name)) + 1);
	return columns.every((column) => column > 0) ? Math.max(...columns) : undefined;
}
