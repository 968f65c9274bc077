import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResult } from "../../../local/gas/runtime.js";
import { LocalHub, SANDBOX_ETSY_APP } from "../../../local/hub/local-hub.js";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth-store.js";
import { propertyKey } from "../../../src/platforms/http/descriptor.js";
import { MARKETPLACE } from "../../../src/platforms/registry.js";
import { ENGINE_SHEET } from "../../../src/sheet/engine-store.js";
import { engineValue, type HubFixture, reportOf, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

/**
 * Calls that read the Orders sheet or write the Sync log. The engine lease (one engine at a time:
 * a few cells of its own, read and written every run) is not the sheet the quiet check skips.
 */
const sheetCalls = (run: ExecutionResult) =>
	run.calls.filter(
		(call) =>
			(call.service === "Sheets" || call.service === "SpreadsheetApp") &&
			((call.cells ?? 0) > 50 || /append/i.test(call.method)),
	);

/**
 * No CacheService entry (any scope, live or expired) carries Etsy's keystring, shared secret or
 * tokens as saved in script properties, as they are or in base64: secrets stay in PropertiesService.
 */
function expectNoSecretInCache(hub: LocalHub): void {
	const state = hub.runtime.state();
	const saved = (key: string) => state.properties.script[key] ?? "";
	const tokens = JSON.parse(saved(ETSY_STORE_KEYS.tokens) || "{}") as Record<string, string>;
	const secrets = [
		...Object.keys(MARKETPLACE.secrets).map((field) => saved(propertyKey(MARKETPLACE, field))),
		tokens.accessToken ?? "",
		tokens.refreshToken ?? "",
	];
	// The secrets looked for are really saved (else the check would pass for want of them).
	expect(secrets).toEqual(expect.arrayContaining([SANDBOX_ETSY_APP.keystring, SANDBOX_ETSY_APP.sharedSecret]));
	expect(secrets.every((secret) => secret.length >= 8)).toBe(true);
	const encoded = [
		...secrets.flatMap((secret) => [secret, Buffer.from(secret).toString("base64")]),
		Buffer.from(`${SANDBOX_ETSY_APP.keystring}:${SANDBOX_ETSY_APP.sharedSecret}`).toString("base64"),
	];
	const cached = Object.values(state.cache).flatMap((scope) => Object.entries(scope));
	for (const [key, entry] of cached) {
		for (const secret of encoded) expect(`${key}=${entry.value}`).not.toContain(secret);
	}
}

describe("a trigger run with nothing to do", () => {
	it("asks Etsy once and reads no sheet; an owner's edit, a new order or the hour makes the next run a full one", async () => {
		await fixture.etsy.reset({ seed: 8, receipts: 30, settings: { perSecond: 100_000, perDay: 1_000_000 } });
		const hub = new LocalHub(fixture.sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-quiet-")) });
		hub.setUp();
		await hub.connectEtsy();
		hub.sync();
		// Without the on-edit trigger an edit could go unseen: no run is quiet.
		hub.runtime.run("removeTriggers");
		const unwatched = hub.runtime.run("syncFromTrigger");
		expect(reportOf(unwatched).quiet).toBeUndefined();
		expect(sheetCalls(unwatched).length).toBeGreaterThan(0);

		hub.runtime.run("installTriggers");
		const quiet = hub.runtime.run("syncFromTrigger");
		expect(reportOf(quiet).quiet).toBe(true);
		expect(sheetCalls(quiet)).toEqual([]);
		expect(quiet.report.fetches).toHaveLength(1);
		// Nothing written, so nothing locked: no spreadsheet, lock or engine lease at all, no record of
		// the run, and no cache: the script properties (Etsy's keys and sign-in with them) read once.
		const services = ["Sheets", "SpreadsheetApp", "Lock", "Cache", "Properties"];
		expect(
			quiet.calls.filter((call) => services.includes(call.service)).map((call) => `${call.service} ${call.method}`),
		).toEqual(["Properties getProperties"]);
		// Secrets stay in PropertiesService: after full runs and a quiet one, CacheService holds none.
		expectNoSecretInCache(hub);

		// The owner types in a cell a minute later: the on-edit trigger notes it, and the next run reads the sheet.
		hub.runtime.advanceTime(60_000);
		hub.runtime.asOwner(
			`SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getRange(2, 21).setValue("note");`,
		);
		const afterEdit = hub.runtime.run("syncFromTrigger");
		expect(reportOf(afterEdit).quiet).toBeUndefined();
		expect(sheetCalls(afterEdit).length).toBeGreaterThan(0);
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBe(true);

		// A new order on Etsy: written in the same run that saw it.
		await fixture.etsy.createReceipt({});
		const withOrder = hub.runtime.run("syncFromTrigger");
		expect(reportOf(withOrder).created).toBe(1);
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBe(true);

		// Time rules are judged at least hourly: an hour on, the run is a full one again.
		hub.runtime.updateState([], (state) => {
			state.clock += 61 * 60_000;
		});
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBeUndefined();
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBe(true);
	});

	it("stays quiet after an upgrade from a version that kept the edit watch in the engine sheet", async () => {
		await fixture.etsy.reset({ seed: 9, receipts: 5, settings: { perSecond: 100_000, perDay: 1_000_000 } });
		const hub = new LocalHub(fixture.sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-quiet-")) });
		hub.setUp();
		await hub.connectEtsy();
		hub.runtime.run("installTriggers");
		hub.sync();
		// As an earlier version left it: the watch in the engine sheet, none in script properties.
		hub.runtime.updateState(["properties"], (state) => {
			delete state.properties.script["hubsheet.triggers.editWatch"];
		});
		hub.runtime.asOwner(
			`SpreadsheetApp.getActiveSpreadsheet().getSheetByName(${JSON.stringify(ENGINE_SHEET)}).appendRow(["hubsheet.editWatch", "1"]);`,
		);
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBeUndefined();
		expect(engineValue(hub, "hubsheet.editWatch")).toBe("");
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBe(true);
		// Removing the triggers ends quiet runs, wherever the watch was kept.
		hub.runtime.run("removeTriggers");
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBeUndefined();
		expect(reportOf(hub.runtime.run("syncFromTrigger")).quiet).toBeUndefined();
	});
});
