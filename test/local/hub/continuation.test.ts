import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { type HubFixture, readOrders, reportOf, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

const continuations = (hub: LocalHub) =>
	hub.runtime.state().triggers.filter((trigger) => trigger.handlerFunction === "continueSync");

describe("a run that reaches its time budget", () => {
	it("stops between pages, schedules one continuation, and the continuation finishes and removes itself", async () => {
		await fixture.etsy.reset({ seed: 4, receipts: 1000, settings: { perSecond: 100_000, perDay: 1_000_000 } });
		// Every request costs 45 virtual seconds: ten pages cannot fit in one execution.
		const hub = new LocalHub(fixture.sandboxes.urls, {
			stateDir: mkdtempSync(join(tmpdir(), "hubsheet-budget-")),
			serviceLatencyMs: { UrlFetchApp: 45_000 },
		});
		hub.setUp();
		await hub.connectEtsy();
		const first = hub.sync();
		const report = reportOf(first);
		expect(first.status).toBe("completed");
		expect(report.message).toContain("time limit");
		expect(report.created).toBeGreaterThan(0);
		expect(report.created).toBeLessThan(1000);
		expect(continuations(hub)).toHaveLength(1);
		// Asking again while one waits does not add a second.
		hub.sync();
		expect(continuations(hub)).toHaveLength(1);

		for (let minutes = 0; minutes < 30 && readOrders(hub).values.length < 1001; minutes++)
			hub.runtime.advanceTime(60_000);
		const ids = readOrders(hub)
			.values.slice(1)
			.map((row) => row[0]);
		expect(ids).toHaveLength(1000);
		expect(new Set(ids).size).toBe(1000);
		hub.runtime.advanceTime(5 * 60_000);
		expect(continuations(hub)).toEqual([]);
	});
});
