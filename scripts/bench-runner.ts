/**
 * The runner's first import: N Etsy orders (30,000 by default) into a fresh spreadsheet in one
 * `hubsheet sync` invocation, through the local Sheets server. Prints the Sheets API requests (by
 * method), the cycles, the time, and the rows on the sheet.
 *   npx tsx scripts/bench-runner.ts [--orders 30000]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalHub } from "../local/hub/local-hub.js";
import { LocalRunner } from "../local/hub/local-runner.js";
import { spawnSandboxes } from "../local/sandbox/spawn.js";

const index = process.argv.indexOf("--orders");
const orders = Number(index >= 0 ? process.argv[index + 1] : 30_000);
const sandboxes = await spawnSandboxes({ only: ["etsy"], timeoutMs: 120_000 });
try {
	await sandboxes.control("etsy").reset({ seed: 7, receipts: orders, spanDays: 365, settings: { perSecond: 10_000 } });
	const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-bench-runner-")) });
	hub.setUp();
	await hub.connectEtsy();
	const runner = await LocalRunner.start(hub);
	try {
		runner.handOverSecrets();
		await runner.connectEtsy();
		const started = performance.now();
		const run = runner.sync("sync", { HUBSHEET_BUDGET_HOURS: "6" });
		const seconds = (performance.now() - started) / 1000;
		const rows = (hub.runtime.state().workbook.sheets.find((sheet) => sheet.name === "Orders")?.rows ?? []).filter(
			(row) => row?.[0]?.value !== undefined,
		).length;
		const result = run.result;
		console.log(
			JSON.stringify(
				{
					orders,
					status: result?.report.status,
					created: result?.report.created,
					rowsOnSheet: rows - 1,
					cycles: result?.cycles,
					sheetsRequests: result?.sheetsRequests,
					sheetsCalls: result?.sheetsCalls,
					runnerSeconds: result ? result.elapsedMs / 1000 : null,
					processSeconds: seconds,
					error: result ? undefined : run.stderr.slice(-2000),
				},
				null,
				2,
			),
		);
	} finally {
		await runner.stop();
	}
} finally {
	await sandboxes.stop();
}
