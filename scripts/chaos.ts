/**
 * `npm run chaos -- --cycles N --seed S [--seeds K] [--config pipedrive-furgonetka|hubspot-inpost|webhook-furgonetka]`:
 * the seeded chaos simulation (local/chaos/chaos.ts) on the real bundle against the sandboxes, N
 * cycles per configuration and seed, for K seeds from S (default 1). Prints each configuration's
 * figures and every broken invariant with the seed that replays it; exits 1 when any broke.
 */
import { CHAOS_CONFIGS, type ChaosConfig, type ChaosResult, runChaos } from "../local/chaos/chaos.js";
import { spawnSandboxes } from "../local/sandbox/spawn.js";
import { buildAll } from "./build.js";

function option(name: string): string | undefined {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 ? process.argv[at + 1] : undefined;
}

const cycles = Number(option("cycles") ?? 30);
const firstSeed = Number(option("seed") ?? 1);
const seeds = Number(option("seeds") ?? 1);
const only = option("config") as ChaosConfig | undefined;
const configs = only ? [only] : CHAOS_CONFIGS;
if (!Number.isInteger(cycles) || cycles < 1 || !Number.isInteger(firstSeed) || !Number.isInteger(seeds) || seeds < 1) {
	console.error("usage: npm run chaos -- --cycles N --seed S [--seeds K] [--config name]");
	process.exit(2);
}
if (only && !CHAOS_CONFIGS.includes(only)) {
	console.error(`unknown configuration ${only}: one of ${CHAOS_CONFIGS.join(", ")}`);
	process.exit(2);
}

await buildAll();
const sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka", "hubspot", "inpost", "webhook"] });
const results: ChaosResult[] = [];
try {
	for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
		for (const config of configs) {
			const started = performance.now();
			const result = await runChaos({
				sandboxes,
				config,
				seed,
				cycles,
				...(process.argv.includes("--verbose") ? { log: (line: string) => console.log(line) } : {}),
			});
			results.push(result);
			const f = result.figures;
			console.log(
				`${result.violations.length === 0 ? "ok  " : "FAIL"} ${config} seed ${seed}: ${cycles} cycles, ${f.orders} orders, ${f.runs} runs (${f.killed} killed), ${f.faultsInjected} faults injected (${f.faultsHit} served), ${f.concurrentAttempts} concurrent syncs, ${f.ownerActionsDuringRuns} owner edits during runs, ${f.etsyReconnects} Etsy reconnects, ${f.readyToShip} ready to ship / ${f.parcels} parcels / ${f.trackedOnEtsy} tracked on Etsy, ${result.violations.length} violations, ${Math.round((performance.now() - started) / 1000)} s`,
			);
			for (const violation of result.violations) console.log(`     ${violation}`);
		}
	}
} finally {
	await sandboxes.stop();
}
const failed = results.filter((result) => result.violations.length > 0);
const total = results.reduce((sum, result) => sum + result.cycles, 0);
console.log(
	`${total} cycles, ${results.length} simulations, ${failed.length} with violations${failed.length > 0 ? `: replay with ${failed.map((result) => `--config ${result.config} --seed ${result.seed} --cycles ${result.cycles}`).join("; ")}` : ""}`,
);
process.exit(failed.length === 0 ? 0 : 1);
