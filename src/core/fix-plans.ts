/**
 * What each one-click fix means, as plain data: which cells of the order's row it sets (by the
 * Orders sheet's own header names), how it changes Hubsheet's bookkeeping so the sync does the rest,
 * whether it runs a sync at once, and what it says it did. The Apps Script shell (gas/fixes.ts)
 * only carries a plan out; refusals are thrown here, in the owner's words.
 */
import type { Bookkeeping } from "./bookkeeping.js";
import type { Finding, Fix, FixAction } from "./findings.js";
import { sortFindings } from "./findings.js";
import { columnSpec } from "./orders-layout.js";
import { issuesCellText } from "./reconcile/reconcile.js";

export const STATUS_HEADER = columnSpec("status").header;
export const CRM_STAGE_HEADER = columnSpec("crmStage").header;
export const ISSUES_HEADER = columnSpec("issues").header;

export interface FixPlan {
	/** Cells of the order's row to set as the owner's own edit (the Status dropdown's validation applies). */
	cells: Array<{ header: string; value: string }>;
	/** The order's bookkeeping after the fix; absent when the fix leaves it as it is. */
	bookkeeping?: (books: Bookkeeping) => Bookkeeping;
	/** Runs a sync at once, so the fix reaches the platform while the owner watches (the sync stores the findings afresh). */
	sync: boolean;
	/** What the fix did, in plain words (a sync's own report follows it). */
	done: string;
}

/** The order's row as a plan may read it, by header. */
export interface FixRow {
	/** The sheet has this column. */
	has(header: string): boolean;
	/** The cell's text ("" when the sheet has no such column). */
	text(header: string): string;
}

/** Reads the order's row (null when no row holds it); called only by the plans that need it. */
export type RowReader = () => FixRow | null;

/** The plan of `fix` for one order, as the owner read and confirmed it; throws to refuse. */
export function planFix(orderId: string, fix: Fix, readRow: RowReader): FixPlan {
	switch (fix.action) {
		case "mark-cancelled": {
			const row = readRow();
			if (!row) throw new Error(`Order ${orderId} is not on the Orders sheet any more.`);
			if (!row.has(STATUS_HEADER))
				throw new Error(`The Orders sheet has no "${STATUS_HEADER}" column: run Hubsheet > Set up sheets.`);
			return {
				cells: [{ header: STATUS_HEADER, value: "Cancelled" }],
				sync: false,
				done: `Order ${orderId} is now Cancelled on the sheet.`,
			};
		}
		case "push-status-to-crm":
			// Forget the stage last pushed: the sync moves the deal to the stage the Status maps to.
			return {
				cells: [],
				bookkeeping: (books) => (books.deal ? { ...books, deal: { ...books.deal, stagePushed: "" } } : books),
				sync: true,
				done: `Order ${orderId}: the deal follows the sheet's Status.`,
			};
		case "take-crm-stage": {
			const status = fix.value ?? "";
			const row = readRow();
			if (!row || status === "")
				throw new Error(`Order ${orderId} cannot take the CRM's stage: the finding is out of date.`);
			const crmStage = row.text(CRM_STAGE_HEADER);
			return {
				cells: [{ header: STATUS_HEADER, value: status }],
				// The CRM already shows this stage: nothing to push back.
				bookkeeping: (books) => (books.deal ? { ...books, deal: { ...books.deal, stagePushed: crmStage } } : books),
				sync: true,
				done: `Order ${orderId} is now ${status} on the sheet, as the CRM shows.`,
			};
		}
		case "retry-shipment":
			// The sync creates the shipment of an order Ready to ship that has none; it finds one a lost answer made.
			return { cells: [], sync: true, done: `Order ${orderId}: the shipment was tried again.` };
		case "push-tracking-to-etsy":
			return {
				cells: [],
				bookkeeping: ({ etsyTracking: _forgotten, ...books }) => books,
				sync: true,
				done: `Order ${orderId}: the tracking number was sent to Etsy.`,
			};
	}
}

/** The fix a finding of this order offers for `action` (its main fix or an alternative), if any still does. */
export function offeredFix(findings: readonly Finding[], orderId: string, action: FixAction): Fix | undefined {
	return findings
		.filter((finding) => finding.orderId === orderId)
		.flatMap((finding) => [...(finding.fix ? [finding.fix] : []), ...(finding.alternatives ?? [])])
		.find((fix) => fix.action === action);
}

/** True when the finding offers this fix, as its main fix or as one of the alternatives. */
export function offers(finding: Finding, action: FixAction): boolean {
	return finding.fix?.action === action || (finding.alternatives ?? []).some((fix) => fix.action === action);
}

/** The findings left once `action` resolved the order's findings that offered it. */
export function withoutResolved(findings: readonly Finding[], orderId: string, action: FixAction): Finding[] {
	return sortFindings(findings.filter((finding) => !(finding.orderId === orderId && offers(finding, action))));
}

/** Every fix the sidebar may offer. */
export const FIX_ACTIONS: readonly FixAction[] = [
	"mark-cancelled",
	"push-status-to-crm",
	"take-crm-stage",
	"retry-shipment",
	"push-tracking-to-etsy",
];

/**
 * The fix the sidebar asks for, checked against the stored findings: a stale sidebar cannot apply a
 * fix no finding offers any more. `orderId` and `action` come from google.script.run: anything.
 */
export function requestedFix(
	findings: readonly Finding[],
	orderId: unknown,
	action: unknown,
): { orderId: string; action: FixAction; fix: Fix } {
	const id = typeof orderId === "string" ? orderId.trim() : "";
	if (typeof action !== "string" || !FIX_ACTIONS.includes(action as FixAction))
		throw new Error(`Unknown fix "${String(action).slice(0, 40)}".`);
	const fix = offeredFix(findings, id, action as FixAction);
	if (!fix)
		throw new Error(`No finding of order ${id || "(none)"} offers this fix any more; the list was out of date.`);
	return { orderId: id, action: action as FixAction, fix };
}

/** What a fix that ran a sync says: its own words, then the sync's; throws when the sync failed. */
export function fixWithSyncWords(done: string, sync: { status: string; message: string }): string {
	if (sync.status === "busy") return `${done} Another sync is running; it takes the change with it.`;
	if (sync.status !== "completed") throw new Error(sync.message);
	return `${done} ${sync.message}`;
}

/**
 * A fix that changes bookkeeping waits for no sync: a running one would write back its own copy of
 * the order's bookkeeping when it ends, and undo the fix without a word. What the owner is told then.
 */
export const FIX_WHILE_SYNCING = "A sync is running right now: try the fix again in a minute.";

/** The order's Issues cell once a fix resolved some findings: the remaining findings of that order only. */
export function issuesAfterFix(findings: readonly Finding[], orderId: string): string {
	return issuesCellText(findings.filter((finding) => finding.orderId === orderId));
}
