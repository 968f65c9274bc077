import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { type CrmConnector, type CrmDeal, type NewDeal, PlatformError } from "../../src/core/connector-contracts.js";
import type { PushPlan } from "../../src/core/push-plan.js";
import { lookUpInBatches } from "../../src/engine/deal-look-ups.js";
import { type PushDeps, runPlatformPush } from "../../src/engine/platform-push.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";
import { EMPTY, madeDeal } from "./push-fakes.js";

const mapping = readMappingSettings(missingTableRows([])).settings;
const NOW = 1_800_000_000_000;

/** A CRM that looks buyers up in batches (as Pipedrive's and HubSpot's connectors do). */
class BatchingCrm implements CrmConnector {
	readonly platform = "Pipedrive" as const;
	readonly lookUpBatchSize = 3;
	batches: string[][] = [];
	failLookUp = new Set<string>();
	created: string[] = [];
	found: string[] = [];
	deals = new Map<string, CrmDeal>();
	unknownStages = () => [];
	findDeal = (orderId: string) => {
		this.found.push(orderId);
		return this.deals.get(orderId) ?? null;
	};
	prepareDeals(deals: readonly NewDeal[]): Map<string, PlatformError> {
		this.batches.push(deals.map((deal) => deal.orderId));
		const failures = new Map<string, PlatformError>();
		for (const deal of deals) {
			if (this.failLookUp.has(deal.orderId))
				failures.set(
					deal.orderId,
					new PlatformError("Pipedrive", "searchPersons", "unavailable", "Pipedrive could not be reached"),
				);
		}
		return failures;
	}
	createDeal(deal: NewDeal): CrmDeal {
		this.created.push(deal.orderId);
		const made = madeDeal(deal);
		this.deals.set(deal.orderId, made);
		return made;
	}
	moveStages = () => [];
	dealsChangedSince = () => [];
}

function orders(count: number) {
	return new Map(
		Array.from({ length: count }, (_, index) => [
			String(index + 1),
			{ buyer: "B", email: `b${index + 1}@example.com`, total: 1, currency: "EUR", phone: "" },
		]),
	);
}

function run(
	crm: BatchingCrm,
	count: number,
	overrides: Partial<PushDeps> = {},
	books = new Map<string, Bookkeeping>(),
) {
	const saved: string[][] = [];
	const all: PushDeps = {
		crm,
		courier: null,
		etsy: { order: () => null, submitTracking: () => ({ ok: true }) },
		mapping,
		courierService: "dpd",
		clock: { now: () => new Date(NOW), sleep: () => {} },
		log: { info: () => {}, warn: () => {}, error: () => {} },
		saveBookkeeping: (ids) => void saved.push([...ids]),
		...overrides,
	};
	const list = orders(count);
	const plan: PushPlan = {
		...EMPTY,
		createDeals: [...list.keys()].map((orderId) => ({ orderId, stageName: "New order" })),
	};
	return { outcome: runPlatformPush(plan, books, list, all), books, saved };
}

describe("new deals' look-ups in batches", () => {
	it("looks up each group's buyers in batches of the CRM's size before creating them", () => {
		const crm = new BatchingCrm();
		const { books } = run(crm, 12, { saveEvery: 10 });
		expect(crm.batches).toEqual([["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["10"], ["11", "12"]]);
		expect(crm.created).toHaveLength(12);
		expect(books.get("12")?.deal?.id).toBe("D12");
	});

	it("fails only the order whose look-up failed, on its row, with no intent and no create", () => {
		const crm = new BatchingCrm();
		crm.failLookUp.add("2");
		const { outcome, books, saved } = run(crm, 4);
		expect(crm.created).toEqual(["1", "3", "4"]);
		expect(books.get("2")?.errors?.Pipedrive).toMatchObject({
			operation: "create-deal",
			kind: "unavailable",
			message: "Pipedrive could not be reached",
		});
		expect(books.get("2")?.intents?.deal).toBeUndefined();
		expect(outcome.actions.find((action) => action.orderId === "2")).toMatchObject({
			outcome: "failed",
			connectionFailed: "Pipedrive",
		});
		// The intents of the others were saved before their creates; the failed row is saved with them after.
		expect(saved[0]).toEqual(["1", "3", "4"]);
		expect(saved[1]).toEqual(expect.arrayContaining(["1", "2", "3", "4"]));
	});

	it("checks the time budget before each batch: out of time, the rest is left as it was", () => {
		const crm = new BatchingCrm();
		let checks = 0;
		// The group's check and the first batch's pass; the second batch finds the run out of time.
		const { outcome, books } = run(crm, 8, { overBudget: () => ++checks > 2 });
		expect(crm.batches).toEqual([["1", "2", "3"]]);
		expect(crm.created).toEqual(["1", "2", "3"]);
		expect(outcome.outOfTime).toBe(true);
		expect(books.has("4")).toBe(false);
		expect([...books.values()].filter((entry) => entry.intents?.deal)).toHaveLength(0);
	});

	it("does not look up an order whose earlier create may have applied: it looks for the deal first", () => {
		const crm = new BatchingCrm();
		crm.deals.set("1", { ...crm.createDeal({ orderId: "1" } as NewDeal) });
		crm.created = [];
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "hubsheet:1:deal", at: 1 } } }]]);
		run(crm, 3, {}, books);
		expect(crm.batches).toEqual([["2", "3"]]);
		expect(crm.found).toEqual(["1"]);
		expect(crm.created).toEqual(["2", "3"]);
		expect(books.get("1")?.deal?.id).toBe("D1");
	});
});

/** A plain CRM for lookUpInBatches alone: each batch's look-ups answered from a script. */
function lookUpCrm(options: {
	batchSize?: number;
	prepare?: (deals: readonly NewDeal[]) => Map<string, PlatformError>;
}): CrmConnector & { batches: string[][] } {
	const batches: string[][] = [];
	const unused = () => {
		throw new Error("lookUpInBatches must not call this");
	};
	const prepare = options.prepare;
	return {
		platform: "HubSpot",
		batches,
		...(options.batchSize === undefined ? {} : { lookUpBatchSize: options.batchSize }),
		...(prepare
			? {
					prepareDeals: (deals: readonly NewDeal[]) => {
						batches.push(deals.map((deal) => deal.orderId));
						return prepare(deals);
					},
				}
			: {}),
		unknownStages: unused,
		findDeal: unused,
		createDeal: unused,
		moveStages: unused,
		dealsChangedSince: unused,
	};
}

function newDeals(...orderIds: string[]): NewDeal[] {
	return orderIds.map((orderId) => ({
		orderId,
		title: `Order ${orderId}`,
		value: 1,
		currency: "EUR",
		stageName: "New",
		person: { name: "B", email: `${orderId}@example.com` },
	}));
}

const ids = (deals: readonly NewDeal[]) => deals.map((deal) => deal.orderId);
const never = () => false;

describe("lookUpInBatches", () => {
	it("hands every deal over as ready when the CRM looks nothing up first, without asking the time", () => {
		let asked = 0;
		const looked = lookUpInBatches(lookUpCrm({}), newDeals("1", "2"), () => {
			asked++;
			return true;
		});
		expect(ids(looked.ready)).toEqual(["1", "2"]);
		expect(looked.failed.size).toBe(0);
		expect(asked).toBe(0);
	});

	it("looks up in batches of the CRM's size, in order, and fails only the orders whose look-up failed", () => {
		const refused = new PlatformError("HubSpot", "searchContacts", "unavailable", "HubSpot could not be reached");
		const crm = lookUpCrm({
			batchSize: 3,
			prepare: (deals) => new Map(deals.filter((d) => d.orderId === "5").map((d) => [d.orderId, refused])),
		});
		const looked = lookUpInBatches(crm, newDeals("1", "2", "3", "4", "5", "6", "7"), never);
		expect(crm.batches).toEqual([["1", "2", "3"], ["4", "5", "6"], ["7"]]);
		expect(ids(looked.ready)).toEqual(["1", "2", "3", "4", "6", "7"]);
		expect([...looked.failed]).toEqual([["5", refused]]);
	});

	it("sends one batch of all when the CRM gives no batch size", () => {
		const crm = lookUpCrm({ prepare: () => new Map() });
		lookUpInBatches(crm, newDeals("1", "2", "3", "4"), never);
		expect(crm.batches).toEqual([["1", "2", "3", "4"]]);
	});

	it("asks the time before each batch and stops there: the rest is neither ready nor failed", () => {
		const crm = lookUpCrm({ batchSize: 2, prepare: () => new Map() });
		let asked = 0;
		const looked = lookUpInBatches(crm, newDeals("1", "2", "3", "4", "5"), () => ++asked > 1);
		expect(asked).toBe(2);
		expect(crm.batches).toEqual([["1", "2"]]);
		expect(ids(looked.ready)).toEqual(["1", "2"]);
		expect(looked.failed.size).toBe(0);
	});

	it("fails each order of a batch whose look-up the CRM refused as a whole, and goes on with the next batch", () => {
		const signIn = new PlatformError("HubSpot", "searchContacts", "auth", "HubSpot refused the saved key");
		let calls = 0;
		const crm = lookUpCrm({
			batchSize: 2,
			prepare: () => {
				if (++calls === 1) throw signIn;
				return new Map();
			},
		});
		const looked = lookUpInBatches(crm, newDeals("1", "2", "3"), never);
		expect([...looked.failed]).toEqual([
			["1", signIn],
			["2", signIn],
		]);
		expect(ids(looked.ready)).toEqual(["3"]);
	});

	it("lets a failure that is not the platform's (a bug) through rather than pinning it on the orders", () => {
		const crm = lookUpCrm({
			prepare: () => {
				throw new TypeError("x is undefined");
			},
		});
		expect(() => lookUpInBatches(crm, newDeals("1"), never)).toThrow(TypeError);
	});
});
