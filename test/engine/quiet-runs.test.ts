import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import type { FeedResult } from "../../src/engine/etsy-import.js";
import type { PlatformSyncSummary } from "../../src/engine/platform-sync.js";
import {
	currentHandOver,
	EDIT_WATCH_KEY,
	FULL_RUN_EVERY_MS,
	forgetEditWatch,
	handedOverFor,
	mayStayQuiet,
	noteEditWatch,
	noteFullCycle,
	noteSheetChanged,
	OLD_QUIET_KEYS,
	pullStillCurrent,
	QUIET_NOTE_KEY,
	type QuietNote,
	quietCheckAllowed,
	quietCheckOutcome,
	quietVerdict,
	readQuietNote,
	SHEET_CHANGED_KEY,
} from "../../src/engine/quiet-runs.js";
import { importSummary } from "./import-summary-fixture.js";
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

describe("which trigger runs check quietly, and what the full run takes over", () => {
	it("only an incremental run that asked may stay quiet: a full pass never does", () => {
		expect(quietCheckAllowed("incremental", true)).toBe(true);
		expect(quietCheckAllowed("incremental", false)).toBe(false);
		expect(quietCheckAllowed("full", true)).toBe(false);
	});

	it("a check ends quiet, hands its pull over, or leaves the full run to ask again", () => {
		expect(quietCheckOutcome(pull(), note)).toBe("quiet");
		const changed = pull({ orders: [order("2", 1)] });
		expect(quietCheckOutcome(changed, note)).toEqual({ shopId: "shop", cursorMs: 400, pulled: changed });
		expect(quietCheckOutcome(pull({ moreWaiting: true }), note)).toBeNull();
	});

	it("the full run keeps the pull only while the cursor is unmoved, and only for the shop it read", () => {
		const handed = { shopId: "shop", cursorMs: 400, pulled: pull() };
		expect(currentHandOver(handed, new MemoryStore({ "hubsheet.etsy.cursor": "400" }))).toBe(handed);
		expect(currentHandOver(handed, new MemoryStore({ "hubsheet.etsy.cursor": "700" }))).toBeNull();
		expect(currentHandOver(null, new MemoryStore())).toBeNull();
		expect(handedOverFor(handed, "shop")).toBe(handed.pulled);
		expect(handedOverFor(handed, "other shop")).toBeNull();
		expect(handedOverFor(null, "shop")).toBeNull();
	});
});

describe("the note a full run's cycle leaves for the quiet checks", () => {
	const platforms = (parts: Partial<PlatformSyncSummary>) =>
		({ actions: [], ...parts }) as unknown as PlatformSyncSummary;
	const cycle = (imported: Parameters<typeof importSummary>[0], parts: Partial<PlatformSyncSummary> = {}) => ({
		imported: importSummary(imported),
		platforms: platforms(parts),
		findings: [],
		problems: [],
	});
	const shop = { shopId: "shop", overlapMinutes: 10, cursorAfter: 1_200_000, pulled: [order("7", 900_000)] };

	it("a cycle that never knew the shop notes nothing", () => {
		const store = new MemoryStore();
		noteFullCycle(store, cycle({}), 5_000, false);
		expect(store.values.size).toBe(0);
	});

	it("a calm cycle makes the next full run due within the hour, with the orders the overlap shows again", () => {
		const store = new MemoryStore();
		noteFullCycle(store, cycle(shop), 5_000, false);
		expect(readQuietNote(store)).toEqual({
			shopId: "shop",
			overlapMinutes: 10,
			fullRunAt: 5_000,
			nextDueAt: 5_000 + FULL_RUN_EVERY_MS,
			seen: { "7": 900_000 },
			cursorMs: 1_200_000,
		});
	});

	it("a cycle that left work, ran out of time or has a parcel due sooner brings the next full run forward", () => {
		const dueAt = (made: ReturnType<typeof cycle>, outOfTime = false) => {
			const store = new MemoryStore();
			noteFullCycle(store, made, 5_000, outOfTime);
			return readQuietNote(store)?.nextDueAt;
		};
		expect(dueAt(cycle(shop, { actions: [{}] as PlatformSyncSummary["actions"] }))).toBe(5_000);
		expect(dueAt(cycle({ ...shop, moreWaiting: true }))).toBe(5_000);
		expect(dueAt(cycle({ ...shop, failed: [{ orderId: "8", reason: "x" }] }))).toBe(5_000);
		expect(dueAt(cycle(shop), true)).toBe(5_000);
		expect(dueAt(cycle(shop, { nextParcelDueAt: 60_000 }))).toBe(60_000);
	});
});
