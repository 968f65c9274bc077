/**
 * Plans how "Set up sheets" brings an Orders sheet to the expected columns without losing anything:
 * a missing column comes back right after the column that precedes it in the layout; a missing required column on a sheet that
 * holds orders is reported instead, because recreating it empty would cut rows off their orders.
 */

import {
	type ColumnKind,
	type ColumnSpec,
	columnSpec,
	GROUP_COLOURS,
	normaliseHeader,
	ORDER_COLUMNS,
} from "../core/orders-layout.js";
import { SEVERITY_SYMBOL, SEVERITY_TINT } from "../core/reconcile/reconcile.js";
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
const FROZEN_THROUGH = [columnSpec("order").header, columnSpec("buyer").header];

/**
 * How many columns a new Orders sheet freezes, so whose order a row is stays in view while the owner
 * scrolls right to Status and Issues; undefined when either column is missing, or when the sheet was
 * there before set-up (`madeNow` false): an owner's own arrangement of an existing sheet is theirs.
 */
export function ordersFrozenColumns(headerRow: readonly unknown[], madeNow = true): number | undefined {
	if (!madeNow) return undefined;
	const header = headerRow.map(normaliseHeader);
	const columns = FROZEN_THROUGH.map((name) => header.indexOf(normaliseHeader(name)) + 1);
	return columns.every((column) => column > 0) ? Math.max(...columns) : undefined;
}

/** Set-up's protections on Etsy's columns carry this text, so that a second set-up finds its own. */
export const ETSY_PROTECTION = "Hubsheet: mirrored from Etsy — edits are overwritten at the next sync";
export const STATUS_HELP = "Choose a status. Add your own on the Settings sheet (Custom statuses).";

/** How each kind of column's values are shown: text is never parsed by Sheets; dates are serial numbers. */
const NUMBER_FORMATS: Record<ColumnKind, string> = {
	text: "@",
	link: "@",
	status: "@",
	datetime: "yyyy-mm-dd hh:mm",
	date: "yyyy-mm-dd",
	money: "#,##0.00",
};

/** How set-up dresses one of Hubsheet's columns on the Orders sheet. */
export interface ColumnDressing {
	/** 1-based, on the sheet as it is. */
	column: number;
	/** The header cell's colour (its group's) and note. */
	background: string;
	note: string;
	/** The number format of the cells below the header. */
	format: string;
	/** A dropdown of these and nothing else (the Status column). */
	choices?: readonly string[];
	/** Etsy's columns: a warning-only protection (ETSY_PROTECTION), since a sync overwrites edits. */
	protect: boolean;
}

/** Every Hubsheet column the header holds, dressed by what it is; the owner's own columns are left alone. */
export function ordersColumnDressing(
	headerRow: readonly unknown[],
	statusChoices: readonly string[],
): ColumnDressing[] {
	const header = headerRow.map(normaliseHeader);
	return ORDER_COLUMNS.flatMap((spec: ColumnSpec) => {
		const column = header.indexOf(normaliseHeader(spec.header)) + 1;
		if (column === 0) return [];
		return [
			{
				column,
				background: GROUP_COLOURS[spec.group],
				note: `${spec.group} · ${spec.note}`,
				format: NUMBER_FORMATS[spec.kind],
				...(spec.kind === "status" ? { choices: statusChoices } : {}),
				protect: spec.owner === "etsy",
			},
		];
	});
}

/** A conditional format rule that tints a row by the worst severity in its Issues cell. */
export interface TintRule {
	formula: string;
	background: string;
}

/** The Issues column's 1-based position, or 0 when the sheet has none. */
export function issuesColumn(headerRow: readonly unknown[]): number {
	return headerRow.map(normaliseHeader).indexOf(normaliseHeader(columnSpec("issues").header)) + 1;
}

/**
 * The rules that tint each order's row by the worst severity in its Issues cell, which starts with
 * that severity's symbol (conditional formatting: a sync writes no background at all). `letter` is
 * the Issues column's; the rules apply from row 2.
 */
export function severityTintRules(letter: string): TintRule[] {
	return (["error", "warning", "info"] as const).map((severity) => ({
		formula: `=LEFT($${letter}2,1)="${SEVERITY_SYMBOL[severity]}"`,
		background: SEVERITY_TINT[severity],
	}));
}

/** The rules Hubsheet owns are recognised by their formula, so the owner's own rules stay. */
const TINT_FORMULA = /^=LEFT\(\$[A-Z]+2,1\)="(✖|⚠|ℹ)"$/;

export function isSeverityTintRule(formula: unknown): boolean {
	return TINT_FORMULA.test(String(formula ?? ""));
}
