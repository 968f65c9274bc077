/**
 * One clock in the local world: the platforms' rate windows run on the same simulated clock as the
 * script, so the script's waits (Utilities.sleep after a 429) and the playground's "time passes"
 * mean the same to both. A day passing on the playground's controls, with the platforms' own limits
 * (none lifted) and a shop busy enough to meet them, leaves no finding of too many requests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub } from "../../../local/hub/local-hub.js";
import { startPlayground } from "../../../local/playground/server.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";

let sandboxes: SpawnedSandboxes;
const folders: string[] = [];

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
}, 120_000);
afterAll(async () => {
	await sandboxes.stop();
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const DAY = 86_400_000;

describe("one clock", () => {
	it("a day passing on the playground, at the platforms' own rate limits, ends with no finding of too many requests", async () => {
		// The platforms' default limits: Etsy 10 requests a second, Pipedrive 20 a 2-second window.
		await sandboxes.control("etsy").reset({ seed: 7, receipts: 30 });
		await sandboxes.control("pipedrive").reset({});
		await sandboxes.control("furgonetka").reset({});
		const stateDir = mkdtempSync(join(tmpdir(), "hubsheet-one-clock-"));
		folders.push(stateDir);
		const hub = new LocalHub(sandboxes.urls, { stateDir });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Pipedrive");
		await hub.connectCourier("Furgonetka");
		// npm start's demo shop: orders arrive through the day.
		await hub.etsy.updateSettings({ ordersPerDay: 48, withholdAddresses: 0.15, withholdEmails: 0.6 });
		hub.run("installTriggersFromMenu");
		hub.sync();
		const playground = await startPlayground({
			stateDir,
			pushDir: hub.runtime.options.pushDir,
			sandboxUrls: sandboxes.urls,
		});
		try {
			const runs = await playground.passTime(DAY);
			expect(runs.length).toBeGreaterThan(100);
		} finally {
			await playground.close();
		}
		const findings = hub.run("getFindings").value as Array<{ orderId: string; kind: string; message: string }>;
		const tooMany = findings.filter((finding) => /too many requests|rate limit/i.test(finding.message));
		expect(tooMany).toEqual([]);
		// The day did happen on the platforms too: the shop's new orders became deals.
		const { deals } = (await (await fetch(`${sandboxes.urls.pipedrive}/__sandbox/pipedrive/deals`)).json()) as {
			deals: unknown[];
		};
		expect(deals.length).toBeGreaterThan(30);
	}, 600_000);
});
