/**
 * The platform phase of a sync: after the Etsy import, push what the sheet says to the CRM, the
 * courier and Etsy, read back what they say, and show it in the CRM and Courier columns. The
 * bookkeeping of every order lives on the hidden state sheet, one JSON cell per order.
 */

import {
	type Bookkeeping,
	bookkeepingJson,
	compactEtsyOrder,
	lifeDates,
	noteStatus,
	parseBookkeeping,
} from "../core/bookkeeping.js";
import { MAX_CELL_CHARACTERS } from "../core/cell-fit.js";
import {
	type CourierConnector,
	type CrmConnector,
	PlatformError,
	type PlatformErrorKind,
	type PlatformName,
} from "../core/connector-contracts.js";
import { type DoneDefinition, readDoneDefinitions } from "../core/done-definitions.js";
import { DRIVE_ORIGINS, isTrustedLink, type LinkOrigins, MAIL_ORIGINS } from "../core/link-policy.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import type { EtsyOrder } from "../core/order.js";
import { DESIGN_LINK_TEXT, MAIL_LINK_TEXT, mailSearchUrl } from "../core/order-links.js";
import type { RowCells } from "../core/order-upsert.js";
import { orderIdOf } from "../core/order-upsert.js";
import type { OrderColumnKey } from "../core/orders-layout.js";
import { courierStateInWords } from "../core/owner-words.js";
import { allowanceNow, choosePolls, isParcelDue, type PollAllowance, spend } from "../core/parcel-polling.js";
import { type PlannedOrder, type PushPlan, planPushes } from "../core/push-plan.js";
import { type HubsheetSettings, SETTINGS_SHEET } from "../core/settings.js";
import { courierStatusMoves, crmStageShown, followingStageMoves, isHandEdit } from "../core/status-plan.js";
import { statusChoices } from "../core/statuses.js";
import { platformWords, readMappingSettings, readSettings } from "../platforms/catalog.js";
import { descriptorOf, MARKETPLACE } from "../platforms/registry.js";
import type { Clock, Drive, Log, Store } from "../ports.js";
import { type KeyedWrite, writeByKey } from "../sheet/keyed-writes.js";
import { ORDERS_SHEET, type OrdersTable, readOrdersTable, toRaw } from "../sheet/orders-table.js";
import { zoneOffsetMs } from "../sheet/serial-date.js";
import { STATE_SHEET } from "../sheet/sheet-names.js";
import type { CellBlock, RawCell, Workbook } from "../sheet/workbook.js";
import { type BudgetWait, DailyBudgets } from "./daily-budgets.js";
import { knownEtsyCarriers } from "./etsy-shipping.js";
import { saveLabelFiles } from "./label-files.js";
import { ensureOrderFolders } from "./order-folders.js";
import { type EtsyShipping, runPlatformPush } from "./platform-push.js";
import { failureOf, type PushOutcome } from "./push-outcome.js";
import { lookUpUnseenOrders } from "./unknown-orders.js";

export const CRM_CURSOR_KEY = "hubsheet.crm.cursor";

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

interface StateRows {
	books: Map<string, Bookkeeping>;
	rowOf: Map<string, number>;
	lastRow: number;
}

function readState(values: RawCell[][] | null): StateRows {
	const state: StateRows = { books: new Map(), rowOf: new Map(), lastRow: Math.max(1, values?.length ?? 1) };
	(values ?? []).forEach((row, index) => {
		const orderId = String(row[0] ?? "").trim();
		if (index === 0 || orderId === "") return;
		state.books.set(orderId, parseBookkeeping(row[1]));
		state.rowOf.set(orderId, index + 1);
	});
	return state;
}

/** Writes the bookkeeping of these orders: changed rows in place, new ones appended. */
function saveState(workbook: Workbook, state: StateRows, orderIds: Iterable<string>): void {
	const blocks: CellBlock[] = [];
	const appended: RawCell[][] = [];
	const appendedIds: string[] = [];
	for (const orderId of new Set(orderIds)) {
		const json = bookkeepingJson(state.books.get(orderId) ?? {}, MAX_CELL_CHARACTERS);
		const row = state.rowOf.get(orderId);
		if (row === undefined) {
			appended.push([orderId, json]);
			appendedIds.push(orderId);
		} else blocks.push({ sheet: STATE_SHEET, row, column: 1, values: [[orderId, json]] });
	}
	if (blocks.length > 0) workbook.writeBlocks(blocks);
	if (appended.length > 0) {
		const first = workbook.appendRows(STATE_SHEET, appended, state.lastRow);
		state.lastRow = first + appended.length - 1;
		appendedIds.forEach((orderId, index) => {
			state.rowOf.set(orderId, first + index);
		});
	}
}

export function runPlatformSync(deps: PlatformSyncDeps): PlatformSyncSummary {
	const { workbook } = deps;
	const sheets = deps.sheets ?? workbook.readSheets([ORDERS_SHEET, SETTINGS_SHEET, STATE_SHEET]);
	const table = readOrdersTable(sheets[ORDERS_SHEET] ?? [], workbook.timeZone);
	const mapping = readMappingSettings(sheets[SETTINGS_SHEET] ?? []);
	const settings = readSettings(sheets[SETTINGS_SHEET] ?? []);
	const done = readDoneDefinitions(sheets[SETTINGS_SHEET] ?? [], statusChoices(settings.settings.customStatuses));
	const links = deps.connect(settings.settings);
	const crm = links.crm;
	const courier = links.courier;
	const state = readState(sheets[STATE_SHEET] ?? null);
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

	const statusNoted: string[] = [];
	for (const order of deps.pulled) {
		const books = state.books.get(order.orderId) ?? {};
		const etsy = compactEtsyOrder(order);
		if (JSON.stringify(books.etsy) !== JSON.stringify(etsy)) {
			state.books.set(order.orderId, { ...books, etsy });
			statusNoted.push(order.orderId);
		}
	}
	const planned: PlannedOrder[] = [];
	const rows = new Map<string, { rowNumber: number; cells: RowCells }>();
	for (const row of table.rows) {
		const orderId = orderIdOf(row);
		if (orderId === "" || rows.has(orderId)) continue;
		rows.set(orderId, row);
		const before = state.books.get(orderId) ?? {};
		const books = noteStatus(before, String(row.cells.status ?? ""), now);
		if (books !== before) {
			state.books.set(orderId, books);
			statusNoted.push(orderId);
		}
		planned.push({ orderId, rowNumber: row.rowNumber, cells: row.cells, books });
	}
	const connectionErrors: PlatformSyncSummary["connectionErrors"] = [];
	const connectionFailed = (what: string, error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		deps.log.warn(`${what} failed: ${message}`);
		const platform = failureOf(error).connectionFailed;
		if (platform)
			connectionErrors.push({ platform, message, ...(error instanceof PlatformError ? { kind: error.kind } : {}) });
	};
	// A row Etsy never described is looked up once, so that an order Etsy does not have is named.
	const lookedUp = lookUpUnseenOrders(rows.keys(), state.books, links.etsy, now, deps.log, deps.overBudget);
	statusNoted.push(...lookedUp.touched);
	for (const error of lookedUp.errors) connectionFailed("Looking up an order on Etsy", error);
	// The plan sees what the look-ups learnt (an order Etsy does not have gets no deal or shipment).
	for (const order of planned) order.books = state.books.get(order.orderId) ?? order.books;
	const plan = planPushes({
		orders: planned,
		crm: crm !== null,
		courier: courier !== null,
		mapping: mapping.settings,
		trackingToEtsy: settings.settings.trackingToEtsy,
	});
	// Stage names are the owner's words on Settings; one the CRM does not have is named, not guessed.
	const stageProblems: string[] = [];
	if (crm && (plan.createDeals.length > 0 || plan.moveStages.length > 0)) {
		try {
			for (const name of crm.unknownStages([...new Set(Object.values(mapping.settings.statusToStage))])) {
				stageProblems.push(
					`${crm.platform} has no stage named "${name}": rename it in the "Status → CRM stage" table on Settings, or add the stage in ${crm.platform}.`,
				);
			}
		} catch (error) {
			connectionFailed("Reading the CRM's stages", error);
		}
	}
	const orders = new Map(
		[...rows].map(([orderId, row]) => [
			orderId,
			{
				buyer: String(row.cells.buyer ?? ""),
				email: String(row.cells.email ?? ""),
				buyerId: state.books.get(orderId)?.etsy?.buyerId ?? "",
				total: Number(row.cells.total ?? 0),
				currency: String(row.cells.currency ?? ""),
				phone: String(row.cells.phone ?? ""),
				shipToOverride: String(row.cells.shipToOverride ?? ""),
			},
		]),
	);
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
		saveBookkeeping: (orderIds) => saveState(workbook, state, orderIds),
		...(deps.stopAtBudget ? { overBudget: deps.stopAtBudget } : {}),
		budget,
	});

	// Stages changed by hand in the CRM show in the CRM stage column; reconciliation compares.
	const crmStages = new Map<string, string>();
	const handEdits: string[] = [];
	// Saved only after the stage cells it covers are written: a kill in between reads them again.
	let crmCursor: number | null = null;
	// An optional read: below the allowance's reserve it waits, and the cursor stays where it was.
	if (crm && budget.mayRead(crm.platform)) {
		try {
			const since = Number(deps.store.get(CRM_CURSOR_KEY) ?? now - 86_400_000);
			let newest = since;
			for (const deal of crm.dealsChangedSince(since)) {
				crmStages.set(deal.orderId, deal.stageName);
				if (isHandEdit(deal.stageName, state.books.get(deal.orderId))) handEdits.push(deal.orderId);
				newest = Math.max(newest, deal.updatedAtMs);
			}
			crmCursor = newest;
		} catch (error) {
			connectionFailed("Reading changed CRM deals", error);
		}
	}

	// The courier moves the Status (picked up -> Shipped, delivered -> Delivered); the CRM follows
	// in the same run rather than one sync later.
	/** Orders whose bookkeeping this phase changed after the push (saved with the push's). */
	const touched = new Set<string>();
	const courierStatuses = courierStatusMoves(outcome.statusChanges, (orderId) =>
		String(rows.get(orderId)?.cells.status ?? ""),
	);
	if (crm && courierStatuses.size > 0) {
		const following = followingStageMoves(courierStatuses, (orderId) => state.books.get(orderId), mapping.settings);
		const affordable = new Set(
			budget.allow(
				crm.platform,
				"move",
				following.map((move) => move.orderId),
			),
		);
		const moves = following.filter((move) => affordable.has(move.orderId));
		if (moves.length > 0) {
			// Each move's result lands on its own order: a failed one is a finding there, never dropped.
			const moveFailed = (orderId: string, error: unknown) => {
				const books = state.books.get(orderId) ?? {};
				const message = error instanceof Error ? error.message : String(error);
				const kind = error instanceof PlatformError ? { kind: error.kind } : {};
				books.errors = { ...books.errors, [crm.platform]: { message, at: now, operation: "move-stage", ...kind } };
				state.books.set(orderId, books);
				touched.add(orderId);
				outcome.actions.push({
					orderId,
					platform: crm.platform,
					action: "move deal",
					result: message,
					outcome: "failed",
					...kind,
					...failureOf(error),
				});
			};
			try {
				crm.moveStages(moves).forEach((result, index) => {
					const move = moves[index];
					const deal = move && state.books.get(move.orderId)?.deal;
					if (!move) return;
					if (!result.ok) {
						moveFailed(move.orderId, result.error);
						return;
					}
					if (deal) {
						deal.stagePushed = move.stageName;
						deal.changes = move.change;
						// Read before this move: the stage now is the one just pushed.
						crmStages.delete(move.orderId);
						touched.add(move.orderId);
						outcome.actions.push({
							orderId: move.orderId,
							platform: crm.platform,
							action: "moved deal",
							result: move.stageName,
							outcome: "ok",
						});
					}
				});
			} catch (error) {
				deps.log.warn(
					`Moving deals after the courier's news failed: ${error instanceof Error ? error.message : String(error)}`,
				);
				for (const move of moves) moveFailed(move.orderId, error);
			}
		}
	}

	// Each order in Design gets its folder in Drive once, unless the owner linked their own design in
	// the Design cell; Drive is asked nothing for an order whose folder is known.
	const folderDeps = deps.drive
		? {
				drive: deps.drive,
				log: deps.log,
				saveBooks: (orderIds: readonly string[]) => saveState(workbook, state, orderIds),
				overBudget: () => deps.overBudget?.() === true,
				buyerOf: (orderId: string) => String(rows.get(orderId)?.cells.buyer ?? ""),
			}
		: null;
	const designFree = (orderId: string) => {
		const design = String(rows.get(orderId)?.cells.design ?? "").trim();
		return design === "" || design === DESIGN_LINK_TEXT;
	};
	const foldersMade =
		folderDeps && table.columns.design !== undefined
			? ensureOrderFolders(
					state.books,
					[...rows]
						.filter(
							([orderId, row]) =>
								String(row.cells.status ?? "").trim() === "Design" &&
								state.books.get(orderId)?.folder?.id === undefined &&
								designFree(orderId),
						)
						.map(([orderId]) => ({ orderId, buyer: folderDeps.buyerOf(orderId) })),
					folderDeps,
				)
			: [];
	for (const orderId of foldersMade) touched.add(orderId);
	const labelsSaved =
		courier && folderDeps ? saveLabelFiles(state.books, courier, folderDeps, () => deps.overBudget?.() === true) : [];
	for (const orderId of labelsSaved) touched.add(orderId);

	// Placed by order id right before writing: the owner may have sorted or inserted rows meanwhile.
	const writes: KeyedWrite[] = [];
	const set = (orderId: string, key: OrderColumnKey, value: RawCell) => {
		const row = rows.get(orderId);
		if (!row || table.columns[key] === undefined) return;
		const current = row.cells[key] ?? "";
		if (String(current) === String(value)) return;
		writes.push({ orderId, key, value });
		// Reconciliation judges the row as this run leaves it.
		row.cells[key] = value;
	};
	const linkOrigins: LinkOrigins = { crm: crm?.linkOrigins ?? [], courier: courier?.linkOrigins ?? [] };
	const { courierStateWords } = platformWords(null, courier?.platform ?? null);
	// A link from a platform becomes a link only to its own hosts over https; otherwise it is text
	// (and the untrusted-link finding says why).
	const link = (orderId: string, key: OrderColumnKey, text: string, url: string | null, again = false) => {
		const row = rows.get(orderId);
		if (!row || table.columns[key] === undefined || (!again && String(row.cells[key] ?? "") === text)) return;
		const origins =
			key === "crmDeal"
				? linkOrigins.crm
				: key === "design" || (key === "label" && again)
					? DRIVE_ORIGINS
					: key === "mail"
						? MAIL_ORIGINS
						: linkOrigins.courier;
		const trusted = url !== null && isTrustedLink(url, origins);
		writes.push({ orderId, key, value: trusted && url ? { text, url } : text });
		row.cells[key] = text;
	};
	// The stage cell shows what the CRM says: read this run, or pushed this run (core/status-plan.ts).
	const stagePushedNow = new Set(
		outcome.actions
			.filter((action) => ["created deal", "found deal", "moved deal"].includes(action.action))
			.map((action) => action.orderId),
	);
	for (const orderId of courierStatuses.keys()) if (!crmStages.has(orderId)) stagePushedNow.add(orderId);
	// A deal or shipment saved in the bookkeeping whose cell does not show it yet (a run killed after
	// saving, before writing its cells) is written now: the sheet catches up without asking anyone.
	const behind: string[] = [];
	for (const [orderId, row] of rows) {
		const books = state.books.get(orderId);
		if (books?.deal && String(row.cells.crmDeal ?? "") !== books.deal.id) behind.push(orderId);
		else if (books?.shipment && String(row.cells.shipment ?? "") !== books.shipment.id) behind.push(orderId);
	}
	for (const orderId of behind) if (!crmStages.has(orderId)) stagePushedNow.add(orderId);
	for (const orderId of new Set([...outcome.touched, ...crmStages.keys(), ...behind, ...labelsSaved])) {
		const books = state.books.get(orderId);
		if (books?.deal) {
			link(orderId, "crmDeal", books.deal.id, books.deal.url);
			const stage = crmStageShown(crmStages.get(orderId), stagePushedNow.has(orderId), books);
			if (stage !== undefined) set(orderId, "crmStage", stage);
		}
		if (books?.shipment) {
			const shipment = books.shipment;
			link(orderId, "shipment", shipment.id, shipment.url);
			// The owner's words; the courier's own state stays in the bookkeeping and the findings' details.
			set(orderId, "courierStatus", courierStateInWords(shipment.state, courierStateWords));
			if (shipment.trackingNumber) link(orderId, "tracking", shipment.trackingNumber, shipment.trackingUrl);
			// A label saved to Drive replaces the courier's link (which needs the courier's token to open).
			if (shipment.labelFile) {
				if (labelsSaved.includes(orderId)) link(orderId, "label", "Label", shipment.labelFile.url, true);
			} else if (shipment.labelUrl && !deps.drive) link(orderId, "label", "Label", shipment.labelUrl);
		}
		const status = courierStatuses.get(orderId);
		if (status && books) {
			set(orderId, "status", status);
			state.books.set(orderId, noteStatus(books, status, now));
		}
	}
	// The Design cell links the folder made for it, unless the owner has put their own link there since.
	for (const orderId of foldersMade) {
		const url = state.books.get(orderId)?.folder?.url;
		if (url && designFree(orderId)) link(orderId, "design", DESIGN_LINK_TEXT, url, true);
	}
	// The Mail cell searches the owner's mailbox for the order: written once, when the cell is empty.
	if (table.columns.mail !== undefined) {
		for (const [orderId, row] of rows) {
			if (String(row.cells.mail ?? "") !== "") continue;
			link(orderId, "mail", MAIL_LINK_TEXT, mailSearchUrl(orderId, String(row.cells.buyer ?? "")));
		}
	}
	// Shipped on and Delivered on are written once, when the cell is empty: an owner's correction stays.
	for (const [orderId, row] of rows) {
		const dates = lifeDates(state.books.get(orderId) ?? {});
		for (const key of ["shippedOn", "deliveredOn"] as const) {
			const at = dates[key];
			if (at === null || table.columns[key] === undefined || (row.cells[key] ?? "") !== "") continue;
			writes.push({ orderId, key, value: toRaw(key, at, workbook.timeZone) });
			row.cells[key] = at;
		}
	}
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
		statuses: statusChoices(settings.settings.customStatuses),
		done: done.definitions,
		saveBooks: (orderIds) => saveState(workbook, state, orderIds),
		outOfTime: outcome.outOfTime === true,
		nextParcelDueAt: courier ? earliestDue(state.books) : null,
		crmAllowance: crm?.dailyAllowance?.() ?? null,
		budgetWaits: budget.waits(),
		budgetPlatforms: budget.platforms(),
	};
}

/** The engine store's key of the courier reads allowance (core/parcel-polling.ts). */
export const PARCEL_READS_KEY = "hubsheet.courier.reads";

/** Of the parcels in flight, those read this run (core/parcel-polling.ts), spent from the allowance. */
function parcelsToRead(
	inFlight: PushPlan["track"],
	books: Map<string, Bookkeeping>,
	store: Store,
	now: number,
	early: boolean,
): PushPlan["track"] {
	if (inFlight.length === 0) return inFlight;
	const withDue = inFlight.map((item) => ({ ...item, nextPollAt: books.get(item.orderId)?.shipment?.nextPollAt }));
	if (!early && !withDue.some((item) => isParcelDue(item, now))) return [];
	let saved: PollAllowance | null = null;
	try {
		saved = JSON.parse(store.get(PARCEL_READS_KEY) ?? "null") as PollAllowance | null;
	} catch {
		// A hand-edited value: start from a fresh allowance.
	}
	const allowance = allowanceNow(saved, now);
	const chosen = choosePolls(withDue, allowance, now, early);
	store.set(PARCEL_READS_KEY, JSON.stringify(spend(allowance, chosen.length)));
	return chosen.map(({ orderId, shipmentId }) => ({ orderId, shipmentId }));
}

/** When the next parcel is due for a read, or null with none in flight. */
function earliestDue(books: Map<string, Bookkeeping>): number | null {
	let earliest: number | null = null;
	for (const entry of books.values()) {
		const due = entry.shipment?.nextPollAt;
		if (due !== undefined && (earliest === null || due < earliest)) earliest = due;
	}
	return earliest;
}
