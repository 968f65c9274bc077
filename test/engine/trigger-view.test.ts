import { describe, expect, it } from "vitest";
import {
	describeTriggers,
	intervalToInstall,
	NIGHTLY_HOUR,
	requestedInterval,
	settingsIntervalOrDefault,
	type TriggerFacts,
	triggersInstalledWords,
	triggersRemovedWords,
} from "../../src/engine/trigger-view.js";

const INSTALLED = Date.UTC(2026, 10, 22, 9, 0, 0);
const facts = (changes: Partial<TriggerFacts>): TriggerFacts => ({
	syncInstalled: true,
	nightlyInstalled: true,
	installedInterval: 15,
	settingsInterval: 10,
	installedAtMs: INSTALLED,
	lastRunAtMs: null,
	nowMs: INSTALLED + 16 * 60_000,
	...changes,
});

describe("the triggers' view", () => {
	it("before the first run says the next comes within one interval of installing", () => {
		expect(describeTriggers(facts({}))).toEqual({
			installed: true,
			intervalMinutes: 15,
			intervals: [5, 10, 15, 30, 60],
			nightly: true,
			nextRunNote: "within 15 minutes of installing",
		});
	});

	it("after a run says the next is one interval later", () => {
		const view = describeTriggers(facts({ lastRunAtMs: INSTALLED + 15 * 60_000 }));
		expect(view.lastRun).toBe("2026-11-22T09:15:00.000Z");
		expect(view.nextRun).toBe("2026-11-22T09:30:00.000Z");
		expect(view.nextRunNote).toBeUndefined();
	});

	it("after quiet runs (which leave no record) says the next is the first beat of the interval ahead", () => {
		const lastRunAtMs = INSTALLED + 15 * 60_000;
		// Two quiet runs since (09:30, 09:45), none recorded: the next is at 10:00, not 09:30.
		const view = describeTriggers(facts({ lastRunAtMs, nowMs: INSTALLED + 50 * 60_000 }));
		expect(view.lastRun).toBe("2026-11-22T09:15:00.000Z");
		expect(view.nextRun).toBe("2026-11-22T10:00:00.000Z");
		// On a beat exactly, that beat's run is the next.
		expect(describeTriggers(facts({ lastRunAtMs, nowMs: INSTALLED + 45 * 60_000 })).nextRun).toBe(
			"2026-11-22T09:45:00.000Z",
		);
	});

	it("does not count a run of the trigger that a reinstall replaced", () => {
		const view = describeTriggers(facts({ lastRunAtMs: INSTALLED - 60_000 }));
		expect(view.lastRun).toBe("2026-11-22T08:59:00.000Z");
		expect(view.nextRun).toBeUndefined();
		expect(view.nextRunNote).toBe("within 15 minutes of installing");
	});

	it("when none is installed shows the interval Settings asks for and no next run", () => {
		const view = describeTriggers(facts({ syncInstalled: false, nightlyInstalled: false, lastRunAtMs: INSTALLED }));
		expect(view).toMatchObject({ installed: false, intervalMinutes: 10, nightly: false });
		expect(view.nextRun).toBeUndefined();
		expect(view.nextRunNote).toBeUndefined();
	});
});

describe("installing and removing the triggers", () => {
	it("takes an interval Settings allows, Settings' own when none is asked for", () => {
		expect(requestedInterval(15, 10)).toBe(15);
		// Settings is written only when the sidebar asks for another interval than it holds.
		expect(intervalToInstall(15, 10)).toEqual({ minutes: 15, settingToWrite: "15" });
		expect(intervalToInstall("10", 10)).toEqual({ minutes: 10, settingToWrite: null });
		expect(intervalToInstall(undefined, 30)).toEqual({ minutes: 30, settingToWrite: null });
		expect(() => intervalToInstall(7, 10)).toThrow();
		expect(requestedInterval("30", 10)).toBe(30);
		expect(requestedInterval(undefined, 60)).toBe(60);
	});

	it("refuses any other interval in words", () => {
		expect(() => requestedInterval(7, 10)).toThrow('Choose 5, 10, 15, 30 or 60 minutes, not "7".');
		expect(() => requestedInterval("soon", 10)).toThrow('not "soon"');
	});

	it("falls back to 10 minutes when Settings says nothing usable", () => {
		expect(settingsIntervalOrDefault(30)).toBe(30);
		expect(settingsIntervalOrDefault(7)).toBe(10);
		expect(settingsIntervalOrDefault(undefined)).toBe(10);
	});

	it("says what was installed or removed", () => {
		expect(triggersInstalledWords(15, 2)).toBe(
			"Hubsheet syncs every 15 minutes and re-reads every open order nightly around 2:00.",
		);
		// The nightly pass's hour, by default the one the triggers are installed at: 2:00 on the sheet's clock.
		expect(NIGHTLY_HOUR).toBe(2);
		expect(triggersInstalledWords(60)).toBe(
			"Hubsheet syncs every 60 minutes and re-reads every open order nightly around 2:00.",
		);
		expect(triggersRemovedWords(0)).toBe("There were no Hubsheet triggers.");
		expect(triggersRemovedWords(3)).toBe("Removed 3 Hubsheet triggers; syncs now run only when you ask.");
	});
});
