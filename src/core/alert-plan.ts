/**
 * Alerts by e-mail: which of this run's alerts to mail, to whom, in one plain-text digest. Pure:
 * the engine gathers the alert items (core/alert-items.ts), reads the record of what was already
 * sent (core/alert-record.ts) and MailApp's quota, and sends what this returns; the mails' words
 * are core/alert-digest.ts's, the owner's settings core/alert-settings.ts's.
 *
 * Promises kept here: at most one digest per run to the owner (and the extra addresses on
 * Settings), plus one per step owner for that step's items; never the same alert twice (each item
 * has a key, and a key once mailed is remembered while its condition lasts); never more mails a day
 * than Settings allows nor than MailApp's quota has left; nothing at all in quiet mode.
 */

import { digestBody, plainLine, subjectOf } from "./alert-digest.js";
import type { AlertItem, AlertKind } from "./alert-items.js";
import { type AlertRecord, cappedRecord, prunedKeys, recordKey } from "./alert-record.js";
import { type AlertSettings, isEmailAddress } from "./alert-settings.js";
import { calendarDay, clockHour } from "./reconcile/wording.js";

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

/** The plan with at most MAX_REMEMBERED keys in its record (core/alert-record.ts). */
function capped(plan: AlertPlan): AlertPlan {
	return { ...plan, record: cappedRecord(plan.record) };
}

export function planAlerts(input: AlertPlanInput): AlertPlan {
	const today = calendarDay(input.now, input.timeZone);
	const sent = prunedKeys(input.record, input.items, input.judged);
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
