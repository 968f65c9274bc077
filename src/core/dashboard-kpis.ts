/**
 * The numbers of the Dashboard sheet, from the orders as the sheet and the bookkeeping hold them.
 * Weeks start on Monday in the spreadsheet's time zone (the days the owner's calendar shows), so an
 * order placed at 00:30 on a Monday in Warsaw counts in that week even though it is Sunday in UTC.
 */
import type { Finding } from "./findings.js";
import { calendarDay } from "./reconcile/wording.js";

const MS_PER_DAY = 86_400_000;
/** Days from Sheets' serial epoch (1899-12-30) to 1970-01-01. */
const SERIAL_OF_1970 = 25_569;

export interface KpiOrder {
	status: string;
	orderedAt: number | null;
	shipBy: number | null;
	shippedOn: number | null;
	deliveredOn: number | null;
}

export interface KpiWeek {
	/** The Monday the week starts on, as a Sheets date serial (a whole day). */
	start: number;
	received: number;
	shipped: number;
	delivered: number;
	/** Shipped this week on or before their Ship by day; orders without Ship by count in neither. */
	onTime: number;
	late: number;
	/** Days from Ordered to Shipped, one decimal; null in a week that shipped nothing with both dates. */
	leadMedian: number | null;
	leadP90: number | null;
	findingsOpened: number;
	findingsClosed: number;
}

export interface DashboardKpis {
	/** Every status of the dropdown in its order, then any other text found in Status. */
	byStatus: Array<{ status: string; orders: number; stuck: number }>;
	/** Oldest first, ending with the current week. */
	weeks: KpiWeek[];
	/** Past their Ship by day and not shipped (the sidebar's red past-ship-by findings). */
	lateNow: number;
	dueToday: number;
	stuck: number;
	/** Shipped or Delivered with no known day (shipped before Hubsheet saw them): left out of the weeks. */
	shippedUndated: number;
}

/** Opened and closed findings per week, keyed by the week's Monday as a Sheets date serial. */
export type FindingWeeks = Record<string, [opened: number, closed: number]>;

/** The Monday of the instant's week in the zone, as a Sheets date serial. */
export function weekStart(epochMs: number, timeZone: string): number {
	const day = calendarDay(epochMs, timeZone);
	// Day 0 (1970-01-01) was a Thursday: three days after a Monday.
	return day - ((((day + 3) % 7) + 7) % 7) + SERIAL_OF_1970;
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] as number)
		: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest rank: the smallest value that at least 90 % of the values do not exceed. */
export function percentile90(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.ceil(0.9 * sorted.length) - 1] as number;
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** Counts each order's findings of a kind once (an order can fail on two platforms). */
function ordersWith(findings: readonly Finding[], test: (finding: Finding) => boolean): Map<string, Finding> {
	const orders = new Map<string, Finding>();
	for (const finding of findings)
		if (test(finding) && !orders.has(finding.orderId)) orders.set(finding.orderId, finding);
	return orders;
}

export function computeKpis(input: {
	orders: readonly KpiOrder[];
	statuses: readonly string[];
	findings: readonly Finding[];
	findingWeeks: FindingWeeks;
	now: number;
	timeZone: string;
	weeks: number;
}): DashboardKpis {
	const { timeZone } = input;
	const current = weekStart(input.now, timeZone);
	const weeks: KpiWeek[] = [];
	const leads = new Map<number, number[]>();
	for (let index = input.weeks - 1; index >= 0; index--) {
		const start = current - 7 * index;
		const [opened, closed] = input.findingWeeks[String(start)] ?? [0, 0];
		weeks.push({
			start,
			received: 0,
			shipped: 0,
			delivered: 0,
			onTime: 0,
			late: 0,
			leadMedian: null,
			leadP90: null,
			findingsOpened: opened,
			findingsClosed: closed,
		});
		leads.set(start, []);
	}
	const weekOf = (at: number | null) =>
		at === null ? undefined : weeks.find((week) => week.start === weekStart(at, timeZone));

	const stuckOrders = ordersWith(input.findings, (finding) => finding.kind === "stuck-in-status");
	const stuckBy = new Map<string, number>();
	for (const finding of stuckOrders.values()) {
		const status = String(finding.values.Sheet ?? "").toLowerCase();
		stuckBy.set(status, (stuckBy.get(status) ?? 0) + 1);
	}
	const byStatus = input.statuses.map((status) => ({
		status,
		orders: 0,
		stuck: stuckBy.get(status.toLowerCase()) ?? 0,
	}));
	let shippedUndated = 0;
	for (const order of input.orders) {
		const status = order.status.trim();
		if (status !== "") {
			let row = byStatus.find((entry) => entry.status.toLowerCase() === status.toLowerCase());
			if (!row) {
				row = { status, orders: 0, stuck: stuckBy.get(status.toLowerCase()) ?? 0 };
				byStatus.push(row);
			}
			row.orders++;
		}
		const received = weekOf(order.orderedAt);
		if (received) received.received++;
		const delivered = weekOf(order.deliveredOn);
		if (delivered) delivered.delivered++;
		if (order.shippedOn === null) {
			if (/^(shipped|delivered)$/i.test(status)) shippedUndated++;
			continue;
		}
		const shipped = weekOf(order.shippedOn);
		if (!shipped) continue;
		shipped.shipped++;
		if (order.shipBy !== null) {
			if (calendarDay(order.shippedOn, timeZone) <= calendarDay(order.shipBy, timeZone)) shipped.onTime++;
			else shipped.late++;
		}
		if (order.orderedAt !== null && order.shippedOn >= order.orderedAt) {
			leads.get(shipped.start)?.push((order.shippedOn - order.orderedAt) / MS_PER_DAY);
		}
	}
	for (const week of weeks) {
		const days = leads.get(week.start) ?? [];
		week.leadMedian = oneDecimal(median(days));
		week.leadP90 = oneDecimal(percentile90(days));
	}
	const pastShipBy = (severity: Finding["severity"]) =>
		ordersWith(input.findings, (finding) => finding.kind === "past-ship-by" && finding.severity === severity).size;
	return {
		byStatus,
		weeks,
		lateNow: pastShipBy("error"),
		dueToday: pastShipBy("warning"),
		stuck: stuckOrders.size,
		shippedUndated,
	};
}

/**
 * Adds this run's opened and closed findings to the week they happened in, keeping the last
 * `keep` weeks. Findings are told apart by order and kind.
 */
export function countFindingChanges(
	weeks: FindingWeeks,
	change: { opened: number; closed: number },
	now: number,
	timeZone: string,
	keep: number,
): FindingWeeks {
	if (change.opened === 0 && change.closed === 0) return weeks;
	const start = weekStart(now, timeZone);
	const [opened, closed] = weeks[String(start)] ?? [0, 0];
	const next: FindingWeeks = {};
	for (const [key, counts] of Object.entries(weeks)) if (Number(key) > start - 7 * keep) next[key] = counts;
	next[String(start)] = [opened + change.opened, closed + change.closed];
	return next;
}
