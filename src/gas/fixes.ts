/**
 * The one-click fixes the sidebar offers with a finding. The sidebar asks the owner to confirm
 * first; here each fix is checked against the stored findings (a stale sidebar cannot apply a fix
 * no finding offers any more), its plan (core/fix-plans.ts: what it means) carried out on the
 * sheet, and the findings it resolved are dropped.
 *
 * Fixes that reach another platform change Hubsheet's bookkeeping so that the sync does the rest,
 * and run that sync at once.
 */
import type { Finding } from "../core/findings.js";
import {
	FIX_WHILE_SYNCING,
	type FixPlan,
	fixWithSyncWords,
	ISSUES_HEADER,
	issuesAfterFix,
	planFix,
	requestedFix,
	withoutResolved,
} from "../core/fix-plans.js";
import { columnOf } from "../sheet/order-rows.js";
import type { FixResult } from "../ui/sidebar-api.js";
import { editBookkeeping } from "./bookkeeping-edit.js";
import { loadFindings, saveFindings } from "./findings-store.js";
import { findOrderRow, type OrderRow } from "./order-rows.js";
import { runSync } from "./sync.js";

/** Runs a sync now, so the fix reaches the platform while the owner watches. */
function syncNowFor(done: string): string {
	return fixWithSyncWords(done, runSync("incremental"));
}

/** Changes bookkeeping only while no sync runs (core/fix-plans.ts FIX_WHILE_SYNCING says why). */
function whileNoSyncRuns(change: () => void): void {
	const lock = LockService.getScriptLock();
	if (!lock.tryLock(0)) throw new Error(FIX_WHILE_SYNCING);
	try {
		change();
		// SpreadsheetApp may hold the edit back; the sync that follows reads through the Sheets API,
		// which would not see it. Apps Script asks for a flush before releasing a lock anyway.
		SpreadsheetApp.flush();
	} finally {
		lock.releaseLock();
	}
}

/** Carries a fix's plan out on the sheet and returns what it did, in plain words. */
function carryOut(orderId: string, plan: FixPlan, found: OrderRow | null): string {
	const setCells = () => {
		for (const { header, value } of plan.cells) {
			// setValue, as the owner's own edit: the Status dropdown's validation applies.
			if (found) found.sheet.getRange(found.row, columnOf(found.header, header)).setValue(value);
		}
	};
	const { bookkeeping } = plan;
	if (bookkeeping)
		whileNoSyncRuns(() => {
			setCells();
			editBookkeeping(orderId, bookkeeping);
		});
	else setCells();
	return plan.sync ? syncNowFor(plan.done) : plan.done;
}

export function applyFix(orderId: unknown, action: unknown): FixResult {
	const findings = loadFindings();
	const { orderId: id, action: fixAction, fix: offered } = requestedFix(findings, orderId, action);
	// The row is read only by the fixes that need it.
	let found: OrderRow | null = null;
	const plan = planFix(id, offered, () => {
		found = findOrderRow(id);
		const row = found;
		if (!row) return null;
		return {
			has: (header) => columnOf(row.header, header) > 0,
			text: (header) => {
				const column = columnOf(row.header, header);
				return column === 0 ? "" : String(row.sheet.getRange(row.row, column).getValue());
			},
		};
	});
	const message = carryOut(id, plan, found);
	if (plan.sync) return { message, findings: loadFindings() };
	const remaining = withoutResolved(findings, id, fixAction);
	saveFindings(remaining);
	showIssues(id, remaining);
	return { message, findings: remaining };
}

/**
 * The order's Issues cell as its remaining findings say, at once: the card and the cell clear
 * together (the row tint follows the cell through conditional formatting).
 */
function showIssues(orderId: string, findings: readonly Finding[]): void {
	const found = findOrderRow(orderId);
	if (!found) return;
	const column = columnOf(found.header, ISSUES_HEADER);
	if (column === 0) return;
	const text = issuesAfterFix(findings, orderId);
	const cell = found.sheet.getRange(found.row, column);
	if (String(cell.getValue()) !== text) cell.setValue(text);
}
