/**
 * `npm start`: runs the hub on this machine against the sandboxes. Sets the local spreadsheet up,
 * connects Etsy through the sandbox's consent page, installs the triggers, then lets time pass:
 * every few seconds the local clock and the sandboxes move ten minutes on, new orders arrive on
 * Etsy, and the sync trigger fires as it would in Apps Script.
 *
 * Options: --ticks N (stop after N ticks), --tick-seconds S (real seconds per tick, default 5).
 */
import { countCalls, type ExecutionResult } from "../local/gas/runtime.js";
import { LocalHub } from "../local/hub/local-hub.js";
import { ensureSandboxDaemon } from "../local/sandbox/daemon.js";
import type { SyncReport } from "../src/ui/sidebar-api.js";
import { buildAll } from "./build.js";

const SIMULATED_MINUTES_PER_TICK = 10;

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
	return value;
}

function say(text: string): void {
	process.stdout.write(`${text}\n`);
}

function describeRun(result: ExecutionResult): string {
	const report = result.value as SyncReport | undefined;
	const when = new Date(result.startedAt).toISOString().slice(0, 16).replace("T", " ");
	const calls = countCalls(result.calls, "SpreadsheetApp") + countCalls(result.calls, "Sheets");
	if (result.status !== "completed" || !report)
		return `${when}  ${result.functionName} ${result.status}: ${result.error}`;
	return `${when}  ${result.functionName}: ${report.message} (${result.report.fetches.length} requests, ${calls} spreadsheet calls)`;
}

async function main(): Promise<void> {
	const ticks = option("ticks", Number.POSITIVE_INFINITY);
	const tickSeconds = option("tick-seconds", 5);
	say("Hubsheet, running locally on sandbox data");
	await buildAll();
	const daemon = await ensureSandboxDaemon();
	say(
		`  sandboxes: ${Object.entries(daemon.urls)
			.map(([name, url]) => `${name} ${url}`)
			.join(", ")}`,
	);
	const hub = new LocalHub(daemon.urls);
	say(`  local spreadsheet: ${hub.runtime.options.stateDir}`);
	if (!hub.hasSheet("Orders")) {
		say("  setting up the sheets…");
		hub.setUp();
	}
	hub.useSandboxEndpoints();
	if (!hub.isEtsyConnected()) {
		say("  connecting Etsy through the sandbox's consent page…");
		await hub.connectEtsy();
	}
	// A small shop: a few orders a day, so that every few ticks something new arrives.
	await hub.etsy.updateSettings({ ordersPerDay: 48, perSecond: 10_000 });
	say(`  ${hub.run("installTriggers").value}`);
	say(describeRun(hub.sync()));
	say(`\nTime passes: each ${tickSeconds} s here is ${SIMULATED_MINUTES_PER_TICK} minutes for the shop. Ctrl-C stops.`);
	for (let tick = 0; tick < ticks; tick++) {
		await new Promise((done) => setTimeout(done, tickSeconds * 1000));
		await hub.etsy.advanceClock({ ms: SIMULATED_MINUTES_PER_TICK * 60_000 });
		for (const run of hub.runtime.advanceTime(SIMULATED_MINUTES_PER_TICK * 60_000)) say(describeRun(run));
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
