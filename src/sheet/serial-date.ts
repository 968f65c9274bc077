/**
 * Sheets stores a date as a serial number: days since 1899-12-30 in the spreadsheet's time zone,
 * the fraction being the time of day. Writing serials ourselves (instead of Date objects) lets the
 * values API write dates in the same batched call as everything else.
 */

const MS_PER_DAY = 86_400_000;
/** 1899-12-30T00:00:00Z, the serial epoch. */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const formatters = new Map<string, Intl.DateTimeFormat>();

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
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** How far the zone's wall clock is ahead of UTC at the instant `epochMs`, in ms. */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
		if (part.type !== "literal") parts[part.type] = Number(part.value);
	}
	const wallClockAsUtc = Date.UTC(
		parts.year ?? 1970,
		(parts.month ?? 1) - 1,
		parts.day ?? 1,
		parts.hour ?? 0,
		parts.minute ?? 0,
		parts.second ?? 0,
	);
	return wallClockAsUtc - Math.floor(epochMs / 1000) * 1000;
}

export function epochToSerial(epochMs: number, timeZone: string): number {
	return (epochMs + zoneOffsetMs(epochMs, timeZone) - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

export function serialToEpoch(serial: number, timeZone: string): number {
	const wallClockAsUtc = Math.round(serial * MS_PER_DAY) + SERIAL_EPOCH_UTC;
	// The offset depends on the instant we are looking for; two passes settle it across DST changes.
	const guess = wallClockAsUtc - zoneOffsetMs(wallClockAsUtc, timeZone);
	return wallClockAsUtc - zoneOffsetMs(guess, timeZone);
}
