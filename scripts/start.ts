/**
 * `npm start`: the hub on this machine against the sandboxes, with the playground page. Builds the
 * bundle, starts the sandboxes in the background, sets the local spreadsheet up and connects Etsy
 * through the sandbox's consent page (the first time), installs the triggers, syncs once, then
 * serves the playground: the workbook as a grid beside the real sidebar, and buttons that make
 * things happen to the shop. Every execution is printed as one line.
 *
 * Options:
 *   --port N            the playground's port (default 5170; a free one if that is taken)
 *   --tick-seconds S    also let time pass by itself: every S seconds the shop's clock moves 10 minutes
 *   --ticks N           stop after N such ticks (default: never; with --ticks alone, S is 5)
 *   --exit-after-start  print the playground's URL and the first sync, then stop
 *   --runner            sync with the runner (`hubsheet sync`, src/runner/, as on Google Cloud) instead of
 *                       Apps Script's triggers: it works on the same spreadsheet through the local Sheets
 *                       server, and the first sync, the sidebar's "Sync now" and time passing run it
 */
import { resolve } from "node:path";
import { LocalHub } from "../local/hub/local-hub.js";
import { LocalRunner } from "../local/hub/local-runner.js";
import { describeRun, localTime, runnerOutcome, runOutcome } from "../local/playground/run-lines.js";
import { type Playground, startPlayground } from "../local/playground/server.js";
import { ensureSandboxDaemon, stopSandboxDaemon } from "../local/sandbox/daemon.js";
import { buildAll } from "./build.js";

const SIMULATED_MINUTES_PER_TICK = 10;
const DEFAULT_PORT = 5170;

function option(name: string): number | undefined {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return undefined;
	const value = Number(process.argv[index + 1]);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
	return value;
}

function say(text: string): void {
	process.stdout.write(`${text}\n`);
}

async function serve(options: Parameters<typeof startPlayground>[0]): Promise<Playground> {
	try {
		return await startPlayground(options);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
		say(`  port ${options.port} is taken; using a free one`);
		return startPlayground({ ...options, port: 0 });
	}
}

async function main(): Promise<void> {
	const port = option("port") ?? DEFAULT_PORT;
	const ticks = option("ticks");
	const tickSeconds = option("tick-seconds") ?? (ticks !== undefined ? 5 : undefined);
	const exitAfterStart = process.argv.includes("--exit-after-start");
	const useRunner = process.argv.includes("--runner");
	say("Hubsheet, running locally on sandbox data");
	const { outDir } = await buildAll();
	const daemon = await ensureSandboxDaemon();
	say(
		`  sandboxes: ${Object.entries(daemon.urls)
			.map(([name, url]) => `${name} ${url}`)
			.join(", ")}`,
	);
	const hub = new LocalHub(daemon.urls, { pushDir: resolve(outDir) });
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
	// The demo shop keeps its deals in Pipedrive and ships with Furgonetka (both sandboxes); an
	// owner who chose otherwise on the Settings sheet keeps their choice.
	const chosen = hub.runtime.asOwner(`
		var rows = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings").getDataRange().getValues();
		var value = function (label) { for (var i = 0; i < rows.length; i++) if (rows[i][0] === label) return String(rows[i][1]); return ""; };
		return [value("CRM"), value("Courier")];`) as [string, string];
	if (chosen[0] === "None" && daemon.urls.pipedrive) {
		say("  connecting the Pipedrive sandbox as the CRM…");
		await hub.connectCrm("Pipedrive");
	}
	if (chosen[1] === "None" && daemon.urls.furgonetka) {
		say("  connecting the Furgonetka sandbox as the courier…");
		await hub.connectCourier("Furgonetka");
	}
	// A small shop: a few orders a day, so that every hour or so something new arrives.
	// Buyers as Etsy serves them to most apps: many without email, some without an address.
	await hub.etsy.updateSettings({ ordersPerDay: 48, perSecond: 10_000, withholdAddresses: 0.15, withholdEmails: 0.6 });
	let runner: LocalRunner | undefined;
	if (useRunner) {
		// Moving to the runner means Apps Script's triggers go: one engine syncs.
		hub.run("removeTriggersFromMenu");
		say("  syncs run on the runner (hubsheet sync) through the local Sheets server; Apps Script's triggers are off");
		runner = await LocalRunner.start(hub);
		runner.handOverSecrets();
		say("  connecting the runner to Etsy through the sandbox's consent page…");
		await runner.connectEtsy();
	} else {
		say(`  ${hub.run("installTriggersFromMenu").value}`);
	}
	const viaRunner = runner;
	const runnerSync = viaRunner
		? async () => runnerOutcome(await viaRunner.syncInBackground(), hub.runtime.state().clock)
		: undefined;
	const first = runnerSync ? await runnerSync() : runOutcome(hub.sync());
	const timeZone = hub.runtime.state().workbook.timeZone;
	say(`${localTime(first.startedAt, timeZone)}  ${describeRun(first)}`);

	const playground = await serve({
		stateDir: hub.runtime.options.stateDir,
		pushDir: hub.runtime.options.pushDir,
		sandboxUrls: daemon.urls,
		port,
		onRun: (_run, line) => say(line),
		...(runnerSync ? { runnerSync } : {}),
	});
	say(`\nThe playground: ${playground.url}`);
	const stop = async (sandboxesToo: boolean) => {
		await playground.close();
		await runner?.stop();
		// Ctrl-C stops the sandboxes this start began; ones already running (npm run sync's) stay, and
		// --exit-after-start leaves them for the next `npm run sync`.
		if (sandboxesToo && daemon.started && stopSandboxDaemon()) say("Stopped the sandboxes it started.");
		process.exit(0);
	};
	process.on("SIGINT", () => void stop(true));
	process.on("SIGTERM", () => void stop(true));
	if (exitAfterStart) return stop(false);

	if (tickSeconds === undefined) {
		say("Open it in a browser; time passes when you press its buttons. Ctrl-C stops.");
		return;
	}
	say(`Time passes: each ${tickSeconds} s here is ${SIMULATED_MINUTES_PER_TICK} minutes for the shop. Ctrl-C stops.`);
	for (let tick = 0; tick < (ticks ?? Number.POSITIVE_INFINITY); tick++) {
		await new Promise((done) => setTimeout(done, tickSeconds * 1000));
		await playground.passTime(SIMULATED_MINUTES_PER_TICK * 60_000);
	}
	await stop(false);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
