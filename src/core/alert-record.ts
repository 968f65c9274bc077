/**
 * The record of what was mailed, kept by the engine between runs (one small JSON value in a cell):
 * each alert's key remembered compactly while its condition lasts, at most MAX_REMEMBERED of them.
 */
import type { AlertItem, AlertKind } from "./alert-items.js";

export interface AlertRecord {
	/** Alert key -> when it was mailed (or passed over in quiet mode). */
	sent: Record<string, number>;
	/** The calendar day (day count in the spreadsheet's zone) `mails` counts. */
	day?: number;
	mails?: number;
	/** The day the morning summary was last sent. */
	summaryDay?: number;
}

function kindOf(key: string): string {
	return key.slice(0, key.indexOf(":") < 0 ? key.length : key.indexOf(":"));
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

/**
 * The record's keys without those of conditions that have cleared (a kind this run `judged` whose
 * key is not among `items`), so a later occurrence is new.
 */
export function prunedKeys(
	record: AlertRecord,
	items: readonly AlertItem[],
	judged: readonly AlertKind[],
): Record<string, number> {
	const judgedKinds = new Set<string>(judged);
	const active = new Set(items.map((item) => recordKey(item.key)));
	return Object.fromEntries(
		Object.entries(record.sent ?? {}).filter(([key]) => active.has(key) || !judgedKinds.has(kindOf(key))),
	);
}

/** The record with at most MAX_REMEMBERED keys, the newest kept. */
export function cappedRecord(record: AlertRecord): AlertRecord {
	const entries = Object.entries(record.sent);
	if (entries.length <= MAX_REMEMBERED) return record;
	const sent = Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_REMEMBERED));
	return { ...record, sent };
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
