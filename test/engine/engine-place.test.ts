import { describe, expect, it } from "vitest";
import { engineView } from "../../src/engine/engine-place.js";

describe("the sidebar's 'Syncs run on:' line", () => {
	const facts = { lastSyncOnRunner: false, runnerSeen: false, triggersInstalled: false };

	it("says Apps Script's triggers while they are installed and the runner did not sync last", () => {
		expect(engineView({ ...facts, triggersInstalled: true })).toEqual({
			kind: "apps-script",
			label: "Apps Script triggers (in this spreadsheet)",
		});
		expect(engineView({ ...facts, triggersInstalled: true, runnerSeen: true }).kind).toBe("apps-script");
	});

	it("says Google Cloud when the runner synced last, or ever and no trigger is left", () => {
		expect(engineView({ ...facts, lastSyncOnRunner: true, runnerSeen: true })).toEqual({
			kind: "runner",
			label: "Google Cloud (runner)",
		});
		expect(engineView({ ...facts, lastSyncOnRunner: true, triggersInstalled: true }).kind).toBe("runner");
		expect(engineView({ ...facts, runnerSeen: true }).kind).toBe("runner");
	});

	it("says syncs wait for Sync now when neither has a schedule", () => {
		expect(engineView(facts)).toEqual({
			kind: "manual",
			label: "Only when you press Sync now (no schedule is set up)",
		});
	});
});
