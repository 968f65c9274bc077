/**
 * Persists the local state between executions, one JSON file per part, so that two `npm run sync`
 * behave like two trigger runs on one spreadsheet and a run rewrites only the parts it changed.
 */
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { StatePart } from "./host.js";
import { newWorkbookState } from "./spreadsheet/workbook-state.js";
import type { LocalState } from "./state.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `HUBSHEET_STATE_DIR` overrides the default `.hubsheet/state` of the repository. */
export function defaultStateDir(): string {
	return process.env.HUBSHEET_STATE_DIR ?? join(repoRoot, ".hubsheet", "state");
}

export interface NewStateOptions {
	timeZone?: string;
	locale?: string;
	spreadsheetName?: string;
	clock?: number;
}

export function newLocalState(options: NewStateOptions = {}): LocalState {
	const now = options.clock ?? Date.now();
	return {
		version: 1,
		scriptId: `local-${randomUUID()}`,
		clock: now,
		workbook: newWorkbookState({
			id: `local-sheet-${randomUUID()}`,
			name: options.spreadsheetName ?? "Hubsheet orders",
			timeZone: options.timeZone ?? "Europe/Warsaw",
			locale: options.locale ?? "en_US",
		}),
		properties: { script: {}, user: {}, document: {} },
		triggers: [],
		cache: { script: {}, user: {}, document: {} },
		quota: { day: new Date(now).toISOString().slice(0, 10), urlFetch: 0, mail: 0 },
		mail: [],
		drive: [],
	};
}

type Meta = Pick<LocalState, "version" | "scriptId" | "clock">;
const partFields: Record<StatePart, keyof LocalState> = {
	workbook: "workbook",
	properties: "properties",
	triggers: "triggers",
	cache: "cache",
	quota: "quota",
	mail: "mail",
	drive: "drive",
};

function readJson<T>(file: string): T | undefined {
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, "utf8")) as T;
	} catch (error) {
		throw new Error(
			`Local state file ${file} is not valid JSON (${(error as Error).message}); delete it to start over.`,
		);
	}
}

function writeJsonAtomically(file: string, value: unknown): void {
	mkdirSync(dirname(file), { recursive: true });
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(value));
	renameSync(temporary, file);
}

/** Loads the state in `dir`, creating and saving a fresh one if there is none. */
export function loadState(dir: string, fresh: NewStateOptions = {}): LocalState {
	const meta = readJson<Meta>(join(dir, "meta.json"));
	if (!meta) {
		const state = newLocalState(fresh);
		saveState(dir, state, Object.keys(partFields) as StatePart[]);
		return state;
	}
	const state = newLocalState(fresh);
	Object.assign(state, meta);
	for (const [part, field] of Object.entries(partFields)) {
		const value = readJson<unknown>(join(dir, `${part}.json`));
		if (value !== undefined) (state as unknown as Record<string, unknown>)[field] = value;
	}
	return state;
}

/** Saves the meta part (clock, ids) and the listed parts. */
export function saveState(dir: string, state: LocalState, parts: Iterable<StatePart>): void {
	for (const part of parts) writeJsonAtomically(join(dir, `${part}.json`), state[partFields[part]]);
	const meta: Meta = { version: state.version, scriptId: state.scriptId, clock: state.clock };
	writeJsonAtomically(join(dir, "meta.json"), meta);
}
