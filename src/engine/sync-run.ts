/**
 * One whole sync, as the engine sees it: import from Etsy, push to and read back from the CRM and
 * the courier, then reconcile. Each phase reads what the previous one wrote, and a platform that
 * fails costs only its own part.
 */
import type { Finding } from "../core/findings.js";
import type { Clock, Log, Store } from "../ports.js";
import type { Workbook } from "../sheet/workbook.js";
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
	const imported = runEtsyImport(
		{ workbook: deps.workbook, feed: deps.feed, store: deps.store, clock: deps.clock, log: deps.log },
		mode,
	);
	if (deps.overBudget?.()) return { imported, findings: [], problems: [] };
	deps.progress?.("Updating the CRM and the courier…");
	const platforms = runPlatformSync({
		workbook: deps.workbook,
		connect: deps.connect,
		pulled: imported.pulled,
		store: deps.store,
		clock: deps.clock,
		log: deps.log,
	});
	deps.progress?.("Checking every order across the platforms…");
	const findings = runReconcilePhase(deps.workbook, {
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
	});
	return {
		imported,
		platforms,
		findings,
		problems: [
			...platforms.settingsProblems,
			...platforms.problems.map((problem) => `Order ${problem.orderId}: ${problem.message}`),
		],
	};
}
