/**
 * One sync by the runner: the engine Apps Script runs (engine/sync-run.ts), with the runner's ports:
 * the spreadsheet through the Sheets API, platform HTTP through fetch, secrets from the environment,
 * the bookkeeping shared with Apps Script in the spreadsheet. It takes the spreadsheet's lease first
 * (sheet/engine-lease.ts): while Apps Script syncs, it says so and changes nothing. Its time budget
 * is its own (a flag; Cloud Run jobs allow hours): a first import of tens of thousands of orders goes
 * on cycle after cycle within one invocation, each platform's rate limits still obeyed.
 */
import type { Finding } from "../core/findings.js";
import { afterRun } from "../engine/after-run.js";
import { etsyOrderFeed } from "../engine/etsy-feed.js";
import type { ImportMode, ImportSummary } from "../engine/etsy-import.js";
import { etsyShipping } from "../engine/etsy-shipping.js";
import { RequestMeter } from "../engine/request-meter.js";
import { runBudget } from "../engine/run-budget.js";
import { setupNeededReport } from "../engine/run-report.js";
import { type LogEntry, runLogEntries } from "../engine/sync-log.js";
import { runSyncCycle, type SyncCycleResult } from "../engine/sync-run.js";
import { buildConnections } from "../platforms/connections.js";
import { propertyKey } from "../platforms/http/descriptor.js";
import { takeRetries } from "../platforms/http/retry-tally.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Store } from "../ports.js";
import { quoteSheet } from "../sheet/a1-notation.js";
import { acquireLease, busyMessage, RUNNER_SEEN_KEY } from "../sheet/engine-lease.js";
import { EngineSheetStore, splitStore } from "../sheet/engine-store.js";
import { FINDINGS_DIGEST_KEY, FINDINGS_HEADER, FINDINGS_SHEET, findingsRows } from "../sheet/findings-rows.js";
import { SYNC_LOG_SHEET } from "../sheet/sheet-names.js";
import type { RawCell } from "../sheet/workbook.js";
import type { LastSyncView, SyncReport } from "../ui/sidebar-api.js";
import { BlockingIo, type IoOptions } from "./blocking-io.js";
import { nodeClock, nodeCrypto, nodeHttp, nodeLog } from "./node-ports.js";
import { environmentName, secretStore } from "./secrets.js";
import { engineSheetAccess, leaseAccess, SheetsApi, sheetsWorkbook } from "./sheets-workbook.js";

const LAST_SYNC_KEY = "hubsheet.sync.last";
const FORMATTED_THROUGH_KEY = "hubsheet.syncLogFormattedThrough";
const SYNC_LOG_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
/** Where the Etsy app sends the owner back after consent, for `hubsheet connect-etsy`. */
export const ETSY_REDIRECT_KEY = "etsy.redirectUri";

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

/** The runner's view of one spreadsheet: its API, workbook, stores and secrets. */
export interface RunnerContext {
	io: BlockingIo;
	api: SheetsApi;
	secrets: Store;
	shared: EngineSheetStore;
	store: Store;
}

export function runnerContext(spreadsheetId: string, io: IoOptions, env: NodeJS.ProcessEnv): RunnerContext {
	const log = nodeLog();
	const blocking = new BlockingIo(io);
	const api = new SheetsApi(blocking, spreadsheetId, nodeClock, log);
	const secrets = secretStore(env, log);
	const shared = new EngineSheetStore(engineSheetAccess(api));
	return { io: blocking, api, secrets, shared, store: splitStore(shared, secrets) };
}

/** The marketplace's saved secrets and the sandbox's addresses (local runs), by name. */
function marketplaceSaved(context: RunnerContext) {
	const read = (names: readonly string[]) =>
		Object.fromEntries(
			names.flatMap((name) => {
				const value = context.secrets.get(propertyKey(MARKETPLACE, name));
				return value ? [[name, value]] : [];
			}),
		);
	return { secrets: read(Object.keys(MARKETPLACE.secrets)), overrides: read(MARKETPLACE.overrides) };
}

/** HUBSHEET_ETSY_KEYSTRING and the others: where the runner reads the marketplace's secrets. */
const secretVariables = (): string[] =>
	Object.keys(MARKETPLACE.secrets).map((field) => environmentName(propertyKey(MARKETPLACE, field)));

export function etsyOAuthFor(context: RunnerContext): ReturnType<typeof MARKETPLACE.signIn> | null {
	const saved = marketplaceSaved(context);
	if (!saved.secrets.keystring) return null;
	return MARKETPLACE.signIn(
		{
			http: nodeHttp(context.io),
			clock: nodeClock,
			store: context.secrets,
			crypto: nodeCrypto,
			log: nodeLog(),
			...saved,
		},
		context.secrets.get(ETSY_REDIRECT_KEY) ?? "http://localhost:3003/oauth/redirect",
	);
}

/** True once the runner holds its own marketplace tokens. */
export function runnerSignedIn(context: RunnerContext): boolean {
	return Boolean(context.secrets.get(MARKETPLACE.tokensKey));
}

/** The marketplace's consent page for the runner's own sign-in (`hubsheet connect start`). */
export function connectStart(context: RunnerContext): string {
	const oauth = etsyOAuthFor(context);
	if (!oauth) throw new Error(`${secretVariables()[0]} is not set.`);
	return `Open this address, approve Hubsheet, then run: hubsheet connect finish '<the address Etsy sent you to>'\n${oauth.startAuthorization(nodeCrypto.randomToken(32))}`;
}

/** Completes the sign-in from the address Etsy redirected the owner to (`hubsheet connect finish`). */
export function connectFinish(context: RunnerContext, redirected: string): { ok: boolean; message: string } {
	const oauth = etsyOAuthFor(context);
	if (!oauth) throw new Error(`${secretVariables()[0]} is not set.`);
	const result = oauth.completeAuthorization(Object.fromEntries(new URL(redirected).searchParams));
	return result.kind === "connected"
		? { ok: true, message: "Etsy is connected for the runner." }
		: { ok: false, message: result.message };
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
	workbook: ReturnType<typeof sheetsWorkbook>,
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
	const logEntries: LogEntry[] = [];
	/** Orders made, updated and failed in the earlier cycles of this invocation, for its one report. */
	const earlier: Pick<ImportSummary, "created" | "updated" | "failed"> = { created: [], updated: [], failed: [] };
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
			logEntries.push(...runLogEntries(cycle.imported, cycle.platforms?.actions ?? [], takeRetries()));
			// Apps Script would schedule a continuation here; the runner goes on while there is more
			// (a page limit reached) and it made progress, within its budget.
			const imported = cycle.imported;
			const more = imported.moreWaiting === true || imported.stop?.kind === "page-limit";
			// A full pass over more orders than one cycle reads goes on with its next part.
			const passGoesOn = mode === "full" && imported.moreWaiting === true && imported.received > 0;
			const progressed = imported.created.length + imported.updated.length > 0 || passGoesOn;
			if (!more || !progressed || budget.overBudget()) break;
			mode = passGoesOn ? "full" : "incremental";
			earlier.created.push(...imported.created);
			earlier.updated.push(...imported.updated);
			earlier.failed.push(...imported.failed);
			log.info(`More orders wait on Etsy: cycle ${cycles + 1}.`);
		}
	} catch (error) {
		const needsSetup = setupNeededReport(error, runId);
		if (needsSetup) return [needsSetup, cycles];
		throw error;
	}
	const summary: ImportSummary = {
		...cycle.imported,
		created: [...earlier.created, ...cycle.imported.created],
		updated: [...earlier.updated, ...cycle.imported.updated],
		failed: [...earlier.failed, ...cycle.imported.failed],
	};
	const { summary: run } = afterRun(
		{
			cycle,
			summary,
			logEntries: () => logEntries,
			answered: (platform) => meter.answered(platform),
			etsy: {
				quotaLeftToday: api.quota?.remainingToday,
				quotaPerDay: api.quota?.limitPerDay,
				refusedThisRun: oauth.refusedThisRun,
			},
			runId,
			timeZone: workbook.timeZone,
			outOfTime: budget.outOfTime,
		},
		{
			store,
			log,
			saveFindings: (findings) => saveFindings(context, findings),
			// The runner mails nothing and keeps its Sync log whole: no alert, no trimming.
			appendLog: (rows) => writeSyncLog(context, workbook, rows),
		},
	);
	const report: SyncReport = {
		status: "completed",
		message: run.headline,
		summary: run,
		runId,
		created: summary.created.length,
		updated: summary.updated.length,
		unchanged: summary.unchanged,
		failed: summary.failed,
	};
	if (summary.stoppedEarly) report.stoppedEarly = summary.stoppedEarly;
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

/**
 * The findings for the sidebar, in the hidden "Hubsheet findings" sheet as Apps Script keeps them
 * (sheet/findings-rows.ts). The digest Apps Script uses to skip an unchanged save is dropped, so its
 * next run saves its own findings over these.
 */
function saveFindings(context: RunnerContext, findings: readonly Finding[]): void {
	const { api } = context;
	const rows = findingsRows(findings);
	const sheets = api.spreadsheet().sheets;
	const sheet = sheets.find((candidate) => candidate.title === FINDINGS_SHEET);
	context.store.delete(FINDINGS_DIGEST_KEY);
	if (!sheet && rows.length === 0) return;
	if (!sheet) {
		api.batchUpdate([{ addSheet: { properties: { title: FINDINGS_SHEET, hidden: true } } }]);
		api.call("spreadsheets.values.update", {
			range: `${quoteSheet(FINDINGS_SHEET)}!A1:B1`,
			valueInputOption: "RAW",
			requestBody: { values: [[...FINDINGS_HEADER]] },
		});
	} else api.call("spreadsheets.values.clear", { range: `${quoteSheet(FINDINGS_SHEET)}!A2:B` });
	if (rows.length === 0) return;
	api.call("spreadsheets.values.append", {
		range: `${quoteSheet(FINDINGS_SHEET)}!A2`,
		valueInputOption: "RAW",
		insertDataOption: "OVERWRITE",
		requestBody: { values: rows },
	});
}

/** Appends the run's lines to the Sync log and gives new rows past the formatted ones the time format; returns the first row (0: none). */
function writeSyncLog(
	context: RunnerContext,
	workbook: ReturnType<typeof sheetsWorkbook>,
	entries: RawCell[][],
): number {
	if (entries.length === 0) return 0;
	const first = workbook.appendRows(SYNC_LOG_SHEET, entries);
	const last = first + entries.length - 1;
	const through = Number(context.store.get(FORMATTED_THROUGH_KEY) ?? 0) || 0;
	if (last <= through) return first;
	const sheet = context.api.spreadsheet().sheets.find((candidate) => candidate.title === SYNC_LOG_SHEET);
	if (!sheet) return first;
	context.api.batchUpdate([
		{
			repeatCell: {
				range: {
					sheetId: sheet.sheetId,
					startRowIndex: Math.max(first, through + 1) - 1,
					endRowIndex: last,
					startColumnIndex: 0,
					endColumnIndex: 1,
				},
				cell: { userEnteredFormat: { numberFormat: { type: "DATE_TIME", pattern: SYNC_LOG_TIME_FORMAT } } },
				fields: "userEnteredFormat.numberFormat",
			},
		},
	]);
	context.store.set(FORMATTED_THROUGH_KEY, String(last));
	return first;
}

export function describeImport(summary: ImportSummary): string {
	return `${summary.created.length} new, ${summary.updated.length} updated, ${summary.unchanged} unchanged, ${summary.failed.length} failed`;
}
