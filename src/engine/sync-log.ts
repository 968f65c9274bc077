/** The Sync log: one row per action of a run, appended in one call, trimmed to the length Settings keeps. */
import { describeRetries, type RetryCount } from "../platforms/http/retry-tally.js";
import { epochToSerial } from "../sheet/serial-date.js";
import type { RawCell } from "../sheet/workbook.js";
import type { ImportSummary } from "./etsy-import.js";
import type { PushAction } from "./push-outcome.js";

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

/** Everything one run did, as log entries: Etsy's import, each CRM and courier action, then one line of retries. */
export function runLogEntries(
	imported: ImportSummary,
	actions: readonly PushAction[],
	retries: readonly RetryCount[],
): LogEntry[] {
	const platformEntries: LogEntry[] = actions.map((action) => ({
		order: action.orderId,
		platform: action.platform,
		action: action.action,
		change: "",
		result: action.result,
	}));
	const retryEntries: LogEntry[] =
		retries.length === 0
			? []
			: [
					{
						order: "",
						platform: retries.map((retry) => retry.platform).join(", "),
						action: "retries",
						change: "",
						result: `${retries.reduce((sum, retry) => sum + retry.total, 0)} requests had to be repeated or checked: ${describeRetries(retries)}`,
					},
				];
	return [...importLogEntries(imported), ...platformEntries, ...retryEntries];
}

/**
 * The entries of one run the log can keep: a run with more than `keep` (a first import of thousands)
 * writes only its last `keep`, which is what the log holds once trimmed, without appending,
 * formatting and deleting in the same run rows nobody would see.
 */
export function keptEntries<T>(entries: readonly T[], keep: number): T[] {
	return entries.length > keep ? entries.slice(entries.length - Math.max(1, keep)) : [...entries];
}

/** How the Sync log's Time column shows an entry's moment, on Apps Script and on the runner alike. */
export const SYNC_LOG_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

/** The Sync log rows kept when Settings says nothing. */
export const DEFAULT_LOG_LENGTH = 2000;

/** How far past `keep` entries the log may grow before it is trimmed: a tenth, at least 10 rows. */
function slack(keep: number): number {
	return Math.max(10, Math.floor(keep / 10));
}

/**
 * How many of the oldest entries to delete once the log's last row is `lastRow` (row 1 is the
 * header): none until the log is a tenth over, so most runs cost no call for it.
 */
export function entriesToTrim(lastRow: number, keep: number): number {
	const excess = lastRow - 1 - keep;
	return excess > slack(keep) ? excess : 0;
}

/** Rows the log sheet needs for `keep` entries: the header, the entries, the tenth over that trimming waits for, and 100 spare. */
export function syncLogRowsWanted(keep: number): number {
	return 1 + keep + slack(keep) + 100;
}

/**
 * The rows set-up adds to a log sheet of `maxRows` rows so that it holds the whole log the owner
 * keeps, formatted in advance (a sync appending to it then costs no formatting call); 0 when it
 * has them. Never fewer: rows the owner added stay.
 */
export function syncLogRowsToAdd(maxRows: number, keep: number): number {
	return Math.max(0, syncLogRowsWanted(keep) - maxRows);
}

/** The script property holding the last Sync log row that has the time format (Apps Script and the runner). */
export const FORMATTED_THROUGH_KEY = "hubsheet.syncLogFormattedThrough";

/**
 * The rows of `firstRow..lastRow` (just appended) still to be given the time format, when the rows
 * through `formattedThrough` already have it; null when none.
 */
export function rowsToFormat(
	firstRow: number,
	lastRow: number,
	formattedThrough: number,
): { from: number; count: number } | null {
	if (lastRow <= formattedThrough) return null;
	const from = Math.max(firstRow, formattedThrough + 1);
	return { from, count: lastRow - from + 1 };
}
