/**
 * A playground on a new spreadsheet and freshly seeded sandboxes, for the browser tests and the
 * README's screenshots: its own push set (built into a temporary folder, so a test never races
 * `npm run build`), its own state, and sandboxes in a child process. By default the full set-up an
 * owner would have: Etsy, Pipedrive as the CRM and Furgonetka as the courier.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAll } from "../../scripts/build.js";
import { LocalHub } from "../hub/local-hub.js";
import type { EtsyControlClient } from "../sandbox/etsy/control-client.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../sandbox/spawn.js";
import { type Playground, startPlayground } from "./server.js";

export const FULL_SET_UP = ["etsy", "pipedrive", "furgonetka"];

export interface PlaygroundWorld {
	sandboxes: SpawnedSandboxes;
	etsy: EtsyControlClient;
	pushDir: string;
	/** A new spreadsheet, set up, connected and synced once, served by a new playground. */
	fresh(options?: {
		receipts?: number;
		edgeCases?: boolean;
		sync?: boolean;
	}): Promise<{ hub: LocalHub; playground: Playground }>;
	stop(): Promise<void>;
}

export async function startPlaygroundWorld(only: string[] = FULL_SET_UP): Promise<PlaygroundWorld> {
	const pushDir = mkdtempSync(join(tmpdir(), "hubsheet-push-"));
	const [sandboxes] = await Promise.all([spawnSandboxes({ only }), buildAll(pushDir)]);
	const etsy = sandboxes.control("etsy");
	const playgrounds: Playground[] = [];
	const folders = [pushDir];
	return {
		sandboxes,
		etsy,
		pushDir,
		async fresh({ receipts = 4, edgeCases = false, sync = true } = {}) {
			// Etsy's per-second limit is lifted so that tests' bursts never wait (one clock: kit/runtime-clock.ts).
			await etsy.reset({ seed: 5, receipts, edgeCases, settings: { perSecond: 10_000 } });
			// Every other sandbox starts over too: deals and parcels of an earlier test would be found by order id.
			if (only.includes("pipedrive"))
				await sandboxes.control("pipedrive").reset({ settings: { burstPerWindow: 10_000 } });
			for (const name of only.filter((candidate) => candidate !== "etsy" && candidate !== "pipedrive"))
				await sandboxes.control(name).reset({});
			const stateDir = mkdtempSync(join(tmpdir(), "hubsheet-playground-"));
			folders.push(stateDir);
			const hub = new LocalHub(sandboxes.urls, { stateDir, pushDir });
			hub.setUp();
			await hub.connectEtsy();
			if (only.includes("pipedrive")) await hub.connectCrm("Pipedrive");
			if (only.includes("furgonetka")) await hub.connectCourier("Furgonetka");
			if (sync) hub.sync();
			const playground = await startPlayground({
				stateDir: hub.runtime.options.stateDir,
				pushDir,
				sandboxUrls: sandboxes.urls,
			});
			playgrounds.push(playground);
			return { hub, playground };
		},
		async stop() {
			await Promise.all(playgrounds.map((playground) => playground.close()));
			await sandboxes.stop();
			for (const folder of folders) rmSync(folder, { recursive: true, force: true });
		},
	};
}
