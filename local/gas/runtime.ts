/**
 * The local Apps Script runtime: runs functions of the real bundle (`dist/Code.js`) as executions
 * against persisted local state, with a virtual clock, Apps Script's 6-minute limit, counted
 * service calls, and the time-driven triggers that fall due when the clock is advanced.
 */

import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CostMeter, PROFILES } from "./cost-model.js";
import {
	type ExecutionHost,
	ExecutionKilledError,
	type RuntimeOptions,
	type ServiceCall,
	type StatePart,
	type UiEvent,
} from "./host.js";
import { PendingWrites } from "./pending-writes.js";
import { createScriptRealm } from "./realm.js";
import { dueTriggers, readStateToken, rescheduleAfterRun } from "./script-app.js";
import { scriptTimeZone } from "./script-time-zone.js";
import { createGlobals, type ExecutionReport, endExecution } from "./services.js";
import type { LocalState, TriggerState } from "./state.js";
import { defaultStateDir, loadState, type NewStateOptions, saveState } from "./state-store.js";

export const SIX_MINUTES = 6 * 60_000;
/** Range writes an owner makes by hand (typing, pasting, clearing): they fire on-edit triggers. */
const OWNER_EDIT = /^Range\.(set(Value|Values|RichTextValue|RichTextValues|Formula|Formulas)|clear(Content)?)$/;

export interface ExecutionResult {
	functionName: string;
	executionId: string;
	/** "completed", "failed" (the script threw) or "killed" (time limit or a test's kill). */
	status: "completed" | "failed" | "killed";
	value?: unknown;
	/** The error as Apps Script shows it, e.g. "Exception: Lock timeout: ...". */
	error?: string;
	startedAt: number;
	endedAt: number;
	/** Virtual ms the script slept or waited (Utilities.sleep, lock waits, fetch timeouts, kill hooks). */
	waitedMs: number;
	calls: ServiceCall[];
	logs: Array<{ level: string; message: string }>;
	uiEvents: UiEvent[];
	report: ExecutionReport;
}

export interface RunOptions {
	args?: unknown[];
	/**
	 * Script code loaded after the bundle for this execution only: tests and the playground use it to
	 * act as the owner (edit cells, sort, insert columns) through the same emulated services.
	 */
	extraCode?: string;
	/** Overrides of the runtime's options for this execution only (e.g. onServiceCall, ui answers). */
	options?: Partial<RuntimeOptions>;
}

export interface LocalRuntimeOptions extends Partial<RuntimeOptions> {
	/** How a new local state is made when `stateDir` has none. */
	fresh?: NewStateOptions;
}

export function defaultRuntimeOptions(overrides: Partial<RuntimeOptions> = {}): RuntimeOptions {
	return {
		stateDir: defaultStateDir(),
		pushDir: resolve("dist"),
		executionLimitMs: SIX_MINUTES,
		fetchTimeoutMs: 60_000,
		urlFetchDailyQuota: 20_000,
		serviceLatencyMs: {},
		userEmail: "owner@example.com",
		...overrides,
	};
}

/** Counts calls by "Service.method" and by service, for assertions and benchmarks. */
export function countCalls(calls: ServiceCall[], service?: string): number {
	return service === undefined ? calls.length : calls.filter((call) => call.service === service).length;
}

export class LocalRuntime {
	readonly options: RuntimeOptions;
	private readonly fresh: NewStateOptions;

	constructor(options: LocalRuntimeOptions = {}) {
		const { fresh, ...rest } = options;
		this.options = defaultRuntimeOptions(rest);
		this.fresh = fresh ?? {};
	}

	/** The persisted state as it is now (a fresh read: another process may have changed it). */
	state(): LocalState {
		return loadState(this.options.stateDir, this.fresh);
	}

	/** Changes the persisted state outside any execution (test set-up, the playground's edits). */
	updateState(parts: StatePart[], change: (state: LocalState) => void): void {
		const state = this.state();
		change(state);
		saveState(this.options.stateDir, state, parts);
	}

	private readPushFile(name: string): string | undefined {
		const file = join(this.options.pushDir, name);
		return existsSync(file) ? readFileSync(file, "utf8") : undefined;
	}

	/** Runs one top-level function of the bundle as one execution. */
	run(functionName: string, runOptions: RunOptions = {}): ExecutionResult {
		const options: RuntimeOptions = { ...this.options, ...runOptions.options };
		const code = this.readPushFile("Code.js");
		if (code === undefined)
			throw new Error(`No bundle at ${join(options.pushDir, "Code.js")}: run \`npm run build\` first.`);
		const state = loadState(options.stateDir, this.fresh);
		const executionId = randomUUID();
		const startedAt = state.clock;
		const meter = options.costProfile ? new CostMeter(PROFILES[options.costProfile]) : undefined;
		// On the modeled clock the execution starts T_start late and real time does not count.
		let advanced = meter ? meter.profile.start : 0;
		let waited = 0;
		const realStart = performance.now();
		// Virtual time = the local clock at the start + real time spent + time the services simulated;
		// on the modeled clock, the start + each call's modeled cost + sleeps and waits.
		const now = meter
			? () => startedAt + Math.round(advanced)
			: () => startedAt + Math.round(performance.now() - realStart) + advanced;
		const realm = createScriptRealm(now, scriptTimeZone({ readPushFile: (name) => this.readPushFile(name), state }));
		const calls: ServiceCall[] = [];
		const logs: ExecutionResult["logs"] = [];
		const uiEvents: UiEvent[] = [];
		const dirty = new Set<StatePart>();
		const answers = [...(options.ui ?? [])];
		let killed = false;
		// While the owner acts inside a running execution, their calls are neither counted nor hooked.
		let ownerActing = false;
		const pendingWrites = new PendingWrites(() => state.workbook);
		const control = {
			kill() {
				killed = true;
			},
			advance(ms: number) {
				advanced += ms;
				waited += ms;
			},
			actAsOwner(body: string, args: unknown[] = []): unknown {
				if (ownerActing) return undefined;
				ownerActing = true;
				try {
					realm.context.__hubsheetOwnerArgs = realm.adopt(args);
					return pendingWrites.asOwner(() =>
						realm.run(`(function () {\n${body}\n}).apply(null, __hubsheetOwnerArgs)`, "owner.js", 10_000),
					);
				} finally {
					ownerActing = false;
				}
			},
		};
		const host: ExecutionHost = {
			executionId,
			state,
			pendingWrites,
			options,
			realm,
			now,
			advance: control.advance,
			waitedMs: () => waited,
			touch(service, method, size) {
				if (ownerActing) return;
				if (killed) throw new ExecutionKilledError();
				const call: ServiceCall = { service, method, index: calls.length + 1, ...size };
				options.onServiceCall?.(call, control);
				if (killed) throw new ExecutionKilledError();
				calls.push(call);
				advanced += meter ? meter.charge(call) : (options.serviceLatencyMs[service] ?? 0);
				if (now() - startedAt > options.executionLimitMs) {
					killed = true;
					throw new ExecutionKilledError();
				}
			},
			resize(size) {
				if (ownerActing) return;
				const call = calls[calls.length - 1];
				if (!call) return;
				Object.assign(call, size);
				if (meter) advanced += meter.sizeCost(call);
			},
			markDirty: (part) => dirty.add(part),
			log: (level, message) => logs.push({ level, message }),
			readPushFile: (name) => this.readPushFile(name),
			evaluate(body, scope = {}) {
				const names = Object.keys(scope);
				const fn = realm.run(`(function (${names.join(", ")}) {\n${body}\n})`, "template", options.executionLimitMs);
				return (fn as (...args: unknown[]) => unknown)(...Object.values(scope));
			},
			ui: {
				record: (event) => uiEvents.push(event),
				answer: () => answers.shift() ?? { button: "OK" },
			},
		};

		const globals = createGlobals(host);
		if (options.withoutSheetsApi) delete globals.Sheets;
		Object.assign(realm.context, globals);
		let status: ExecutionResult["status"] = "completed";
		let value: unknown;
		let error: string | undefined;
		try {
			realm.run(code, "Code.js", options.executionLimitMs);
			if (runOptions.extraCode) realm.run(runOptions.extraCode, "owner.js", options.executionLimitMs);
			// Looked up as a property of the script's global object, never pasted into code: only
			// functions the script declared are found (not eval, Function or other built-ins).
			const target = Object.hasOwn(realm.context, functionName) ? realm.context[functionName] : undefined;
			if (typeof target !== "function") {
				throw realm.exception(`Script function not found: ${functionName}`);
			}
			realm.context.__hubsheetTarget = target;
			realm.context.__hubsheetArgs = realm.adopt(runOptions.args ?? []);
			value = realm.run("__hubsheetTarget.apply(null, __hubsheetArgs)", "call", options.executionLimitMs);
		} catch (thrown) {
			status = "failed";
			error = describeError(thrown);
		}
		if (killed || now() - startedAt > options.executionLimitMs) {
			// The platform stops a killed execution whatever the script caught.
			status = "killed";
			error = "Exceeded maximum execution time";
			value = undefined;
		}
		// Writes still queued are committed after the script returns: they take time, not the run's life.
		if (meter) advanced += meter.end();
		const report = endExecution(host);
		state.clock = Math.max(state.clock, now());
		saveState(options.stateDir, state, dirty);
		return {
			functionName,
			executionId,
			status,
			value,
			error,
			startedAt,
			endedAt: now(),
			waitedMs: waited,
			calls,
			logs,
			uiEvents,
			report,
		};
	}

	/**
	 * Runs `body` as the owner would act in the spreadsheet (it sees the same Apps Script globals);
	 * returns its value, or throws with the script's error.
	 */
	asOwner(body: string, args: unknown[] = []): unknown {
		const result = this.run("__hubsheetOwnerAction", {
			args,
			extraCode: `function __hubsheetOwnerAction() {\n${body}\n}`,
		});
		if (result.status !== "completed") throw new Error(`Owner action ${result.status}: ${result.error}`);
		// The owner typing in cells fires the installable on-edit triggers, as on Google (one event per
		// action here; a script's own writes never fire them).
		if (result.calls.some((call) => call.service === "SpreadsheetApp" && OWNER_EDIT.test(call.method))) {
			this.fireEditTriggers();
		}
		return result.value;
	}

	/** Runs each installable on-edit trigger, as Apps Script does after an edit in the spreadsheet. */
	fireEditTriggers(runOptions: RunOptions = {}): ExecutionResult[] {
		const event = { authMode: "FULL", user: { email: this.options.userEmail } };
		return this.state()
			.triggers.filter((trigger) => trigger.eventType === "ON_EDIT")
			.map((trigger) =>
				this.run(trigger.handlerFunction, {
					...runOptions,
					args: [{ ...event, triggerUid: trigger.uniqueId }],
					options: { ...runOptions.options, uiAvailable: false },
				}),
			);
	}

	/**
	 * Moves the local clock forward by `ms`, firing each time-driven trigger as it falls due, in
	 * order, as Apps Script would. Returns the executions that ran.
	 */
	advanceTime(ms: number, runOptions: RunOptions = {}): ExecutionResult[] {
		const target = this.state().clock + ms;
		const results: ExecutionResult[] = [];
		for (;;) {
			const due: TriggerState | undefined = dueTriggers(this.state(), target)[0];
			if (!due) break;
			const firedAt = due.nextRunAt ?? target;
			this.updateState(["triggers"], (state) => {
				state.clock = Math.max(state.clock, firedAt);
				const trigger = state.triggers.find((candidate) => candidate.uniqueId === due.uniqueId);
				if (trigger) rescheduleAfterRun(trigger, firedAt);
			});
			// A time-driven trigger has no user interface: getUi() throws there, as on Google.
			results.push(
				this.run(due.handlerFunction, {
					...runOptions,
					args: [clockEvent(due, firedAt)],
					options: { ...runOptions.options, uiAvailable: false },
				}),
			);
		}
		this.updateState([], (state) => {
			state.clock = Math.max(state.clock, target);
		});
		return results;
	}

	/** The user opens the spreadsheet: the simple `onOpen` and any installable open triggers run. */
	openSpreadsheet(runOptions: RunOptions = {}): ExecutionResult[] {
		const event = { authMode: "LIMITED", source: null, user: { email: this.options.userEmail } };
		const results = [this.run("onOpen", { ...runOptions, args: [event] })];
		for (const trigger of this.state().triggers.filter((candidate) => candidate.eventType === "ON_OPEN")) {
			results.push(
				this.run(trigger.handlerFunction, {
					...runOptions,
					args: [{ ...event, authMode: "FULL", triggerUid: trigger.uniqueId }],
				}),
			);
		}
		return results;
	}

	/**
	 * A browser arrives at the script's `/usercallback?state=...` URL (an OAuth redirect): the state
	 * token names the function to run, which receives the request's parameters.
	 */
	handleUserCallback(query: Record<string, string>, runOptions: RunOptions = {}): ExecutionResult | { error: string } {
		const token = query.state ?? "";
		const payload = readStateToken(this.state(), token, this.state().clock);
		if (!payload) return { error: "The state token is invalid or has expired. Please try again." };
		const parameter = { ...payload.args, ...query };
		const parameters = Object.fromEntries(Object.entries(parameter).map(([key, value]) => [key, [value]]));
		return this.run(payload.method, { ...runOptions, args: [{ parameter, parameters }] });
	}
}

function clockEvent(trigger: TriggerState, firedAt: number) {
	const at = new Date(firedAt);
	return {
		authMode: "FULL",
		triggerUid: trigger.uniqueId,
		year: at.getUTCFullYear(),
		month: at.getUTCMonth() + 1,
		"day-of-month": at.getUTCDate(),
		"day-of-week": at.getUTCDay() === 0 ? 7 : at.getUTCDay(),
		hour: at.getUTCHours(),
		minute: at.getUTCMinutes(),
		second: at.getUTCSeconds(),
		timezone: "UTC",
	};
}

function describeError(thrown: unknown): string {
	if (thrown && typeof thrown === "object" && "message" in thrown) {
		const { name, message } = thrown as { name?: string; message: string };
		return `${name ?? "Error"}: ${message}`;
	}
	return String(thrown);
}
