/**
 * Quiet trigger runs: a scheduled sync with nothing to do should cost almost nothing. After each
 * full run Hubsheet notes what a quiet check needs (the shop, the overlap, the orders Etsy will show
 * again within the overlap) and when the next full run is due anyway: within the hour (ship-by and
 * stuck rules are judged at least hourly), at once when the run left work behind. The on-edit
 * trigger notes when the owner last edited the spreadsheet. A trigger run then asks Etsy once, and
 * when Etsy shows nothing new, nobody edited anything and nothing is due, it stops there without
 * reading the sheet. The note and the edit marks are Apps Script's own trigger bookkeeping (the
 * runner never runs quiet), kept in script properties: the check costs the one properties read the
 * run makes anyway, not a read of the shared engine sheet.
 */
import type { EtsyOrder } from "../core/order.js";
import type { Store } from "../ports.js";
import { ETSY_CURSOR_KEY, type FeedResult, type ImportMode } from "./etsy-import.js";
import { leftWork } from "./run-budget.js";
import type { SyncCycleResult } from "./sync-run.js";

export const QUIET_NOTE_KEY = "hubsheet.triggers.quiet";
/** Epoch ms of the owner's last edit (the on-edit trigger) or of a change made from the sidebar. */
export const SHEET_CHANGED_KEY = "hubsheet.triggers.sheetChangedAt";
/** "1" while the on-edit trigger is installed: without it an edit could go unseen, so no run is quiet. */
export const EDIT_WATCH_KEY = "hubsheet.triggers.editWatch";
/** Where earlier versions kept the edit watch (the shared engine sheet): moved by the next full run. */
export const OLD_QUIET_KEYS = {
	editWatch: "hubsheet.editWatch",
	note: "hubsheet.quiet",
	changedAt: "hubsheet.sheetChangedAt",
};
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
	/** The Etsy cursor the full run left: the quiet check asks Etsy from there. */
	cursorMs: number | null;
}

export function readQuietNote(store: Store): QuietNote | null {
	const raw = store.get(QUIET_NOTE_KEY);
	if (raw === null) return null;
	try {
		const note = JSON.parse(raw) as QuietNote;
		if (typeof note.shopId !== "string" || typeof note.nextDueAt !== "number") return null;
		return { ...note, cursorMs: typeof note.cursorMs === "number" ? note.cursorMs : null };
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

/** Only an incremental trigger run may stay quiet: a full pass reads every open order whatever happened. */
export function quietCheckAllowed(mode: ImportMode, asked: boolean): boolean {
	return asked && mode === "incremental";
}

/** A quiet check's pull, handed to the full run that follows when the marketplace had something new. */
export interface HandedOverPull {
	shopId: string;
	cursorMs: number | null;
	pulled: FeedResult;
}

/** The pull read everything it asked for: no page failed, stopped or left more waiting. */
const wholePull = (pulled: FeedResult): boolean =>
	pulled.failed.length === 0 && !pulled.moreWaiting && !pulled.reconnect && !pulled.stopReason;

/** True when Etsy's answer holds nothing the last full run did not already write. */
export function nothingNew(pulled: FeedResult, note: QuietNote): boolean {
	if (!wholePull(pulled)) return false;
	return pulled.orders.every((order) => note.seen[order.orderId] === order.updatedAt);
}

/**
 * What a quiet check's pull means: "quiet" (the run ends there), "hand over" (the full run that
 * follows writes this pull), or "ask again" (it failed or stopped: the full run asks Etsy again,
 * under the lock).
 */
export function quietVerdict(pulled: FeedResult, note: QuietNote): "quiet" | "hand over" | "ask again" {
	if (nothingNew(pulled, note)) return "quiet";
	return wholePull(pulled) ? "hand over" : "ask again";
}

/**
 * What a quiet check comes to: "quiet" (the run ends there), the pull the full run takes over, or
 * null (the full run asks the marketplace again, under the lock).
 */
export function quietCheckOutcome(pulled: FeedResult, note: QuietNote): "quiet" | HandedOverPull | null {
	const verdict = quietVerdict(pulled, note);
	if (verdict === "quiet") return "quiet";
	return verdict === "hand over" ? { shopId: note.shopId, cursorMs: note.cursorMs, pulled } : null;
}

/** The full run, holding the lock, keeps the quiet check's pull only while the stored cursor is the one it asked from. */
export function currentHandOver(handed: HandedOverPull | null, store: Store): HandedOverPull | null {
	return handed && pullStillCurrent(store.get(ETSY_CURSOR_KEY), handed.cursorMs) ? handed : null;
}

/** The handed-over pull is the full run's answer for `shopId` only if it read that shop. */
export function handedOverFor(handed: HandedOverPull | null, shopId: string): FeedResult | null {
	return handed !== null && shopId === handed.shopId ? handed.pulled : null;
}

/** The quiet check's pull is the full run's own unless another engine moved the cursor meanwhile. */
export function pullStillCurrent(storedCursor: string | null, checkedFromMs: number | null): boolean {
	return (storedCursor === null ? null : Number(storedCursor)) === checkedFromMs;
}

/**
 * Noted after a full run. `leftWork`: the run did or tried something (a create, a move, a failure,
 * a wait): the next run is full too, so retries and look-ups are not held back by the quiet check.
 */
function noteFullRun(
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
		cursorMs: run.cursorMs,
	};
	store.set(QUIET_NOTE_KEY, JSON.stringify(note));
}

/**
 * Noted after a full run's cycle that read the marketplace (a cycle that stopped before knowing the
 * shop notes nothing): what it left, from the cycle's parts and the budget.
 */
export function noteFullCycle(store: Store, cycle: SyncCycleResult, startedAt: number, outOfTime: boolean): void {
	const summary = cycle.imported;
	if (summary.shopId === undefined) return;
	noteFullRun(store, {
		shopId: summary.shopId,
		overlapMinutes: summary.overlapMinutes ?? 0,
		startedAt,
		pulled: summary.pulled,
		cursorMs: summary.cursorAfter,
		leftWork: leftWork({
			outOfTime,
			moreWaiting: summary.moreWaiting === true,
			failedOrders: summary.failed.length,
			platformActions: cycle.platforms?.actions.length ?? 0,
		}),
		...(cycle.platforms?.nextParcelDueAt != null ? { dueAt: cycle.platforms.nextParcelDueAt } : {}),
	});
}

/** The on-edit trigger is in: from now on an edit is noted, so a trigger run may stay quiet. */
export function noteEditWatch(own: Store): void {
	own.set(EDIT_WATCH_KEY, "1");
}

/**
 * The on-edit trigger is gone: an edit could go unseen, so no run may stay quiet (nor may an
 * earlier version's mark in the shared engine sheet be moved back by the next full run).
 */
export function forgetEditWatch(own: Store, shared: Store): void {
	own.delete(EDIT_WATCH_KEY);
	shared.delete(OLD_QUIET_KEYS.editWatch);
}

/** An edit on the spreadsheet (the owner's, or one made from the sidebar): the next run reads the sheet. */
export function noteSheetChanged(own: Store, nowMs: number): void {
	own.set(SHEET_CHANGED_KEY, String(nowMs));
}

/**
 * Moves an edit watch an earlier version kept in the shared engine sheet to where quiet runs look
 * now (`own`), and drops the earlier note and marks: an upgraded installation keeps its quiet runs
 * without installing the triggers again. `shared` is read by every full run anyway.
 */
export function moveOldQuietKeys(shared: Store, own: Store): void {
	const watched = shared.get(OLD_QUIET_KEYS.editWatch) === "1";
	if (!watched && shared.get(OLD_QUIET_KEYS.note) === null) return;
	if (watched) own.set(EDIT_WATCH_KEY, "1");
	for (const key of Object.values(OLD_QUIET_KEYS)) shared.delete(key);
}
