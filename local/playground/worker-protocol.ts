/** Messages between the playground's server and its runtime workers (child processes, JSON over IPC). */
import type { UiEvent } from "../gas/host.js";

export interface WorkerConfig {
	stateDir: string;
	pushDir: string;
}

export type WorkerRequest = { id: number } & (
	| { op: "run"; fn: string; args: unknown[] }
	| { op: "owner"; code: string; args: unknown[] }
	| { op: "advance"; ms: number }
);

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** One execution, as the playground logs and shows it. */
export interface RunOutcome {
	functionName: string;
	status: "completed" | "failed" | "killed";
	/** The value as google.script.run would hand it to the page. */
	value?: unknown;
	error?: string;
	/** Epoch ms on the local clock. */
	startedAt: number;
	endedAt: number;
	fetches: number;
	spreadsheetCalls: number;
	uiEvents: UiEvent[];
	/** Set when the runner (`hubsheet sync`) ran it instead of Apps Script: its Sheets API requests. */
	sheetsRequests?: number;
}
