/**
 * The runner's view of one spreadsheet: the Sheets API on the I/O thread, secrets from the
 * environment, and the bookkeeping it shares with Apps Script in the spreadsheet's engine sheet
 * (sheet/engine-store.ts), joined into the one Store the engine is given.
 */
import type { Store } from "../ports.js";
import { EngineSheetStore, splitStore } from "../sheet/engine-store.js";
import { BlockingIo, type IoOptions } from "./blocking-io.js";
import { nodeClock, nodeLog } from "./node-ports.js";
import { secretStore } from "./secrets.js";
import { engineSheetAccess, SheetsApi } from "./sheets-workbook.js";

/** The runner's view of one spreadsheet: its API, workbook, stores and secrets. */
export interface RunnerContext {
	io: BlockingIo;
	api: SheetsApi;
	secrets: Store;
	shared: EngineSheetStore;
	store: Store;
}

export function runnerContext(spreadsheetId: string, io: IoOptions, env: NodeJS.ProcessEnv): RunnerContext {
	const log = nodeLog();
	const blocking = new BlockingIo(io);
	const api = new SheetsApi(blocking, spreadsheetId, nodeClock, log);
	const secrets = secretStore(env, log);
	const shared = new EngineSheetStore(engineSheetAccess(api));
	return { io: blocking, api, secrets, shared, store: splitStore(shared, secrets) };
}
