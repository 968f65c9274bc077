/**
 * One engine at a time: before a sync, Apps Script and the runner each take a lease kept in the
 * spreadsheet, so they never sync at once. The lease is a hidden sheet "Hubsheet lease" whose first
 * cell says who holds it and until when. Google makes a sheet's name unique and applies one
 * spreadsheets.batchUpdate all or nothing, so creating that sheet (with its text, in one call) is a
 * compare-and-set: of two engines starting together, exactly one succeeds. An expired lease is
 * taken over by deleting the old sheet by its id and adding the new one in the same call: of two
 * engines taking it over together, the second finds the old sheet gone and its call fails whole.
 */

import { LEASE_SHEET } from "../core/sheet-names.js";
import type { Store } from "../ports.js";

/** Named in core/sheet-names.ts with every sheet Hubsheet owns; re-exported for this module's importers. */
export { LEASE_SHEET };
/** Set (in the shared bookkeeping) by the runner's first sync: from then on Apps Script takes the lease too. */
export const RUNNER_SEEN_KEY = "hubsheet.runner.seen";

export type EngineSide = "Apps Script" | "the runner";

export interface Lease {
	holder: EngineSide;
	/** Where it runs, in words ("Google Cloud job hubsheet-sync", "this spreadsheet's triggers"). */
	where: string;
	/** Epoch ms. */
	since: number;
	until: number;
}

/** Apps Script kills an execution at 6 minutes: its lease lapses a little after, should it be killed holding it. */
export const APPS_SCRIPT_LEASE_MS = 8 * 60_000;

/** The lease an Apps Script run asks for at `now`. */
export function appsScriptLease(now: number): Lease {
	return {
		holder: "Apps Script",
		where: "this spreadsheet's Apps Script",
		since: now,
		until: now + APPS_SCRIPT_LEASE_MS,
	};
}

export interface LeaseAccess {
	/** The lease sheet's id and first cell, or null when nobody holds a lease. */
	read(): { sheetId: number; text: string } | null;
	/**
	 * Adds the lease sheet holding `text`, deleting `replacing` (an expired lease's sheet) in the same
	 * all-or-nothing step. Returns the new sheet's id, or null when another engine was first.
	 */
	take(text: string, replacing: number | null): number | null;
	/** Deletes the lease sheet if it is still this one. */
	release(sheetId: number): void;
}

/**
 * The lease sheet's writes, one spreadsheets.batchUpdate each, the same for Apps Script (advanced
 * service) and the runner (REST): `take` adds the sheet with its text in one all-or-nothing call,
 * deleting `replacing` in it; `release` deletes the sheet. `lost` tells a call that lost the race
 * (the sheet already exists, or the old one is gone) from one that failed.
 */
export function leaseWrites(
	batchUpdate: (requests: object[]) => unknown,
	lost: (error: unknown) => boolean,
	newSheetId: () => number,
): Pick<LeaseAccess, "take" | "release"> {
	return {
		take(text, replacing) {
			const sheetId = newSheetId();
			try {
				batchUpdate([
					...(replacing === null ? [] : [{ deleteSheet: { sheetId: replacing } }]),
					{
						addSheet: {
							properties: {
								sheetId,
								title: LEASE_SHEET,
								hidden: true,
								gridProperties: { rowCount: 1, columnCount: 1 },
							},
						},
					},
					{
						updateCells: {
							start: { sheetId, rowIndex: 0, columnIndex: 0 },
							rows: [{ values: [{ userEnteredValue: { stringValue: text } }] }],
							fields: "userEnteredValue",
						},
					},
				]);
				return sheetId;
			} catch (error) {
				if (lost(error)) return null;
				throw error;
			}
		},
		release(sheetId) {
			try {
				batchUpdate([{ deleteSheet: { sheetId } }]);
			} catch (error) {
				if (!lost(error)) throw error;
			}
		},
	};
}

export type LeaseResult = { ok: true; sheetId: number; lease: Lease } | { ok: false; heldBy: Lease | null };

export function parseLease(text: string): Lease | null {
	try {
		const parsed = JSON.parse(text) as Partial<Lease>;
		if (
			(parsed.holder === "Apps Script" || parsed.holder === "the runner") &&
			typeof parsed.where === "string" &&
			typeof parsed.since === "number" &&
			typeof parsed.until === "number"
		) {
			return { holder: parsed.holder, where: parsed.where, since: parsed.since, until: parsed.until };
		}
	} catch {
		// Unreadable: handled as expired below, so a broken lease never blocks forever.
	}
	return null;
}

/** An empty lease left that long (its taker stopped between making the sheet and writing it) is over. */
export const EMPTY_LEASE_MS = 10 * 60_000;
const EMPTY_SEEN_KEY = "hubsheet.lease.emptySeen";

/**
 * `store` (the shared one) remembers an empty lease sheet: Apps Script makes the sheet and writes
 * it in two steps, so an empty one is being taken right now, unless it stayed empty.
 */
export function acquireLease(access: LeaseAccess, wanted: Lease, now: number, store?: Store): LeaseResult {
	const current = access.read();
	if (current) {
		const held = parseLease(current.text);
		// Apps Script syncs under its script lock: a lease of its own side it finds is a dead execution's.
		const ownDead = held?.holder === "Apps Script" && wanted.holder === "Apps Script";
		if (held && held.until > now && !ownDead) return { ok: false, heldBy: held };
		if (!held && current.text === "") {
			const [seenId, seenAt] = (store?.get(EMPTY_SEEN_KEY) ?? "").split(":").map(Number);
			if (seenId !== current.sheetId || seenAt === undefined || now - seenAt < EMPTY_LEASE_MS) {
				if (seenId !== current.sheetId) store?.set(EMPTY_SEEN_KEY, `${current.sheetId}:${now}`);
				return { ok: false, heldBy: null };
			}
		}
	}
	const sheetId = access.take(JSON.stringify(wanted), current?.sheetId ?? null);
	if (sheetId !== null) return { ok: true, sheetId, lease: wanted };
	const winner = access.read();
	return { ok: false, heldBy: winner ? parseLease(winner.text) : null };
}

function clockTime(epochMs: number, timeZone: string): string {
	try {
		return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(epochMs));
	} catch {
		return new Date(epochMs).toISOString().slice(11, 16);
	}
}

/** What the engine that found the lease taken says, in the owner's words. */
export function busyMessage(heldBy: Lease | null, timeZone: string): string {
	if (!heldBy) return "Another Hubsheet sync is starting right now; this one stopped without changing anything.";
	const who =
		heldBy.holder === "the runner"
			? `Hubsheet is syncing from Google Cloud (${heldBy.where})`
			: "Hubsheet is syncing from this spreadsheet's Apps Script";
	return `${who} since ${clockTime(heldBy.since, timeZone)}; this sync stopped without changing anything. Only one may sync at a time.`;
}
