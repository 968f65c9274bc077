/**
 * `npm run bench`: the sync measured on the real bundle in the local runtime on the modeled Apps
 * Script clock (`local/gas/cost-model.ts`, default profile drives the 6-minute kill and Hubsheet's
 * budget), against real HTTP sandboxes, beside a naive row-by-row script on the same data.
 * `npm run bench:ci` (`--ci`) runs the quick subset with the targets and exits 1 on a miss.
 * `--only <text>` runs the scenarios whose name contains the text. `--currentonly` runs Hubsheet
 * without the Sheets advanced service (SpreadsheetApp alone), as the `spreadsheets.currentonly`
 * scope would require: the least-privilege measurement in the README.
 */
import { type BenchResult, printResults, SCENARIOS } from "../local/bench/scenarios.js";
import { spawnSandboxes } from "../local/sandbox/spawn.js";
import { buildAll } from "./build.js";

const ci = process.argv.includes("--ci");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (process.argv.includes("--currentonly")) process.env.HUBSHEET_BENCH_CURRENTONLY = "1";

await buildAll();
const sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "furgonetka"] });
const results: BenchResult[] = [];
try {
	for (const scenario of SCENARIOS) {
		if (ci && !scenario.ci) continue;
		if (only && !scenario.name.includes(only)) continue;
		console.error(`bench: ${scenario.name}…`);
		const started = performance.now();
		const produced = await scenario.run(sandboxes);
		for (const result of produced) results.push(result);
		console.error(`bench: ${scenario.name} took ${Math.round((performance.now() - started) / 1000)} s real`);
	}
} finally {
	await sandboxes.stop();
}

const missed = printResults(results);
process.exit(missed === 0 ? 0 : 1);
