/**
 * A CRM's daily allowance nearly used up: the run makes the deals the allowance pays for above its
 * reserve, leaves the others for the renewal (said in the run's summary, the Sync log and the CRM's
 * health), and the next day's run makes them, each once. Pipedrive has no NOTES.md: the sandbox's
 * daily token budget (local/sandbox/pipedrive/README.md, "Rate limits": `x-daily-ratelimit-token-
 * remaining`, renewed at midnight UTC of sandbox time; the header names are UNCONFIRMED, taken from
 * third-party clients) is set nearly spent with its `tokensUsedToday` setting.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import type { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import type { PipedriveControlClient } from "../../../local/sandbox/pipedrive/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { readOrders, reportOf, rowOf } from "./hub-fixture.js";

let sandboxes: SpawnedSandboxes;
let etsy: EtsyControlClient;
let pipedrive: PipedriveControlClient;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive"] });
	etsy = sandboxes.control("etsy") as EtsyControlClient;
	pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
}, 120_000);
afterAll(() => sandboxes.stop());

const DAY_MS = 86_400_000;
const ORDERS = 12;

function syncLogRows(hub: LocalHub): string[][] {
	return hub.runtime.asOwner(`
		return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`) as string[][];
}

function pipedriveHealth(hub: LocalHub): { status: string; message: string; quotaLeftToday?: number } {
	const { health } = hub.run("getSidebarState").value as {
		health: Array<{ platform: string; status: string; message: string; quotaLeftToday?: number }>;
	};
	const entry = health.find((item) => item.platform === "Pipedrive");
	if (!entry) throw new Error("no Pipedrive health");
	return entry;
}

describe("a CRM's daily allowance nearly used up", () => {
	it("makes the deals it pays for, leaves the rest for the renewal in words, and makes them the next day, each once", async () => {
		await etsy.reset({ seed: 41, receipts: 0, settings: { perSecond: 10_000 } });
		await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-allowance-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Pipedrive");
		const ids: string[] = [];
		for (let index = 0; index < ORDERS; index++) {
			const receipt = await etsy.createReceipt({
				buyer: { name: `Buyer ${index}`, email: `buyer${index}@example.com`, country_iso: "PL" },
			});
			ids.push(String(receipt.receipt_id));
		}
		// 800 tokens left today: above Pipedrive's reserve of 500, a few deals at about 30 tokens each.
		const { dailyTokens } = await pipedrive.settings();
		await pipedrive.updateSettings({ tokensUsedToday: dailyTokens - 800 });

		const first = reportOf(hub.sync());
		expect(first.status).toBe("completed");
		const dealsOf = async () => {
			const counts = await Promise.all(ids.map(async (orderId) => (await pipedrive.dealsForOrder(orderId)).length));
			return counts;
		};
		const afterFirst = await dealsOf();
		const made = afterFirst.filter((count) => count === 1).length;
		expect(made).toBeGreaterThan(0);
		expect(made).toBeLessThan(ORDERS);
		expect(afterFirst.every((count) => count <= 1)).toBe(true);
		const sentence = `Pipedrive's daily allowance is nearly used up; ${ORDERS - made} orders wait until it renews.`;
		expect(first.message).toContain(sentence);
		// Never run into Pipedrive's refusal: the reserve is kept, no order shows a failure.
		expect((await pipedrive.settings()).tokensSpentToday).toBeLessThanOrEqual(dailyTokens - 500 + 30);
		expect(first.message).not.toMatch(/refused|failed/);
		const waiting = syncLogRows(hub).filter((row) => row.includes("daily allowance"));
		expect(waiting.map((row) => row.slice(3))).toEqual([
			["Pipedrive", "daily allowance", `${ORDERS - made} orders wait`, sentence],
		]);
		expect(pipedriveHealth(hub)).toMatchObject({ status: "warning", message: sentence });

		// The same day again: nothing more is made, nothing twice.
		const again = reportOf(hub.sync());
		expect(again.message).toContain(sentence);
		expect(await dealsOf()).toEqual(afterFirst);

		// The next day Pipedrive's allowance has renewed: the waiting deals are made, each once.
		await pipedrive.advanceClock({ days: 1 });
		hub.runtime.advanceTime(DAY_MS);
		const nextDay = reportOf(hub.sync());
		expect(nextDay.status).toBe("completed");
		expect(nextDay.message).not.toContain("daily allowance");
		expect(await dealsOf()).toEqual(ids.map(() => 1));
		const table = readOrders(hub);
		const dealColumn = table.header.indexOf("CRM deal");
		expect(ids.map((orderId) => String(rowOf(table, orderId)[dealColumn]) !== "")).toEqual(ids.map(() => true));
		expect(pipedriveHealth(hub).message).toBe("Pipedrive is working.");
	});
});
