/**
 * Pipedrive's connector looking up a batch of new deals' buyers together (person-lookups.ts),
 * against the in-process sandbox: one fetchAll of searches, the creates that follow send none, and a
 * search that fails fails only its order.
 */
import { describe, expect, it } from "vitest";
import { PERSON_LOOK_UP_BATCH } from "../../../src/platforms/pipedrive/person-lookups.js";
import { harness, newDeal } from "./harness.js";
import { json, NOW } from "./sandbox-http.js";

const buyers = ["anna@example.com", "jan@example.com", "ola@example.com", "piotr@example.com"];
const deals = buyers.map((email, index) =>
	newDeal(`310000000${index + 1}`, { person: { name: `Buyer ${index}`, email } }),
);

describe("prepareDeals", () => {
	it("searches a batch's buyers in one fetchAll; the creates then send no search of their own", () => {
		const h = harness();
		const known = h.http.state.createPerson({ name: "Jan", emails: [{ value: "Jan@Example.com" }] }, NOW / 1000);
		// The stages and the order field are read first, as the engine's stage check does.
		h.connector.unknownStages(["New"]);
		const batchesBefore = h.http.fetchAllCalls;

		expect(h.connector.lookUpBatchSize).toBe(PERSON_LOOK_UP_BATCH);
		expect(PERSON_LOOK_UP_BATCH).toBe(10);
		expect(h.connector.prepareDeals(deals).size).toBe(0);
		expect(h.http.fetchAllCalls - batchesBefore).toBe(1);
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(4);

		const made = deals.map((deal) => h.connector.createDeal(deal));
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(4);
		expect(h.http.state.deals.get(Number(made[1]?.dealId))?.person_id).toBe(known.id);
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(3);
	});

	it("fails only the order whose search failed, in words that say what was not done", () => {
		const h = harness({ connector: { retry: { maxServerRetries: 1 } } });
		h.http.intercept((exchange) =>
			exchange.path === "/api/v2/persons/search" && exchange.query.term === "ola@example.com"
				? json(503, { success: false, error: "Service unavailable" })
				: undefined,
		);
		const failures = h.connector.prepareDeals(deals);
		expect([...failures.keys()]).toEqual(["3100000003"]);
		const error = failures.get("3100000003");
		expect(error?.kind).toBe("unavailable");
		expect(error?.options.mayHaveApplied).toBeFalsy();
		expect(error?.message).toMatch(
			/^Looking for the buyer of order 3100000003 in Pipedrive failed, so no deal was made yet/,
		);
		h.http.clearIntercepts();

		const searches = h.http.sent("GET", "/api/v2/persons/search").length;
		for (const deal of deals.filter((deal) => deal.orderId !== "3100000003")) h.connector.createDeal(deal);
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(searches);
		expect(h.http.sent("POST", "/api/v2/deals")).toHaveLength(3);
	});

	it("searches once for a buyer with two orders in a batch, and makes one person", () => {
		const h = harness({ sandbox: { settings: { searchLagSeconds: 3600 } } });
		const twice = [newDeal("3100000001"), newDeal("3100000002")];
		h.connector.prepareDeals(twice);
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(1);
		const [first, second] = twice.map((deal) => h.connector.createDeal(deal));
		const personOf = (id: string | undefined) => h.http.state.deals.get(Number(id))?.person_id;
		expect(personOf(second?.dealId)).toBe(personOf(first?.dealId));
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
	});

	it("searches no buyer the connector already noted, and a buyer without email by Etsy's buyer id", () => {
		const h = harness();
		const noEmail = { name: "Yuki Tanaka", email: "", buyerId: "55501" };
		// The first order makes the "Etsy buyer" field and notes the person.
		h.connector.createDeal(newDeal("3100000001", { person: noEmail }));
		const searches = h.http.sent("GET", "/api/v2/persons/search").length;
		h.nextRun().prepareDeals([newDeal("3100000002", { person: noEmail })]);
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(searches);

		// A new execution without the note (another Store): the buyer id is searched, in the batch.
		const other = h.nextRun({ store: new (h.store.constructor as new () => typeof h.store)() });
		const before = h.http.sent("GET", "/api/v2/persons/search").length;
		expect(other.prepareDeals([newDeal("3100000003", { person: noEmail })]).size).toBe(0);
		const sent = h.http.sent("GET", "/api/v2/persons/search").slice(before);
		expect(sent.map((request) => new URL(request.url).searchParams.get("fields"))).toEqual(["custom_fields"]);
		const deal = other.createDeal(newDeal("3100000003", { person: noEmail }));
		expect(h.http.sent("GET", "/api/v2/persons/search")).toHaveLength(before + 1);
		expect(h.http.sent("POST", "/api/v2/persons")).toHaveLength(1);
		expect(h.http.state.deals.get(Number(deal.dealId))?.person_id).toBeDefined();
	});
});
