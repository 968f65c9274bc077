#!/usr/bin/env node
// Runs Biome's binary for this platform. The usual `@biomejs/biome` wrapper depends on one optional
// package per platform, and the package registry this project installs from does not serve all of
// them, which makes `npm ci` fail; so package.json installs the Linux x64 binary package directly.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const name = `@biomejs/cli-${process.platform}-${process.arch}`;
let binary;
try {
	binary = createRequire(import.meta.url).resolve(`${name}/biome`);
} catch {
	console.error(`Biome's binary for this platform is not installed: npm install --no-save ${name}@2.6.8`);
	process.exit(1);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
process.exit(result.status ?? 1);
