/**
 * An order that sits in one Status longer than the owner's threshold for it (Settings) is probably
 * forgotten. A nudge first (info), a warning at twice the threshold. Orders that are finished never
 * count, whatever Settings says.
 */
import { lookup, type Rule, sameText, sheetStatus } from "./order-snapshot.js";
import { formatDay, plural } from "./wording.js";

const MS_PER_DAY = 86_400_000;

export const stuckInStatus: Rule = (snapshot, context) => {
	const status = sheetStatus(snapshot);
	const { status: recorded, statusSince } = snapshot.books;
	if (status === "" || status === "Delivered" || status === "Cancelled") return [];
	// A Status changed since Hubsheet last recorded it has only just started: its clock is at zero.
	if (recorded === null || statusSince === null || !sameText(recorded, status)) return [];
	const threshold = lookup(context.thresholds.stuckAfterDays, status);
	if (threshold === undefined || !Number.isFinite(threshold) || threshold <= 0) return [];
	const elapsed = context.now - statusSince;
	if (elapsed < threshold * MS_PER_DAY) return [];
	const days = Math.floor(elapsed / MS_PER_DAY);
	return [
		{
			orderId: snapshot.orderId,
			kind: "stuck-in-status",
			severity: elapsed >= 2 * threshold * MS_PER_DAY ? "warning" : "info",
			message: `The order has been in ${status} for ${plural(days, "day")} (since ${formatDay(statusSince, context.timeZone)}); Settings flags ${status} after ${plural(threshold, "day")}.`,
			summary: `${plural(days, "day")} in ${status}`,
			values: { Sheet: status },
		},
	];
};
