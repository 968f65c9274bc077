/**
 * Alerts by e-mail: which of this run's alerts to mail, to whom, in one plain-text digest. Pure:
 * the engine gathers the alert items (core/alert-items.ts), reads the record of what was already
 * sent and MailApp's quota, and sends what this returns.
 *
 * Promises kept here: at most one digest per run to the owner (and the extra addresses on
 * Settings), plus one per step owner for that step's items; never the same alert twice (each item
 * has a key, and a key once mailed is remembered while its condition lasts); never more mails a day
 * than Settings allows nor than MailApp's quota has left; nothing at all in quiet mode.
 */
import { calendarDay, clockHour, formatMoment } from "./reconcile/wording.js";

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

export interface AlertSettings {
	/** "quiet": no e-mail at all; what happens meanwhile is not sent later either. */
	quiet: boolean;
	/** Syncs failed in a row before the owner is told. */
	failedSyncs: number;
	/** Mails a day at most, whatever MailApp's quota would allow. */
	perDay: number;
	/** More addresses that get the owner's digest (already checked: only valid addresses). */
	alsoTo: string[];
	/** The hour (0-23, spreadsheet time zone) after which the first run of the day sends a summary; null for none. */
	morningHour: number | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
	quiet: false,
	failedSyncs: 3,
	perDay: 20,
	alsoTo: [],
	morningHour: null,
};

/** MailApp allows 100 recipients a day on a consumer account; Settings may not ask for more than this. */
export const MAX_ALERT_MAILS_PER_DAY = 50;

/** What was mailed, kept by the engine between runs (one small JSON value). */
export interface AlertRecord {
	/** Alert key -> when it was mailed (or passed over in quiet mode). */
	sent: Record<string, number>;
	/** The calendar day (day count in the spreadsheet's zone) `mails` counts. */
	day?: number;
	mails?: number;
	/** The day the morning summary was last sent. */
	summaryDay?: number;
}

export interface AlertMail {
	to: string[];
	subject: string;
	body: string;
}

export interface AlertPlanInput {
	items: readonly AlertItem[];
	/** The kinds this run looked at: a remembered key of such a kind that is not among `items` has cleared. */
	judged: readonly AlertKind[];
	record: AlertRecord;
	settings: AlertSettings;
	/** The owner's address (the user the script runs as); null when Google does not tell. Asked only when a mail is due. */
	owner: () => string | null;
	/** MailApp.getRemainingDailyQuota(): recipients left today. Asked only when a mail is due. */
	quotaLeft: () => number;
	now: number;
	timeZone: string;
	/** The only link a mail carries. */
	spreadsheetUrl: () => string;
	/** The morning summary's lines, asked for only when one is due. */
	summary?: () => string[];
}

export interface AlertPlan {
	mails: AlertMail[];
	record: AlertRecord;
	/** Why something due was not sent (the daily limit, no address), for the log. */
	notes: string[];
}

const EMAIL = /^[^\s@<>,;"()]+@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;

export function isEmailAddress(text: string): boolean {
	return EMAIL.test(text.trim());
}

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

function kindOf(key: string): string {
	return key.slice(0, key.indexOf(":") < 0 ? key.length : key.indexOf(":"));
}

function digestBody(
	items: readonly AlertItem[],
	input: AlertPlanInput & { url: string },
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

function subjectOf(items: readonly AlertItem[], summary: boolean): string {
	if (items.length === 0) return "Hubsheet: your morning summary";
	const first = KIND_ORDER.find((kind) => items.some((item) => item.kind === kind)) as AlertKind;
	const more = items.length > 1 ? ` (and ${items.length - 1} more)` : "";
	return `Hubsheet${summary ? " morning summary" : ""}: ${HEADINGS[first]}${more}`;
}

/**
 * How a key is remembered: its kind and a 32-bit FNV-1a digest, so that the record of a shop with
 * hundreds of open red findings stays far below a cell's 50,000 characters (the engine store is a
 * sheet). A collision would only make one alert count as sent.
 */
export function recordKey(key: string): string {
	let value = 0x811c9dc5;
	for (let index = 0; index < key.length; index++) {
		value ^= key.charCodeAt(index);
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return `${kindOf(key)}:${value.toString(36)}`;
}

/** At most this many keys are remembered (about 30,000 characters); the oldest go first. */
export const MAX_REMEMBERED = 1000;

/** The record without the keys of conditions that have cleared, so a later occurrence is new. */
function pruned(record: AlertRecord, input: AlertPlanInput): Record<string, number> {
	const judged = new Set<string>(input.judged);
	const active = new Set(input.items.map((item) => recordKey(item.key)));
	return Object.fromEntries(
		Object.entries(record.sent ?? {}).filter(([key]) => active.has(key) || !judged.has(kindOf(key))),
	);
}

/** The plan with at most MAX_REMEMBERED keys, the newest kept. */
function capped(plan: AlertPlan): AlertPlan {
	const entries = Object.entries(plan.record.sent);
	if (entries.length <= MAX_REMEMBERED) return plan;
	const sent = Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMEMBERED));
	return { ...plan, record: { ...plan.record, sent } };
}

export function planAlerts(input: AlertPlanInput): AlertPlan {
	const today = calendarDay(input.now, input.timeZone);
	const sent = pruned(input.record, input);
	const record: AlertRecord = { ...input.record, sent };
	// The day's count is written only with a mail: a quiet day costs no write.
	let mailsToday = record.day === today ? (record.mails ?? 0) : 0;
	const fresh = input.items.filter(
		(item, index, all) =>
			sent[recordKey(item.key)] === undefined && all.findIndex((other) => other.key === item.key) === index,
	);
	const summaryDue =
		input.settings.morningHour !== null &&
		record.summaryDay !== today &&
		clockHour(input.now, input.timeZone) >= input.settings.morningHour;
	const notes: string[] = [];
	if (input.settings.quiet) {
		// Quiet means quiet: what happens now is not sent later either (the sidebar shows it).
		for (const item of fresh) sent[recordKey(item.key)] = input.now;
		if (summaryDue) record.summaryDay = today;
		return capped({ mails: [], record, notes });
	}
	const summary = summaryDue && input.summary ? input.summary() : null;
	if (fresh.length === 0 && summary === null) return capped({ mails: [], record, notes });

	const withUrl = { ...input, url: input.spreadsheetUrl() };
	const wanted: Array<{ mail: AlertMail; items: AlertItem[]; summary: boolean }> = [];
	const ownerTo = [
		...new Set([input.owner(), ...input.settings.alsoTo].filter((a): a is string => !!a && isEmailAddress(a))),
	];
	if (ownerTo.length > 0) {
		wanted.push({
			mail: { to: ownerTo, subject: subjectOf(fresh, summary !== null), body: digestBody(fresh, withUrl, summary) },
			items: fresh,
			summary: summary !== null,
		});
	} else notes.push("No address to send alerts to: Google did not tell the owner's address and Settings lists none.");
	// A step owner gets the items of their step, in a digest of their own.
	const byRecipient = new Map<string, AlertItem[]>();
	for (const item of fresh) {
		const to = item.recipient?.trim().toLowerCase();
		if (!to) continue;
		if (!isEmailAddress(to)) {
			notes.push(`"${plainLine(item.recipient ?? "")}" is not an e-mail address: the alert went to the owner only.`);
			continue;
		}
		if (ownerTo.some((address) => address.toLowerCase() === to)) continue;
		byRecipient.set(to, [...(byRecipient.get(to) ?? []), item]);
	}
	for (const [to, items] of byRecipient) {
		wanted.push({
			mail: { to: [to], subject: subjectOf(items, false), body: digestBody(items, withUrl, null) },
			items,
			summary: false,
		});
	}

	const mails: AlertMail[] = [];
	let quotaLeft = input.quotaLeft();
	let held = false;
	for (const [index, { mail, items, summary: withSummary }] of wanted.entries()) {
		// Once one digest waits, the rest wait too: a step owner never hears before the owner does.
		if (held || mailsToday >= input.settings.perDay || quotaLeft < mail.to.length) {
			if (!held)
				notes.push(
					`Alert e-mails held back: today's limit is reached (${input.settings.perDay} a day on Settings; Google's quota has ${quotaLeft} recipients left). They go out with the next sync after midnight if still true.`,
				);
			held = true;
			continue;
		}
		mailsToday++;
		record.day = today;
		record.mails = mailsToday;
		quotaLeft -= mail.to.length;
		const last =
			mailsToday >= input.settings.perDay
				? `\n\nThis is the last alert e-mail today (${input.settings.perDay} a day, "Alert e-mails per day" on Settings); anything new waits for tomorrow.`
				: "";
		mails.push({ ...mail, body: mail.body + last });
		if (withSummary) record.summaryDay = today;
		// The owner's digest lists everything: its items are done. A step owner's digest alone (no
		// owner address) marks its own.
		if (index === 0 || ownerTo.length === 0) for (const item of items) sent[recordKey(item.key)] = input.now;
	}
	return capped({ mails, record, notes });
}

/** The record as the engine keeps it; anything unreadable starts over (at worst, one repeated mail). */
export function parseAlertRecord(text: string | null): AlertRecord {
	if (!text) return { sent: {} };
	try {
		const parsed = JSON.parse(text) as AlertRecord;
		if (!parsed || typeof parsed !== "object" || typeof parsed.sent !== "object" || parsed.sent === null)
			return { sent: {} };
		return parsed;
	} catch {
		return { sent: {} };
	}
}
