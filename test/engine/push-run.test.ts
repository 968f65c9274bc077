import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { PlatformError } from "../../src/core/connector-contracts.js";
import { SAVE_EVERY } from "../../src/engine/push-run.js";
import { MemoryLog } from "./memory-store.js";
import { pushRun } from "./push-fakes.js";

const NOW = 1_800_000_000_000;
const LAG = 60_000;
const clock = { now: () => new Date(NOW), sleep: () => {} };

describe("startPush: intents", () => {
	it("records a new intent with its key and send time, and says it is not recovering", () => {
		const { run, books } = pushRun({ clock });
		expect(run.intend("1", "deal", "Pipedrive")).toBe(true);
		expect(books.get("1")?.intents?.deal).toEqual({ key: "hubsheet:1:deal", at: NOW, sentAt: NOW });
		expect(run.recovering.get("1:deal")).toBe(false);
		expect(run.outcome.touched.has("1")).toBe(true);
	});

	it("keeps an earlier run's key and first time, and marks the create as recovering (look up first)", () => {
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "old-key", at: 5 } } }]]);
		const { run } = pushRun({ clock, searchLagMs: () => LAG }, books);
		expect(run.intend("1", "deal", "Pipedrive")).toBe(true);
		expect(books.get("1")?.intents?.deal).toEqual({ key: "old-key", at: 5, sentAt: NOW });
		expect(run.recovering.get("1:deal")).toBe(true);
	});

	it("puts off a create sent less than the platform's search lag ago, and says so in the actions", () => {
		const sentAt = NOW - LAG + 1;
		const books = new Map<string, Bookkeeping>([["1", { intents: { shipment: { key: "k", at: 1, sentAt } } }]]);
		const { run } = pushRun({ clock, searchLagMs: () => LAG }, books);
		expect(run.intend("1", "shipment", "Furgonetka")).toBe(false);
		expect(books.get("1")?.intents?.shipment?.sentAt).toBe(sentAt);
		expect(run.outcome.actions).toEqual([
			expect.objectContaining({ orderId: "1", platform: "Furgonetka", outcome: "waiting" }),
		]);
	});

	it("lets the look-up go once the search lag has passed", () => {
		const books = new Map<string, Bookkeeping>([["1", { intents: { shipment: { key: "k", at: NOW - LAG } } }]]);
		const { run } = pushRun({ clock, searchLagMs: () => LAG }, books);
		expect(run.waitingFor("1", "shipment", "Furgonetka")).toBe(false);
		expect(run.intend("1", "shipment", "Furgonetka")).toBe(true);
		expect(run.outcome.actions).toEqual([]);
	});

	it("settles only the intent whose outcome is known", () => {
		const books = new Map<string, Bookkeeping>([
			["1", { intents: { deal: { key: "a", at: 1 }, tracking: { key: "b", at: 1 } } }],
		]);
		const { run } = pushRun({ clock }, books);
		run.settle("1", "deal");
		expect(books.get("1")?.intents).toEqual({ tracking: { key: "b", at: 1 } });
	});
});

describe("startPush: groups, time and allowance", () => {
	it("saves after every group of saveEvery items, and not after a group that did nothing", () => {
		const { run, saved } = pushRun({ saveEvery: 3 });
		const items = ["1", "2", "3", "4", "5", "6", "7"];
		const groups: string[][] = [];
		run.inGroups(items, (group) => {
			groups.push(group);
			return group.includes("4") ? [] : group;
		});
		expect(groups).toEqual([["1", "2", "3"], ["4", "5", "6"], ["7"]]);
		expect(saved).toEqual([["1", "2", "3"], ["7"]]);
		expect(SAVE_EVERY).toBeGreaterThan(1);
	});

	it("asks the time budget before each group and stops for good once it is spent", () => {
		let asked = 0;
		const { run, saved } = pushRun({ saveEvery: 2, overBudget: () => ++asked > 1 });
		const groups: string[][] = [];
		run.inGroups(["1", "2", "3", "4", "5"], (group) => {
			groups.push(group);
			return group;
		});
		expect(groups).toEqual([["1", "2"]]);
		expect(saved).toEqual([["1", "2"]]);
		expect(run.outcome.outOfTime).toBe(true);
		expect(run.outOfTime()).toBe(true);
	});

	it("lets every order go without a budget, and only what the daily allowance pays for with one", () => {
		expect([...pushRun().run.allowed("Etsy", "create", ["1", "2"])]).toEqual(["1", "2"]);
		const asked: string[] = [];
		const budget = {
			allow: (platform: string, work: string, ids: readonly string[]) => {
				asked.push(`${platform} ${work} ${ids.join(",")}`);
				return ids.slice(0, 1);
			},
		};
		const { run } = pushRun({ budget });
		expect([...run.allowed("Pipedrive", "move", ["1", "2"])]).toEqual(["1"]);
		expect(asked).toEqual(["Pipedrive move 1,2"]);
	});
});

describe("startPush: outcomes", () => {
	it("records a failure on the order under its platform, in the actions and the log", () => {
		const log = new MemoryLog();
		const { run, books } = pushRun({ clock, log });
		const error = new PlatformError("Pipedrive", "createDeal", "unavailable", "HTTP 503", { mayHaveApplied: true });
		run.failed("1", "Pipedrive", "create deal", error);
		expect(books.get("1")?.errors?.Pipedrive).toEqual({
			message: "HTTP 503",
			at: NOW,
			operation: "create-deal",
			kind: "unavailable",
		});
		expect(run.outcome.actions).toEqual([
			{
				orderId: "1",
				platform: "Pipedrive",
				action: "create deal",
				result: "HTTP 503",
				outcome: "failed",
				kind: "unavailable",
				mayHaveApplied: true,
				connectionFailed: "Pipedrive",
			},
		]);
		expect(log.lines).toEqual(["warn: Pipedrive create deal for order 1 failed: HTTP 503"]);
	});

	it("clears only that platform's last error on a success", () => {
		const books = new Map<string, Bookkeeping>([
			["1", { errors: { Pipedrive: { message: "x", at: 1 }, Etsy: { message: "y", at: 1 } } }],
		]);
		const { run } = pushRun({}, books);
		run.succeeded("1", "Pipedrive", "created deal", "D1");
		expect(Object.keys(books.get("1")?.errors ?? {})).toEqual(["Etsy"]);
		expect(run.outcome.actions).toEqual([
			{ orderId: "1", platform: "Pipedrive", action: "created deal", result: "D1", outcome: "ok" },
		]);
	});
});
