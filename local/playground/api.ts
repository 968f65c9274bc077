/** What the playground's page and server say to each other (besides google.script.run's /api/run). */
import type { WorkbookView } from "./workbook-view.js";

export type { WorkbookView };

export interface LogEntry {
	seq: number;
	/** The local clock, ISO. */
	at: string;
	kind: "run" | "control" | "alert" | "error";
	text: string;
}

/** A mail MailApp "sent" (local/gas/mail.ts): shown in the Outbox as text, never as HTML. */
export interface OutboxMail {
	/** The local clock, ISO. */
	at: string;
	to: string;
	subject: string;
	body: string;
}

export interface PlaygroundStatus {
	/** Changes whenever the saved workbook does: the page then fetches /api/workbook again. */
	version: string;
	clock: string;
	timeZone: string;
	/** What the runtime is busy with, or null. */
	busy: string | null;
	/** The latest entries, oldest first. */
	log: LogEntry[];
	controls: Array<{ id: string; label: string }>;
	/** Running sandboxes, for the outage switch. */
	platforms: string[];
	outages: string[];
	/** The latest mails of the outbox, newest first, and how many there are in all. */
	outbox: OutboxMail[];
	outboxCount: number;
	/** The Hubsheet menu as onOpen built it; null is a separator. */
	menu: Array<{ caption: string; functionName: string } | null>;
}

export interface CellEdit {
	sheetId: number;
	row: number;
	column: number;
	value: string;
}

export interface ControlRequest {
	id: string;
	orderId?: string;
	platform?: string;
}

export type Answer = { ok: true; message?: string } | { ok: false; error: string };
