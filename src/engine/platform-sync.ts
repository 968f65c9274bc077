/**
 * The platform phase of a sync: after the Etsy import, push what the sheet says to the CRM, the
 * courier and Etsy, read back what they say, and show it in the CRM and Courier columns. The
 * bookkeeping of every order lives on the hidden state sheet, one JSON cell per order
 * (state-rows.ts). The steps after the push: the CRM's hand edits (crm-changes.ts), the CRM
 * following the courier (courier-crm-moves.ts), Drive folders and labels, the cells (order-cells.ts).
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import {
	type CourierConnector,
	type CrmConnector,
	PlatformError,
	type PlatformErrorKind,
	type PlatformName,
} from "../core/connector-contracts.js";
import { type DoneDefinition, readDoneDefinitions } from "../core/done-definitions.js";
import type { LinkOrigins } from "../core/link-policy.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import type { EtsyOrder } from "../core/order.js";
import { type HubsheetSettings, SETTINGS_SHEET } from "../core/settings.js";
import { courierStatusMoves } from "../core/status-plan.js";
import { statusChoices } from "../core/statuses.js";
import { readMappingSettings, readSettings } from "../platforms/catalog.js";
import { descriptorOf, MARKETPLACE } from "../platforms/registry.js";
import type { Clock, Drive, Log, Store } from "../ports.js";
import { writeByKey } from "../sheet/keyed-writes.js";
import { ORDERS_SHEET, type OrdersTable, readOrdersTable } from "../sheet/orders-table.js";
import { zoneOffsetMs } from "../sheet/serial-date.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";
import type { RawCell, Workbook } from "../sheet/workbook.js";
import { moveCrmAfterCourier } from "./courier-crm-moves.js";
import { CRM_CURSOR_KEY, readCrmChanges } from "./crm-changes.js";
import { type BudgetWait, DailyBudgets } from "./daily-budgets.js";
import { saveDriveFiles } from "./drive-files.js";
import { knownEtsyCarriers } from "./etsy-shipping.js";
import { platformCellWrites } from "./order-cells.js";
import { earliestDue, parcelsToRead } from "./parcel-reads.js";
import { type EtsyShipping, runPlatformPush } from "./platform-push.js";
import { failureOf, type PushOutcome } from "./push-outcome.js";
import { readState, saveState } from "./state-rows.js";
import { planPlatformPush } from "./sync-plan.js";

/** The connectors for the platforms the Settings sheet names, made once the sheet is read. */
export interface PlatformLinks {
	crm: CrmConnector | null;
	courier: CourierConnector | null;
	etsy: EtsyShipping;
	problems: string[];
}

export interface PlatformSyncDeps {
	workbook: Workbook;
	/** Orders, Settings and the state sheet already read this run and unchanged since; read here otherwise. */
	sheets?: Record<string, RawCell[][] | null>;
	connect: (settings: HubsheetSettings) => PlatformLinks;
	/** The orders this run pulled from Etsy: remembered for the runs that will not pull them. */
	pulled: readonly EtsyOrder[];
	store: Store;
	clock: Clock;
	log: Log;
	/** True once the run nears its time budget (optional work such as order look-ups waits). */
	overBudget?: () => boolean;
	/**
	 * The same question with consequence: the push stops before its next group of requests, with
	 * everything done so far saved, and the run schedules its continuation.
	 */
	stopAtBudget?: () => boolean;
	/**
	 * The owner's Drive: each order's folder (made when it reaches Design; the Design cell links it)
	 * and its label PDFs. Without it the Label cell links the courier's URL and no folder is made.
	 */
	drive?: Drive;
	/**
	 * The owner pressed Sync now and wants the news: every parcel in flight counts as due, within the
	 * same daily allowance of reads (core/parcel-polling.ts).
	 */
	parcelsDueEarly?: boolean;
}

export interface PlatformSyncSummary {
	actions: PushOutcome["actions"];
	/** Failures of a whole connection outside any one order (reading the CRM's stages or changed deals). */
	connectionErrors: Array<{ platform: PlatformName; message: string; kind?: PlatformErrorKind }>;
	problems: Array<{ orderId: string; message: string }>;
	/** Orders whose CRM stage someone changed by hand in the CRM since the last run. */
	handEdits: string[];
	/** The stage each hand-edited deal is in now, by order id. */
	crmStages: Map<string, string>;
	/** Settings or connections the owner must fix. */
	settingsProblems: string[];
	/** How many rows the Sync log keeps (Settings). */
	syncLogLength: number;
	/** Alerts by e-mail (Settings). */
	alerts: HubsheetSettings["alerts"];
	crmPlatform: CrmConnector["platform"] | null;
	courierPlatform: CourierConnector["platform"] | null;
	/** What the run knows of each order afterwards, for reconciliation. */
	books: Map<string, Bookkeeping>;
	mapping: MappingSettings;
	table: OrdersTable;
	/** Where the CRM's and the courier's links may point (core/link-policy.ts); others stay text. */
	linkOrigins: LinkOrigins;
	/** The Status dropdown's choices, in order. */
	statuses: string[];
	/** The owner's definition of done per status (Settings > Definition of done). */
	done: DoneDefinition[];
	/** Saves the bookkeeping of these orders (later phases note findings' dates in it). */
	saveBooks: (orderIds: Iterable<string>) => void;
	/** The push stopped at the time budget: the continuation does the rest. */
	outOfTime: boolean;
	/** When the next parcel is due for a read from the courier (a trigger run then is a full one). */
	nextParcelDueAt: number | null;
	/** The CRM's daily allowance left after this run (e.g. its daily API tokens), for its health. */
	crmAllowance: { left: number; perDay: number | null } | null;
	/** Work left for the renewal of a platform's daily allowance (engine/daily-budgets.ts). */
	budgetWaits: BudgetWait[];
	/** The platforms whose daily allowance this run watched (their health says whether work waits). */
	budgetPlatforms: PlatformName[];
}

export function runPlatformSync(deps: PlatformSyncDeps): PlatformSyncSummary {
	const { workbook } = deps;
	const sheets = deps.sheets ?? workbook.readSheets([ORDERS_SHEET, SETTINGS_SHEET, STATE_SHEET]);
	const table = readOrdersTable(sheets[ORDERS_SHEET] ?? [], workbook.timeZone);
	const mapping = readMappingSettings(sheets[SETTINGS_SHEET] ?? []);
	const settings = readSettings(sheets[SETTINGS_SHEET] ?? []);
	const statuses = statusChoices(settings.settings.customStatuses);
	const done = readDoneDefinitions(sheets[SETTINGS_SHEET] ?? [], statuses);
	const links = deps.connect(settings.settings);
	const crm = links.crm;
	const courier = links.courier;
	const state = readState(sheets[STATE_SHEET] ?? null);
	const saveBooks = (orderIds: Iterable<string>) => saveState(workbook, state, orderIds);
	const now = deps.clock.now().getTime();
	// An allowance renews at midnight: UTC's or the account's (taken as the spreadsheet's) zone, as
	// the vendor notes leave it open.
	const crmBudget = crm ? descriptorOf(crm.platform)?.dailyBudget : undefined;
	const budget = new DailyBudgets(
		deps.store,
		() => deps.clock.now().getTime(),
		[0, zoneOffsetMs(now, workbook.timeZone)],
		[
			...(crm && crmBudget
				? [{ platform: crm.platform, policy: crmBudget, live: () => crm.dailyAllowance?.(), keep: true }]
				: []),
			...(MARKETPLACE.dailyBudget
				? [{ platform: MARKETPLACE.name, policy: MARKETPLACE.dailyBudget, live: () => links.etsy.dailyAllowance?.() }]
				: []),
		],
	);

	const connectionErrors: PlatformSyncSummary["connectionErrors"] = [];
	const connectionFailed = (what: string, error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		deps.log.warn(`${what} failed: ${message}`);
		const platform = failureOf(error).connectionFailed;
		if (platform)
			connectionErrors.push({ platform, message, ...(error instanceof PlatformError ? { kind: error.kind } : {}) });
	};
	const { statusNoted, rows, plan, stageProblems, orders } = planPlatformPush({
		pulled: deps.pulled,
		table,
		state,
		etsy: links.etsy,
		crm,
		courier: courier !== null,
		mapping: mapping.settings,
		trackingToEtsy: settings.settings.trackingToEtsy,
		now,
		log: deps.log,
		...(deps.overBudget ? { overBudget: deps.overBudget } : {}),
		connectionFailed,
	});
	// Parcels are read when due (core/parcel-polling.ts), within a daily allowance that Sync now spends too.
	plan.track = parcelsToRead(plan.track, state.books, deps.store, now, deps.parcelsDueEarly === true);
	// Checked only in a run that sends tracking: an idle run asks Etsy nothing more.
	const sendsTracking = plan.pushTracking.length > 0 || plan.trackingAtPickUp.length > 0;
	const outcome = runPlatformPush(plan, state.books, orders, {
		crm,
		courier,
		etsy: links.etsy,
		etsyCarriers: sendsTracking
			? knownEtsyCarriers(deps.store, links.etsy, mapping.settings.sender.countryIso, now)
			: null,
		mapping: mapping.settings,
		courierService: String(settings.settings.courierService ?? ""),
		clock: deps.clock,
		log: deps.log,
		saveBookkeeping: saveBooks,
		...(deps.stopAtBudget ? { overBudget: deps.stopAtBudget } : {}),
		budget,
	});

	const { crmStages, handEdits, crmCursor } = readCrmChanges(
		crm,
		budget,
		deps.store,
		state.books,
		now,
		connectionFailed,
	);

	// The courier moves the Status (picked up -> Shipped, delivered -> Delivered); the CRM follows.
	/** Orders whose bookkeeping this phase changed after the push (saved with the push's). */
	const touched = new Set<string>();
	const courierStatuses = courierStatusMoves(outcome.statusChanges, (orderId) =>
		String(rows.get(orderId)?.cells.status ?? ""),
	);
	moveCrmAfterCourier({
		crm,
		courierStatuses,
		state,
		mapping: mapping.settings,
		budget,
		outcome,
		crmStages,
		touched,
		now,
		log: deps.log,
	});

	const { foldersMade, labelsSaved } = saveDriveFiles({
		...(deps.drive ? { drive: deps.drive } : {}),
		log: deps.log,
		saveBooks,
		overBudget: () => deps.overBudget?.() === true,
		state,
		rows,
		table,
		courier,
	});
	for (const orderId of [...foldersMade, ...labelsSaved]) touched.add(orderId);

	const linkOrigins: LinkOrigins = { crm: crm?.linkOrigins ?? [], courier: courier?.linkOrigins ?? [] };
	const writes = platformCellWrites({
		rows,
		table,
		state,
		outcome,
		crmStages,
		courierStatuses,
		labelsSaved,
		foldersMade,
		linkOrigins,
		courierPlatform: courier?.platform ?? null,
		drive: deps.drive !== undefined,
		timeZone: workbook.timeZone,
		now,
	});
	if (table.columns.order !== undefined) writeByKey(workbook, writes, table.columns.order);
	if (crmCursor !== null) deps.store.set(CRM_CURSOR_KEY, String(crmCursor));
	budget.save();
	saveState(workbook, state, new Set([...statusNoted, ...outcome.touched, ...touched]));
	return {
		actions: outcome.actions,
		connectionErrors,
		problems: plan.problems,
		settingsProblems: [
			...settings.problems,
			...mapping.problems,
			...done.problems,
			...links.problems,
			...stageProblems,
			...(outcome.settingsProblems ?? []),
		],
		syncLogLength: settings.settings.syncLogLength,
		alerts: settings.settings.alerts,
		crmPlatform: crm?.platform ?? null,
		courierPlatform: courier?.platform ?? null,
		handEdits,
		crmStages,
		books: state.books,
		table,
		mapping: mapping.settings,
		linkOrigins,
		statuses,
		done: done.definitions,
		saveBooks,
		outOfTime: outcome.outOfTime === true,
		nextParcelDueAt: courier ? earliestDue(state.books) : null,
		crmAllowance: crm?.dailyAllowance?.() ?? null,
		budgetWaits: budget.waits(),
		budgetPlatforms: budget.platforms(),
	};
}
