/**
 * Etsy promised the buyer a ship date. On that day an unshipped order is a warning (there is still
 * time today); after it, an error (Etsy counts the order late against the shop). Days are calendar
 * days in the spreadsheet's time zone, the ones the Ship by column shows.
 */
import { courierStatus, etsyCancellation, hasLeft, type Rule, sheetStatus, shipBy } from "./order-snapshot.js";
import { calendarDay, formatDay, plural } from "./wording.js";

export const pastShipBy: Rule = (snapshot, context) => {
	const due = shipBy(snapshot);
	const status = sheetStatus(snapshot);
	if (due === null || status === "Cancelled" || hasLeft(status)) return [];
	// Shipped as far as any platform knows: the sheet lagging behind is another rule's finding.
	const courier = courierStatus(snapshot, context);
	if (snapshot.etsy?.isShipped || (courier !== null && hasLeft(courier)) || etsyCancellation(snapshot) !== null)
		return [];
	const late = calendarDay(context.now, context.timeZone) - calendarDay(due, context.timeZone);
	if (late < 0) return [];
	const day = formatDay(due, context.timeZone);
	const values = { Etsy: `ship by ${day}`, Sheet: status };
	if (late === 0) {
		return [
			{
				orderId: snapshot.orderId,
				kind: "past-ship-by",
				severity: "warning",
				message: `Etsy expects this order to ship today (${day}); the sheet says ${status || "no Status"}.`,
				summary: "ship by today",
				values,
			},
		];
	}
	return [
		{
			orderId: snapshot.orderId,
			kind: "past-ship-by",
			severity: "error",
			message: `The order is ${plural(late, "day")} past its ship-by date (${day}) and not shipped; the sheet says ${status || "no Status"}. Etsy counts it late; tell the buyer when it will ship.`,
			summary: `${plural(late, "day")} past ship-by`,
			values,
		},
	];
};
