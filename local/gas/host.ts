/**
 * The contract between one emulated execution and the emulated services.
 *
 * Every emulated Apps Script service is created per execution by a factory that receives an
 * `ExecutionHost`. Services keep no state of their own between executions: whatever must outlive
 * an execution lives in `host.state` (persisted by the runtime) and whatever is shared between
 * executions of one process lives in the runtime.
 */
import type { CostProfileName } from "./cost-model.js";
import type { LocalState } from "./state.js";

/** Thrown into the script when the execution is killed; the script cannot survive it. */
export class ExecutionKilledError extends Error {
	constructor(message = "Exceeded maximum execution time") {
		super(message);
		this.name = "Exception";
	}
}

/** Builds values in the script's realm, so `instanceof Date` and `instanceof Array` hold there. */
export interface Realm {
	newDate(epochMs: number): Date;
	/** Deep-copies plain data (arrays, plain objects, dates, primitives) into the script's realm. */
	adopt<T>(value: T): T;
	/**
	 * An Error of the script's realm as Apps Script services throw them: `name` is "Exception", so
	 * `String(error)` reads `Exception: <message>` while `error.message` is the bare text.
	 */
	exception(message: string): Error;
}

export interface ServiceCall {
	service: string;
	method: string;
	/** 1-based position of this call among all counted calls of the execution. */
	index: number;
	/** Cells and rows the call reads or writes (Range calls), for the modeled clock. */
	cells?: number;
	rows?: number;
	/** Ranges of a batch call (Sheets advanced service). */
	ranges?: number;
	/** Set on the first request of a `fetchAll`: how many requests the batch holds. */
	batch?: number;
}

/** What a counted call touches, for the cost model (`cost-model.ts`). */
export type CallSize = Pick<ServiceCall, "cells" | "rows" | "ranges" | "batch">;

export interface ExecutionHost {
	readonly executionId: string;
	readonly state: LocalState;
	readonly options: RuntimeOptions;
	readonly realm: Realm;
	/** Virtual time in epoch ms. */
	now(): number;
	/** Moves the virtual clock forward (Utilities.sleep, lock waits, simulated latency). */
	advance(ms: number): void;
	/**
	 * Virtual ms this execution has slept or waited so far; each request tells the local sandboxes,
	 * whose clocks then move on as much (one clock: local/sandbox/kit/runtime-clock.ts).
	 */
	waitedMs?(): number;
	/**
	 * Counts one service call and enforces the execution's limits: throws ExecutionKilledError once the
	 * execution is past its time limit or was killed. Every public method of every service calls it
	 * first.
	 */
	touch(service: string, method: string, size?: CallSize): void;
	/**
	 * Adds what the last counted call turned out to touch (a Sheets API read's cells are known only
	 * once read); on the modeled clock it costs the call's per-cell part.
	 */
	resize(size: CallSize): void;
	/** Marks a persisted part of the state as changed so the runtime saves it. */
	markDirty(part: StatePart): void;
	/**
	 * SpreadsheetApp's write cache as the Sheets API sees it (pending-writes.ts); absent in hosts
	 * that apply every write at once.
	 */
	readonly pendingWrites?: import("./pending-writes.js").PendingWrites;
	/** Lines written by Logger.log and console.* */
	log(level: "log" | "info" | "warn" | "error", message: string): void;
	/** Resolves a file of the push set (dist/) by name, for HtmlService. */
	readPushFile(name: string): string | undefined;
	/**
	 * Runs `code` as the body of a function whose parameters are the names of `scope`, inside the
	 * execution's realm where the script's top-level functions are visible (HtmlService scriptlets).
	 */
	evaluate(code: string, scope?: Record<string, unknown>): unknown;
	/** The user-facing prompts of SpreadsheetApp.getUi(): local answers come from options.ui. */
	readonly ui: UiSurface;
}

export type StatePart = "workbook" | "properties" | "triggers" | "cache" | "quota" | "mail" | "drive";

export interface UiEvent {
	kind: "menu" | "sidebar" | "dialog" | "modelessDialog" | "alert" | "prompt" | "toast";
	title?: string;
	/** Menu items, or the HTML shown in a sidebar or dialog. */
	items?: Array<{ caption: string; functionName: string } | null>;
	html?: string;
	message?: string;
	width?: number;
	height?: number;
}

export interface UiSurface {
	record(event: UiEvent): void;
	/** What the user answers to an alert or prompt; tests script it through RuntimeOptions.ui. */
	answer(event: UiEvent): {
		button: "OK" | "CANCEL" | "YES" | "NO" | "CLOSE";
		text?: string;
	};
}

/** What a test's hook can do at each service call of a running execution. */
export interface ExecutionControl {
	/** Stops the execution at this call, as Apps Script's time limit would. */
	kill(): void;
	/** Moves the execution's virtual clock forward. */
	advance(ms: number): void;
	/**
	 * Runs `body` as the owner working in the spreadsheet at this very moment (sorting, inserting,
	 * editing), through the same emulated services and the same in-memory workbook as the script.
	 */
	actAsOwner(body: string, args?: unknown[]): unknown;
}

export interface RuntimeOptions {
	/** Folder holding the persisted local state (workbook, properties, triggers, cache). */
	stateDir: string;
	/** Folder holding the push set: Code.js, Sidebar.html, appsscript.json. */
	pushDir: string;
	/** Execution time limit in virtual ms; Apps Script's is 6 minutes. */
	executionLimitMs: number;
	/** UrlFetchApp per-request timeout in real ms (Apps Script: about 60 s, not configurable). */
	fetchTimeoutMs: number;
	/** UrlFetchApp calls allowed per day (consumer accounts: 20,000). */
	urlFetchDailyQuota: number;
	/** Virtual ms each service call costs, so that long runs reach the time limit without waiting. */
	serviceLatencyMs: Partial<Record<string, number>>;
	/**
	 * The modeled clock: the virtual clock advances by each call's cost under this profile of
	 * `../shared/apps-script-costs.md` Part B (and by sleeps and waits), not by real time.
	 */
	costProfile?: CostProfileName;
	/**
	 * Runs as a manifest without the Sheets advanced service would (`Sheets` undefined), as a script
	 * limited to `spreadsheets.currentonly` must: the bench's least-privilege variant.
	 */
	withoutSheetsApi?: boolean;
	/** Called before each counted service call; tests use it to kill an execution at a chosen step. */
	onServiceCall?: (call: ServiceCall, control: ExecutionControl) => void;
	/**
	 * False in executions with no user interface (time-driven triggers): SpreadsheetApp.getUi() then
	 * throws as on Google (../../shared/apps-script-behaviours.md, "UI in triggers"). Default true.
	 */
	uiAvailable?: boolean;
	/** Answers to alerts and prompts, in order; defaults to OK / CLOSE. */
	ui?: Array<{
		button: "OK" | "CANCEL" | "YES" | "NO" | "CLOSE";
		text?: string;
	}>;
	/** The signed-in user. */
	userEmail: string;
}
