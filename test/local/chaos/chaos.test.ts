/**
 * A short seeded chaos run in `npm test` (bounded by cycles, not by time): the shop over each of
 * the three configurations with faults, kills, a second sync and the owner at work, invariants after
 * every cycle and after a fault-free settle (local/chaos/chaos.ts). Longer runs:
 * `npm run chaos -- --cycles N --seed S`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHAOS_CONFIGS, runChaos } from "../../../local/chaos/chaos.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";

const SEED = 2;
const CYCLES = 10;

let sandboxes: SpawnedSandboxes;
beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka", "hubspot", "inpost", "webhook"] });
}, 120_000);
afterAll(() => sandboxes.stop());

describe("the shop under chaos", () => {
	for (const config of CHAOS_CONFIGS) {
		it(`${config}: ${CYCLES} seeded cycles and a settle break no invariant`, async () => {
			const result = await runChaos({ sandboxes, config, seed: SEED, cycles: CYCLES });
			expect(result.violations).toEqual([]);
			// The run did meet trouble, and orders went the whole way.
			expect(result.figures.faultsHit).toBeGreaterThan(0);
			expect(result.figures.parcels).toBeGreaterThan(0);
		}, 240_000);
	}
});
