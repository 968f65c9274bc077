/**
 * The Pipedrive connector end to end: Apps Script's Http port (src/gas/apps-script-ports.ts) over
 * the emulated, synchronous UrlFetchApp, real HTTP to the Pipedrive sandbox in a child process, and
 * the kit's faults (timeouts, dropped connections, 5xx, malformed bodies, revoked tokens).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUrlFetchApp } from "../../../local/gas/url-fetch.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { PlatformError } from "../../../src/core/connector-contracts.js";
import { appsScriptHttp } from "../../../src/gas/apps-script-ports.js";
import { PipedriveConnector } from "../../../src/platforms/pipedrive/connector.js";
import { platformErrorOf } from "../../platforms/harness/platform-error.js";
import { FakeClock, FakeLog, FakeStore } from "../../platforms/harness/stand-ins.js";
import { MAPPED_STAGES, newDeal } from "../../platforms/pipedrive/harness.js";
import { createTestHost } from "../gas/test-host.js";
import { API_TOKEN } from "./pipedrive-client.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const FETCH_TIMEOUT_MS = 1500;

let sandboxes: SpawnedSandboxes;
let control: PipedriveControlClient;
let url: string;
let store: FakeStore;
let log: FakeLog;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["pipedrive"], seed: 11, now: NOW });
	url = sandboxes.urls.pipedrive as string;
	control = sandboxes.control("pipedrive");
	(globalThis as { UrlFetchApp?: unknown }).UrlFetchApp = createUrlFetchApp(
		createTestHost({ fetchTimeoutMs: FETCH_TIMEOUT_MS }),
	);
});
afterAll(async () => {
	delete (globalThis as { UrlFetchApp?: unknown }).UrlFetchApp;
	await sandboxes.stop();
});

beforeEach(async () => {
	await control.reset({ now: NOW, seed: 11, settings: { burstPerWindow: 10_000, searchLagSeconds: 5 } });
	store = new FakeStore();
	log = new FakeLog();
});

/** One execution: a fresh connector on the same Store, through UrlFetchApp. */
function run(): PipedriveConnector {
	return new PipedriveConnector({
		http: appsScriptHttp,
		clock: new FakeClock(Date.now()),
		store,
		log,
		apiToken: API_TOKEN,
		companyDomain: "ergodrewno",
		apiOrigin: url,
	});
}

describe("Pipedrive connector over UrlFetchApp against the sandbox", () => {
	it("creates deals, moves them, and notices a stage moved by hand", async () => {
		const connector = run();
		expect(connector.unknownStages([...MAPPED_STAGES, "Sanding"])).toEqual(["Sanding"]);
		const a = connector.createDeal(newDeal("3100000001"));
		const b = connector.createDeal(newDeal("3100000002"));
		const c = connector.createDeal(newDeal("3100000003", { person: { name: "Jan Nowak", email: "jan@example.com" } }));
		expect(a.url).toBe(`${url}/deal/${a.dealId}`);
		const persons = (await control.persons()).filter((p) => p.name === "Anna Kowalska");
		expect(persons).toHaveLength(1);

		const moves = connector.moveStages([
			{ orderId: a.orderId, dealId: a.dealId, stageName: "Design" },
			{ orderId: b.orderId, dealId: b.dealId, stageName: "Production" },
			{ orderId: c.orderId, dealId: c.dealId, stageName: "Sanding" },
		]);
		expect(moves.map((m) => m.ok)).toEqual([true, true, false]);

		await control.advanceClock({ seconds: 60 });
		await control.moveDealByHand(Number(c.dealId), "On hold");
		const changed = run().dealsChangedSince(NOW + 30_000);
		expect(changed.map((d) => [d.orderId, d.stageName])).toEqual([["3100000003", "On hold"]]);
		expect(await control.dealsForOrder("3100000001")).toHaveLength(1);
	});

	it("after a create timed out, the next run finds the deal Pipedrive made later instead of a second one", async () => {
		const first = run();
		first.unknownStages(MAPPED_STAGES);
		await control.addFault({ kind: "delay", ms: FETCH_TIMEOUT_MS + 800, path: "/api/v2/deals", method: "POST" });
		const error = platformErrorOf(() => first.createDeal(newDeal("3100000007")));
		expect(error).toMatchObject({ kind: "unavailable", endpoint: "addDeal" });
		expect(error.options.mayHaveApplied).toBe(true);

		await new Promise((done) => setTimeout(done, 1200));
		expect(await control.dealsForOrder("3100000007")).toHaveLength(1);
		const found = run().findDeal("3100000007");
		expect(found?.orderId).toBe("3100000007");
		expect(await control.dealsForOrder("3100000007")).toHaveLength(1);
	});

	it("retries a move after a dropped connection and reports a persistent 5xx on its own row", async () => {
		const connector = run();
		const a = connector.createDeal(newDeal("1"));
		const b = connector.createDeal(newDeal("2"));
		await control.addFault({ kind: "disconnect", path: `/api/v2/deals/${a.dealId}`, method: "PATCH" });
		await control.addFault({
			kind: "error",
			status: 503,
			path: `/api/v2/deals/${b.dealId}`,
			method: "PATCH",
			times: 5,
		});
		const results = connector.moveStages([
			{ orderId: "1", dealId: a.dealId, stageName: "Shipped" },
			{ orderId: "2", dealId: b.dealId, stageName: "Shipped" },
		]);
		expect(results[0]).toEqual({ orderId: "1", ok: true });
		const failed = results[1] as { ok: false; error: PlatformError };
		expect(failed.error).toMatchObject({ kind: "unavailable", endpoint: "updateDeal" });
		expect(failed.error.message).toContain("HTTP 503 after 3 attempts");
	});

	it("turns a malformed body and a revoked token into typed errors", async () => {
		await control.addFault({ kind: "malformed", path: "/api/v2/stages" });
		expect(platformErrorOf(() => run().unknownStages(["New"]))).toMatchObject({
			kind: "malformed",
			endpoint: "getStages",
		});
		await control.addFault({ kind: "revoked-token", path: "/api/v2/*" });
		const error = platformErrorOf(() => run().unknownStages(["New"]));
		expect(error).toMatchObject({ kind: "auth", endpoint: "getStages" });
		expect(error.message).not.toContain(API_TOKEN);
	});

	it("stops at a spent daily budget with a rate-limit error, and carries on the next day", async () => {
		const connector = run();
		connector.createDeal(newDeal("1"));
		await control.updateSettings({ tokensUsedToday: 30_000 });
		const error = platformErrorOf(() => connector.dealsChangedSince(NOW));
		expect(error.kind).toBe("rate-limit");
		await control.advanceClock({ days: 1 });
		expect(
			run()
				.dealsChangedSince(NOW)
				.map((d) => d.orderId),
		).toEqual(["1"]);
	});
});
