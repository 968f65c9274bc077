/**
 * How findings put dates, money and lists into words. Dates are the owner's calendar days in the
 * spreadsheet's time zone (what the sheet shows), and every format is built by hand so that the
 * text is the same in Apps Script and Node whatever locale data either ships.
 */

const MS_PER_DAY = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(epochMs: number, timeZone: string) {
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
		});
		formatters.set(timeZone, formatter);
	}
	const parts: Record<string, number> = {};
	for (const part of formatter.formatToParts(new Date(epochMs))) {
		if (part.type !== "literal") parts[part.type] = Number(part.value);
	}
	return {
		year: parts.year ?? 1970,
		month: parts.month ?? 1,
		day: parts.day ?? 1,
		hour: parts.hour ?? 0,
		minute: parts.minute ?? 0,
	};
}

/** The calendar day of an instant in the zone, as a day count: differences are whole days. */
export function calendarDay(epochMs: number, timeZone: string): number {
	const { year, month, day } = wallClock(epochMs, timeZone);
	return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** "15 Nov 2026". */
export function formatDay(epochMs: number, timeZone: string): string {
	const { year, month, day } = wallClock(epochMs, timeZone);
	return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "15 Nov 2026 14:05". */
export function formatMoment(epochMs: number, timeZone: string): string {
	const { hour, minute } = wallClock(epochMs, timeZone);
	return `${formatDay(epochMs, timeZone)} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "1249.50 EUR": two decimals whatever the locale, the currency code as the marketplace gives it. */
export function formatMoney(amount: number, currency: string): string {
	return `${amount.toFixed(2)} ${currency}`.trim();
}

/** "5", "5 and 9", "5, 9 and 12". */
export function listInWords(items: readonly (string | number)[]): string {
	const texts = items.map(String);
	if (texts.length <= 1) return texts[0] ?? "";
	return `${texts.slice(0, -1).join(", ")} and ${texts[texts.length - 1]}`;
}

export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Platform text quoted in a message is cut, so one long error cannot bury the rest. */
export function clip(text: string, max: number): string {
	const oneLine = text.trim().replace(/\s+/g, " ");
	return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/** An address on one line: "Anna Kowalska, ul. Prosta 1, 01-234 Warszawa, Poland". */
export function oneLineAddress(text: string): string {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== "")
		.join(", ");
}

/** The hour (0-23) of an instant on the zone's wall clock. */
export function clockHour(epochMs: number, timeZone: string): number {
	return wallClock(epochMs, timeZone).hour;
}
