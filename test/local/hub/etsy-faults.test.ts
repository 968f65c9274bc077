import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ETSY_CURSOR_KEY } from "../../../src/engine/etsy-import.js";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth.js";
import { loadSpec, validateExchange } from "../../contract/openapi-validator.js";
import { engineValue, etsyRequests, type HubFixture, readOrders, reportOf, startHubFixture } from "./hub-fixture.js";

const RECEIPTS = "/v3/application/shops/:shop_id/receipts";

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

function storedRefreshToken(hub: { runtime: { state(): { properties: { script: Record<string, string> } } } }) {
	const raw = hub.runtime.state().properties.script[ETSY_STORE_KEYS.tokens];
	return raw ? (JSON.parse(raw) as { refreshToken: string }).refreshToken : undefined;
}

describe("Etsy faults, end to end", () => {
	it("refreshes an expired access token and stores the rotated refresh token each time", async () => {
		const hub = await fixture.freshHub({ receipts: 3 });
		const first = storedRefreshToken(hub);
		await fixture.etsy.expireAccessTokens();
		expect(reportOf(hub.sync())).toMatchObject({ status: "completed", created: 3 });
		const second = storedRefreshToken(hub);
		expect(second).toBeDefined();
		expect(second).not.toBe(first);
		await fixture.etsy.expireAccessTokens();
		expect(reportOf(hub.sync()).status).toBe("completed");
		expect(storedRefreshToken(hub)).not.toBe(second);
		const refreshes = await fixture.etsy.requests({ method: "POST", path: "/v3/public/oauth/token" });
		expect(refreshes.length).toBe(2);
	});

	it("turns a revoked grant into a clear reconnect state and loses no row", async () => {
		const hub = await fixture.freshHub({ receipts: 4 });
		hub.sync();
		const before = readOrders(hub);
		await fixture.etsy.revokeTokens();
		await fixture.etsy.expireAccessTokens();
		const report = reportOf(hub.sync());
		expect(report.message).toMatch(/reconnect Etsy/i);
		expect(readOrders(hub)).toEqual(before);
		const state = hub.run("getSidebarState").value as { marketplace: { kind: string } };
		expect(state.marketplace.kind).toBe("reconnect-required");
		// Reconnecting brings it back.
		await hub.connectEtsy();
		expect(reportOf(hub.sync()).status).toBe("completed");
	});

	it("takes two passing 401s (one before and one after a refresh) as a warning: the next sync imports", async () => {
		const hub = await fixture.freshHub({ receipts: 3 });
		hub.sync();
		await fixture.etsy.generateReceipts({ count: 2, seed: 9, spanDays: 0 });
		await fixture.etsy.addFault({ kind: "revoked-token", path: RECEIPTS, times: 2 });
		const refused = reportOf(hub.sync());
		expect(refused.message).not.toMatch(/reconnect Etsy from/i);
		expect(refused.stoppedEarly).toMatch(/tries again at the next sync/);
		const state = hub.run("getSidebarState").value as {
			marketplace: { kind: string };
			health: Array<{ platform: string; status: string }>;
		};
		expect(state.marketplace.kind).toBe("connected");
		expect(state.health.find((health) => health.platform === "Etsy")?.status).toBe("warning");
		await fixture.etsy.clearFaults();
		expect(reportOf(hub.sync())).toMatchObject({ status: "completed", created: 2 });
	});

	it("waits out a 429 with retry-after and imports everything", async () => {
		const hub = await fixture.freshHub({ receipts: 150 });
		await fixture.etsy.addFault({ kind: "rate-limit", path: RECEIPTS, query: { offset: "100" }, retryAfter: 2 });
		const run = hub.sync();
		expect(reportOf(run)).toMatchObject({ status: "completed", created: 150 });
		expect(etsyRequests(run)).toBe(3);
		expect(run.endedAt - run.startedAt).toBeGreaterThanOrEqual(2000);
	});

	// NOTES.md "Requests and auth": whether a 429 carries `retry-after` is UNCONFIRMED: without it the
	// client backs off on its own and still imports everything.
	it("waits out a 429 without retry-after and imports everything", async () => {
		const hub = await fixture.freshHub({ receipts: 150 });
		await fixture.etsy.updateSettings({ retryAfter: false });
		await fixture.etsy.addFault({ kind: "rate-limit", path: RECEIPTS, query: { offset: "100" } });
		const run = hub.sync();
		expect(reportOf(run)).toMatchObject({ status: "completed", created: 150 });
		expect(etsyRequests(run)).toBe(3);
	});

	it("imports 1,200 receipts at Etsy's own 10 requests a second without one 429: the pages after the first go together", async () => {
		const hub = await fixture.freshHub({ receipts: 1200 });
		await fixture.etsy.updateSettings({ perSecond: 10 });
		try {
			const run = hub.sync();
			expect(reportOf(run)).toMatchObject({ status: "completed", created: 1200 });
			const pages = run.report.fetches.filter((fetch) => fetch.url.includes("/receipts"));
			expect(pages.map((fetch) => fetch.status)).toEqual(Array(12).fill(200));
			expect(new Set(pages.map((fetch) => new URL(fetch.url).searchParams.get("offset"))).size).toBe(12);
			expect(readOrders(hub).values).toHaveLength(1201);
		} finally {
			await fixture.etsy.updateSettings({ perSecond: 10_000 });
		}
	});

	it("keeps the rows of the pages read before a 5xx page, leaves the cursor, and adds no duplicates later", async () => {
		const hub = await fixture.freshHub({ receipts: 250 });
		hub.sync();
		const cursor = engineValue(hub, ETSY_CURSOR_KEY);
		expect(cursor).toBeDefined();
		// New orders arriving now, after the cursor.
		await fixture.etsy.generateReceipts({ count: 250, seed: 5, spanDays: 0 });
		await fixture.etsy.addFault({ kind: "error", status: 503, path: RECEIPTS, query: { offset: "100" }, times: 20 });
		const failed = reportOf(hub.sync());
		expect(failed.stoppedEarly).toMatch(/503|offset 100/);
		expect(failed.summary).toMatchObject({ tone: "warning" });
		expect(failed.message).toMatch(/^Etsy is not answering right now, so only \d+ orders were read\./);
		// The first page (100 receipts, a few of them re-read through the overlap) is on the sheet.
		expect(failed.created).toBeGreaterThan(90);
		expect(readOrders(hub).values).toHaveLength(251 + (failed.created ?? 0));
		expect(engineValue(hub, ETSY_CURSOR_KEY)).toBe(cursor);
		await fixture.etsy.clearFaults();
		const recovered = reportOf(hub.sync());
		expect((recovered.created ?? 0) + (failed.created ?? 0)).toBe(250);
		const ids = readOrders(hub)
			.values.slice(1)
			.map((row) => row[0]);
		expect(ids).toHaveLength(500);
		expect(new Set(ids).size).toBe(500);
	});

	it("stops pulling early, saying so, when Etsy's daily quota is nearly spent", async () => {
		const hub = await fixture.freshHub({ receipts: 250 });
		const { perDay } = await fixture.etsy.settings();
		// After the first page Etsy reports fewer requests left today than Hubsheet keeps in reserve.
		await fixture.etsy.updateSettings({ usedToday: perDay - 20 });
		const report = reportOf(hub.sync());
		expect(report.status).toBe("completed");
		expect(report.created).toBe(100);
		expect(report.stoppedEarly).toMatch(/quota/i);
		expect(report.summary?.tone).toBe("warning");
		expect(report.message).toMatch(/Etsy's daily request allowance is nearly used up, so only 100 orders were read/);
	});

	it("names the endpoint of a malformed answer and writes nothing", async () => {
		const hub = await fixture.freshHub({ receipts: 3 });
		await fixture.etsy.addFault({ kind: "malformed", path: RECEIPTS, times: 5 });
		const report = reportOf(hub.sync());
		// The owner reads one plain sentence; Etsy's words and the endpoint are the details.
		expect(report.summary?.tone).toBe("warning");
		expect(report.message).toMatch(/^Etsy is not answering right now, so no orders were read\./);
		expect(report.summary?.details).toMatch(/getShopReceipts/);
		expect(report.summary?.details).toMatch(/malformed/i);
		expect(readOrders(hub).values).toHaveLength(1);
	});

	it("sends only requests that Etsy's published spec allows", async () => {
		const spec = loadSpec(resolve(import.meta.dirname, "../../../../shared/specs/etsy/etsy-openapi-v3.json"));
		const hub = await fixture.freshHub({ receipts: 120, edgeCases: true });
		hub.sync();
		hub.run("fullPassFromTrigger");
		const log = await fixture.etsy.requests({ path: "/v3/application/" });
		expect(log.length).toBeGreaterThanOrEqual(3);
		const failures = log
			.map((entry) => ({ entry, result: validateExchange(spec, entry, { strict: true }) }))
			.filter(({ result }) => !result.request.valid || !result.response.valid)
			.map(
				({ entry, result }) =>
					`${entry.method} ${entry.path}: ${[...result.request.errors, ...result.response.errors].join("; ")}`,
			);
		expect(failures).toEqual([]);
	});
});
