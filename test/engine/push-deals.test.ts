import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { type NewDeal, PlatformError, type StageMove } from "../../src/core/connector-contracts.js";
import { createDeals, moveDeals } from "../../src/engine/push-deals.js";
import { FakeCrm, pushRun } from "./push-fakes.js";

const NEW = (...ids: string[]) => ids.map((orderId) => ({ orderId, stageName: "New order" }));
const onlyFirst = { allow: (_platform: string, _work: string, ids: readonly string[]) => ids.slice(0, 1) };

describe("createDeals", () => {
	it("saves each group's intents before its first create, then the deal with its intent cleared", () => {
		const crm = new FakeCrm();
		const books = new Map<string, Bookkeeping>();
		const seen: string[] = [];
		const { run } = pushRun(
			{
				crm,
				saveBookkeeping: (ids) =>
					void seen.push(`${ids.join(",")}: ${crm.created.length} made, intent ${!!books.get("1")?.intents?.deal}`),
			},
			books,
		);
		createDeals(run, crm, NEW("1", "2"));
		expect(seen).toEqual(["1,2: 0 made, intent true", "1,2: 2 made, intent false"]);
		expect(books.get("2")?.deal).toEqual({ id: "D2", url: "https://crm/D2", stagePushed: "New order" });
		expect(run.outcome.actions.map((action) => action.action)).toEqual(["created deal", "created deal"]);
	});

	it("looks up only where an earlier run left an intent, and creates nothing it finds", () => {
		const crm = new FakeCrm();
		crm.madeEarlier("1", "New");
		const lookedUp: string[] = [];
		const find = crm.findDeal;
		crm.findDeal = (orderId) => {
			lookedUp.push(orderId);
			return find(orderId);
		};
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "k", at: 1 } } }]]);
		const { run } = pushRun({ crm }, books);
		createDeals(run, crm, NEW("1", "2"));
		expect(lookedUp).toEqual(["1"]);
		expect(crm.created.map((deal) => deal.orderId)).toEqual(["1", "2"]);
		expect(run.outcome.actions.map((action) => `${action.orderId} ${action.action}`)).toEqual([
			"1 found deal",
			"2 created deal",
		]);
		expect(books.get("1")?.intents).toEqual({});
	});

	it("starts only what the CRM's daily allowance pays for: the rest gets no intent and is not touched", () => {
		const crm = new FakeCrm();
		const { run, books } = pushRun({ crm, budget: onlyFirst });
		createDeals(run, crm, NEW("1", "2"));
		expect(crm.created.map((deal) => deal.orderId)).toEqual(["1"]);
		expect(books.has("2")).toBe(false);
	});

	it("leaves a create sent moments ago alone: no look-up, no second create", () => {
		const crm = new FakeCrm();
		crm.findDeal = () => {
			throw new Error("must not look up yet");
		};
		const now = 1_800_000_000_000;
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "k", at: now - 1000 } } }]]);
		const { run } = pushRun({ crm, searchLagMs: () => 60_000 }, books);
		createDeals(run, crm, NEW("1"));
		expect(crm.created).toEqual([]);
		expect(run.outcome.actions.map((action) => action.outcome)).toEqual(["waiting"]);
	});

	it("fails only the order whose buyer look-up failed, before any intent of it is saved", () => {
		const crm = Object.assign(new FakeCrm(), {
			prepareDeals: (deals: readonly NewDeal[]) =>
				new Map(
					deals
						.filter((deal) => deal.orderId === "1")
						.map((deal) => [deal.orderId, new PlatformError("Pipedrive", "searchPersons", "unavailable", "HTTP 503")]),
				),
		});
		const { run, books, saved } = pushRun({ crm });
		createDeals(run, crm, NEW("1", "2"));
		expect(books.get("1")?.intents?.deal).toBeUndefined();
		expect(books.get("1")?.errors?.Pipedrive).toMatchObject({ message: "HTTP 503", operation: "create-deal" });
		expect(crm.created.map((deal) => deal.orderId)).toEqual(["2"]);
		expect(saved[0]).toEqual(["2"]);
	});

	it("keeps the intent when the create fails after it may have gone out", () => {
		const crm = new FakeCrm();
		crm.failFor.add("1");
		const { run, books } = pushRun({ crm });
		createDeals(run, crm, NEW("1"));
		expect(books.get("1")?.intents?.deal?.key).toBe("hubsheet:1:deal");
		expect(run.outcome.actions[0]).toMatchObject({ platform: "Pipedrive", action: "create deal", outcome: "failed" });
	});
});

describe("moveDeals", () => {
	const withDeals = () =>
		new Map<string, Bookkeeping>([
			["1", { deal: { id: "D1", url: "u", stagePushed: "New", changes: 4 } }],
			["2", { deal: { id: "D2", url: "u", stagePushed: "New" } }],
		]);
	const MOVES = [
		{ orderId: "1", dealId: "D1", stageName: "Design" },
		{ orderId: "2", dealId: "D2", stageName: "Design" },
	];

	it("numbers each order's next change and records the stage the CRM took", () => {
		const crm = new FakeCrm();
		const sent: StageMove[] = [];
		const move = crm.moveStages;
		crm.moveStages = (moves) => {
			sent.push(...(moves as StageMove[]));
			return move(moves);
		};
		const books = withDeals();
		const { run } = pushRun({ crm }, books);
		moveDeals(run, crm, MOVES);
		expect(sent.map((entry) => entry.change)).toEqual([5, 1]);
		expect(books.get("1")?.deal).toMatchObject({ stagePushed: "Design", changes: 5 });
		expect(books.get("2")?.deal).toMatchObject({ stagePushed: "Design", changes: 1 });
	});

	it("moves only what the allowance pays for, and nothing once out of time", () => {
		const crm = new FakeCrm();
		const books = withDeals();
		moveDeals(pushRun({ crm, budget: onlyFirst }, books).run, crm, MOVES);
		expect(books.get("2")?.deal?.stagePushed).toBe("New");
		const late = pushRun({ crm, overBudget: () => true }, books).run;
		moveDeals(late, crm, MOVES);
		expect(books.get("2")?.deal?.stagePushed).toBe("New");
		expect(late.outcome.actions).toEqual([]);
	});

	it("fails every move of the call when the CRM's answer is lost, keeping the stage pushed before", () => {
		const crm = new FakeCrm();
		crm.moveStages = () => {
			throw new PlatformError("Pipedrive", "PATCH /deals", "unavailable", "HTTP 502");
		};
		const books = withDeals();
		const { run } = pushRun({ crm }, books);
		moveDeals(run, crm, MOVES);
		expect(run.outcome.actions.map((action) => `${action.orderId} ${action.action} ${action.outcome}`)).toEqual([
			"1 move deal failed",
			"2 move deal failed",
		]);
		expect(books.get("1")?.deal).toMatchObject({ stagePushed: "New", changes: 4 });
		expect(books.get("1")?.errors?.Pipedrive?.operation).toBe("move-stage");
	});
});
