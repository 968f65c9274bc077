import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/core/findings.js";
import {
	diffIssues,
	issuesCellText,
	planIssuesCells,
	RULES,
	reconcile,
	rowTint,
	SEVERITY_TINT,
} from "../../../src/core/reconcile/reconcile.js";
import { context, deal, NOW, shipment, snapshot } from "./snapshot-builder.js";

const finding = (overrides: Partial<Finding>): Finding => ({
	orderId: "3100000001",
	kind: "crm-stage-differs",
	severity: "warning",
	message: "A message.",
	values: {},
	...overrides,
});

const stageWarning = finding({ summary: "Pipedrive stage Design ≠ Production" });
const cancelled = finding({ kind: "cancelled-on-etsy", severity: "error", summary: "cancelled on Etsy" });
const amount = finding({
	kind: "crm-amount-differs",
	severity: "info",
	summary: "Pipedrive amount 1200.00 EUR ≠ 1249.50 EUR",
});

describe("reconcile", () => {
	it("has one rule per finding kind", () => {
		expect(new Set(RULES.map((rule) => rule.kind)).size).toBe(16);
	});

	it("finds nothing for an order in step everywhere", () => {
		const inStep = snapshot({
			deal: deal(),
			shipment: shipment(),
			books: { status: "Production", statusSince: NOW - 86_400_000 },
		});
		expect(reconcile([inStep], context())).toEqual({ findings: [], failures: [] });
	});

	it("runs every rule over every order and sorts the findings worst first, then by order", () => {
		const a = snapshot({ etsy: { orderId: "3100000002" }, deal: deal({ stageName: "Design", value: 1 }) });
		const b = snapshot({ etsy: { orderId: "3100000001", etsyStatus: "Canceled" }, rows: [4, 9] });
		const { findings, failures } = reconcile([a, b], context());
		expect(failures).toEqual([]);
		expect(findings.map((found) => [found.severity, found.orderId, found.kind])).toEqual([
			["error", "3100000001", "cancelled-on-etsy"],
			["warning", "3100000001", "duplicate-rows"],
			["warning", "3100000002", "crm-stage-differs"],
			["info", "3100000002", "crm-amount-differs"],
		]);
	});

	it("reports a rule that throws and still runs the others", () => {
		const late = snapshot({ etsy: { shipBy: NOW - 5 * 86_400_000 }, rows: [2, 3] });
		const { findings, failures } = reconcile([late], context({ timeZone: "Not/AZone" }));
		expect(failures).toEqual([expect.objectContaining({ orderId: "3100000001", kind: "past-ship-by" })]);
		expect(findings.map((found) => found.kind)).toEqual(["duplicate-rows"]);
	});
});

describe("issuesCellText", () => {
	it("lists the findings worst first with a symbol each", () => {
		expect(issuesCellText([amount, stageWarning, cancelled])).toBe(
			"✖ cancelled on Etsy; ⚠ Pipedrive stage Design ≠ Production; ℹ Pipedrive amount 1200.00 EUR ≠ 1249.50 EUR",
		);
	});

	it("is the same text whatever order the findings come in, and lists a repeated summary once", () => {
		const forward = issuesCellText([cancelled, stageWarning, amount, stageWarning]);
		expect(issuesCellText([stageWarning, amount, cancelled])).toBe(forward);
		expect(forward.match(/Pipedrive stage/g)).toHaveLength(1);
	});

	it("is empty without findings, and falls back to the message without a summary", () => {
		expect(issuesCellText([])).toBe("");
		expect(issuesCellText([finding({ message: "Plain words." })])).toBe("⚠ Plain words.");
	});

	it("never exceeds its length, counting what did not fit", () => {
		const many = Array.from({ length: 12 }, (_, index) => finding({ summary: `issue number ${index + 10}` }));
		const text = issuesCellText(many, 80);
		expect(text.length).toBeLessThanOrEqual(80);
		expect(text).toBe("⚠ issue number 10; ⚠ issue number 11; ⚠ issue number 12; +9 more");
		const long = issuesCellText([finding({ summary: "y".repeat(500) })]);
		expect(long.length).toBeLessThanOrEqual(200);
	});
});

describe("rowTint", () => {
	it("tints by the worst severity, and not at all without findings", () => {
		expect(rowTint([amount, stageWarning])).toBe(SEVERITY_TINT.warning);
		expect(rowTint([amount, cancelled])).toBe(SEVERITY_TINT.error);
		expect(rowTint([amount])).toBe(SEVERITY_TINT.info);
		expect(rowTint([])).toBeNull();
	});
});

describe("diffIssues", () => {
	it("tells which findings appeared and which cleared themselves", () => {
		expect(diffIssues("✖ cancelled on Etsy; ⚠ ship by today", "⚠ ship by today; ℹ 7 days in Design")).toEqual({
			changed: true,
			added: ["ℹ 7 days in Design"],
			cleared: ["✖ cancelled on Etsy"],
		});
		expect(diffIssues("⚠ ship by today", "⚠ ship by today")).toEqual({ changed: false, added: [], cleared: [] });
	});
});

describe("planIssuesCells", () => {
	it("writes the Issues text and tint of every row of an order whose text changed", () => {
		const duplicated = snapshot({ rows: [4, 9] });
		const { findings } = reconcile([duplicated], context());
		expect(planIssuesCells([duplicated], findings)).toEqual([
			{
				orderId: "3100000001",
				rowNumber: 4,
				value: "⚠ duplicate rows 4, 9",
				previous: "",
				tint: SEVERITY_TINT.warning,
			},
			{
				orderId: "3100000001",
				rowNumber: 9,
				value: "⚠ duplicate rows 4, 9",
				previous: "",
				tint: SEVERITY_TINT.warning,
			},
		]);
	});

	it("writes nothing for rows that already show the right text", () => {
		const inStep = snapshot();
		const shown = snapshot({
			rows: [3],
			cells: { issues: "✖ cancelled on Etsy" },
			etsy: { orderId: "3100000002", etsyStatus: "Canceled" },
		});
		const { findings } = reconcile([inStep, shown], context());
		expect(planIssuesCells([inStep, shown], findings)).toEqual([]);
	});

	it("clears the cell and the tint when the disagreement is gone", () => {
		const before = snapshot({ deal: deal({ stageName: "Design" }) });
		const shown = issuesCellText(reconcile([before], context()).findings);
		expect(shown).toBe("⚠ Pipedrive stage Design ≠ Production");
		const after = snapshot({ deal: deal(), cells: { issues: shown } });
		const writes = planIssuesCells([after], reconcile([after], context()).findings);
		expect(writes).toEqual([{ orderId: "3100000001", rowNumber: 2, value: null, previous: shown, tint: null }]);
		expect(diffIssues(shown, "").cleared).toEqual([shown]);
	});
});
