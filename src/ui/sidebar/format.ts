/** Times and numbers as the owner reads them, in the spreadsheet's time zone. Pure, for unit tests. */

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	try {
		return new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
	} catch {
		// An unknown zone name must not break the sidebar: show UTC and say so.
		return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC", timeZoneName: "short" });
	}
}

/** "14:05" today, "22 Nov, 14:05" another day (both in the spreadsheet's zone); "" for no time. */
export function formatTime(
	iso: string | undefined,
	timeZone: string,
	nowIso: string = new Date().toISOString(),
): string {
	if (!iso) return "";
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return "";
	const day = formatter(timeZone, { year: "numeric", month: "short", day: "numeric" });
	const time = formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
	if (day.format(at) === day.format(new Date(nowIso))) return `today ${time}`;
	const date = formatter(timeZone, { month: "short", day: "numeric" }).format(at);
	return `${date}, ${time}`;
}

export function formatCount(value: number): string {
	return value.toLocaleString("en-US");
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
