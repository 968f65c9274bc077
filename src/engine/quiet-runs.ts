/**
 * Quiet trigger runs: a scheduled sync with nothing to do should cost almost nothing. After each
 * full run Hubsheet notes what a quiet check needs (the shop, the overlap, the orders Etsy will show
 * again within the overlap) and when the next full run is due anyway: within the hour (ship-by and
 * stuck rules are judged at least hourly), at once when the run left work behind. The on-edit
 * trigger notes when the owner last edited the spreadsheet. A trigger run then asks Etsy once, and
 * when Etsy shows nothing new, nobody edited anything and nothing is due, it stops there without
 * reading the sheet.
 */
import type { EtsyOrder } from "../core/order.js";
import type { Store } from "../ports.js";
import type { FeedResult } from "./etsy-import.js";

export const QUIET_NOTE_KEY = "hubsheet.quiet";
/** Epoch ms of the owner's last edit (the on-edit trigger) or of a change made from the sidebar. */
export const SHEET_CHANGED_KEY = "hubsheet.sheetChangedAt";
/** "1" while the on-edit trigger is installed: without it an edit could go unseen, so no run is quiet. */
export const EDIT_WATCH_KEY = "hubsheet.editWatch";
/** Ship-by and stuck rules are judged at least this often. */
export const FULL_RUN_EVERY_MS = 60 * 60_000;
/** More orders than this changed within the overlap: the next runs are full (the note stays small). */
const MAX_SEEN = 200;

export interface QuietNote {
	shopId: string;
	overlapMinutes: number;
	/** When the last full run started: an edit at or after it has not been read. */
	fullRunAt: number;
	/** When the next full run is due whatever happens. */
	nextDueAt: number;
	/** Orders Etsy will show again within the overlap, with the update time the sheet has. */
	seen: Record<string, number>;
}

export function readQuietNote(store: Store): QuietNote | null {
	const raw = store.get(QUIET_NOTE_KEY);
	if (raw === null) return null;
	try {
		const note = JSON.parse(raw) as QuietNote;
		return typeof note.shopId === "string" && typeof note.nextDueAt === "number" ? note : null;
	} catch {
		return null;
	}
}

/** The note when this run may stay quiet if Etsy has nothing new, else null (a full run). */
export function mayStayQuiet(store: Store, now: number): QuietNote | null {
	if (store.get(EDIT_WATCH_KEY) !== "1") return null;
	const note = readQuietNote(store);
	if (!note || now >= note.nextDueAt) return null;
	const changedAt = Number(store.get(SHEET_CHANGED_KEY) ?? 0);
	return changedAt >= note.fullRunAt ? null : note;
}

/** True when Etsy's answer holds nothing the last full run did not already write. */
export function nothingNew(pulled: FeedResult, note: QuietNote): boolean {
	if (pulled.failed.length > 0 || pulled.moreWaiting || pulled.reconnect || pulled.stopReason) return false;
	return pulled.orders.every((order) => note.seen[order.orderId] === order.updatedAt);
}

/**
 * Noted after a full run. `leftWork`: the run did or tried something (a create, a move, a failure,
 * a wait): the next run is full too, so retries and look-ups are not held back by the quiet check.
 */
export function noteFullRun(
	store: Store,
	run: {
		shopId: string;
		overlapMinutes: number;
		startedAt: number;
		pulled: readonly EtsyOrder[];
		cursorMs: number | null;
		leftWork: boolean;
		/** The earliest time something else falls due (a parcel to poll), if any. */
		dueAt?: number;
	},
): void {
	const from = (run.cursorMs ?? 0) - run.overlapMinutes * 60_000;
	const recent = run.pulled.filter((order) => order.updatedAt >= from);
	const nextDueAt =
		run.leftWork || recent.length > MAX_SEEN
			? run.startedAt
			: Math.min(run.startedAt + FULL_RUN_EVERY_MS, run.dueAt ?? Number.POSITIVE_INFINITY);
	const note: QuietNote = {
		shopId: run.shopId,
		overlapMinutes: run.overlapMinutes,
		fullRunAt: run.startedAt,
		nextDueAt,
		seen: Object.fromEntries(recent.slice(-MAX_SEEN).map((order) => [order.orderId, order.updatedAt])),
	};
	store.set(QUIET_NOTE_KEY, JSON.stringify(note));
}
