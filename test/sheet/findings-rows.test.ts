import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings.js";
import { FINDINGS_HEADER, findingsDigest, findingsRows, parseFindingsRows } from "../../src/sheet/findings-rows.js";
import { cancelled, late, stage } from "../core/finding-fixtures.js";

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
