/**
 * Assembles the Apps Script globals of one execution from the emulated services, and collects what
 * the runtime reports about the execution when it ends.
 */
import { createCacheService } from "./cache.js";
import { createDriveApp } from "./drive.js";
import type { ExecutionHost } from "./host.js";
import { createHtmlService } from "./html-service.js";
import { createLockService, releaseLocksOf } from "./lock.js";
import { createConsole, createLogger } from "./logger.js";
import { createMailApp } from "./mail.js";
import { emulatesObject } from "./not-emulated.js";
import { createPropertiesService } from "./properties.js";
import { createScriptApp } from "./script-app.js";
import { createSession } from "./session.js";
import { createSheetsService } from "./sheets-advanced.js";
import { createSpreadsheetApp } from "./spreadsheet/spreadsheet-app.js";
import { createUrlFetchApp, type UrlFetchLogEntry, urlFetchLog } from "./url-fetch.js";
import { createUtilities } from "./utilities.js";

export interface ExecutionReport {
	/** HTTP requests made through UrlFetchApp, in order; status is null when no answer came. */
	fetches: readonly UrlFetchLogEntry[];
}

export function createGlobals(host: ExecutionHost): Record<string, unknown> {
	const services: Record<string, object> = {
		SpreadsheetApp: createSpreadsheetApp(host),
		// The Sheets advanced service, enabled in appsscript.json.
		Sheets: createSheetsService(host),
		ScriptApp: createScriptApp(host),
		UrlFetchApp: createUrlFetchApp(host),
		PropertiesService: createPropertiesService(host),
		CacheService: createCacheService(host),
		LockService: createLockService(host),
		Utilities: createUtilities(host),
		Session: createSession(host),
		MailApp: createMailApp(host),
		DriveApp: createDriveApp(host),
		HtmlService: createHtmlService(host),
		Logger: createLogger(host),
	};
	// A method Apps Script has and this runtime lacks names itself (not-emulated.ts).
	for (const [name, service] of Object.entries(services)) emulatesObject(service, name);
	return { ...services, console: createConsole(host) };
}

/** Called once when an execution ends, whatever its outcome: Apps Script releases its locks. */
export function endExecution(host: ExecutionHost): ExecutionReport {
	releaseLocksOf(host);
	return { fetches: [...urlFetchLog(host)] };
}
