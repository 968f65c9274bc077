import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import { offers, withoutResolved } from "../../src/core/fix-plans.js";
import { rowOfOrder } from "../../src/gas/order-rows.js";
import { parseProgress } from "../../src/gas/sync-progress.js";

const cancelled: Finding = {
	orderId: "3100000002",
	kind: "cancelled-on-etsy",
	severity: "error",
	message: "Cancelled on Etsy but still in Production.",
	values: { Sheet: "Production", Etsy: "Cancelled" },
	fix: { action: "mark-cancelled", label: "Mark Cancelled", confirm: "Set Status to Cancelled?" },
};
const stage: Finding = {
	orderId: "3100000001",
	kind: "crm-stage-differs",
	severity: "warning",
	message: "The deal is in Design.",
	values: { Sheet: "Production", Pipedrive: "Design" },
	fix: { action: "push-status-to-crm", label: "Move the deal", confirm: "Move it?" },
	alternatives: [{ action: "take-crm-stage", label: "Take Design", confirm: "Set Status to Design?", value: "Design" }],
};
const late: Finding = {
	orderId: "3100000002",
	kind: "past-ship-by",
	severity: "warning",
	message: "Late.",
	values: {},
};

describe("fixes", () => {
	it("are offered as a finding's fix or one of its alternatives", () => {
		expect(offers(stage, "push-status-to-crm")).toBe(true);
		expect(offers(stage, "take-crm-stage")).toBe(true);
		expect(offers(stage, "mark-cancelled")).toBe(false);
	});

	it("resolve the order's findings that offered them, and nothing else", () => {
		expect(withoutResolved([stage, late, cancelled], "3100000002", "mark-cancelled")).toEqual([stage, late]);
		expect(withoutResolved([stage], "3100000002", "take-crm-stage")).toEqual([stage]);
	});
});

describe("finding an order's row", () => {
	it("matches the order cell's text, after the header row", () => {
		expect(rowOfOrder(["3100000001", " 3100000002 ", 3100000003], "3100000002")).toBe(3);
		expect(rowOfOrder(["3100000001", " 3100000002 ", 3100000003], "3100000003")).toBe(4);
		expect(rowOfOrder([], "1")).toBe(0);
	});
});

describe("sync progress", () => {
	it("is not running without a cached phase or with an unreadable one", () => {
		expect(parseProgress(null)).toEqual({ running: false });
		expect(parseProgress("{")).toEqual({ running: false });
		expect(
			parseProgress(JSON.stringify({ phase: "Reading changes from Etsy…", startedAt: "a", updatedAt: "b" })),
		).toEqual({ running: true, phase: "Reading changes from Etsy…", startedAt: "a", updatedAt: "b" });
	});
});
