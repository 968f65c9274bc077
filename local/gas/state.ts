/**
 * Everything a local "spreadsheet with a bound script" keeps between executions. It is plain JSON,
 * persisted by `state-store.ts` in one file per part so that a run saves only what it changed.
 */
import type { WorkbookState } from "./spreadsheet/workbook-state.js";

export type PropertyScope = "script" | "user" | "document";

export interface TriggerState {
	uniqueId: string;
	handlerFunction: string;
	/** CLOCK for time-driven triggers; ON_OPEN, ON_EDIT, ON_CHANGE, ON_FORM_SUBMIT for spreadsheet ones. */
	eventType: "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_CHANGE" | "ON_FORM_SUBMIT";
	/** Time-driven: repeat period in ms, or absent for a one-time trigger. */
	everyMs?: number;
	/** Time-driven: the next time it is due (epoch ms); absent once a one-time trigger has fired. */
	nextRunAt?: number;
	/** Human description of the schedule, e.g. "every 10 minutes". */
	schedule?: string;
	createdAt: number;
	lastRunAt?: number;
}

export interface CacheEntry {
	value: string;
	expiresAt: number;
}

export interface LocalState {
	version: 1;
	scriptId: string;
	/** The local clock: epoch ms of "now" between executions. Executions move it forward. */
	clock: number;
	workbook: WorkbookState;
	properties: Record<PropertyScope, Record<string, string>>;
	triggers: TriggerState[];
	cache: Record<"script" | "user" | "document", Record<string, CacheEntry>>;
	/** Daily quota counters, keyed by the UTC day they count. */
	quota: { day: string; urlFetch: number; mail: number };
	/** Mail "sent" by MailApp, newest last. */
	mail: Array<{
		to: string;
		subject: string;
		body: string;
		htmlBody?: string;
		sentAt: number;
	}>;
	/** Files and folders of the user's Drive (DriveApp). */
	drive: DriveItemState[];
}

/** One file or folder (mimeType `application/vnd.google-apps.folder`) of the emulated Drive. */
export interface DriveItemState {
	id: string;
	name: string;
	mimeType: string;
	/** The content's bytes, base64; absent for folders. */
	data?: string;
	/** Text content, as states saved before bytes were kept hold it (read when `data` is absent). */
	content?: string;
	/** Folder ids; absent in older states, meaning the root. */
	parents?: string[];
	createdAt: number;
	updatedAt?: number;
	description?: string;
	trashed?: boolean;
	/** Created by this script: what the `drive.file` scope lets it see. */
	byScript?: boolean;
}
