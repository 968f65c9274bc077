/**
 * HubSpot's connector reading a batch of new deals' buyers together (contact-lookups.ts), against
 * the in-process sandbox: one fetchAll of reads, the creates that follow read nothing themselves, and
 * a read that fails fails only its order.
 */
import { describe, expect, it } from "vitest";
import { HubSpotSandbox } from "../../../local/sandbox/hubspot/sandbox.js";
import type { NewDeal } from "../../../src/core/connector-contracts.js";
import { HubSpotConnector } from "../../../src/platforms/hubspot/connector.js";
import { CONTACT_LOOK_UP_BATCH } from "../../../src/platforms/hubspot/contact-lookups.js";
import { NOW } from "../harness/cases.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { newDeal } from "../harness/new-deal.js";
import { FakeClock, FakeLog } from "../harness/stand-ins.js";

const TOKEN = "pat-eu1-5b0c3f1e-8d2a-4c6b-9e7f-0a1b2c3d4e5f";
const CONTACT_READ = /^\/crm\/v3\/objects\/contacts\/[^/]+$/;

function world() {
	const http = new InProcessHttp(new HubSpotSandbox({ now: NOW, frozen: true, seed: 7 }));
	const log = new FakeLog();
	const connector = () =>
		new HubSpotConnector({
			http,
			clock: new FakeClock(NOW),
			log,
			accessToken: TOKEN,
			portalId: "146512389",
			apiBaseUrl: "https://hubspot.sandbox.test",
			retry: { maxRateLimitRetries: 0, maxServerRetries: 0 },
		});
	// Set-up makes the unique order id property, as Hubsheet's Set up does.
	connector().ensureOrderIdProperty();
	return { http, log, connector };
}

const buyers = ["anna@example.com", "jan@example.com", "ola@example.com", "piotr@example.com"];
const deals: NewDeal[] = buyers.map((email, index) =>
	newDeal(`310000000${index + 1}`, { person: { name: `Buyer ${index}`, email } }),
);

describe("HubSpot prepareDeals", () => {
	it("reads a batch's buyers in one fetchAll; the creates then read no contact themselves", () => {
		const w = world();
		w.connector().createDeal(newDeal("3100000099", { person: { name: "Jan", email: "jan@example.com" } }));
		const hubspot = w.connector();
		expect(hubspot.lookUpBatchSize).toBe(CONTACT_LOOK_UP_BATCH);
		const batches = w.http.fetchAllCalls;
		const reads = w.http.sent("GET", CONTACT_READ).length;

		expect(hubspot.prepareDeals(deals).size).toBe(0);
		expect(w.http.fetchAllCalls - batches).toBe(1);
		expect(w.http.sent("GET", CONTACT_READ)).toHaveLength(reads + 4);

		const contactCreates = w.http.sent("POST", "/crm/v3/objects/contacts").length;
		for (const deal of deals) hubspot.createDeal(deal);
		expect(w.http.sent("GET", CONTACT_READ)).toHaveLength(reads + 4);
		// Jan's contact was found by the batch: three new contacts, not four.
		expect(w.http.sent("POST", "/crm/v3/objects/contacts")).toHaveLength(contactCreates + 3);
		expect(w.http.sent("POST", "/crm/v3/objects/deals")).toHaveLength(5);
	});

	it("fails only the order whose read was refused for too many requests; the others are made", () => {
		const w = world();
		const hubspot = w.connector();
		w.http.intercept((exchange) =>
			exchange.method === "GET" && exchange.path === "/crm/v3/objects/contacts/ola%40example.com"
				? {
						status: 429,
						headers: { "content-type": "application/json" },
						body: JSON.stringify({
							status: "error",
							message: "You have reached your ten_secondly_rolling limit.",
							errorType: "RATE_LIMIT",
							category: "RATE_LIMITS",
						}),
					}
				: undefined,
		);
		const failures = hubspot.prepareDeals(deals);
		expect([...failures.keys()]).toEqual(["3100000003"]);
		const error = failures.get("3100000003");
		expect(error?.kind).toBe("rate-limit");
		expect(error?.message).toMatch(
			/^Looking for the buyer of order 3100000003 in HubSpot failed, so no deal was made yet/,
		);
		w.http.clearIntercepts();

		const reads = w.http.sent("GET", CONTACT_READ).length;
		for (const deal of deals.filter((deal) => deal.orderId !== "3100000003")) hubspot.createDeal(deal);
		expect(w.http.sent("GET", CONTACT_READ)).toHaveLength(reads);
		expect(w.http.sent("POST", "/crm/v3/objects/deals")).toHaveLength(3);
	});

	it("makes the deal without a contact when the read is refused for a missing scope, as one by one", () => {
		const w = world();
		const hubspot = w.connector();
		w.http.intercept((exchange) =>
			exchange.method === "GET" && CONTACT_READ.test(exchange.path)
				? {
						status: 403,
						headers: { "content-type": "application/json" },
						body: JSON.stringify({ status: "error", message: "missing scopes", category: "MISSING_SCOPES" }),
					}
				: undefined,
		);
		const [first] = deals;
		expect(hubspot.prepareDeals([first as NewDeal]).size).toBe(0);
		const made = hubspot.createDeal(first as NewDeal);
		expect(made.orderId).toBe("3100000001");
		expect(w.http.sent("POST", "/crm/v3/objects/contacts")).toHaveLength(0);
		expect(w.log.lines.join("\n")).toContain("without a linked contact");
	});
});
