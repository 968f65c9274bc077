/**
 * Builds the runner (`hubsheet`, src/runner/) for Node: dist/runner/cli.mjs with the engine bundled
 * in, and its I/O thread next to it. googleapis stays a dependency (node_modules), never bundled,
 * and never in dist/Code.js: the Apps Script bundle is built from src/gas/main.ts alone.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

mkdirSync("dist/runner", { recursive: true });
await build({
	entryPoints: ["src/runner/cli.ts"],
	outfile: "dist/runner/cli.mjs",
	bundle: true,
	platform: "node",
	format: "esm",
	target: "node20",
	external: ["@googleapis/sheets"],
	logLevel: "warning",
});
copyFileSync("src/runner/io-worker.mjs", "dist/runner/io-worker.mjs");
console.log("Built dist/runner/cli.mjs and dist/runner/io-worker.mjs");
