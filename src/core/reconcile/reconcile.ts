/**
 * Runs every reconciliation rule over every order, and turns the findings into what the sheet shows:
 * a short Issues text and a row tint per order. Both are recomputed from scratch on every sync, so a
 * finding clears itself as soon as the disagreement is gone; the engine writes only the cells whose
 * text changed.
 */
import { type Finding, type FindingKind, SEVERITY_ORDER, type Severity, sortFindings } from "../findings.js";
import { addressChangedAfterShipment } from "./address-changed-after-shipment.js";
import { awaitingPaymentRule } from "./awaiting-payment.js";
import { cancelledOnEtsy } from "./cancelled-on-etsy.js";
import { courierAhead } from "./courier-ahead.js";
import { crmAmountDiffers } from "./crm-amount-differs.js";
import { crmStageDiffers } from "./crm-stage-differs.js";
import { duplicateRows } from "./duplicate-rows.js";
import { notDone } from "./not-done.js";
import { cellText, type OrderSnapshot, type ReconcileContext, type Rule } from "./order-snapshot.js";
import { pastShipBy } from "./past-ship-by.js";
import { pushFailed } from "./push-failed.js";
import { shipToMissing } from "./ship-to-missing.js";
import { shippedWithoutTracking } from "./shipped-without-tracking.js";
import { stuckInStatus } from "./stuck-in-status.js";
import { trackingNotOnEtsy } from "./tracking-not-on-etsy.js";
import { unknownOrder } from "./unknown-order.js";
import { untrustedLink } from "./untrusted-link.js";
import { clip } from "./wording.js";

/** Every rule, in the order its findings are listed within one severity. */
export const RULES: ReadonlyArray<{ kind: FindingKind; check: Rule }> = [
	{ kind: "cancelled-on-etsy", check: cancelledOnEtsy },
	{ kind: "address-changed-after-shipment", check: addressChangedAfterShipment },
	{ kind: "past-ship-by", check: pastShipBy },
	{ kind: "push-failed", check: pushFailed },
	{ kind: "crm-stage-differs", check: crmStageDiffers },
	{ kind: "courier-ahead", check: courierAhead },
	{ kind: "shipped-without-tracking", check: shippedWithoutTracking },
	{ kind: "tracking-not-on-etsy", check: trackingNotOnEtsy },
	{ kind: "duplicate-rows", check: duplicateRows },
	{ kind: "unknown-order", check: unknownOrder },
	{ kind: "crm-amount-differs", check: crmAmountDiffers },
	{ kind: "stuck-in-status", check: stuckInStatus },
	{ kind: "awaiting-payment", check: awaitingPaymentRule },
	{ kind: "untrusted-link", check: untrustedLink },
	{ kind: "ship-to-missing", check: shipToMissing },
	{ kind: "not-done", check: notDone },
];

const RULE_RANK = new Map<FindingKind, number>(RULES.map((rule, index) => [rule.kind, index]));

/** A rule that threw on an order: a bug or unreadable data, logged by the engine; the other rules still ran. */
export interface RuleFailure {
	orderId: string;
	kind: FindingKind;
	message: string;
}

export interface Reconciliation {
	/** Most severe first, then by order id (see sortFindings). */
	findings: Finding[];
	failures: RuleFailure[];
}

export function reconcile(
	snapshots: readonly OrderSnapshot[],
	context: ReconcileContext,
	rules: ReadonlyArray<{ kind: FindingKind; check: Rule }> = RULES,
): Reconciliation {
	const findings: Finding[] = [];
	const failures: RuleFailure[] = [];
	for (const snapshot of snapshots) {
		for (const rule of rules) {
			try {
				const buyer = cellText(snapshot.rows[0]?.cells.buyer);
				for (const finding of rule.check(snapshot, context)) {
					if (buyer !== "" && finding.buyer === undefined) finding.buyer = buyer;
					findings.push(finding);
				}
			} catch (error) {
				failures.push({
					orderId: snapshot.orderId,
					kind: rule.kind,
					message: error instanceof Error ? error.message : String(error),
				});
			}
		}
	}
	return { findings: sortFindings(findings), failures };
}

export function findingsByOrder(findings: readonly Finding[]): Map<string, Finding[]> {
	const byOrder = new Map<string, Finding[]>();
	for (const finding of findings) {
		const list = byOrder.get(finding.orderId);
		if (list) list.push(finding);
		else byOrder.set(finding.orderId, [finding]);
	}
	return byOrder;
}

// ---------------------------------------------------------------- the Issues column

export const SEVERITY_SYMBOL: Record<Severity, string> = { error: "✖", warning: "⚠", info: "ℹ" };

/** Long enough for three or four findings; the sidebar has the full messages. */
export const ISSUES_MAX_LENGTH = 200;
const ITEM_MAX_LENGTH = 80;
const SEPARATOR = "; ";

function bySeverityThenRule(a: Finding, b: Finding): number {
	return (
		SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
		(RULE_RANK.get(a.kind) ?? 99) - (RULE_RANK.get(b.kind) ?? 99) ||
		byText(a.summary ?? a.message, b.summary ?? b.message)
	);
}

/** Code-unit order: localeCompare may differ between Apps Script and Node, and the text must not. */
function byText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One order's findings as the Issues cell shows them: "✖ cancelled on Etsy; ⚠ Acme CRM stage
 * Design ≠ Production". Worst first, the same text for the same findings in any order, and never
 * longer than `maxLength`: what does not fit is counted as "+2 more". Empty when there is nothing.
 */
export function issuesCellText(findings: readonly Finding[], maxLength = ISSUES_MAX_LENGTH): string {
	const items = [
		...new Set(
			[...findings]
				.sort(bySeverityThenRule)
				.map(
					(finding) =>
						`${SEVERITY_SYMBOL[finding.severity]} ${clip(finding.summary ?? finding.message, ITEM_MAX_LENGTH)}`,
				),
		),
	];
	for (let shown = items.length; shown >= 1; shown--) {
		const hidden = items.length - shown;
		const text = items.slice(0, shown).join(SEPARATOR) + (hidden > 0 ? `${SEPARATOR}+${hidden} more` : "");
		if (text.length <= maxLength) return text;
	}
	return clip(items.join(SEPARATOR), maxLength);
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
	let worst: Severity | null = null;
	for (const finding of findings) {
		if (worst === null || SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst]) worst = finding.severity;
	}
	return worst;
}

/** Light backgrounds that keep black text readable and differ from the column groups' header colours. */
export const SEVERITY_TINT: Record<Severity, string> = { error: "#f9d6d5", warning: "#fff2cc", info: "#e8f0fe" };

/** The row's background for its worst finding; null for a row without findings (no tint). */
export function rowTint(findings: readonly Finding[]): string | null {
	const worst = worstSeverity(findings);
	return worst === null ? null : SEVERITY_TINT[worst];
}

export interface IssuesDiff {
	changed: boolean;
	/** Items that appeared, e.g. "⚠ ship by today". */
	added: string[];
	/** Items that are gone: the disagreements that resolved themselves since the last sync. */
	cleared: string[];
}

function issueItems(text: string): string[] {
	return text
		.split(SEPARATOR.trim())
		.map((item) => item.trim())
		.filter((item) => item !== "");
}

/** What changed between two Issues texts, item by item, for the sync log. */
export function diffIssues(previousText: string, nextText: string): IssuesDiff {
	const before = issueItems(previousText);
	const after = issueItems(nextText);
	return {
		changed: previousText.trim() !== nextText.trim(),
		added: after.filter((item) => !before.includes(item)),
		cleared: before.filter((item) => !after.includes(item)),
	};
}

export interface IssuesCellWrite {
	orderId: string;
	rowNumber: number;
	/** The new Issues text; null clears the cell. */
	value: string | null;
	previous: string;
	/** The row's new background; null removes the tint. */
	tint: string | null;
}

/**
 * The Issues cells to write: one per row (duplicates included) whose text differs from what the
 * sheet shows. Tint changes only with the worst severity, which the text's first symbol shows, so
 * re-tinting just these rows keeps every row right.
 */
export function planIssuesCells(snapshots: readonly OrderSnapshot[], findings: readonly Finding[]): IssuesCellWrite[] {
	const byOrder = findingsByOrder(findings);
	const writes: IssuesCellWrite[] = [];
	for (const snapshot of snapshots) {
		const own = byOrder.get(snapshot.orderId) ?? [];
		const text = issuesCellText(own);
		const tint = rowTint(own);
		for (const row of snapshot.rows) {
			const previous = cellText(row.cells.issues);
			if (previous === text) continue;
			writes.push({
				orderId: snapshot.orderId,
				rowNumber: row.rowNumber,
				value: text === "" ? null : text,
				previous,
				tint,
			});
		}
	}
	return writes;
}
