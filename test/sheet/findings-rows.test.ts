import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import { FINDINGS_HEADER, findingsDigest, findingsRows, parseFindingsRows } from "../../src/sheet/findings-rows.js";

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

describe("the findings sheet", () => {
	it("keeps one row per order, most severe first, and reads back what it wrote", () => {
		const rows = findingsRows([stage, late, cancelled]);
		expect(rows.map((row) => row[0])).toEqual(["3100000002", "3100000001"]);
		expect(parseFindingsRows([[...FINDINGS_HEADER], ...rows])).toEqual([cancelled, stage, late]);
	});

	it("skips rows it cannot read instead of failing the sidebar", () => {
		const rows = [
			[...FINDINGS_HEADER],
			["1", "{oops"],
			["2", JSON.stringify([{ orderId: "2" }])],
			...findingsRows([late]),
		];
		const skipped: string[] = [];
		expect(parseFindingsRows(rows, (orderId) => skipped.push(orderId))).toEqual([late]);
		expect(skipped).toEqual(["1"]);
	});

	it("has a digest that changes with the findings, so an unchanged save is skipped", () => {
		expect(findingsDigest([late, stage])).toBe(findingsDigest([late, stage]));
		expect(findingsDigest([late, stage])).not.toBe(findingsDigest([late]));
		expect(findingsDigest([late])).not.toBe(findingsDigest([{ ...late, message: "Later." }]));
	});

	it("cuts quoted platform text so a row stays far below Sheets' 50,000 characters per cell", () => {
		const long: Finding = { ...late, message: "x".repeat(10_000), values: { Etsy: "y".repeat(10_000) } };
		const [row] = findingsRows([long]);
		expect(row?.[1]?.length).toBeLessThan(5_000);
	});
});
