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
import { ETSY_STORE_KEYS } from "../platforms/etsy/oauth-store.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Store } from "../ports.js";
import type { FeedResult } from "./etsy-import.js";

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

/** The quiet check's pull is the full run's own unless another engine moved the cursor meanwhile. */
export function pullStillCurrent(storedCursor: string | null, checkedFromMs: number | null): boolean {
	return (storedCursor === null ? null : Number(storedCursor)) === checkedFromMs;
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
		cursorMs: run.cursorMs,
	};
	store.set(QUIET_NOTE_KEY, JSON.stringify(note));
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

/**
 * The quiet pass: after a full run, the script properties a quiet check reads (its note, the edit
 * watch and mark, Etsy's app keys and sign-in) copied into one CacheService entry, so that a quiet
 * check reads one cache entry (about 10 ms on Google) instead of every property (about 30 ms) and
 * the idle run is little more than its start and its one Etsy request. The cache is script-scoped,
 * as script properties are. A missing, cleared or expired pass only means the check reads the
 * properties, as without it; so the pass lives no longer than the next full run's due time.
 */
export const QUIET_PASS_KEY = "hubsheet.quiet.pass";
/** Epoch ms of the owner's last edit, beside the pass: an edit during a full run outlives its pass. */
export const QUIET_EDITED_KEY = "hubsheet.quiet.editedAt";
/** The value that clears a pass (one putAll with the edit mark, instead of a remove and a put). */
export const NO_QUIET_PASS = "none";
/** CacheService keeps an entry at most 6 hours. */
const MAX_PASS_SECONDS = 6 * 60 * 60;

/** A script property a quiet check reads (the sign-in in progress is no part of it). */
export function isQuietPassKey(key: string): boolean {
	if (key === QUIET_NOTE_KEY || key === EDIT_WATCH_KEY || key === SHEET_CHANGED_KEY) return true;
	return key.startsWith(`${MARKETPLACE.id}.`) && key !== ETSY_STORE_KEYS.pending;
}

/**
 * The pass a full run leaves, from the script properties as they stand at its end (`properties`,
 * with the edit mark read afresh): null when the next run may not be quiet anyway (no edit watch, an
 * edit since the run started, the next full run already due), else its value and how many seconds it
 * may live (until the next full run is due).
 */
export function quietPass(properties: Record<string, string>, now: number): { value: string; seconds: number } | null {
	const note = mayStayQuiet({ get: (key) => properties[key] ?? null, set: () => {}, delete: () => {} }, now);
	if (!note) return null;
	const seconds = Math.min(MAX_PASS_SECONDS, Math.floor((note.nextDueAt - now) / 1000));
	if (seconds < 1) return null;
	const kept = Object.fromEntries(Object.entries(properties).filter(([key]) => isQuietPassKey(key)));
	return { value: JSON.stringify(kept), seconds };
}

/**
 * The script properties a quiet check may read instead of PropertiesService, from the cache's pass
 * and edit mark: null when there is no usable pass (none, cleared, unreadable). An edit the mark
 * records after the pass's full run started makes the check a full run, as the property would.
 */
export function propertiesFromPass(
	pass: string | undefined,
	editedAt: string | undefined,
): Record<string, string> | null {
	if (!pass || pass === NO_QUIET_PASS) return null;
	let kept: Record<string, string>;
	try {
		kept = JSON.parse(pass) as Record<string, string>;
	} catch {
		return null;
	}
	if (typeof kept !== "object" || kept === null || typeof kept[QUIET_NOTE_KEY] !== "string") return null;
	const edited = Number(editedAt ?? 0);
	const marked = Number(kept[SHEET_CHANGED_KEY] ?? 0);
	if (Number.isFinite(edited) && edited > marked) kept[SHEET_CHANGED_KEY] = String(edited);
	return kept;
}
