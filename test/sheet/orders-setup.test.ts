import { describe, expect, it } from "vitest";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import {
	isSeverityTintRule,
	issuesColumn,
	ordersColumnDressing,
	ordersFrozenColumns,
	planOrdersSetup,
	severityTintRules,
} from "../../src/sheet/orders-setup.js";

const ALL_HEADERS: string[] = ORDER_COLUMNS.map((column) => column.header);

function apply(header: string[], hasOrders: boolean): { header: string[]; problems: string[] } {
	const plan = planOrdersSetup(header, hasOrders);
	const result = [...header];
	for (const insertion of plan.insertions) result.splice(insertion.after, 0, insertion.spec.header);
	return { header: result, problems: plan.problems };
}

describe("planOrdersSetup", () => {
	it("lays out every column, in groups, on an empty sheet", () => {
		expect(apply([], false)).toEqual({ header: ALL_HEADERS, problems: [] });
	});

	it("changes nothing on a complete sheet, whatever the header's case and spacing", () => {
		expect(
			planOrdersSetup(
				ALL_HEADERS.map((header) => ` ${header.toUpperCase()} `),
				true,
			).insertions,
		).toEqual([]);
	});

	it("brings a deleted column back beside its layout neighbour, keeping custom columns", () => {
		const header = ALL_HEADERS.filter((name) => name !== "Notes");
		header.splice(header.indexOf("Mail") + 1, 0, "Wood batch");
		const { header: repaired } = apply(header, true);
		expect(repaired.slice(repaired.indexOf("Status"), repaired.indexOf("CRM deal"))).toEqual([
			"Status",
			"Design",
			"Mail",
			"Notes",
			"Wood batch",
			"Phone",
			"Ship to (yours)",
		]);
		expect(repaired.filter((name) => name === "Notes")).toHaveLength(1);
	});

	it("reports a renamed required column by name instead of recreating it", () => {
		const header = ALL_HEADERS.map((name) => (name === "Order" ? "Receipt" : name));
		const plan = planOrdersSetup(header, true);
		expect(plan.insertions).toEqual([]);
		expect(plan.problems).toHaveLength(1);
		expect(plan.problems[0]).toContain('no "Order" column');
		expect(plan.problems[0]).toContain('rename its header back to "Order"');
	});

	it("recreates a required column when the sheet holds no orders yet", () => {
		const header = ALL_HEADERS.filter((name) => name !== "Status");
		expect(apply(header, false).header).toEqual(ALL_HEADERS);
	});

	it("lays a blank sheet's header out at once and says what it added back only on a sheet that existed", () => {
		expect(planOrdersSetup(["", " "], false)).toMatchObject({ blank: true, repaired: [] });
		const header = ALL_HEADERS.filter((name) => name !== "Notes" && name !== "Mail");
		expect(planOrdersSetup(header, true)).toMatchObject({
			blank: false,
			repaired: ['Orders: column "Mail"', 'Orders: column "Notes"'],
		});
		expect(planOrdersSetup(header, true, true).repaired).toEqual([]);
	});
});

describe("ordersFrozenColumns", () => {
	it("freezes through the order and its buyer, wherever they are, and nothing when one is missing", () => {
		expect(ordersFrozenColumns(ALL_HEADERS)).toBe(
			Math.max(ALL_HEADERS.indexOf("Order"), ALL_HEADERS.indexOf("Buyer")) + 1,
		);
		expect(ordersFrozenColumns(["Notes", " buyer ", "x", "ORDER"])).toBe(4);
		expect(ordersFrozenColumns(["Order", "Notes"])).toBeUndefined();
		// A sheet that was there before set-up keeps the owner's own frozen columns.
		expect(ordersFrozenColumns(ALL_HEADERS, false)).toBeUndefined();
	});
});

describe("how set-up dresses the Orders columns", () => {
	const choices = ["New", "Design", "Shipped"];

	it("dresses each Hubsheet column it finds where it is, and leaves the owner's columns alone", () => {
		const dressing = ordersColumnDressing(["Wood batch", " order ", "Status", "Total"], choices);
		expect(dressing.map((column) => column.column).sort()).toEqual([2, 3, 4]);
		const [order, status, total] = [2, 3, 4].map((column) => dressing.find((found) => found.column === column));
		// Etsy's columns are protected with a warning (a sync overwrites edits); the Status column is not.
		expect(order?.protect).toBe(true);
		expect(order?.format).toBe("@");
		expect(status).toMatchObject({ protect: false, choices, format: "@" });
		expect(total?.format).toBe("#,##0.00");
		expect(total?.choices).toBeUndefined();
		expect(order?.note).toMatch(/^Order · /);
	});

	it("finds the Issues column for the row tints, or says there is none", () => {
		expect(issuesColumn(["Order", "Status", " ISSUES "])).toBe(3);
		expect(issuesColumn(["Order", "Status"])).toBe(0);
	});

	it("tints rows by the first symbol of the Issues cell and knows its own rules from the owner's", () => {
		const rules = severityTintRules("K");
		expect(rules.map((rule) => rule.formula)).toEqual(['=LEFT($K2,1)="✖"', '=LEFT($K2,1)="⚠"', '=LEFT($K2,1)="ℹ"']);
		expect(new Set(rules.map((rule) => rule.background)).size).toBe(3);
		for (const rule of rules) expect(isSeverityTintRule(rule.formula)).toBe(true);
		expect(isSeverityTintRule('=LEFT($K2,1)="x"')).toBe(false);
		expect(isSeverityTintRule("=$B2>100")).toBe(false);
		expect(isSeverityTintRule(undefined)).toBe(false);
	});
});
