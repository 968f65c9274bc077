/**
 * One whole sync, as the engine sees it: import from Etsy, push to and read back from the CRM and
 * the courier, then reconcile. Each phase reads what the previous one wrote, and a platform that
 * fails costs only its own part.
 */
import type { Finding } from "../core/findings.js";
import type { RuleFailure } from "../core/reconcile/reconcile.js";
import type { Clock, Log, Store } from "../ports.js";
import type { Workbook } from "../sheet/workbook.js";
import { refreshDashboard } from "./dashboard-refresh.js";
import { type EtsyOrderFeed, type ImportMode, type ImportSummary, runEtsyImport } from "./etsy-import.js";
import { type PlatformSyncDeps, type PlatformSyncSummary, runPlatformSync } from "./platform-sync.js";
import { runReconcilePhase } from "./reconcile-phase.js";

export interface SyncCycleDeps {
	workbook: Workbook;
	feed: (shopId: string) => EtsyOrderFeed;
	connect: PlatformSyncDeps["connect"];
	store: Store;
	clock: Clock;
	log: Log;
	progress?: (text: string) => void;
	/** True once the run is near its time budget: later phases wait for the continuation. */
	overBudget?: () => boolean;
	/** Where labels are saved (the runner has none: its Label cells link the courier's URL). */
	drive?: PlatformSyncDeps["drive"];
	/**
	 * The same question without consequence: optional work (looking up rows Etsy never described)
	 * stops when it is true, but asking does not make the run schedule a continuation.
	 */
	pastBudget?: () => boolean;
	/** Sync now: every parcel in flight counts as due, within the daily allowance of reads. */
	parcelsDueEarly?: boolean;
}

export interface SyncCycleResult {
	imported: ImportSummary;
	/** Absent when the import used the run's time: the continuation does the rest. */
	platforms?: PlatformSyncSummary;
	findings: Finding[];
	/** Settings or connections the owner must fix, in words. */
	problems: string[];
}

export function runSyncCycle(deps: SyncCycleDeps, mode: ImportMode): SyncCycleResult {
	const { sheetsRead, ...imported } = runEtsyImport(
		{ workbook: deps.workbook, feed: deps.feed, store: deps.store, clock: deps.clock, log: deps.log },
		mode,
	);
	if (deps.overBudget?.()) return { imported, findings: [], problems: [] };
	deps.progress?.("Updating the CRM and the courier…");
	const platforms = runPlatformSync({
		workbook: deps.workbook,
		connect: deps.connect,
		pulled: imported.pulled,
		// One read per run: the import's, when it wrote no row.
		...(sheetsRead ? { sheets: sheetsRead } : {}),
		store: deps.store,
		clock: deps.clock,
		log: deps.log,
		...(deps.pastBudget ? { overBudget: deps.pastBudget } : {}),
		...(deps.overBudget ? { stopAtBudget: deps.overBudget } : {}),
		...(deps.drive ? { drive: deps.drive } : {}),
		...(deps.parcelsDueEarly ? { parcelsDueEarly: true } : {}),
	});
	deps.progress?.("Checking every order across the platforms…");
	const ruleFailures: RuleFailure[] = [];
	const findings = runReconcilePhase(deps.workbook, {
		onRuleFailure: (failure) => {
			ruleFailures.push(failure);
			deps.log.error(`The ${failure.kind} check failed on order ${failure.orderId}: ${failure.message}`);
		},
		table: platforms.table,
		books: platforms.books,
		etsy: new Map(imported.pulled.map((order) => [order.orderId, order])),
		crmStages: platforms.crmStages,
		mapping: platforms.mapping,
		crm: platforms.crmPlatform,
		courier: platforms.courierPlatform,
		now: deps.clock.now().getTime(),
		timeZone: deps.workbook.timeZone,
		linkOrigins: platforms.linkOrigins,
		done: platforms.done,
	});
	try {
		refreshDashboard(deps, {
			table: platforms.table,
			books: platforms.books,
			saveBooks: platforms.saveBooks,
			findings,
			statuses: platforms.statuses,
			now: deps.clock.now().getTime(),
		});
	} catch (error) {
		// The week's numbers wait for the next sync; the orders' work is done and must be reported.
		deps.log.warn(`The Dashboard could not be refreshed: ${error instanceof Error ? error.message : String(error)}`);
	}
	return {
		imported,
		platforms,
		findings,
		problems: [
			...platforms.settingsProblems,
			// Work waiting for a platform's daily allowance: said, not a fault (engine/daily-budgets.ts).
			...(platforms.budgetWaits ?? []).map((wait) => wait.sentence),
			...platforms.problems.map((problem) => `Order ${problem.orderId}: ${problem.message}`),
			...ruleFailureProblems(ruleFailures),
		],
	};
}

/**
 * A check that threw is never silent: one sentence per check, naming the orders it could not judge
 * (those orders may have a problem the sheet does not show), the first error's words for the report.
 */
export function ruleFailureProblems(failures: readonly RuleFailure[]): string[] {
	const byKind = new Map<string, RuleFailure[]>();
	for (const failure of failures) byKind.set(failure.kind, [...(byKind.get(failure.kind) ?? []), failure]);
	return [...byKind].map(([kind, list]) => {
		const orders = [...new Set(list.map((failure) => failure.orderId))];
		const shown = orders.slice(0, 5).join(", ") + (orders.length > 5 ? ` and ${orders.length - 5} more` : "");
		return `Hubsheet could not check "${kind.replace(/-/g, " ")}" on order${orders.length === 1 ? "" : "s"} ${shown} (${list[0]?.message ?? "no reason given"}); the other checks ran. Please report this to whoever set Hubsheet up.`;
	});
}
