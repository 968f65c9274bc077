/**
 * One sync by the runner: the engine Apps Script runs (engine/sync-run.ts), with the runner's ports:
 * the spreadsheet through the Sheets API, platform HTTP through fetch, secrets from the environment,
 * the bookkeeping shared with Apps Script in the spreadsheet. It takes the spreadsheet's lease first
 * (sheet/engine-lease.ts): while Apps Script syncs, it says so and changes nothing. Its time budget
 * is its own (a flag; Cloud Run jobs allow hours): a first import of tens of thousands of orders goes
 * on cycle after cycle within one invocation, each platform's rate limits still obeyed.
 */
import { EarlierCycles, finishRun, nextCycleMode } from "../engine/after-run.js";
import { etsyOrderFeed } from "../engine/etsy-feed.js";
import type { ImportMode } from "../engine/etsy-import.js";
import { etsyShipping } from "../engine/etsy-shipping.js";
import { RequestMeter } from "../engine/request-meter.js";
import { runBudget } from "../engine/run-budget.js";
import { setupNeededReport } from "../engine/run-report.js";
import { LAST_SYNC_KEY } from "../engine/sync-progress.js";
import { runSyncCycle, type SyncCycleResult } from "../engine/sync-run.js";
import { buildConnections } from "../platforms/connections.js";
import { MARKETPLACE } from "../platforms/registry.js";
import { acquireLease, busyMessage, RUNNER_SEEN_KEY } from "../sheet/engine-lease.js";
import type { Workbook } from "../sheet/workbook.js";
import type { LastSyncView, SyncReport } from "../ui/sidebar-api.js";
import type { IoOptions } from "./blocking-io.js";
import { nodeClock, nodeCrypto, nodeHttp, nodeLog } from "./node-ports.js";
import { saveFindings, writeSyncLog } from "./run-writes.js";
import { type RunnerContext, runnerContext } from "./runner-context.js";
import { etsyOAuthFor, marketplaceSaved, secretVariables } from "./runner-sign-in.js";
import { leaseAccess, sheetsWorkbook } from "./sheets-workbook.js";

export interface RunnerOptions {
	spreadsheetId: string;
	mode: ImportMode;
	/** Hours the run may take before it saves its place and stops (Cloud Run jobs allow up to 24). */
	budgetHours: number;
	io: IoOptions;
	env: NodeJS.ProcessEnv;
	/** Where this runner runs, in the owner's words (shown to Apps Script when it finds the lease taken). */
	where: string;
}

export interface RunnerResult {
	report: SyncReport;
	/** Sheets API requests by method, and in all. */
	sheetsCalls: Record<string, number>;
	sheetsRequests: number;
	cycles: number;
	elapsedMs: number;
}

export function runnerSync(options: RunnerOptions): RunnerResult {
	const started = Date.now();
	const context = runnerContext(options.spreadsheetId, options.io, options.env);
	const { api } = context;
	const finish = (report: SyncReport, cycles = 0): RunnerResult => ({
		report,
		sheetsCalls: Object.fromEntries(api.calls),
		sheetsRequests: api.totalCalls(),
		cycles,
		elapsedMs: Date.now() - started,
	});
	try {
		const budgetMs = options.budgetHours * 3_600_000;
		const workbook = sheetsWorkbook(api);
		const lease = leaseAccess(api);
		// From now on Apps Script takes the lease too (it skips it on a spreadsheet no runner syncs).
		if (context.shared.get(RUNNER_SEEN_KEY) === null) context.shared.set(RUNNER_SEEN_KEY, new Date().toISOString());
		// The lease outlives the budget by a margin: the run saves its place before it ends.
		const taken = acquireLease(
			lease,
			{ holder: "the runner", where: options.where, since: started, until: started + budgetMs + 10 * 60_000 },
			Date.now(),
			context.store,
		);
		if (!taken.ok) return finish({ status: "busy", message: busyMessage(taken.heldBy, workbook.timeZone) });
		try {
			return finish(...syncUnderLease(context, workbook, options, started, budgetMs));
		} finally {
			lease.release(taken.sheetId);
		}
	} finally {
		context.io.close();
	}
}

function syncUnderLease(
	context: RunnerContext,
	workbook: Workbook,
	options: RunnerOptions,
	started: number,
	budgetMs: number,
): [SyncReport, number] {
	const { secrets, store } = context;
	const log = nodeLog();
	const oauth = etsyOAuthFor(context);
	const saved = marketplaceSaved(context);
	const complete = Object.keys(MARKETPLACE.secrets).every((field) => saved.secrets[field]);
	if (!oauth || !complete) {
		return [
			{
				status: "needs-setup",
				message: `${MARKETPLACE.name} is not set up for the runner: give it ${secretVariables().join(" and ")}, then run \`hubsheet connect start\`.`,
			},
			0,
		];
	}
	const runId = `r${Date.now().toString(36).slice(-7)}`;
	const budget = runBudget(() => Date.now(), started, budgetMs);
	const meter = new RequestMeter();
	const http = nodeHttp(context.io);
	const api = MARKETPLACE.create({ http: meter.wrap(MARKETPLACE.name, http), clock: nodeClock, log, ...saved }, oauth);
	let cycle: SyncCycleResult | undefined;
	let cycles = 0;
	/** The cycles this invocation went on after, for its one report and log. */
	const earlier = new EarlierCycles();
	try {
		// Without Apps Script's six minutes, a long first import goes on in this same invocation.
		for (let mode = options.mode; ; ) {
			cycles++;
			cycle = runSyncCycle(
				{
					workbook,
					feed: (shopId) => etsyOrderFeed(api, shopId, budget.overBudget),
					connect: (settings) => ({
						...buildConnections(settings as unknown as Parameters<typeof buildConnections>[0], {
							http: (platform) => meter.wrap(platform, http),
							clock: nodeClock,
							log,
							crypto: nodeCrypto,
							secrets,
							store,
						}),
						etsy: etsyShipping(api, settings.etsyShopId),
					}),
					store,
					clock: nodeClock,
					log,
					overBudget: budget.overBudget,
					pastBudget: budget.pastBudget,
					// No UrlFetch quota outside Apps Script, but the courier's reads share the allowance the
					// Apps Script runs keep: each invocation counts every parcel in flight as due within it.
					parcelsDueEarly: true,
				},
				mode,
			);
			// Apps Script would schedule a continuation here; the runner goes on (engine/after-run.ts nextCycleMode).
			const next = nextCycleMode(mode, cycle.imported, budget.overBudget);
			if (next === null) break;
			earlier.add(cycle);
			mode = next;
			log.info(`More orders wait on Etsy: cycle ${cycles + 1}.`);
		}
	} catch (error) {
		const needsSetup = setupNeededReport(error, runId);
		if (needsSetup) return [needsSetup, cycles];
		throw error;
	}
	const { summary: run, report } = finishRun(
		{
			cycle,
			earlier,
			meter,
			marketplace: { api, signIn: oauth },
			runId,
			timeZone: workbook.timeZone,
			budget,
		},
		{
			store,
			log,
			saveFindings: (findings) => saveFindings(context, findings),
			// The runner mails nothing and keeps its Sync log whole: no alert, no trimming.
			appendLog: (rows) => writeSyncLog(context, workbook, rows),
		},
	);
	// The sidebar shows the last run, wherever it ran: say it was the runner.
	const last: LastSyncView = {
		at: new Date().toISOString(),
		status: report.status,
		message: `On Google Cloud (${options.where}): ${report.message}`,
		summary: run,
		ranOn: "runner",
	};
	store.set(LAST_SYNC_KEY, JSON.stringify(last));
	return [report, cycles];
}
