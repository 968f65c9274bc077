/**
 * The one-click fixes the sidebar offers with a finding. The sidebar asks the owner to confirm
 * first; here each fix is checked against the stored findings (a stale sidebar cannot apply a fix
 * no finding offers any more), carried out, and the findings it resolved are dropped.
 *
 * Fixes that reach another platform change Hubsheet's bookkeeping so that the sync does the rest,
 * and run that sync at once.
 */
import { type Finding, type Fix, type FixAction, sortFindings } from "../core/findings.js";
import { issuesCellText } from "../core/reconcile/reconcile.js";
import type { FixResult } from "../ui/sidebar-api.js";
import { editBookkeeping } from "./bookkeeping-edit.js";
import { loadFindings, saveFindings } from "./findings-store.js";
import { columnOf, findOrderRow } from "./order-rows.js";
import { runSync } from "./sync.js";

/**
 * Carries out the fix for one order and returns what it did, in plain words; throws to refuse.
 * It gets the fix as the owner read and confirmed it (with its `value`, where it writes one).
 */
export type FixHandler = (orderId: string, fix: Fix) => string;

function markCancelled(orderId: string): string {
	const found = findOrderRow(orderId);
	if (!found) throw new Error(`Order ${orderId} is not on the Orders sheet any more.`);
	const statusColumn = columnOf(found.header, "Status");
	if (statusColumn === 0) throw new Error('The Orders sheet has no "Status" column: run Hubsheet > Set up sheets.');
	// setValue, as the owner's own edit: the Status dropdown's validation applies.
	found.sheet.getRange(found.row, statusColumn).setValue("Cancelled");
	return `Order ${orderId} is now Cancelled on the sheet.`;
}

/** Runs a sync now, so the fix reaches the platform while the owner watches. */
function syncNowFor(done: string): string {
	const report = runSync("incremental");
	if (report.status === "busy") return `${done} Another sync is running; it takes the change with it.`;
	if (report.status !== "completed") throw new Error(report.message);
	return `${done} ${report.message}`;
}

/**
 * Changes bookkeeping only while no sync runs: a running sync would write back its own copy of the
 * order's bookkeeping when it ends, and undo the fix without a word.
 */
function whileNoSyncRuns(change: () => void): void {
	const lock = LockService.getScriptLock();
	if (!lock.tryLock(0)) throw new Error("A sync is running right now: try the fix again in a minute.");
	try {
		change();
		// SpreadsheetApp may hold the edit back; the sync that follows reads through the Sheets API,
		// which would not see it. Apps Script asks for a flush before releasing a lock anyway.
		SpreadsheetApp.flush();
	} finally {
		lock.releaseLock();
	}
}

function pushStatusToCrm(orderId: string): string {
	// Forget the stage last pushed: the sync moves the deal to the stage the Status maps to.
	whileNoSyncRuns(() =>
		editBookkeeping(orderId, (books) => (books.deal ? { ...books, deal: { ...books.deal, stagePushed: "" } } : books)),
	);
	return syncNowFor(`Order ${orderId}: the deal follows the sheet's Status.`);
}

function takeCrmStage(orderId: string, fix: Fix): string {
	const status = fix.value ?? "";
	const found = findOrderRow(orderId);
	if (!found || status === "")
		throw new Error(`Order ${orderId} cannot take the CRM's stage: the finding is out of date.`);
	const statusColumn = columnOf(found.header, "Status");
	const stageColumn = columnOf(found.header, "CRM stage");
	const crmStage = stageColumn > 0 ? String(found.sheet.getRange(found.row, stageColumn).getValue()) : "";
	whileNoSyncRuns(() => {
		found.sheet.getRange(found.row, statusColumn).setValue(status);
		// The CRM already shows this stage: nothing to push back.
		editBookkeeping(orderId, (books) =>
			books.deal ? { ...books, deal: { ...books.deal, stagePushed: crmStage } } : books,
		);
	});
	return syncNowFor(`Order ${orderId} is now ${status} on the sheet, as the CRM shows.`);
}

function retryShipment(orderId: string): string {
	// The sync creates the shipment of an order Ready to ship that has none; it finds one a lost answer made.
	return syncNowFor(`Order ${orderId}: the shipment was tried again.`);
}

function pushTrackingToEtsy(orderId: string): string {
	whileNoSyncRuns(() => editBookkeeping(orderId, ({ etsyTracking: _forgotten, ...books }) => books));
	return syncNowFor(`Order ${orderId}: the tracking number was sent to Etsy.`);
}

export const FIX_HANDLERS: Record<FixAction, FixHandler> = {
	"mark-cancelled": markCancelled,
	"push-status-to-crm": pushStatusToCrm,
	"take-crm-stage": takeCrmStage,
	"retry-shipment": retryShipment,
	"push-tracking-to-etsy": pushTrackingToEtsy,
};

/** Fixes that run a sync, which stores the findings afresh. */
const SYNCING_FIXES = new Set<FixAction>([
	"push-status-to-crm",
	"take-crm-stage",
	"retry-shipment",
	"push-tracking-to-etsy",
]);

/** True when the finding offers this fix, as its main fix or as one of the alternatives. */
export function offers(finding: Finding, action: FixAction): boolean {
	return finding.fix?.action === action || (finding.alternatives ?? []).some((fix) => fix.action === action);
}

/** Pure: the findings left once `action` resolved the order's findings that offered it. */
export function withoutResolved(findings: readonly Finding[], orderId: string, action: FixAction): Finding[] {
	return sortFindings(findings.filter((finding) => !(finding.orderId === orderId && offers(finding, action))));
}

export function applyFix(orderId: unknown, action: unknown): FixResult {
	const id = typeof orderId === "string" ? orderId.trim() : "";
	const handler = typeof action === "string" ? FIX_HANDLERS[action as FixAction] : undefined;
	if (!handler) throw new Error(`Unknown fix "${String(action).slice(0, 40)}".`);
	const findings = loadFindings();
	const offered = findings
		.filter((finding) => finding.orderId === id)
		.flatMap((finding) => [...(finding.fix ? [finding.fix] : []), ...(finding.alternatives ?? [])])
		.find((fix) => fix.action === action);
	if (!offered) {
		throw new Error(`No finding of order ${id || "(none)"} offers this fix any more; the list was out of date.`);
	}
	const message = handler(id, offered);
	if (SYNCING_FIXES.has(action as FixAction)) return { message, findings: loadFindings() };
	const remaining = withoutResolved(findings, id, action as FixAction);
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
	const column = columnOf(found.header, "Issues");
	if (column === 0) return;
	const text = issuesCellText(findings.filter((finding) => finding.orderId === orderId));
	const cell = found.sheet.getRange(found.row, column);
	if (String(cell.getValue()) !== text) cell.setValue(text);
}
