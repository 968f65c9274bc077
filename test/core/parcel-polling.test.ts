import { describe, expect, it } from "vitest";
import {
	allowanceNow,
	choosePolls,
	isParcelDue,
	nextPollAt,
	PARCEL_READS_PER_DAY,
	pollWaitMs,
	spend,
} from "../../src/core/parcel-polling.js";
import { parcelPhase } from "../../src/core/push-plan.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const mapping = readMappingSettings(missingTableRows([])).settings;

describe("when a parcel is read again", () => {
	it("reads a parcel awaiting pick-up often, one in transit less, a delivered or cancelled one never", () => {
		expect(pollWaitMs("awaiting-pick-up", 0)).toBe(30 * MINUTE);
		expect(pollWaitMs("in-transit", 0)).toBe(2 * HOUR);
		expect(pollWaitMs("done", 0)).toBeNull();
		expect(nextPollAt("done", 0, 1000)).toBeNull();
	});

	it("backs off as a parcel stays unchanged: half its time in the state, up to a ceiling, daily after a week", () => {
		expect(pollWaitMs("awaiting-pick-up", 2 * HOUR)).toBe(HOUR);
		expect(pollWaitMs("awaiting-pick-up", 3 * DAY)).toBe(4 * HOUR);
		expect(pollWaitMs("in-transit", 10 * HOUR)).toBe(5 * HOUR);
		expect(pollWaitMs("in-transit", 3 * DAY)).toBe(12 * HOUR);
		expect(pollWaitMs("in-transit", 8 * DAY)).toBe(DAY);
		expect(nextPollAt("in-transit", 0, 10 * HOUR)).toBe(15 * HOUR);
	});

	it("tells the phases apart by the courier's state and the Settings mapping", () => {
		expect(parcelPhase("ordered", mapping)).toBe("awaiting-pick-up");
		expect(parcelPhase("collected", mapping)).toBe("in-transit");
		expect(parcelPhase("out_for_delivery", mapping)).toBe("in-transit");
		expect(parcelPhase("delivered", mapping)).toBe("done");
		expect(parcelPhase("canceled", mapping)).toBe("done");
	});

	it("is due at once without a due time (bookkeeping from before), else from its due time on", () => {
		expect(isParcelDue({}, 5)).toBe(true);
		expect(isParcelDue({ nextPollAt: 6 }, 5)).toBe(false);
		expect(isParcelDue({ nextPollAt: 5 }, 5)).toBe(true);
	});
});

describe("the daily allowance of courier reads", () => {
	it("refills steadily, saves up at most two hours' worth, and reads the longest overdue first", () => {
		const fresh = allowanceNow(null, 0);
		expect(fresh.left).toBe(PARCEL_READS_PER_DAY / 12);
		const spent = spend(fresh, 1000);
		expect(spent.left).toBe(0);
		expect(allowanceNow(spent, HOUR).left).toBeCloseTo(PARCEL_READS_PER_DAY / 24);
		expect(allowanceNow(spent, DAY).left).toBe(PARCEL_READS_PER_DAY / 12);
		const due = [{ nextPollAt: 30 }, { nextPollAt: 10 }, {}, { nextPollAt: 20 }];
		expect(choosePolls(due, { left: 2.9, at: 0 }, 30)).toEqual([{}, { nextPollAt: 10 }]);
		expect(choosePolls(due, { left: 10, at: 0 }, 15)).toEqual([{}, { nextPollAt: 10 }]);
	});

	it("lets Sync now read parcels before they are due, soonest due first, but only within the allowance", () => {
		const inFlight = [{ nextPollAt: 5 * HOUR }, { nextPollAt: HOUR }, { nextPollAt: 0 }, { nextPollAt: 3 * HOUR }];
		// Nothing is due yet at 0:30 for a trigger run; Sync now makes all four due, the overdue one first.
		expect(choosePolls(inFlight, { left: 10, at: 0 }, 30 * MINUTE)).toEqual([{ nextPollAt: 0 }]);
		expect(choosePolls(inFlight, { left: 10, at: 0 }, 30 * MINUTE, true)).toEqual([
			{ nextPollAt: 0 },
			{ nextPollAt: HOUR },
			{ nextPollAt: 3 * HOUR },
			{ nextPollAt: 5 * HOUR },
		]);
		expect(choosePolls(inFlight, { left: 2.5, at: 0 }, 30 * MINUTE, true)).toHaveLength(2);
		expect(choosePolls(inFlight, { left: 0, at: 0 }, 30 * MINUTE, true)).toEqual([]);
	});

	it("keeps a day's reads within the allowance when the owner presses Sync now every ten minutes", () => {
		let allowance = allowanceNow(null, 0);
		let reads = 0;
		const parcels = Array.from({ length: 5000 }, (_, index) => ({ nextPollAt: DAY + index }));
		for (let at = 0; at <= DAY; at += 10 * MINUTE) {
			allowance = allowanceNow(allowance, at);
			const chosen = choosePolls(parcels, allowance, at, true);
			reads += chosen.length;
			allowance = spend(allowance, chosen.length);
		}
		expect(reads).toBeLessThanOrEqual(PARCEL_READS_PER_DAY + PARCEL_READS_PER_DAY / 12);
	});

	it("bounds a day's reads whatever the number of parcels: ten-minute runs with every parcel always due", () => {
		let allowance = allowanceNow(null, 0);
		let reads = 0;
		const parcels = Array.from({ length: 5000 }, () => ({ nextPollAt: 0 }));
		for (let at = 0; at <= DAY; at += 10 * MINUTE) {
			allowance = allowanceNow(allowance, at);
			const chosen = choosePolls(parcels, allowance, at);
			reads += chosen.length;
			allowance = spend(allowance, chosen.length);
		}
		expect(reads).toBeLessThanOrEqual(PARCEL_READS_PER_DAY + PARCEL_READS_PER_DAY / 12);
		expect(reads).toBeGreaterThan(PARCEL_READS_PER_DAY * 0.9);
	});
});
