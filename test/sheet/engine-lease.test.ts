import { describe, expect, it } from "vitest";
import { acquireLease, appsScriptLease, type LeaseAccess } from "../../src/sheet/engine-lease.js";
import { MemoryStore } from "../engine/memory-store.js";

/** The lease sheet as a plain value: one holder at a time, as Google's unique sheet names make it. */
function leaseSheet(): LeaseAccess & { text: string | null } {
	let id = 0;
	const sheet = {
		text: null as string | null,
		read: () => (sheet.text === null ? null : { sheetId: id, text: sheet.text }),
		take(text: string, replacing: number | null) {
			if (sheet.text !== null && replacing !== id) return null;
			sheet.text = text;
			return ++id;
		},
		release(sheetId: number) {
			if (sheetId === id) sheet.text = null;
		},
	};
	return sheet;
}

describe("Apps Script's lease", () => {
	it("outlasts an execution's 6 minutes, so a run killed holding it frees it soon after", () => {
		const lease = appsScriptLease(1_000);
		expect(lease.holder).toBe("Apps Script");
		expect(lease.until - lease.since).toBeGreaterThan(6 * 60_000);
		expect(lease.until - lease.since).toBeLessThanOrEqual(10 * 60_000);
	});

	it("waits for a runner's lease to lapse, and takes over one of its own side (a killed run's: runs share a script lock)", () => {
		const sheet = leaseSheet();
		const store = new MemoryStore();
		const runner = { holder: "the runner" as const, where: "Google Cloud", since: 0, until: 600_000 };
		expect(acquireLease(sheet, runner, 0, store).ok).toBe(true);
		expect(acquireLease(sheet, appsScriptLease(60_000), 60_000, store).ok).toBe(false);
		expect(acquireLease(sheet, appsScriptLease(600_001), 600_001, store).ok).toBe(true);
		expect(acquireLease(sheet, appsScriptLease(660_000), 660_000, store).ok).toBe(true);
	});
});
