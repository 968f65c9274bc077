/**
 * Sheets keeps dates as serial numbers: whole days since 1899-12-30 plus the fraction of the day, as
 * wall-clock time in the spreadsheet's time zone. Apps Script converts to and from instants with that
 * zone, so the same cell is a different `Date` after `setSpreadsheetTimeZone`.
 */

export const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 to 1970-01-01. */
export const UNIX_EPOCH_SERIAL = 25_569;

export interface WallClock {
	year: number;
	/** 1-12 */
	month: number;
	day: number;
	hours: number;
	minutes: number;
	seconds: number;
	milliseconds: number;
	/** 0 = Sunday */
	weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat("en-US", {
			timeZone,
			hourCycle: "h23",
			year: "numeric",
			month: "numeric",
			day: "numeric",
			hour: "numeric",
			minute: "numeric",
			second: "numeric",
			era: "short",
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		formatterFor(timeZone);
		return true;
	} catch {
		return false;
	}
}

/** Offset of the zone from UTC at an instant, in ms (Warsaw in summer: +7,200,000). */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
	// Zone offsets only change on whole quarter hours, so one lookup serves a 15-minute bucket: a
	// 1,000-row column of dates costs a few Intl calls, not one per cell.
	const bucket = Math.floor(epochMs / 900_000);
	const key = `${timeZone}|${bucket}`;
	const cached = offsetCache.get(key);
	if (cached !== undefined) return cached;
	const at = bucket * 900_000;
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
	let year = Number(parts.year);
	if (parts.era === "BC" || parts.era === "B") year = 1 - year;
	const wall = Date.UTC(
		year,
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second),
	);
	// Date.UTC maps years 0-99 to 1900-1999; correct it for the rare ancient date.
	const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
	const offset = fixed - at;
	if (offsetCache.size > 50_000) offsetCache.clear();
	offsetCache.set(key, offset);
	return offset;
}

/** The instant a serial denotes in a zone. */
export function serialToEpochMs(serial: number, timeZone: string): number {
	const wall = Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
	// Two passes settle the offset at the instant itself, also right after a DST change.
	const first = wall - timeZoneOffsetMs(wall, timeZone);
	const second = wall - timeZoneOffsetMs(first, timeZone);
	return second;
}

export function epochMsToSerial(epochMs: number, timeZone: string): number {
	const wall = epochMs + timeZoneOffsetMs(epochMs, timeZone);
	return wall / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** Wall-clock fields of a serial, with no zone involved (a serial already is wall-clock time). */
export function serialToWallClock(serial: number): WallClock {
	const ms = Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY);
	const date = new Date(ms);
	return {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		hours: date.getUTCHours(),
		minutes: date.getUTCMinutes(),
		seconds: date.getUTCSeconds(),
		milliseconds: date.getUTCMilliseconds(),
		weekday: date.getUTCDay(),
	};
}

export function wallClockToSerial(
	year: number,
	month: number,
	day: number,
	hours = 0,
	minutes = 0,
	seconds = 0,
): number {
	const date = new Date(Date.UTC(2000, month - 1, day, hours, minutes, 0, 0));
	date.setUTCFullYear(year);
	return (date.getTime() + seconds * 1000) / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

export function isValidDate(year: number, month: number, day: number): boolean {
	if (month < 1 || month > 12 || day < 1) return false;
	const date = new Date(Date.UTC(2000, month - 1, 1));
	date.setUTCFullYear(year);
	date.setUTCMonth(month, 0);
	return day <= date.getUTCDate();
}

/** The calendar year in the zone at an instant, for dates typed without a year ("11/22"). */
export function yearInZone(epochMs: number, timeZone: string): number {
	return serialToWallClock(epochMsToSerial(epochMs, timeZone)).year;
}
