/**
 * A finding: one way in which the platforms disagree about an order, in plain language, with the
 * values that disagree and, where one is safe, a fix the owner can apply with one click.
 * Reconciliation rules (src/core/reconcile/) return findings; the Issues column, the row tint and
 * the sidebar show them.
 */
import type { PlatformName } from "./connector-contracts.js";

export type Severity = "error" | "warning" | "info";

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export type FindingKind =
	| "crm-stage-differs"
	| "courier-ahead"
	| "shipped-without-tracking"
	| "tracking-not-on-etsy"
	| "cancelled-on-etsy"
	| "address-changed-after-shipment"
	| "crm-amount-differs"
	| "past-ship-by"
	| "stuck-in-status"
	| "push-failed"
	| "duplicate-rows"
	| "unknown-order"
	| "awaiting-payment"
	| "untrusted-link"
	| "ship-to-missing"
	| "not-done";

export type FixAction =
	| "push-status-to-crm"
	| "take-crm-stage"
	| "retry-shipment"
	| "push-tracking-to-etsy"
	| "mark-cancelled";

export interface Fix {
	action: FixAction;
	/** The button's words, e.g. "Move the deal to Production". */
	label: string;
	/** What the owner confirms before it acts. */
	confirm: string;
	/**
	 * The value the fix writes (a CRM stage, a Status, a tracking number), so that the click acts on
	 * exactly what the owner read and confirmed, and can refuse if the order changed in between.
	 */
	value?: string;
}

export interface Finding {
	orderId: string;
	kind: FindingKind;
	severity: Severity;
	/** One or two plain sentences; may quote platform text, so it is always shown escaped. */
	message: string;
	/** The platforms and the values they hold, e.g. { Sheet: "Production", "Acme CRM": "Design" }. */
	values: Partial<Record<PlatformName | "Sheet", string>>;
	fix?: Fix;
	/** Other safe fixes, offered beside `fix` when the owner must choose which side is right. */
	alternatives?: Fix[];
	/** A few words for the Issues column, e.g. "Acme CRM stage Design ≠ Production"; `message` when absent. */
	summary?: string;
	/**
	 * The platform's own words behind a message put in the sheet's words (a courier's field errors,
	 * its raw parcel state), for whoever helps the owner; the sidebar shows them folded away.
	 */
	details?: string;
	/** The buyer's name from the order's row, so a list of orders says whose each one is. */
	buyer?: string;
	/**
	 * Findings of different orders with the same cause (one rate limit, one outage) share this key,
	 * so the sidebar shows them as one group (core/finding-groups.ts).
	 */
	cause?: string;
	/**
	 * Who owns the step the finding is about (Settings > Definition of done), so that alerts can
	 * reach them; their name is in `message` too.
	 */
	stepOwner?: { name: string; email: string | null };
}

/** Most severe first, then by order id, so the list is stable between runs. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
	return [...findings].sort(
		(a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.orderId.localeCompare(b.orderId),
	);
}
