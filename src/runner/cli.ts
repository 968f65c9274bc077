/**
 * `hubsheet`: the engine as a Node job, for shops past Apps Script's limits.
 *
 *   hubsheet sync --spreadsheet <id> [--budget-hours 6]     one sync (what the trigger does)
 *   hubsheet full-pass --spreadsheet <id> [--budget-hours 6] the nightly full pass
 *   hubsheet status --spreadsheet <id>                       who holds the lease, the last run, health
 *   hubsheet connect start|finish <redirected URL>           the runner's own marketplace sign-in
 *
 * Options may come from the environment instead: HUBSHEET_SPREADSHEET_ID, HUBSHEET_BUDGET_HOURS,
 * HUBSHEET_WHERE (how Apps Script names this runner when it finds the lease taken). Google access is
 * Application Default Credentials (the Cloud Run job's service account, shared on the spreadsheet);
 * `--sheets-root-url <url>` (HUBSHEET_SHEETS_ROOT_URL) points it at the local Sheets server without
 * credentials instead. Platform secrets: src/runner/secrets.ts. `--json` prints the whole result.
 *
 * Exit status: 0 synced, 75 another engine holds the lease (try later), 78 set-up needed, 1 failed.
 */
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { LAST_SYNC_KEY } from "../engine/sync-progress.js";
import { quoteSheet } from "../sheet/a1-notation.js";
import { parseLease } from "../sheet/engine-lease.js";
import type { IoOptions } from "./blocking-io.js";
import { runnerContext } from "./runner-context.js";
import { connectFinish, connectStart, runnerSignedIn } from "./runner-sign-in.js";
import { runnerSync } from "./runner-sync.js";

const EXIT = { completed: 0, failed: 1, busy: 75, "needs-setup": 78 } as const;

function fail(message: string): never {
	process.stderr.write(`hubsheet: ${message}\n`);
	process.exit(2);
}

export function main(argv: string[], env: NodeJS.ProcessEnv): number {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			spreadsheet: { type: "string" },
			"budget-hours": { type: "string" },
			"sheets-root-url": { type: "string" },
			where: { type: "string" },
			json: { type: "boolean" },
			help: { type: "boolean", short: "h" },
		},
	});
	const [command, ...rest] = positionals;
	if (values.help || !command) {
		process.stdout.write(
			"Usage: hubsheet sync|full-pass|status --spreadsheet <id> [--budget-hours 6] [--sheets-root-url <url>] [--json]\n       hubsheet connect start|finish <redirected URL> --spreadsheet <id>\n",
		);
		return values.help ? 0 : 2;
	}
	const spreadsheetId = values.spreadsheet ?? env.HUBSHEET_SPREADSHEET_ID ?? fail("--spreadsheet <id> is needed.");
	const rootUrl = values["sheets-root-url"] ?? env.HUBSHEET_SHEETS_ROOT_URL;
	const io: IoOptions = rootUrl ? { rootUrl, noAuth: true } : {};
	const where =
		values.where ??
		env.HUBSHEET_WHERE ??
		(env.CLOUD_RUN_JOB ? `Cloud Run job ${env.CLOUD_RUN_JOB}` : `runner on ${hostname()}`);

	if (command === "sync" || command === "full-pass") {
		const budgetHours = Number(values["budget-hours"] ?? env.HUBSHEET_BUDGET_HOURS ?? 6);
		if (!(budgetHours > 0)) fail("--budget-hours must be a number of hours above 0.");
		const result = runnerSync({
			spreadsheetId,
			mode: command === "sync" ? "incremental" : "full",
			budgetHours,
			io,
			env,
			where,
		});
		if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
		else {
			process.stdout.write(
				`${command}: ${result.report.message} (${result.sheetsRequests} Sheets API requests, ${result.cycles} cycle${result.cycles === 1 ? "" : "s"}, ${(result.elapsedMs / 1000).toFixed(1)} s)\n`,
			);
		}
		return EXIT[result.report.status];
	}
	if (command === "status") {
		const context = runnerContext(spreadsheetId, io, env);
		try {
			const sheets = context.api.spreadsheet().sheets;
			const leaseSheet = sheets.find((sheet) => sheet.title === "Hubsheet lease");
			let lease: unknown = null;
			if (leaseSheet) {
				const data = context.api.call<{ values?: unknown[][] }>("spreadsheets.values.get", {
					range: `${quoteSheet("Hubsheet lease")}!A1`,
				});
				lease = parseLease(String(data.values?.[0]?.[0] ?? ""));
			}
			const status = {
				lease,
				lastSync: JSON.parse(context.shared.get(LAST_SYNC_KEY) ?? "null"),
				health: Object.fromEntries(
					context.shared
						.entries()
						.filter(([key]) => key.startsWith("hubsheet.health."))
						.map(([key, value]) => [key.slice("hubsheet.health.".length), JSON.parse(value)]),
				),
				signedIn: runnerSignedIn(context),
			};
			process.stdout.write(`${JSON.stringify(status, null, values.json ? undefined : 2)}\n`);
			return 0;
		} finally {
			context.io.close();
		}
	}
	if (command === "connect") {
		const context = runnerContext(spreadsheetId, io, env);
		try {
			if (rest[0] === "start") {
				process.stdout.write(`${connectStart(context)}\n`);
				return 0;
			}
			if (rest[0] === "finish" && rest[1]) {
				const result = connectFinish(context, rest[1]);
				process.stdout.write(`${result.message}\n`);
				return result.ok ? 0 : 1;
			}
			return fail("connect start, or connect finish '<redirected URL>'.");
		} finally {
			context.io.close();
		}
	}
	return fail(`unknown command ${command}: sync, full-pass, status or connect.`);
}

try {
	process.exitCode = main(process.argv.slice(2), process.env);
} catch (error) {
	process.stderr.write(`hubsheet: the run stopped: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = EXIT.failed;
}
