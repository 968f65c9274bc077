/**
 * `npm run sync`: one sync of the local spreadsheet against the sandboxes, as a trigger would run
 * it. Starts the sandboxes if they are not running, sets the sheets up and connects Etsy the first
 * time, then prints what the run did.
 */
import { countCalls } from "../local/gas/runtime.js";
import { LocalHub } from "../local/hub/local-hub.js";
import { ensureSandboxDaemon } from "../local/sandbox/daemon.js";
import type { SyncReport } from "../src/ui/sidebar-api.js";
import { buildAll } from "./build.js";

function step(text: string): void {
	process.stdout.write(`• ${text}\n`);
}

export async function syncOnce(): Promise<SyncReport> {
	step("Building the Apps Script bundle…");
	await buildAll();
	const daemon = await ensureSandboxDaemon();
	step(
		`${daemon.started ? "Started" : "Using"} the sandboxes: ${Object.entries(daemon.urls)
			.map(([name, url]) => `${name} ${url}`)
			.join(", ")}`,
	);
	const hub = new LocalHub(daemon.urls);
	step(`Local spreadsheet: ${hub.runtime.options.stateDir}`);
	if (!hub.hasSheet("Orders")) {
		step("Setting up the sheets…");
		hub.setUp();
	}
	hub.useSandboxEndpoints();
	if (!hub.isEtsyConnected()) {
		step("Connecting Etsy (sandbox consent page, /usercallback)…");
		await hub.connectEtsy();
	}
	step("Syncing…");
	const result = hub.sync();
	const report = result.value as SyncReport;
	const spreadsheetCalls = countCalls(result.calls, "SpreadsheetApp") + countCalls(result.calls, "Sheets");
	process.stdout.write(
		`\n${report.status === "completed" ? "Sync completed" : `Sync ${report.status}`}: ${report.message}\n`,
	);
	if (report.status === "completed") {
		process.stdout.write(
			`  new ${report.created ?? 0}, updated ${report.updated ?? 0}, unchanged ${report.unchanged ?? 0}, failed ${report.failed?.length ?? 0}\n`,
		);
	}
	for (const failure of report.failed ?? []) process.stdout.write(`  failed ${failure.orderId}: ${failure.reason}\n`);
	process.stdout.write(
		`  ${result.report.fetches.length} HTTP requests, ${spreadsheetCalls} spreadsheet calls, ${Math.round((result.endedAt - result.startedAt) / 100) / 10} s\n`,
	);
	return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	syncOnce().then(
		(report) => process.exit(report.status === "completed" ? 0 : 1),
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}
