import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import type { FeedResult } from "../../src/engine/etsy-import.js";
import {
	EDIT_WATCH_KEY,
	forgetEditWatch,
	mayStayQuiet,
	noteEditWatch,
	noteSheetChanged,
	OLD_QUIET_KEYS,
	pullStillCurrent,
	QUIET_NOTE_KEY,
	type QuietNote,
	quietVerdict,
	SHEET_CHANGED_KEY,
} from "../../src/engine/quiet-runs.js";
import { MemoryStore } from "./memory-store.js";

const note: QuietNote = {
	shopId: "shop",
	overlapMinutes: 10,
	fullRunAt: 1_000,
	nextDueAt: 9_000,
	seen: { "1": 500 },
	cursorMs: 400,
};
const order = (orderId: string, updatedAt: number) => ({ orderId, updatedAt }) as EtsyOrder;
const pull = (parts: Partial<FeedResult> = {}): FeedResult => ({
	orders: [order("1", 500)],
	failed: [],
	nextCursorMs: 600,
	...parts,
});

describe("a quiet check's pull", () => {
	it("ends the run when Etsy shows only what the last full run wrote", () => {
		expect(quietVerdict(pull(), note)).toBe("quiet");
		expect(quietVerdict(pull({ orders: [] }), note)).toBe("quiet");
	});

	it("is handed to the full run when it read everything and something changed", () => {
		expect(quietVerdict(pull({ orders: [order("1", 501)] }), note)).toBe("hand over");
		expect(quietVerdict(pull({ orders: [order("2", 1)] }), note)).toBe("hand over");
	});

	it("is asked again by the full run when it failed, stopped or left more waiting", () => {
		expect(quietVerdict(pull({ failed: [{ orderId: "3", reason: "x" }] }), note)).toBe("ask again");
		expect(quietVerdict(pull({ moreWaiting: true }), note)).toBe("ask again");
		expect(quietVerdict(pull({ reconnect: "reconnect Etsy" }), note)).toBe("ask again");
		expect(quietVerdict(pull({ stopReason: "quota" }), note)).toBe("ask again");
	});

	it("is the full run's own only while the cursor is where the check read from", () => {
		expect(pullStillCurrent("400", 400)).toBe(true);
		expect(pullStillCurrent(null, null)).toBe(true);
		expect(pullStillCurrent("700", 400)).toBe(false);
		expect(pullStillCurrent(null, 400)).toBe(false);
	});
});

const storeOf = (values: Record<string, string>) => ({
	get: (key: string) => values[key] ?? null,
	set: () => {},
	delete: () => {},
});

describe("whether a trigger run may stay quiet, from the script properties it reads once", () => {
	const properties = (changes: Record<string, string> = {}): Record<string, string> => ({
		[QUIET_NOTE_KEY]: JSON.stringify(note),
		[EDIT_WATCH_KEY]: "1",
		...changes,
	});

	it("may while the edit watch is on, no edit came since the full run started and none is due", () => {
		expect(mayStayQuiet(storeOf(properties()), 3_000)?.fullRunAt).toBe(1_000);
		// An edit before the full run started was read by it.
		expect(mayStayQuiet(storeOf(properties({ [SHEET_CHANGED_KEY]: "900" })), 3_000)?.shopId).toBe("shop");
	});

	it("may not without the edit watch, after an edit since the full run started, or once a full run is due", () => {
		expect(mayStayQuiet(storeOf(properties({ [EDIT_WATCH_KEY]: "" })), 3_000)).toBeNull();
		// An edit the on-edit trigger marked during the full run (it started at 1,000).
		expect(mayStayQuiet(storeOf(properties({ [SHEET_CHANGED_KEY]: "1000" })), 3_000)).toBeNull();
		expect(mayStayQuiet(storeOf(properties({ [SHEET_CHANGED_KEY]: "2000" })), 3_000)).toBeNull();
		expect(mayStayQuiet(storeOf(properties()), 9_000)).toBeNull();
		expect(mayStayQuiet(storeOf(properties({ [QUIET_NOTE_KEY]: "{not json" })), 3_000)).toBeNull();
		expect(mayStayQuiet(storeOf({ [EDIT_WATCH_KEY]: "1" }), 3_000)).toBeNull();
	});
});

describe("the edit watch and the edit marks", () => {
	it("installing the on-edit trigger turns the watch on, so a run may stay quiet", () => {
		const own = new MemoryStore({ [QUIET_NOTE_KEY]: JSON.stringify(note) });
		expect(mayStayQuiet(own, 3_000)).toBeNull();
		noteEditWatch(own);
		expect(mayStayQuiet(own, 3_000)?.shopId).toBe("shop");
	});

	it("removing it forgets the watch here and an earlier version's in the shared sheet: no run stays quiet", () => {
		const own = new MemoryStore({ [QUIET_NOTE_KEY]: JSON.stringify(note), [EDIT_WATCH_KEY]: "1" });
		const shared = new MemoryStore({ [OLD_QUIET_KEYS.editWatch]: "1", other: "kept" });
		forgetEditWatch(own, shared);
		expect(own.get(EDIT_WATCH_KEY)).toBeNull();
		expect(shared.all()).toEqual({ other: "kept" });
		expect(mayStayQuiet(own, 3_000)).toBeNull();
	});

	it("an edit noted after the full run started makes the next run a full one", () => {
		const own = new MemoryStore({ [QUIET_NOTE_KEY]: JSON.stringify(note), [EDIT_WATCH_KEY]: "1" });
		noteSheetChanged(own, 2_500);
		expect(own.get(SHEET_CHANGED_KEY)).toBe("2500");
		expect(mayStayQuiet(own, 3_000)).toBeNull();
	});
});
