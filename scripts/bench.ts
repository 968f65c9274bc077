/**
 * `npm run bench`: how the sync scales, measured on the real bundle in the local runtime against
 * the Etsy sandbox. Counts are exact (counted service calls and HTTP requests); times are wall
 * clock on this machine and only indicative. Exits non-zero when a call-count target is missed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countCalls, type ExecutionResult } from "../local/gas/runtime.js";
import { LocalHub } from "../local/hub/local-hub.js";
import { spawnSandboxes } from "../local/sandbox/spawn.js";
import { buildAll } from "./build.js";

/** A sync with no Etsy changes: at most this many SpreadsheetApp + Sheets calls. */
const IDLE_SPREADSHEET_CALLS = 6;

interface Row {
	scenario: string;
	spreadsheetCalls: number;
	etsyRequests: number;
	realMs: number;
}

function measure(scenario: string, run: () => ExecutionResult): Row {
	const started = performance.now();
	const result = run();
	if (result.status !== "completed") throw new Error(`${scenario}: ${result.status} ${result.error}`);
	return {
		scenario,
		spreadsheetCalls: countCalls(result.calls, "SpreadsheetApp") + countCalls(result.calls, "Sheets"),
		etsyRequests: result.report.fetches.filter((fetch) => fetch.url.includes("/v3/application/")).length,
		realMs: Math.round(performance.now() - started),
	};
}

await buildAll();
const sandboxes = await spawnSandboxes({ only: ["etsy"] });
const etsy = sandboxes.control("etsy");
const rows: Row[] = [];
try {
	for (const receipts of [100, 1000, 3000]) {
		await etsy.reset({ seed: 3, receipts, settings: { perSecond: 100_000, perDay: 1_000_000 } });
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-bench-")) });
		hub.setUp();
		await hub.connectEtsy();
		rows.push(measure(`first import, ${receipts} receipts`, () => hub.sync()));
		rows.push(measure(`idle sync, ${receipts} rows`, () => hub.sync()));
		const { results } = await etsy.receipts();
		for (const receipt of results.slice(0, 10)) await etsy.changeAddress(receipt.receipt_id, { first_line: "Bench 1" });
		rows.push(measure(`10 changed orders, ${receipts} rows`, () => hub.sync()));
	}
} finally {
	await sandboxes.stop();
}

console.table(rows);
const imports = rows.filter((row) => row.scenario.startsWith("first import")).map((row) => row.spreadsheetCalls);
const idle = rows.filter((row) => row.scenario.startsWith("idle"));
const failures = [
	...(new Set(imports).size === 1
		? []
		: [`imports took different numbers of spreadsheet calls: ${imports.join(", ")}`]),
	...idle
		.filter((row) => row.spreadsheetCalls > IDLE_SPREADSHEET_CALLS)
		.map((row) => `${row.scenario}: ${row.spreadsheetCalls} spreadsheet calls (target ≤ ${IDLE_SPREADSHEET_CALLS})`),
];
for (const failure of failures) console.error(`MISSED: ${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
