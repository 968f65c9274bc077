/**
 * The bench's scenarios (issue 11): each sets up sandboxes and a fresh spreadsheet, runs the real
 * bundle on the modeled clock, and returns what it measured with the issue's targets. A target the
 * engine does not meet yet is printed honestly as MISSED; `guard` is the regression line CI holds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { PROFILES } from "../gas/cost-model.js";
import type { ExecutionResult } from "../gas/runtime.js";
import type { LocalHub } from "../hub/local-hub.js";
import type { FurgonetkaControlClient } from "../sandbox/furgonetka/control-client.js";
import type { SpawnedSandboxes } from "../sandbox/spawn.js";
import { benchHub, NaiveInstall, runWithContinuations } from "./bench-hub.js";
import { describeCalls, type Measured, measureRuns, timed } from "./measure.js";

export interface Check {
	/** The issue's target, in words. */
	target: string;
	met: boolean;
	figure: string;
	/** False when the figure is worse than the last landed one: CI fails. Defaults to `met`. */
	guard?: boolean;
}

export interface BenchResult {
	scenario: string;
	hub: Measured;
	naive?: Measured;
	checks: Check[];
	/** An idle sync: the ratio is printed with the executions' start-up and without it. */
	idle?: boolean;
}

export interface Scenario {
	name: string;
	/** Part of `npm run bench:ci`. */
	ci: boolean;
	run(sandboxes: SpawnedSandboxes): Promise<BenchResult[]>;
}

const ETSY_LIMITS = { perSecond: 100_000, perDay: 10_000_000 };

/**
 * A control call after a long synchronous run can meet a keep-alive socket the sandbox has closed
 * meanwhile: one retry on a new connection.
 */
export async function again<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (!String((error as Error).message).includes("fetch failed")) throw error;
		return call();
	}
}

function ratio(hub: Measured, naive: Measured | undefined): number | undefined {
	return naive ? hub.seconds.default / naive.seconds.default : undefined;
}

/**
 * The ratio of the work after start-up: both scripts' modeled seconds without T_start (Part B's
 * execution start, paid by every execution whatever it does), default profile.
 */
export function ratioAfterStart(hub: Measured, naive: Measured): number {
	const start = PROFILES.default.start / 1000;
	return (hub.seconds.default - hub.runs * start) / (naive.seconds.default - naive.runs * start);
}

/**
 * The least an idle run can cost on the default profile: its start-up, the one Etsy request (Part
 * B's fetch overhead and the assumed 250 ms platform answer) and the one PropertiesService read
 * that gives it Etsy's keys and sign-in (secrets are kept there and nowhere else, not in
 * CacheService), whatever else it skips.
 */
export const IDLE_FLOOR_S =
	(PROFILES.default.start + PROFILES.default.fetchBase + PROFILES.default.remote + PROFILES.default.propertyGet) / 1000;

/** Said where the floor puts 0.5x out of reach. */
const FLOOR_PARTS = "start-up, the one Etsy request and the one read of the secrets from PropertiesService";

function measured(runs: () => ExecutionResult[]): Measured {
	const { value, realMs } = timed(runs);
	return measureRuns(value, realMs);
}

function importScenario(receipts: number, ci: boolean): Scenario {
	return {
		name: `import ${receipts}`,
		ci,
		async run(sandboxes) {
			const etsy = sandboxes.control("etsy");
			await etsy.reset({ seed: 3, receipts, settings: ETSY_LIMITS });
			const hub = await benchHub(sandboxes);
			const naive = await NaiveInstall.like(hub, sandboxes);
			const results: BenchResult[] = [];

			const first = measured(() => runWithContinuations(hub, () => hub.runtime.run("syncNow"), 40));
			const naiveFirst = measured(() => [naive.sync()]);
			const rows = orderRows(hub);
			const firstChecks: Check[] = [
				{
					target: `every one of the ${receipts} orders on the sheet after the first import's runs`,
					met: rows === receipts,
					figure: `${rows} rows in ${first.runs} run(s)`,
				},
			];
			if (receipts === 10_000) {
				const r = ratio(first, naiveFirst) ?? 1;
				firstChecks.push({
					target: "first import of 10,000: <= 0.05x naive, no run killed",
					met: r <= 0.05 && first.killed === 0,
					figure: `${r.toFixed(3)}x naive, ${first.runs} runs, ${first.killed} killed`,
					// 0.040x now (Etsy's pages after the first read ten at a time): a regression past 0.045x fails CI.
					guard: first.killed === 0 && r <= 0.045,
				});
			}
			results.push({
				scenario: `first import, ${receipts} receipts`,
				hub: first,
				naive: naiveFirst,
				checks: firstChecks,
			});

			if (receipts >= 1000) {
				// As a shop runs it: the triggers installed (the sync, the nightly pass, the on-edit note).
				hub.runtime.run("installTriggers");
				const idle = measured(() => [hub.runtime.run("syncFromTrigger")]);
				const naiveIdle = measured(() => [naive.sync()]);
				const r = ratio(idle, naiveIdle) ?? 1;
				const checks: Check[] =
					receipts <= 10_000
						? [
								{
									target: `idle sync at ${receipts} rows: <= 0.5x naive`,
									met: r <= 0.5,
									figure: `${r.toFixed(3)}x naive with start-up (${idle.seconds.default.toFixed(2)} s vs ${naiveIdle.seconds.default.toFixed(2)} s), ${ratioAfterStart(idle, naiveIdle).toFixed(3)}x after start-up${IDLE_FLOOR_S / naiveIdle.seconds.default > 0.5 ? `; out of reach with start-up while secrets stay in PropertiesService: ${FLOOR_PARTS} alone are ${IDLE_FLOOR_S.toFixed(2)} s, ${(IDLE_FLOOR_S / naiveIdle.seconds.default).toFixed(3)}x` : ""}`,
									guard: r <= (IDLE_GUARD[receipts] ?? 0.5),
								},
							]
						: [
								{
									target: "idle sync at 30,000 rows: <= 2 s modeled",
									met: idle.seconds.default <= 2,
									figure: `${idle.seconds.default.toFixed(2)} s`,
								},
							];
				results.push({ scenario: `idle sync, ${receipts} rows`, hub: idle, naive: naiveIdle, checks, idle: true });

				// The owner types a note: the next run is a full one with nothing new on Etsy (as the
				// hourly run for the time rules is). It reads the sheet once and writes no order row.
				hub.runtime.advanceTime(60_000);
				hub.runtime.asOwner(
					`var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
					sheet.getRange(2, sheet.getLastColumn()).setValue("note");`,
				);
				const edited = measured(() => [hub.runtime.run("syncFromTrigger")]);
				const reads = edited.byCall.find((entry) => entry.call === "Sheets Spreadsheets.Values.batchGet")?.count ?? 0;
				results.push({
					scenario: `a full run after an owner's edit, ${receipts} rows`,
					hub: edited,
					// Through the Sheets API the sheets are read in one batchGet (SpreadsheetApp reads each alone).
					checks:
						process.env.HUBSHEET_BENCH_CURRENTONLY === "1"
							? []
							: [
									{
										target: "one read per run: Orders, Settings and the state sheet read once",
										met: reads === 1,
										figure: `${reads} batch read(s) of the sheets, ${edited.seconds.default.toFixed(2)} s`,
									},
								],
				});
			}

			if (receipts === 1000) {
				const { results: all } = await again(() => etsy.receipts());
				for (const receipt of all.slice(0, 10))
					await again(() => etsy.changeAddress(receipt.receipt_id, { first_line: "Bench 1" }));
				const changed = measured(() => [hub.runtime.run("syncFromTrigger")]);
				const naiveChanged = measured(() => [naive.sync()]);
				results.push({
					scenario: `10 changed orders, ${receipts} rows`,
					hub: changed,
					naive: naiveChanged,
					checks: [],
				});
			}
			return results;
		},
	};
}

export function orderRows(hub: LocalHub): number {
	return Number(
		hub.runtime.asOwner(`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getLastRow() - 1;`),
	);
}

/**
 * The idle ratio CI holds, by rows. A quiet run asks Etsy before the lock, the lease or any sheet,
 * reads the script properties once (Etsy's keys and sign-in: secrets stay in PropertiesService, no
 * copy in CacheService) and writes nothing: about 0.72x at 1,000 and 0.504x at 10,000 (0.76x and
 * 0.53x while it also wrote the trigger's time; 1.12x and 0.78x while it also read and wrote the
 * engine sheet and took the lock). Its floor on this cost model is the execution start, the one
 * Etsy request and the one properties read (1.35 s): 0.504x at 10,000, so 0.5x is not reachable
 * while secrets stay in PropertiesService, and about 0.72x at 1,000.
 */
const IDLE_GUARD: Record<number, number> = { 1000: 0.73, 10000: 0.51 };

const sidebarScenario: Scenario = {
	name: "sidebar",
	ci: true,
	async run(sandboxes) {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 3, receipts: 200, settings: ETSY_LIMITS });
		const hub = await benchHub(sandboxes);
		hub.runtime.run("syncNow");
		const open = measured(() => [hub.runtime.run("openSidebar"), hub.runtime.run("getSidebarState")]);
		return [
			{
				scenario: "opening the sidebar (200 orders)",
				hub: open,
				checks: [
					{
						target: "the sidebar opens without a failed call",
						met: open.failed === 0,
						figure: `${open.failed} failed`,
					},
				],
			},
		];
	},
};

/** Order, Status, CRM deal and Shipment of every row, as the owner sees them. */
function orderColumns(hub: LocalHub): Array<{ order: string; status: string; deal: string; shipment: string }> {
	return hub.runtime.asOwner(`
		var values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getValues();
		var h = values[0];
		return values.slice(1).map(function (r) {
			return { order: String(r[h.indexOf("Order")]), status: String(r[h.indexOf("Status")]),
				deal: String(r[h.indexOf("CRM deal")]), shipment: String(r[h.indexOf("Shipment")]) };
		});`) as Array<{ order: string; status: string; deal: string; shipment: string }>;
}

/** How many runs wrote to the Sync log (distinct run ids): the owner's record that each run happened. */
function syncLogRuns(hub: LocalHub): number {
	return Number(
		hub.runtime.asOwner(`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log");
		if (!sheet || sheet.getLastRow() < 2) return 0;
		var ids = {};
		sheet.getRange(2, 2, sheet.getLastRow() - 1, 1).getValues().forEach(function (r) { ids[String(r[0])] = true; });
		return Object.keys(ids).length;`),
	);
}

/** Sync runs among the executions (trigger runs and their continuations). */
function syncRunsOf(results: readonly ExecutionResult[]): number {
	return results.filter((run) => ["syncFromTrigger", "continueSync"].includes(run.functionName)).length;
}

function setStatuses(hub: LocalHub, orderIds: string[], status: string): void {
	hub.runtime.asOwner(
		`var ids = {}; arguments[0].forEach(function (id) { ids[id] = true; });
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
		var values = sheet.getDataRange().getValues(), h = values[0];
		var s = h.indexOf("Status") + 1, p = h.indexOf("Phone") + 1;
		for (var r = 1; r < values.length; r++) {
			if (!ids[String(values[r][h.indexOf("Order")])]) continue;
			sheet.getRange(r + 1, s).setValue(arguments[1]);
			sheet.getRange(r + 1, p).setValue("600 200 300");
		}`,
		[orderIds, status],
	);
}

const TEN_MINUTES = 10 * 60_000;

function triggerRuns(results: readonly ExecutionResult[]): number {
	return results.filter((run) => run.functionName === "syncFromTrigger").length;
}

/**
 * Trigger runs every 10 minutes (each with its continuations) until \`done\` or \`maxSyncRuns\` sync
 * trigger runs have fired.
 */
function triggerRunsUntil(hub: LocalHub, done: () => boolean, maxSyncRuns: number): ExecutionResult[] {
	const results: ExecutionResult[] = [];
	let syncRuns = 0;
	while (syncRuns < maxSyncRuns && !done()) {
		const fired = hub.runtime.advanceTime(TEN_MINUTES);
		syncRuns += fired.filter((run) => run.functionName === "syncFromTrigger").length;
		results.push(...fired);
	}
	return results;
}

const platformScenario: Scenario = {
	name: "500 new orders with Pipedrive + Furgonetka",
	ci: true,
	async run(sandboxes) {
		const etsy = sandboxes.control("etsy");
		const pipedrive = sandboxes.control("pipedrive");
		// 500 new paid orders, as after a busy week (a random history would be mostly shipped already).
		await etsy.reset({ seed: 5, receipts: 0, settings: ETSY_LIMITS });
		for (let made = 0; made < 500; made += 50)
			await Promise.all(Array.from({ length: 50 }, () => again(() => etsy.createReceipt({}))));
		// The burst windows are real time, which the modeled clock does not follow; the daily tokens stay.
		await pipedrive.reset({ deals: 0, settings: { burstPerWindow: 1_000_000, searchLagSeconds: 0 } });
		await sandboxes.control("furgonetka").reset({ settings: { perSecond: 1_000_000 } });
		const hub = await benchHub(sandboxes, { crm: "Pipedrive", courier: "Furgonetka" });
		const naive = await NaiveInstall.like(hub, sandboxes, true);
		hub.runtime.run("installTriggers");
		const wantsDeal = (row: { status: string }) => row.status !== "Cancelled";
		const allDeals = () => {
			const current = orderColumns(hub);
			return current.length > 0 && current.filter(wantsDeal).every((row) => row.deal !== "");
		};
		const logBefore = syncLogRuns(hub);
		const tokensBefore = (await again(() => pipedrive.settings())).tokensSpentToday;
		let executions: ExecutionResult[] = [];
		const runs = measured(() => {
			executions = triggerRunsUntil(hub, allDeals, 3);
			return executions;
		});
		const logged = syncLogRuns(hub) - logBefore;
		// Tokens from Pipedrive's own count (the sandbox's daily budget, one sandbox day here).
		const tokens = (await again(() => pipedrive.settings())).tokensSpentToday - tokensBefore;
		const dealsPerRun = executions
			.filter((run) => ["syncFromTrigger", "continueSync"].includes(run.functionName))
			.map(
				(run) =>
					run.report.fetches.filter(
						(f) =>
							f.method.toLowerCase() === "post" &&
							/\/api\/v2\/deals(\?|$)/.test(f.url) &&
							f.status !== null &&
							f.status < 300,
					).length,
			);
		const rows = orderColumns(hub);
		const deals = await again(() => pipedrive.deals());
		const persons = await again(() => pipedrive.persons());
		const dealOrders = deals.map((deal) => deal.title);
		const duplicates = dealOrders.length - new Set(dealOrders).size;
		const personEmails = persons.flatMap((person) => {
			const email = person.emails.find((entry) => entry.primary)?.value ?? person.emails[0]?.value;
			return email ? [email.toLowerCase()] : [];
		});
		const personDuplicates = personEmails.length - new Set(personEmails).size;
		const onSheet = rows.filter((row) => row.deal !== "").length;
		const wanted = rows.filter(wantsDeal).length;
		const syncRuns = runs.runs;
		// The naive script gets a Pipedrive of its own deals after Hubsheet's are counted.
		const naiveRun = measured(() => [naive.sync()]);
		const results: BenchResult[] = [
			{
				scenario: "500 new paid orders, Pipedrive + Furgonetka (10-minute triggers)",
				hub: runs,
				naive: naiveRun,
				checks: [
					{
						target:
							"every deal on the sheet within 3 trigger runs, no run killed, no duplicate, a Sync log line every run",
						met:
							onSheet === wanted &&
							wanted === 500 &&
							runs.killed === 0 &&
							duplicates === 0 &&
							personDuplicates === 0 &&
							logged === syncRunsOf(executions),
						figure: `${onSheet} of ${wanted} deals on the sheet after ${triggerRuns(executions)} trigger run(s) (${syncRuns} with continuations), ${runs.killed} killed, ${deals.length} deals and ${persons.length} persons in Pipedrive, ${duplicates} duplicate deal titles, ${personDuplicates} duplicate persons, Sync log lines from ${logged} of ${syncRunsOf(executions)} runs; deals created per run ${dealsPerRun.join(", ")}; ${tokens} Pipedrive tokens`,
					},
				],
			},
		];

		// 400 of them set to Ready to ship by the owner.
		const ready = rows
			.filter((row) => row.deal !== "" && wantsDeal(row))
			.slice(0, 400)
			.map((row) => row.order);
		setStatuses(hub, ready, "Ready to ship");
		const readySet = new Set(ready);
		const allShipments = () => orderColumns(hub).every((row) => !readySet.has(row.order) || row.shipment !== "");
		let shippingRuns: ExecutionResult[] = [];
		const shipping = measured(() => {
			shippingRuns = triggerRunsUntil(hub, allShipments, 4);
			return shippingRuns;
		});
		const shipped = orderColumns(hub).filter((row) => readySet.has(row.order) && row.shipment !== "").length;
		const packages = await again(() => sandboxes.control("furgonetka").packages());
		const packageOrders = packages.map((pkg) => pkg.user_reference_number ?? pkg.package_id);
		results.push({
			scenario: `${ready.length} orders set to Ready to ship`,
			hub: shipping,
			checks: [
				{
					target: "every shipment within 4 runs, no run killed, no duplicates",
					met:
						ready.length === 400 &&
						shipped === ready.length &&
						shipping.killed === 0 &&
						packages.length === ready.length &&
						new Set(packageOrders).size === packages.length,
					figure: `${shipped} of ${ready.length} shipments on the sheet after ${triggerRuns(shippingRuns)} trigger run(s) (${shipping.runs} with continuations), ${shipping.killed} killed, ${packages.length} packages at Furgonetka (${new Set(packageOrders).size} distinct orders)`,
				},
			],
		});
		return results;
	},
};

/** What the hidden state sheet says of each order: its deal saved, and a create intent not yet settled. */
function savedBooks(hub: LocalHub): Array<{ order: string; deal: boolean; intent: boolean }> {
	return hub.runtime.asOwner(`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Hubsheet state");
		if (!sheet || sheet.getLastRow() < 2) return [];
		return sheet.getRange(2, 1, sheet.getLastRow() - 1, 2).getValues().map(function (r) {
			var books = {};
			try { books = JSON.parse(String(r[1])); } catch (e) {}
			return { order: String(r[0]), deal: Boolean(books.deal), intent: Boolean(books.intents && books.intents.deal) };
		});`) as Array<{ order: string; deal: boolean; intent: boolean }>;
}

/** Pipedrive requests that look for a deal (findDeal): a recent note's id, the newest deals, the search. */
function dealLookUps(run: ExecutionResult): string[] {
	return run.report.fetches
		.filter((fetch) => fetch.method.toLowerCase() === "get")
		.map((fetch) => fetch.url)
		.filter((url) => /\/deals\/search\?|\/deals\?.*sort_by=add_time|\/deals\/\d+(\?|$)/.test(url));
}

const killScenario: Scenario = {
	name: "kill mid-phase",
	ci: true,
	async run(sandboxes) {
		const etsy = sandboxes.control("etsy");
		const pipedrive = sandboxes.control("pipedrive");
		await etsy.reset({ seed: 6, receipts: 0, settings: ETSY_LIMITS });
		for (let made = 0; made < 200; made += 50)
			await Promise.all(Array.from({ length: 50 }, () => again(() => etsy.createReceipt({}))));
		await pipedrive.reset({ deals: 0, settings: { burstPerWindow: 1_000_000, searchLagSeconds: 0 } });
		const hub = await benchHub(sandboxes, { crm: "Pipedrive" });
		// Apps Script's kill in the middle of the platform phase: after the 150th request of the run.
		let requests = 0;
		const killed = hub.runtime.run("syncFromTrigger", {
			options: {
				onServiceCall: (call, control) => {
					if (call.service === "UrlFetchApp" && ++requests > 150) control.kill();
				},
			},
		});
		const books = savedBooks(hub);
		const saved = new Set(books.filter((entry) => entry.deal).map((entry) => entry.order));
		const pending = books.filter((entry) => entry.intent && !entry.deal).length;
		// The next trigger run, later than any search lag.
		hub.runtime.advanceTime(15 * 60_000);
		let nextRun: ExecutionResult | undefined;
		const next = measured(() => {
			nextRun = hub.runtime.run("syncFromTrigger");
			return [nextRun];
		});
		const lookUps = nextRun ? dealLookUps(nextRun) : [];
		// A look-up naming an order whose deal the killed run had saved.
		const needless = lookUps.filter((url) => {
			const term = /[?&]term=([^&]+)/.exec(url)?.[1];
			return term !== undefined && saved.has(decodeURIComponent(term));
		});
		// Whatever the continuation (if any) still had to do.
		runWithContinuations(hub, () => hub.runtime.run("syncFromTrigger"), 5);
		const rows = orderColumns(hub);
		const deals = await again(() => pipedrive.deals());
		const titles = deals.map((deal) => deal.title);
		return [
			{
				scenario: "a run killed in the middle of the platform phase (200 new orders, Pipedrive)",
				hub: next,
				checks: [
					{
						target: "the next run sends no look-up for anything the killed run had saved (at most the last group's)",
						met: killed.status === "killed" && saved.size > 0 && needless.length === 0 && lookUps.length <= 3 * pending,
						figure: `the killed run had saved ${saved.size} deals and left ${pending} intents unsettled; the next run sent ${lookUps.length} deal look-ups, ${needless.length} of them for a saved order`,
					},
					{
						target: "after the kill, every deal once",
						met: rows.every((row) => row.deal !== "") && titles.length === new Set(titles).size && deals.length === 200,
						figure: `${rows.filter((row) => row.deal !== "").length} of ${rows.length} deals on the sheet, ${deals.length} deals in Pipedrive, ${titles.length - new Set(titles).size} duplicates`,
					},
				],
			},
		];
	},
};

/** Courier status of every row, as the owner sees it. */
function courierColumn(hub: LocalHub): Map<string, { status: string; courier: string }> {
	const rows = hub.runtime.asOwner(`
		var values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getValues();
		var h = values[0];
		return values.slice(1).map(function (r) {
			return [String(r[h.indexOf("Order")]), String(r[h.indexOf("Status")]), String(r[h.indexOf("Courier status")])];
		});`) as Array<[string, string, string]>;
	return new Map(rows.map(([order, status, courier]) => [order, { status, courier }]));
}

const HOUR = 60 * 60_000;

/**
 * 500 parcels at Furgonetka awaiting pick-up, then a day of 10-minute trigger runs (and the nightly
 * pass) while the courier collects them (200 at 2 h, 300 at 5 h) and delivers 250 (at 14 h): the
 * UrlFetch calls of those 24 hours, every one counted (Etsy, courier reads, tracking sent to Etsy).
 */
const parcelsScenario: Scenario = {
	name: "a day of 10-minute runs with 500 parcels in flight",
	// About 9 minutes of real time on a busy 2-core machine (145 full runs over 500 rows): bench only.
	ci: false,
	async run(sandboxes) {
		const etsy = sandboxes.control("etsy");
		const furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
		await etsy.reset({ seed: 8, receipts: 0, settings: ETSY_LIMITS });
		for (let made = 0; made < 500; made += 50)
			await Promise.all(Array.from({ length: 50 }, () => again(() => etsy.createReceipt({}))));
		await furgonetka.reset({ settings: { perSecond: 1_000_000 } });
		const hub = await benchHub(sandboxes, { courier: "Furgonetka" });
		hub.runtime.run("installTriggers");
		triggerRunsUntil(hub, () => orderRows(hub) === 500, 3);
		const orders = orderColumns(hub).map((row) => row.order);
		setStatuses(hub, orders, "Ready to ship");
		triggerRunsUntil(hub, () => orderColumns(hub).every((row) => row.shipment !== ""), 8);
		// An hour more, as after any busy afternoon: the labels saved to Drive, the continuations done.
		hub.runtime.advanceTime(HOUR);
		const packages = await again(() => furgonetka.packages());
		const ids = packages.map((pkg) => pkg.package_id);
		const move = async (some: string[], to: "collected" | "delivered") => {
			for (let start = 0; start < some.length; start += 50)
				await Promise.all(some.slice(start, start + 50).map((id) => again(() => furgonetka.advancePackage(id, to))));
		};
		// The day starts on the next full hour of the runtime's clock (a new UrlFetch quota day aside).
		const events = new Map<number, () => Promise<void>>([
			[2, () => move(ids.slice(0, 200), "collected")],
			[5, () => move(ids.slice(200), "collected")],
			[14, () => move(ids.slice(0, 250), "delivered")],
		]);
		const day: ExecutionResult[] = [];
		const realStart = performance.now();
		for (let hour = 0; hour < 24; hour++) {
			await events.get(hour)?.();
			day.push(...hub.runtime.advanceTime(HOUR));
		}
		const measuredDay = measureRuns(day, Math.round(performance.now() - realStart));
		const byOrder = new Map(packages.map((pkg) => [pkg.package_id, String(pkg.user_reference_number ?? "")]));
		const sheet = courierColumn(hub);
		const statusOf = (id: string) => sheet.get(byOrder.get(id) ?? "")?.status ?? "";
		const delivered = ids.slice(0, 250).filter((id) => statusOf(id) === "Delivered").length;
		const shipped = ids.slice(250).filter((id) => statusOf(id) === "Shipped").length;
		// The day's requests by endpoint (ids and queries left out), most first.
		const endpoints = new Map<string, number>();
		for (const run of day)
			for (const fetch of run.report.fetches) {
				const path = new URL(fetch.url).pathname.replace(/\/\d+/g, "/{id}").replace(/[0-9a-f-]{36}/g, "{uuid}");
				const key = `${fetch.method.toUpperCase()} ${path}`;
				endpoints.set(key, (endpoints.get(key) ?? 0) + 1);
			}
		const mostCalled = [...endpoints]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 6)
			.map(([endpoint, count]) => `${endpoint} ${count}`)
			.join(", ");
		const etsyFetches = day.reduce(
			(sum, run) =>
				sum + run.report.fetches.filter((fetch) => fetch.url.startsWith(String(sandboxes.urls.etsy))).length,
			0,
		);
		return [
			{
				scenario: "a day of 10-minute runs with 500 parcels in flight (Furgonetka)",
				hub: measuredDay,
				checks: [
					{
						target: "a day of 10-minute runs with 500 parcels in flight: under 4,000 UrlFetch calls",
						met: measuredDay.fetches < 4000 && measuredDay.failed === 0 && measuredDay.killed === 0,
						figure: `${measuredDay.fetches} UrlFetch calls in ${measuredDay.runs} runs (${etsyFetches} to Etsy, ${measuredDay.fetches - etsyFetches} to Furgonetka), ${measuredDay.failed} failed, ${measuredDay.killed} killed; most called: ${mostCalled}`,
					},
					{
						target: "by the day's end the sheet shows every delivery and every pick-up",
						met: delivered === 250 && shipped === 250,
						figure: `${delivered} of 250 delivered parcels show Delivered, ${shipped} of 250 collected ones show Shipped`,
					},
				],
			},
		];
	},
};

/** Etsy status of every row. */
function etsyStatuses(hub: LocalHub): Map<string, string> {
	const rows = hub.runtime.asOwner(`
		var values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getValues();
		var h = values[0];
		return values.slice(1).map(function (r) { return [String(r[h.indexOf("Order")]), String(r[h.indexOf("Etsy status")])]; });`) as Array<
		[string, string]
	>;
	return new Map(rows);
}

/**
 * 20,000 open orders on the sheet; then 200 of them, spread evenly from the oldest to the newest,
 * are cancelled on Etsy the way \`min_last_modified\` misses (no new update time), so only the
 * nightly pass can see them. Each night fires the nightly trigger and any continuation it leaves.
 */
const nightlyScenario = (total: number): Scenario => ({
	name: `nightly pass over ${total} open orders`,
	ci: false,
	async run(sandboxes) {
		const etsy = sandboxes.control("etsy");
		await etsy.reset({ seed: 9, receipts: 0, settings: ETSY_LIMITS });
		const ids: string[] = [];
		for (let made = 0; made < total; made += 100) {
			const batch = await Promise.all(Array.from({ length: 100 }, () => again(() => etsy.createReceipt({}))));
			ids.push(...batch.map((receipt) => String(receipt.receipt_id)));
		}
		const hub = await benchHub(sandboxes);
		runWithContinuations(hub, () => hub.runtime.run("syncNow"), 40);
		const cancelled = ids.filter((_, index) => index % 100 === 99 || index === 0);
		// One at a time: after the long import the sandbox has closed the idle keep-alive sockets.
		for (const id of cancelled) await again(() => etsy.cancel(Number(id), { bump: false }));
		const seen = () => {
			const statuses = etsyStatuses(hub);
			return cancelled.filter((id) => /cancel/i.test(statuses.get(id) ?? "")).length;
		};
		const nights: ExecutionResult[][] = [];
		const seenAfter: number[] = [];
		for (let night = 0; night < 2 && (seenAfter.at(-1) ?? 0) < cancelled.length; night++) {
			if (night > 0) hub.runtime.advanceTime(24 * HOUR);
			nights.push(runWithContinuations(hub, () => hub.runtime.run("fullPassFromTrigger"), 20));
			seenAfter.push(seen());
		}
		const all = measureRuns(nights.flat());
		const pages = nights
			.flat()
			.reduce((sum, run) => sum + run.report.fetches.filter((fetch) => /was_shipped=/.test(fetch.url)).length, 0);
		return [
			{
				scenario: `nightly pass over ${total} open orders`,
				hub: all,
				checks: [
					{
						target: `nightly pass over ${total} open orders: every one re-read within 2 nights`,
						met: seenAfter.at(-1) === cancelled.length && all.killed === 0 && all.failed === 0,
						figure: `${seenAfter.join(" then ")} of ${cancelled.length} quiet cancellations (oldest to newest) seen after ${nights.length} night(s); ${nights.map((runs) => runs.length).join(" + ")} run(s) a night with continuations, ${pages} Etsy pages, ${all.killed} killed, ${all.failed} failed, longest run ${all.longestRun.toFixed(0)} s`,
					},
				],
			},
		];
	},
});

/** The largest dist/Code.js the issue allows: Apps Script loads it for every execution. */
const BUNDLE_LIMIT_KIB = 450;

const bundleScenario: Scenario = {
	name: "bundle",
	ci: true,
	async run() {
		const code = readFileSync(join("dist", "Code.js"), "utf8");
		const kib = Buffer.byteLength(code) / 1024;
		// Load time: the bundle evaluated in a fresh V8 context, median of 7 (real time on this machine).
		const times: number[] = [];
		for (let i = 0; i < 7; i++) {
			const started = performance.now();
			vm.runInContext(code, vm.createContext({}));
			times.push(performance.now() - started);
		}
		times.sort((a, b) => a - b);
		const loadMs = times[3] as number;
		return [
			{
				scenario: "dist/Code.js",
				hub: measureRuns([], Math.round(loadMs)),
				checks: [
					{
						target: `dist/Code.js <= ${BUNDLE_LIMIT_KIB} KiB`,
						met: kib <= BUNDLE_LIMIT_KIB,
						figure: `${kib.toFixed(0)} KiB, loads in ${loadMs.toFixed(1)} ms in a fresh V8 context (median of 7, this machine)`,
					},
				],
			},
		];
	},
};

export const SCENARIOS: Scenario[] = [
	bundleScenario,
	importScenario(100, false),
	importScenario(1000, true),
	importScenario(10_000, true),
	importScenario(30_000, false),
	sidebarScenario,
	platformScenario,
	killScenario,
	parcelsScenario,
	nightlyScenario(20_000),
	nightlyScenario(6_000),
];

function seconds(value: number): string {
	return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Prints the table and each target; returns how many guards failed. */
export function printResults(results: readonly BenchResult[]): number {
	console.log(
		"\nModeled seconds: each run's counted calls priced by ../shared/apps-script-costs.md Part B (optimistic / default / pessimistic);",
	);
	console.log("platform requests 250 ms each; the runs themselves (kills, budget) ran on the default profile.\n");
	for (const result of results) {
		const { hub, naive } = result;
		const r = ratio(hub, naive);
		console.log(`## ${result.scenario}`);
		if (hub.runs > 0)
			console.log(
				`  Hubsheet: ${hub.runs} run(s), ${hub.killed} killed, ${hub.failed} failed; modeled s ${seconds(hub.seconds.optimistic)} / ${seconds(hub.seconds.default)} / ${seconds(hub.seconds.pessimistic)}; longest run ${seconds(hub.longestRun)} s; UrlFetch ${hub.fetches}; real ${hub.realMs} ms`,
			);
		if (hub.runs > 0) console.log(`    calls: ${describeCalls(hub.callsByService)}`);
		// `npm run bench -- --calls`: where the modeled time goes, call by call.
		if (hub.runs > 0 && process.argv.includes("--calls"))
			for (const entry of hub.byCall.slice(0, 25))
				console.log(`      ${entry.ms.toFixed(0).padStart(7)} ms  ${String(entry.count).padStart(5)}x  ${entry.call}`);
		if (naive) {
			console.log(
				`  naive:    modeled s ${seconds(naive.seconds.optimistic)} / ${seconds(naive.seconds.default)} / ${seconds(naive.seconds.pessimistic)}; UrlFetch ${naive.fetches}; calls: ${describeCalls(naive.callsByService)}`,
			);
			console.log(`  ratio to naive (default): ${r?.toFixed(3)}x`);
			if (result.idle) {
				const start = PROFILES.default.start / 1000;
				console.log(
					`    with start-up (${start.toFixed(2)} s per execution, both scripts): ${r?.toFixed(3)}x; work after start-up (both minus ${start.toFixed(2)} s): ${ratioAfterStart(hub, naive).toFixed(3)}x`,
				);
				const floor = IDLE_FLOOR_S / naive.seconds.default;
				console.log(
					`    floor: start-up + the one Etsy request + the one PropertiesService read of the secrets = ${IDLE_FLOOR_S.toFixed(2)} s = ${floor.toFixed(3)}x naive; ${floor > 0.5 ? "0.5x including start-up cannot be reached here while secrets stay in PropertiesService (never copied to CacheService)" : "0.5x is within reach"}`,
				);
			}
		}
		for (const check of result.checks) {
			console.log(`  ${check.met ? "MET   " : "MISSED"} ${check.target}: ${check.figure}`);
		}
	}
	// A guard is the line a figure must not cross (a met target stays met; exactly-once always holds).
	const regressions = results.flatMap((result) => result.checks).filter((check) => !(check.guard ?? check.met));
	for (const check of regressions) console.error(`REGRESSION: ${check.target}: ${check.figure}`);
	return regressions.length;
}
