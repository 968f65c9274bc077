/**
 * The script's time zone: the pushed appsscript.json's `timeZone`, as in Apps Script, falling back
 * to the workbook's when the manifest has none. It is not the spreadsheet's zone: time-driven
 * triggers with atHour run in it unless the builder's inTimezone says otherwise
 * (../../shared/apps-script-behaviours.md, "Time zone of atHour / nearMinute").
 */
import type { ExecutionHost } from "./host.js";

export function scriptTimeZone(host: Pick<ExecutionHost, "readPushFile" | "state">): string {
	try {
		const manifest = JSON.parse(host.readPushFile("appsscript.json") ?? "{}") as { timeZone?: unknown };
		if (typeof manifest.timeZone === "string" && manifest.timeZone) return manifest.timeZone;
	} catch {
		// A broken manifest would not push; the workbook's zone is the sensible local answer.
	}
	return host.state.workbook.timeZone;
}
