import { describe, expect, it } from "vitest";
import type { EtsyOrder } from "../../src/core/order.js";
import type { FeedResult } from "../../src/engine/etsy-import.js";
import { pullStillCurrent, type QuietNote, quietVerdict } from "../../src/engine/quiet-runs.js";

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
