/** Hand edits read from the CRM: the stages of changed deals, which of them a person moved, and the cursor. */
import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { CRM_CURSOR_KEY, readCrmChanges } from "../../src/engine/crm-changes.js";
import { MemoryStore } from "./memory-store.js";
import { crmDeal, FakeCrm } from "./platform-phase-fakes.js";

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const DAY = 86_400_000;
const mayRead = { mayRead: () => true };

function books(): Map<string, Bookkeeping> {
	return new Map<string, Bookkeeping>([
		["1001", { deal: { id: "D1001", url: "", stagePushed: "Design" } }],
		["1002", { deal: { id: "D1002", url: "", stagePushed: "Production" } }],
	]);
}

describe("readCrmChanges", () => {
	it("shows each changed deal's stage and names as hand edits only the deals not in the stage last pushed", () => {
		const crm = new FakeCrm();
		crm.changed = [crmDeal("1001", "Design", NOW - 5000), crmDeal("1002", "Shipped", NOW - 1000)];
		const store = new MemoryStore({ [CRM_CURSOR_KEY]: String(NOW - 60_000) });
		const changes = readCrmChanges(crm, mayRead, store, books(), NOW, () => {});
		expect(crm.sinceAsked).toEqual([NOW - 60_000]);
		expect([...changes.crmStages]).toEqual([
			["1001", "Design"],
			["1002", "Shipped"],
		]);
		expect(changes.handEdits).toEqual(["1002"]);
		// The newest change is where the next read starts; the cursor is saved later, not here.
		expect(changes.crmCursor).toBe(NOW - 1000);
		expect(store.calls).toEqual([`get ${CRM_CURSOR_KEY}`]);
	});

	it("counts a deal Hubsheet has no bookkeeping for as a hand edit", () => {
		const crm = new FakeCrm();
		crm.changed = [crmDeal("9999", "Design", NOW)];
		const changes = readCrmChanges(crm, mayRead, new MemoryStore(), books(), NOW, () => {});
		expect(changes.handEdits).toEqual(["9999"]);
	});

	it("reads the last day on a first run, and keeps the cursor where it was when nothing changed", () => {
		const crm = new FakeCrm();
		const changes = readCrmChanges(crm, mayRead, new MemoryStore(), books(), NOW, () => {});
		expect(crm.sinceAsked).toEqual([NOW - DAY]);
		expect(changes.crmCursor).toBe(NOW - DAY);
		expect(changes.handEdits).toEqual([]);
	});

	it("reads nothing when the CRM's allowance is down to its reserve: no stage, no cursor", () => {
		const crm = new FakeCrm();
		crm.changed = [crmDeal("1002", "Shipped", NOW)];
		const store = new MemoryStore();
		const asked: string[] = [];
		const budget = { mayRead: (platform: string) => asked.push(platform) < 0 };
		const changes = readCrmChanges(crm, budget, store, books(), NOW, () => {});
		expect(asked).toEqual(["Pipedrive"]);
		expect(crm.sinceAsked).toEqual([]);
		expect(changes).toEqual({ crmStages: new Map(), handEdits: [], crmCursor: null });
		expect(readCrmChanges(null, mayRead, store, books(), NOW, () => {}).crmCursor).toBeNull();
		expect(store.calls).toEqual([]);
	});

	it("names a failed read as the connection's failure and moves no cursor", () => {
		const crm = new FakeCrm();
		crm.dealsChangedSince = () => {
			throw new Error("HTTP 503");
		};
		const failed: string[] = [];
		const changes = readCrmChanges(crm, mayRead, new MemoryStore(), books(), NOW, (what, error) => {
			failed.push(`${what}: ${(error as Error).message}`);
		});
		expect(failed).toEqual(["Reading changed CRM deals: HTTP 503"]);
		expect(changes.crmCursor).toBeNull();
	});
});
