#!/usr/bin/env node
// The `hubsheet` command: the runner built by `npm run build:runner` (src/runner/cli.ts).
await import("../dist/runner/cli.mjs");
