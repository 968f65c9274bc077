/** The Sync log: one row per action of a run, appended in one call. */
import { epochToSerial } from "../sheet/serial-date.js";
import type { RawCell } from "../sheet/workbook.js";
import type { ImportSummary } from "./etsy-import.js";

export interface LogEntry {
	order: string;
	platform: string;
	action: string;
	change: string;
	result: string;
}

/** What an Etsy import did, as log entries: the run itself first, then each order touched. */
export function importLogEntries(summary: ImportSummary): LogEntry[] {
	const run: LogEntry = {
		order: "",
		platform: "Etsy",
		action: summary.mode === "full" ? "full pass" : "import",
		change: `${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged} unchanged, ${summary.failed.length} failed`,
		result: summary.reconnect ?? summary.stoppedEarly ?? "ok",
	};
	return [
		run,
		...summary.created.map((order) => ({
			order,
			platform: "Etsy",
			action: "new order",
			change: "row added",
			result: "ok",
		})),
		...summary.updated.map((order) => ({
			order,
			platform: "Etsy",
			action: "order changed",
			change: "row updated",
			result: "ok",
		})),
		...(summary.cut ?? []).map(({ orderId, columns }) => ({
			order: orderId,
			platform: "Etsy",
			action: "text cut",
			change: columns.join(", "),
			result: `longer than a cell holds (50,000 characters): cut, the full text is on the order on Etsy`,
		})),
		...summary.failed.map((failure) => ({
			order: failure.orderId,
			platform: "Etsy",
			action: "read order",
			change: "",
			result: failure.reason,
		})),
	];
}

export function logRows(entries: readonly LogEntry[], runId: string, at: Date, timeZone: string): RawCell[][] {
	const time = epochToSerial(at.getTime(), timeZone);
	return entries.map((entry) => [time, runId, entry.order, entry.platform, entry.action, entry.change, entry.result]);
}
