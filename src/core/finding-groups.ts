/**
 * Findings grouped by cause: when many orders fail for one reason (a CRM's rate limit, an outage, a
 * refused sign-in), the owner reads one sentence and the list of orders, not twenty-five identical
 * cards. Pure: the sidebar and the sync's summary share it.
 */
import { type Finding, SEVERITY_ORDER, type Severity } from "./findings.js";

/** From this many orders with one cause on, they show as one group. */
export const GROUP_FROM = 3;

export interface CauseGroup {
	cause: string;
	severity: Severity;
	/** One plain sentence: what happened to how many, and what happens next or what to do. */
	headline: string;
	/** The orders, each with its buyer's name, in order-number order. */
	orders: Array<{ orderId: string; buyer: string }>;
	findings: Finding[];
}

export interface GroupedFindings {
	causes: CauseGroup[];
	/** Findings not part of a group. */
	rest: Finding[];
}

/** The cause key push-failed gives: `push-failed|<platform>|<kind>|<operation>|<words>`. */
export function pushCause(platform: string, kind: string, operation: string, words: string): string {
	// Passing trouble and a refused sign-in are one cause whatever each answer said in detail.
	const sameForAll = kind === "rate-limit" || kind === "unavailable" || kind === "auth" || kind === "malformed";
	return ["push-failed", platform, kind, operation, sameForAll ? "" : words].join("|");
}

const UPDATES: Record<string, [string, string]> = {
	"create-deal": ["new deal", "new deals"],
	"move-stage": ["stage change", "stage changes"],
	"create-shipment": ["shipment", "shipments"],
	"submit-tracking": ["tracking number", "tracking numbers"],
	"": ["update", "updates"],
};

function headlineOf(cause: string, findings: readonly Finding[]): string {
	const count = findings.length;
	const [kind, platform = "", errorKind = "", operation = ""] = cause.split("|");
	if (kind !== "push-failed") return `${count} orders: ${findings[0]?.summary ?? findings[0]?.message ?? ""}`;
	const [one, many] = UPDATES[operation] ?? (UPDATES[""] as [string, string]);
	const what = `${count} ${count === 1 ? one : many}`;
	switch (errorKind) {
		case "rate-limit":
			return `${platform} refused ${what}: too many requests; they will be retried at the next sync.`;
		case "unavailable":
			return `${platform} could not be reached for ${what}; they will be retried at the next sync.`;
		case "malformed":
			return `${platform} gave answers Hubsheet could not read for ${what}; they will be retried at the next sync.`;
		case "auth":
			return `${platform} did not accept Hubsheet's sign-in for ${what}: reconnect ${platform} in Hubsheet > Settings.`;
		default: {
			const words = findings[0]?.message ?? "";
			return `${what} for ${platform} need the same correction: ${words}`;
		}
	}
}

/**
 * Splits findings into cause groups (GROUP_FROM or more orders sharing a cause) and the rest. A
 * group takes its worst finding's severity; groups come worst first, then largest.
 */
export function groupByCause(findings: readonly Finding[], from = GROUP_FROM): GroupedFindings {
	const byCause = new Map<string, Finding[]>();
	for (const finding of findings) {
		if (!finding.cause) continue;
		byCause.set(finding.cause, [...(byCause.get(finding.cause) ?? []), finding]);
	}
	const causes: CauseGroup[] = [];
	const grouped = new Set<Finding>();
	for (const [cause, members] of byCause) {
		const orderIds = new Set(members.map((finding) => finding.orderId));
		if (orderIds.size < from) continue;
		for (const finding of members) grouped.add(finding);
		const sorted = [...members].sort((a, b) => a.orderId.localeCompare(b.orderId, "en", { numeric: true }));
		const orders: CauseGroup["orders"] = [];
		for (const finding of sorted) {
			if (!orders.some((order) => order.orderId === finding.orderId))
				orders.push({ orderId: finding.orderId, buyer: finding.buyer ?? "" });
		}
		const severity = members.reduce<Severity>(
			(worst, finding) => (SEVERITY_ORDER[finding.severity] < SEVERITY_ORDER[worst] ? finding.severity : worst),
			"info",
		);
		causes.push({ cause, severity, headline: headlineOf(cause, sorted), orders, findings: sorted });
	}
	causes.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.orders.length - a.orders.length);
	return { causes, rest: findings.filter((finding) => !grouped.has(finding)) };
}
