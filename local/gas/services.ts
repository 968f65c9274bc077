/**
 * Assembles the Apps Script globals of one execution from the emulated services, and collects what
 * the runtime reports about the execution when it ends.
 */
import type { ExecutionHost } from "./host.js";
import { createScriptApp } from "./script-app.js";

export interface ExecutionReport {
	/** HTTP requests made through UrlFetchApp, in order. */
	fetches: Array<{ method: string; url: string; status: number }>;
}

export function createGlobals(host: ExecutionHost): Record<string, unknown> {
	return {
		ScriptApp: createScriptApp(host),
	};
}

/** Called once when an execution ends, whatever its outcome. */
export function endExecution(_host: ExecutionHost): ExecutionReport {
	return { fetches: [] };
}
