/**
 * A SpreadsheetApp on a fresh test host: the workbook is "Orders hub" in Europe/Warsaw, en_US, with
 * one empty "Sheet1" (1000 x 26), the way a new spreadsheet starts.
 */
import type { RuntimeOptions } from "../../../../local/gas/host.js";
import { createSpreadsheetApp } from "../../../../local/gas/spreadsheet/spreadsheet-app.js";
import type { LocalState } from "../../../../local/gas/state.js";
import { createTestHost, newLocalState, type TestHost } from "../test-host.js";

export type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Range = GoogleAppsScript.Spreadsheet.Range;

export interface Fixture {
	host: TestHost;
	app: SpreadsheetApp;
	ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
	sheet: Sheet;
}

export function setup(options: Partial<RuntimeOptions> = {}, state: LocalState = newLocalState()): Fixture {
	const host = createTestHost(options, state);
	const app = createSpreadsheetApp(host);
	const ss = app.getActiveSpreadsheet();
	const sheet = ss.getSheets()[0] as Sheet;
	host.calls.length = 0;
	host.dirty.clear();
	return { host, app, ss, sheet };
}

/** What `fn` throws as Apps Script shows it ("Exception: ..."), or undefined when it does not throw. */
export function thrown(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (error) {
		return String(error);
	}
	return undefined;
}
