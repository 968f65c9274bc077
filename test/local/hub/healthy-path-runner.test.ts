/**
 * The whole order path driven by the runner (`hubsheet sync`, a separate Node process) through the
 * local Sheets server and the sandboxes, with the Apps Script path's own assertions (healthy-path.ts):
 * the findings the sidebar reads, the Issues column, the CRM stage, the courier's shipment, tracking
 * on Etsy, Delivered, and every connection working in the sidebar's health.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRunner } from "../../../local/hub/local-runner.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import type { SyncReport } from "../../../src/ui/sidebar-api.js";
import { type SyncEngine, WALK_TIMEOUT_MS, walkHealthyPath } from "./healthy-path.js";

let sandboxes: SpawnedSandboxes;
const runners: LocalRunner[] = [];
beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
}, 120_000);
afterAll(async () => {
	await Promise.all(runners.map((runner) => runner.stop()));
	await sandboxes.stop();
});

function runnerEngine(): SyncEngine {
	let runner: LocalRunner | undefined;
	return {
		async prepare(hub) {
			runner = await LocalRunner.start(hub);
			runners.push(runner);
			runner.handOverSecrets();
			await runner.connectEtsy();
		},
		sync() {
			const run = runner?.sync();
			expect(run?.result, `runner: ${run?.stderr}${run?.stdout}`).toBeDefined();
			// The runner itself synced, through the Sheets API, and gave the lease back.
			expect(run?.status).toBe(0);
			expect(run?.result?.sheetsRequests).toBeGreaterThan(0);
			return run?.result?.report as SyncReport;
		},
	};
}

describe("the runner: a healthy order has no findings at any step", () => {
	it(
		"with Pipedrive and Furgonetka",
		() => walkHealthyPath(sandboxes, "Pipedrive", "Furgonetka", runnerEngine()),
		WALK_TIMEOUT_MS,
	);
});
