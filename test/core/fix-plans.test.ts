import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { Finding, Fix, FixAction } from "../../src/core/findings.js";
import {
	FIX_WHILE_SYNCING,
	type FixRow,
	fixWithSyncWords,
	issuesAfterFix,
	offeredFix,
	planFix,
	requestedFix,
} from "../../src/core/fix-plans.js";
import { issuesCellText } from "../../src/core/reconcile/reconcile.js";

const books: Bookkeeping = { deal: { id: "17", url: "https://x.pipedrive.com/deal/17", stagePushed: "Won" } };
const row = (cells: Record<string, string>): FixRow => ({
	has: (header) => header in cells,
	text: (header) => cells[header] ?? "",
});
const fix = (action: FixAction, value?: string): Fix =>
	value === undefined ? { action, label: "", confirm: "" } : { action, label: "", confirm: "", value };
const noRowNeeded = () => {
	throw new Error("this fix must not read the row");
};

describe("what each fix means", () => {
	it("mark-cancelled sets Status to Cancelled on the sheet and runs no sync", () => {
		const plan = planFix("31", fix("mark-cancelled"), () => row({ Status: "In production" }));
		expect(plan).toEqual({
			cells: [{ header: "Status", value: "Cancelled" }],
			sync: false,
			done: "Order 31 is now Cancelled on the sheet.",
		});
	});

	it("mark-cancelled refuses when the row or its Status column is gone", () => {
		expect(() => planFix("31", fix("mark-cancelled"), () => null)).toThrow(
			"Order 31 is not on the Orders sheet any more.",
		);
		expect(() => planFix("31", fix("mark-cancelled"), () => row({}))).toThrow(
			'The Orders sheet has no "Status" column: run Hubsheet > Set up sheets.',
		);
	});

	it("push-status-to-crm forgets the stage last pushed and syncs, reading no cell", () => {
		const plan = planFix("31", fix("push-status-to-crm"), noRowNeeded);
		expect(plan.cells).toEqual([]);
		expect(plan.sync).toBe(true);
		expect(plan.bookkeeping?.(books).deal?.stagePushed).toBe("");
		// An order without a deal keeps its bookkeeping as it is.
		expect(plan.bookkeeping?.({})).toEqual({});
	});

	it("take-crm-stage sets the Status the CRM shows and notes the CRM's stage as pushed", () => {
		const plan = planFix("31", fix("take-crm-stage", "Ready to ship"), () =>
			row({ Status: "In production", "CRM stage": "Packing" }),
		);
		expect(plan.cells).toEqual([{ header: "Status", value: "Ready to ship" }]);
		expect(plan.bookkeeping?.(books).deal?.stagePushed).toBe("Packing");
		expect(plan.done).toBe("Order 31 is now Ready to ship on the sheet, as the CRM shows.");
		expect(() => planFix("31", fix("take-crm-stage"), () => row({}))).toThrow("the finding is out of date");
	});

	it("push-tracking-to-etsy forgets what was sent so the sync sends it; retry-shipment only syncs", () => {
		const tracked: Bookkeeping = { ...books, etsyTracking: { code: "X1", carrier: "dpd", at: 1 } };
		const plan = planFix("31", fix("push-tracking-to-etsy"), noRowNeeded);
		expect(plan.bookkeeping?.(tracked)).toEqual(books);
		expect(planFix("31", fix("retry-shipment"), noRowNeeded)).toEqual({
			cells: [],
			sync: true,
			done: "Order 31: the shipment was tried again.",
		});
	});

	it("applies only a fix a finding of that order still offers, main or alternative", () => {
		const finding = {
			orderId: "31",
			kind: "crm-stage-differs",
			severity: "warning",
			message: "",
			fix: fix("push-status-to-crm"),
			alternatives: [fix("take-crm-stage", "Packing")],
		} as unknown as Finding;
		expect(offeredFix([finding], "31", "take-crm-stage")).toEqual(fix("take-crm-stage", "Packing"));
		expect(offeredFix([finding], "32", "take-crm-stage")).toBeUndefined();
		expect(offeredFix([finding], "31", "mark-cancelled")).toBeUndefined();
	});
});

describe("a fix the sidebar asks for", () => {
	const cancelled: Finding = {
		orderId: "31",
		kind: "cancelled-on-etsy",
		severity: "error",
		message: "Cancelled on Etsy.",
		values: {},
		fix: fix("mark-cancelled"),
	};

	it("is the fix a stored finding of the order still offers", () => {
		expect(requestedFix([cancelled], " 31 ", "mark-cancelled")).toEqual({
			orderId: "31",
			action: "mark-cancelled",
			fix: fix("mark-cancelled"),
		});
	});

	it("is refused, in words, when it is unknown or no finding offers it any more", () => {
		expect(() => requestedFix([cancelled], "31", "delete-everything")).toThrow('Unknown fix "delete-everything".');
		expect(() => requestedFix([cancelled], "31", 7)).toThrow('Unknown fix "7".');
		expect(() => requestedFix([cancelled], "32", "mark-cancelled")).toThrow(
			"No finding of order 32 offers this fix any more; the list was out of date.",
		);
		expect(() => requestedFix([], undefined, "mark-cancelled")).toThrow("No finding of order (none)");
	});
});

describe("what a fix that ran a sync says", () => {
	it("its own words, then the sync's", () => {
		expect(fixWithSyncWords("Order 31: sent.", { status: "completed", message: "1 deal moved." })).toBe(
			"Order 31: sent. 1 deal moved.",
		);
	});

	it("that a sync already running takes the change with it", () => {
		expect(fixWithSyncWords("Order 31: sent.", { status: "busy", message: "Another sync…" })).toBe(
			"Order 31: sent. Another sync is running; it takes the change with it.",
		);
	});

	it("the sync's error when it failed", () => {
		expect(() => fixWithSyncWords("Order 31: sent.", { status: "failed", message: "The sync stopped: x" })).toThrow(
			"The sync stopped: x",
		);
	});
});

describe("after a fix", () => {
	const finding = (orderId: string, message: string): Finding => ({
		orderId,
		kind: "push-failed",
		severity: "error",
		message,
		values: {},
	});

	it("the order's Issues cell shows that order's remaining findings and no other order's", () => {
		const left = [finding("31", "Deal not created"), finding("32", "Tracking not sent")];
		expect(issuesAfterFix(left, "31")).toBe(issuesCellText([left[0] as Finding]));
		expect(issuesAfterFix(left, "31")).toContain("Deal not created");
		expect(issuesAfterFix(left, "31")).not.toBe(issuesCellText(left));
		expect(issuesAfterFix(left, "33")).toBe("");
	});

	it("a fix refused while a sync runs tells the owner to try again in a minute", () => {
		expect(FIX_WHILE_SYNCING).toBe("A sync is running right now: try the fix again in a minute.");
	});
});
