import { describe, expect, it } from "vitest";
import { type ActionFact, type RunFacts, summariseRun } from "../../src/engine/run-summary.js";

const facts = (overrides: Partial<RunFacts> = {}): RunFacts => ({
	imported: { created: ["1", "2"], updated: ["3"], failed: [] },
	crm: "Pipedrive",
	courier: "Furgonetka",
	actions: [],
	findings: 0,
	problems: [],
	outOfTime: false,
	...overrides,
});

const act = (
	platform: ActionFact["platform"],
	action: string,
	outcome: ActionFact["outcome"] = "ok",
	kind?: ActionFact["kind"],
): ActionFact => (kind ? { platform, action, outcome, kind } : { platform, action, outcome });

describe("the run's summary", () => {
	it("counts the whole run by platform: Etsy new and updated, deals created and moved, shipments made, tracking sent", () => {
		const summary = summariseRun(
			facts({
				actions: [
					act("Pipedrive", "created deal"),
					act("Pipedrive", "created deal"),
					act("Pipedrive", "moved deal"),
					act("Furgonetka", "created shipment"),
					act("Etsy", "submitted tracking"),
				],
			}),
		);
		expect(summary).toEqual({
			tone: "ok",
			note: "",
			headline:
				"Etsy: 2 new orders, 1 updated, tracking sent for 1 order; Pipedrive: 2 deals created, 1 moved; Furgonetka: 1 shipment made.",
			platforms: [
				{ platform: "Etsy", tone: "ok", text: "2 new orders, 1 updated, tracking sent for 1 order" },
				{ platform: "Pipedrive", tone: "ok", text: "2 deals created, 1 moved" },
				{ platform: "Furgonetka", tone: "ok", text: "1 shipment made" },
			],
		});
	});

	it("counts failures per platform and says what happens next, as a warning", () => {
		const failures = Array.from({ length: 25 }, () => act("Pipedrive", "move deal", "failed", "rate-limit"));
		const summary = summariseRun(facts({ actions: [act("Pipedrive", "moved deal"), ...failures], findings: 25 }));
		expect(summary.tone).toBe("warning");
		expect(summary.headline).toBe(
			"Pipedrive refused 25 updates: too many requests; they will be retried at the next sync. 25 findings to look at.",
		);
		expect(summary.platforms[1]).toEqual({
			platform: "Pipedrive",
			tone: "warning",
			text: "0 deals created, 1 moved, 25 failed",
		});
	});

	it("makes an Etsy outage a warning in one plain sentence, Etsy's words kept as details", () => {
		const summary = summariseRun(
			facts({
				imported: {
					created: [],
					updated: [],
					failed: [],
					stop: {
						kind: "failed",
						read: 0,
						said: "Etsy getShopReceipts failed with HTTP 500 after 3 attempts: Server Error",
					},
				},
			}),
		);
		expect(summary.tone).toBe("warning");
		expect(summary.headline).toBe(
			"Etsy is not answering right now, so no orders were read. Nothing is lost: the next sync reads them. If this goes on for hours, check whether Etsy is down.",
		);
		expect(summary.headline).not.toMatch(/offset|Server Error|Stopped early/);
		expect(summary.details).toContain("HTTP 500");
		expect(summary.platforms[0]?.tone).toBe("warning");
	});

	it("makes a refused sign-in an error that says where to reconnect", () => {
		const etsy = summariseRun(
			facts({ imported: { created: [], updated: [], failed: [], reconnect: "invalid_grant" } }),
		);
		expect(etsy).toMatchObject({
			tone: "error",
			headline: "Etsy no longer accepts Hubsheet's sign-in: reconnect Etsy in Hubsheet > Settings.",
		});
		const crm = summariseRun(facts({ actions: [act("Pipedrive", "create deal", "failed", "auth")] }));
		expect(crm.tone).toBe("error");
		expect(crm.headline).toContain("check the Pipedrive connection in Hubsheet > Settings");
	});

	it("says a stop at the time limit as a warning that the run carries on", () => {
		const summary = summariseRun(
			facts({
				imported: { created: ["1"], updated: [], failed: [], stop: { kind: "stopped", read: 100 } },
				outOfTime: true,
			}),
		);
		expect(summary).toMatchObject({
			tone: "warning",
			headline: "The run reached its time limit; it carries on by itself in a minute.",
		});
	});
});
