/**
 * What an alert item is, and the alert items of one run, from what the run learnt: its findings,
 * whether it failed, and the connections that need signing in again. Each item's key names one
 * occurrence, so the planner (core/alert-plan.ts) mails it once.
 */
import type { Finding } from "./findings.js";
import { formatMoment, plural } from "./reconcile/wording.js";

export type AlertKind =
	/** A red (error) finding appeared on an order. */
	| "red-finding"
	/** An order passed its Ship by day unshipped. */
	| "past-ship-by"
	/** Syncs failed this many times in a row. */
	| "syncs-failing"
	/** A connection needs the owner to sign in again (Etsy's sign-in ageing, a refused key). */
	| "reconnect"
	/** A finding on a step that has an owner of its own (definition of done per status). */
	| "step-finding";

export interface AlertItem {
	/**
	 * Stable for one occurrence of the condition, starting with the kind: `red-finding:<order>:<kind>:<opened>`.
	 * A key mailed once is never mailed again while the condition lasts.
	 */
	key: string;
	kind: AlertKind;
	/** One line of plain text; may quote a buyer's or a platform's words (never rendered as HTML). */
	line: string;
	orderId?: string;
	/**
	 * Someone else who gets this item too, in a digest of their own (the owner of the step the
	 * finding is about). Must be an e-mail address; anything else is ignored with a note.
	 */
	recipient?: string;
}

/**
 * Alerts for the findings that need the owner: a red finding, an order past its Ship by date (red
 * once the day is over), and any finding whose step has an owner of its own (`recipientOf`).
 * `openedAt` is when the finding opened (bookkeeping's findingsSince): a finding that closes and
 * opens again is a new alert. The step owner is the finding's own (Settings > Definition of done)
 * unless `recipientOf` says otherwise; one known only by name is not mailed.
 */
export function findingAlerts(
	findings: readonly Finding[],
	openedAt: (orderId: string, kind: string) => number | undefined,
	recipientOf: (finding: Finding) => string | undefined = (finding) => finding.stepOwner?.email ?? undefined,
): AlertItem[] {
	const items: AlertItem[] = [];
	for (const finding of findings) {
		const recipient = recipientOf(finding)?.trim();
		const red = finding.severity === "error";
		if (!red && !recipient) continue;
		const kind = !red ? "step-finding" : finding.kind === "past-ship-by" ? "past-ship-by" : "red-finding";
		const buyer = finding.buyer ? ` (${finding.buyer})` : "";
		items.push({
			key: `${kind}:${finding.orderId}:${finding.kind}:${openedAt(finding.orderId, finding.kind) ?? ""}`,
			kind,
			line: `Order ${finding.orderId}${buyer}: ${finding.message}`,
			orderId: finding.orderId,
			...(recipient ? { recipient } : {}),
		});
	}
	return items;
}

/** Syncs failed in a row: how many, since when, and the latest reason. */
export interface FailStreak {
	count: number;
	since: number;
	last: string;
}

/** The streak after this run: `failure` is why it failed, null when it worked (the streak ends). */
export function nextFailStreak(previous: FailStreak | null, failure: string | null, now: number): FailStreak | null {
	if (failure === null) return null;
	return previous
		? { count: previous.count + 1, since: previous.since, last: failure }
		: { count: 1, since: now, last: failure };
}

export function failingSyncsAlert(streak: FailStreak | null, threshold: number, timeZone: string): AlertItem | null {
	if (!streak || streak.count < threshold) return null;
	return {
		key: `syncs-failing:${streak.since}`,
		kind: "syncs-failing",
		line: `${plural(streak.count, "sync")} in a row failed, since ${formatMoment(streak.since, timeZone)}. The latest said: ${streak.last}`,
	};
}

/** A connection the owner must sign in to again: refused now, or Etsy's sign-in about to lapse. */
export interface ReconnectNeed {
	platform: string;
	reason: "refused" | "lapsing";
	/** The owner-facing sentence (what happened and what to do). */
	message: string;
	/** Tells one occurrence from the next (the sign-in's issue time for a lapsing one). */
	since?: number;
}

export function reconnectAlerts(needs: readonly ReconnectNeed[]): AlertItem[] {
	return needs.map((need) => ({
		key: `reconnect:${need.platform}:${need.reason}:${need.since ?? ""}`,
		kind: "reconnect",
		line: `${need.platform}: ${need.message}`,
	}));
}

/** The morning summary's lines: orders per status, late orders, open findings by severity. */
export function morningSummaryLines(
	strip: { statuses: ReadonlyArray<{ status: string; orders: number }>; late: number } | undefined,
	findings: readonly Finding[],
): string[] {
	const lines: string[] = [];
	if (strip && strip.statuses.length > 0) {
		lines.push(`Orders by status: ${strip.statuses.map(({ status, orders }) => `${status} ${orders}`).join(", ")}.`);
	}
	if (strip) lines.push(`Late (past Ship by, not shipped): ${strip.late}.`);
	const red = findings.filter((finding) => finding.severity === "error").length;
	const yellow = findings.filter((finding) => finding.severity === "warning").length;
	lines.push(`Open findings: ${red} that need action, ${yellow} ${yellow === 1 ? "warning" : "warnings"}.`);
	return lines;
}
