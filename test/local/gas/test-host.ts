/**
 * An ExecutionHost for unit tests of single emulated services, without a vm context or a bundle.
 * The values it builds live in the test's own realm. Full executions use `local/gas/runtime.ts`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	type ExecutionHost,
	ExecutionKilledError,
	type RuntimeOptions,
	type StatePart,
	type UiEvent,
} from "../../../local/gas/host.js";
import { newWorkbookState } from "../../../local/gas/spreadsheet/workbook-state.js";
import type { LocalState } from "../../../local/gas/state.js";

export interface TestHost extends ExecutionHost {
	calls: Array<{ service: string; method: string }>;
	logs: Array<{ level: string; message: string }>;
	uiEvents: UiEvent[];
	dirty: Set<StatePart>;
	pushFiles: Map<string, string>;
	kill(): void;
}

// One folder for every test host of this test file that names none, instead of one per host.
let sharedStateDir: string | undefined;
function defaultStateDir(): string {
	sharedStateDir ??= mkdtempSync(join(tmpdir(), "hubsheet-test-"));
	return sharedStateDir;
}

export function newLocalState(overrides: Partial<LocalState> = {}): LocalState {
	return {
		version: 1,
		scriptId: "local-script-id",
		clock: Date.UTC(2026, 10, 22, 9, 0, 0),
		workbook: newWorkbookState({
			id: "local-spreadsheet-id",
			name: "Orders hub",
			timeZone: "Europe/Warsaw",
			locale: "en_US",
		}),
		properties: { script: {}, user: {}, document: {} },
		triggers: [],
		cache: { script: {}, user: {}, document: {} },
		quota: { day: "2026-11-22", urlFetch: 0, mail: 0 },
		mail: [],
		drive: [],
		...overrides,
	};
}

export function createTestHost(options: Partial<RuntimeOptions> = {}, state: LocalState = newLocalState()): TestHost {
	const start = state.clock;
	let advanced = 0;
	let killed = false;
	const calls: TestHost["calls"] = [];
	const logs: TestHost["logs"] = [];
	const uiEvents: UiEvent[] = [];
	const dirty = new Set<StatePart>();
	const pushFiles = new Map<string, string>();
	const answers = [...(options.ui ?? [])];
	const fullOptions: RuntimeOptions = {
		stateDir: options.stateDir ?? defaultStateDir(),
		pushDir: options.pushDir ?? "dist",
		executionLimitMs: 6 * 60_000,
		fetchTimeoutMs: 10_000,
		urlFetchDailyQuota: 20_000,
		serviceLatencyMs: {},
		userEmail: "owner@example.com",
		...options,
	};
	const host: TestHost = {
		executionId: "test-execution",
		state,
		options: fullOptions,
		realm: {
			newDate: (ms) => new Date(ms),
			adopt: (value) => structuredClone(value),
			exception: (message) => Object.assign(new Error(message), { name: "Exception" }),
		},
		now: () => start + advanced,
		advance(ms) {
			advanced += ms;
		},
		touch(service, method) {
			if (killed) throw new ExecutionKilledError();
			calls.push({ service, method });
			advanced += fullOptions.serviceLatencyMs[service] ?? 0;
			if (advanced > fullOptions.executionLimitMs) {
				killed = true;
				throw new ExecutionKilledError();
			}
		},
		resize() {},
		markDirty: (part) => dirty.add(part),
		log: (level, message) => logs.push({ level, message }),
		readPushFile: (name) => pushFiles.get(name),
		evaluate(code, scope = {}) {
			return new Function(...Object.keys(scope), code)(...Object.values(scope));
		},
		ui: {
			record: (event) => uiEvents.push(event),
			answer: () => answers.shift() ?? { button: "OK" },
		},
		calls,
		logs,
		uiEvents,
		dirty,
		pushFiles,
		kill() {
			killed = true;
		},
	};
	return host;
}
