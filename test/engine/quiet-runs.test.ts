import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import type { FeedResult } from "../../src/engine/etsy-import.js";
import {
	EDIT_WATCH_KEY,
	isQuietPassKey,
	mayStayQuiet,
	NO_QUIET_PASS,
	propertiesFromPass,
	pullStillCurrent,
	QUIET_NOTE_KEY,
	type QuietNote,
	quietPass,
	quietVerdict,
	SHEET_CHANGED_KEY,
} from "../../src/engine/quiet-runs.js";

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

describe("the quiet pass a full run leaves", () => {
	const properties = (changes: Record<string, string> = {}): Record<string, string> => ({
		[QUIET_NOTE_KEY]: JSON.stringify(note),
		[EDIT_WATCH_KEY]: "1",
		"etsy.keystring": "key",
		"etsy.oauth.tokens": "{}",
		"etsy.oauth.pending": "{}",
		"pipedrive.token": "other",
		"hubsheet.triggers.lastRun.syncFromTrigger": "5",
		...changes,
	});

	it("copies only what a quiet check reads, and lives until the next full run is due", () => {
		const pass = quietPass(properties(), 3_000);
		expect(pass?.seconds).toBe(6);
		expect(Object.keys(JSON.parse(pass?.value ?? "{}")).sort()).toEqual(
			[QUIET_NOTE_KEY, EDIT_WATCH_KEY, "etsy.keystring", "etsy.oauth.tokens"].sort(),
		);
		expect(isQuietPassKey("etsy.oauth.pending")).toBe(false);
		expect(isQuietPassKey(SHEET_CHANGED_KEY)).toBe(true);
	});

	it("is not left when no run may be quiet: no edit watch, an edit since the run started, a full run due", () => {
		expect(quietPass(properties({ [EDIT_WATCH_KEY]: "" }), 3_000)).toBeNull();
		// The edit mark read afresh at the run's end: an edit during the run (after it started at 1,000).
		expect(quietPass(properties({ [SHEET_CHANGED_KEY]: "1500" }), 3_000)).toBeNull();
		expect(quietPass(properties(), 9_000)).toBeNull();
		// Less than a second left: no pass (CacheService keeps an entry at least a second).
		expect(quietPass(properties(), 8_500)).toBeNull();
	});

	it("stands in for the properties unless cleared, unreadable or older than an edit the cache marks", () => {
		const value = quietPass(properties(), 3_000)?.value;
		const read = propertiesFromPass(value, undefined);
		expect(read?.["etsy.keystring"]).toBe("key");
		expect(read?.[SHEET_CHANGED_KEY]).toBeUndefined();
		expect(propertiesFromPass(undefined, undefined)).toBeNull();
		expect(propertiesFromPass(NO_QUIET_PASS, "2000")).toBeNull();
		expect(propertiesFromPass("{not json", undefined)).toBeNull();
		expect(propertiesFromPass(JSON.stringify({ "etsy.keystring": "key" }), undefined)).toBeNull();
		// An edit the on-edit trigger marked after the pass's full run started (at 1,000): the mark
		// goes with the properties, so the check is not quiet (mayStayQuiet compares it).
		const edited = propertiesFromPass(value, "2000") ?? {};
		expect(edited[SHEET_CHANGED_KEY]).toBe("2000");
		expect(mayStayQuiet(storeOf(edited), 3_000)).toBeNull();
		expect(mayStayQuiet(storeOf(read ?? {}), 3_000)?.fullRunAt).toBe(1_000);
		expect(
			propertiesFromPass(quietPass(properties({ [SHEET_CHANGED_KEY]: "900" }), 3_000)?.value, "800")?.[
				SHEET_CHANGED_KEY
			],
		).toBe("900");
	});
});
