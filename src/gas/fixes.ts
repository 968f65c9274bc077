/**
 * The one-click fixes the sidebar offers with a finding. The sidebar asks the owner to confirm
 * first; here each fix is checked against the stored findings (a stale sidebar cannot apply a fix
 * no finding offers any more), carried out, and the findings it resolved are dropped.
 *
 * Fixes that need a CRM or a courier connector are registered as "not available" until the sync
 * engine supports them; replacing one is one entry of FIX_HANDLERS.
 */
import { type Finding, type Fix, type FixAction, sortFindings } from "../core/findings.js";
import type { FixResult } from "../ui/sidebar-api.js";
import { loadFindings, saveFindings } from "./findings-store.js";
import { columnOf, findOrderRow } from "./order-rows.js";

/**
 * Carries out the fix for one order and returns what it did, in plain words; throws to refuse.
 * It gets the fix as the owner read and confirmed it (with its `value`, where it writes one).
 */
export type FixHandler = (orderId: string, fix: Fix) => string;

function notAvailable(what: string): FixHandler {
	return () => {
		throw new Error(`Not available yet: connect ${what} first (Hubsheet > Settings).`);
	};
}

function markCancelled(orderId: string): string {
	const found = findOrderRow(orderId);
	if (!found) throw new Error(`Order ${orderId} is not on the Orders sheet any more.`);
	const statusColumn = columnOf(found.header, "Status");
	if (statusColumn === 0) throw new Error('The Orders sheet has no "Status" column: run Hubsheet > Set up sheets.');
	// setValue, as the owner's own edit: the Status dropdown's validation applies.
	found.sheet.getRange(found.row, statusColumn).setValue("Cancelled");
	return `Order ${orderId} is now Cancelled on the sheet.`;
}

export const FIX_HANDLERS: Record<FixAction, FixHandler> = {
	"mark-cancelled": markCancelled,
	"push-status-to-crm": notAvailable("a CRM"),
	"take-crm-stage": notAvailable("a CRM"),
	"retry-shipment": notAvailable("a courier"),
	"push-tracking-to-etsy": notAvailable("a courier"),
};

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
	const remaining = withoutResolved(findings, id, action as FixAction);
	saveFindings(remaining);
	return { message, findings: remaining };
}
