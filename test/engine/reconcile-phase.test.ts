import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { RuleFailure } from "../../src/core/reconcile/reconcile.js";
import { RULES } from "../../src/core/reconcile/reconcile.js";
import { runReconcilePhase } from "../../src/engine/reconcile-phase.js";
import { ruleFailureProblems } from "../../src/engine/sync-run.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";
import { ORDERS_SHEET, readOrdersTable } from "../../src/sheet/orders-table.js";
import { FakeWorkbook } from "./fake-workbook.js";

const mapping = readMappingSettings(missingTableRows([])).settings;

function phase(rules: typeof RULES, books = new Map<string, Bookkeeping>()) {
	const values = [
		["Order", "Status", "Issues"],
		["1001", "New", ""],
		["1002", "New", ""],
	];
	const workbook = new FakeWorkbook({ [ORDERS_SHEET]: values });
	const failures: RuleFailure[] = [];
	const findings = runReconcilePhase(workbook, {
		table: readOrdersTable(values, workbook.timeZone),
		books,
		etsy: new Map(),
		crmStages: new Map(),
		mapping,
		crm: null,
		courier: null,
		now: Date.UTC(2026, 10, 10),
		timeZone: workbook.timeZone,
		onRuleFailure: (failure) => failures.push(failure),
		rules,
	});
	return { findings, failures, issues: (workbook.sheets.get(ORDERS_SHEET) ?? []).map((row) => row[2]) };
}

describe("a rule that throws", () => {
	it("is reported with its order and its words, and the other rules' findings still land", () => {
		const throwing = {
			kind: "past-ship-by" as const,
			check: (snapshot: { orderId: string }) => {
				if (snapshot.orderId === "1002") throw new TypeError("cannot read ship-by of undefined");
				return [];
			},
		};
		const books = new Map<string, Bookkeeping>([["1001", { etsyMissing: { at: 1 } }]]);
		const unknown = RULES.filter((rule) => rule.kind === "unknown-order");
		const { findings, failures, issues } = phase([throwing, ...unknown], books);
		expect(failures).toEqual([{ orderId: "1002", kind: "past-ship-by", message: "cannot read ship-by of undefined" }]);
		expect(findings.map((finding) => [finding.orderId, finding.kind])).toEqual([["1001", "unknown-order"]]);
		expect(issues[1]).toMatch(/unknown to Etsy/);
		expect(ruleFailureProblems(failures)).toEqual([
			'Hubsheet could not check "past ship by" on order 1002 (cannot read ship-by of undefined); the other checks ran. Please report this to whoever set Hubsheet up.',
		]);
	});
});

describe("the unknown-order rule", () => {
	it("fires only for an order a look-up found missing and Etsy has not described since", () => {
		const unknown = RULES.filter((rule) => rule.kind === "unknown-order");
		expect(phase(unknown, new Map()).findings).toEqual([]);
		const seen = new Map<string, Bookkeeping>([["1001", { etsyMissing: { at: 1 } }]]);
		expect(phase(unknown, seen).findings.map((finding) => finding.orderId)).toEqual(["1001"]);
	});
});
