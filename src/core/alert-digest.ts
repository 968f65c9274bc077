/**
 * The words of an alert e-mail: its subject and its plain-text body, the items grouped by kind,
 * most urgent first, each on one plain line (untrusted text cannot forge a header or a section).
 */
import type { AlertItem, AlertKind } from "./alert-items.js";
import { formatMoment } from "./reconcile/wording.js";

/** The name an alert e-mail comes from, in the owner's inbox. */
export const ALERT_SENDER_NAME = "Hubsheet";

const HEADINGS: Record<AlertKind, string> = {
	"syncs-failing": "Syncs are failing",
	reconnect: "Connections to sign in to again",
	"red-finding": "Orders that need you",
	"past-ship-by": "Orders past their Ship by date",
	"step-finding": "Steps not done",
};
const KIND_ORDER: AlertKind[] = ["syncs-failing", "reconnect", "past-ship-by", "red-finding", "step-finding"];
/** A digest lists this many items; the rest are counted (the sidebar lists them all). */
const MAX_LINES = 30;
/** One line of a digest at most this long: a long buyer note cannot bury the rest. */
const MAX_LINE_LENGTH = 300;

/**
 * Plain text only: control characters out (a header injection needs a line break), one line, cut.
 * The mail is sent as text, so nothing in it is ever rendered as HTML or turned into a link by us.
 */
export function plainLine(text: string): string {
	const flat = text
		.replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
		.replace(/\s+/g, " ")
		.trim();
	return flat.length <= MAX_LINE_LENGTH ? flat : `${flat.slice(0, MAX_LINE_LENGTH - 1).trimEnd()}…`;
}

/** The body: the morning summary when due, then the items by kind, then the spreadsheet's link. */
export function digestBody(
	items: readonly AlertItem[],
	input: { now: number; timeZone: string; url: string },
	summary: string[] | null,
): string {
	const lines: string[] = [];
	if (summary) {
		lines.push(`Good morning. Your shop at ${formatMoment(input.now, input.timeZone)}:`, "");
		for (const line of summary) lines.push(`- ${plainLine(line)}`);
		lines.push("");
	}
	let shown = 0;
	for (const kind of KIND_ORDER) {
		const ofKind = items.filter((item) => item.kind === kind);
		if (ofKind.length === 0) continue;
		lines.push(`${HEADINGS[kind]}:`);
		for (const item of ofKind) {
			if (shown >= MAX_LINES) break;
			lines.push(`- ${plainLine(item.line)}`);
			shown++;
		}
		lines.push("");
	}
	if (items.length > shown) lines.push(`And ${items.length - shown} more: open the sidebar to see them all.`, "");
	lines.push(
		`Open the spreadsheet: ${input.url}`,
		"",
		"Hubsheet sends these e-mails once for each new problem. To change who gets them or to quiet them, " +
			'edit the "Alert e-mails" rows on the Settings sheet.',
	);
	return lines.join("\n");
}

export function subjectOf(items: readonly AlertItem[], summary: boolean): string {
	if (items.length === 0) return "Hubsheet: your morning summary";
	const first = KIND_ORDER.find((kind) => items.some((item) => item.kind === kind)) as AlertKind;
	const more = items.length > 1 ? ` (and ${items.length - 1} more)` : "";
	return `Hubsheet${summary ? " morning summary" : ""}: ${HEADINGS[first]}${more}`;
}
