/**
 * The chaos simulation: a seeded shop over the real bundle in the local runtime and the sandboxes,
 * with faults on every platform (5xx, 429, malformed answers, disconnects, revoked tokens, timeouts
 * whose create lands late), kills after a random service call, a second sync started while one runs,
 * and the owner sorting, inserting rows, editing cells and moving Status, also during a run.
 * Invariants are checked after every cycle, then after a fault-free settle. Everything random comes
 * from the seed, so a failing seed replays (the platforms' own randomness is seeded too; real time
 * enters only through the local runtime's clock, which the checks do not depend on).
 *
 * Used by test/local/chaos/chaos.test.ts (a short run in `npm test`) and scripts/chaos.ts
 * (`npm run chaos -- --cycles N --seed S`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecutionResult } from "../gas/runtime.js";
import { LocalHub } from "../hub/local-hub.js";
import type { EtsyControlClient } from "../sandbox/etsy/control-client.js";
import type { FurgonetkaControlClient } from "../sandbox/furgonetka/control-client.js";
import type { HubSpotControlClient } from "../sandbox/hubspot/control-client.js";
import type { InpostControlClient } from "../sandbox/inpost/control-client.js";
import type { FaultSpec } from "../sandbox/kit/faults.js";
import type { PipedriveControlClient } from "../sandbox/pipedrive/control-client.js";
import type { SpawnedSandboxes } from "../sandbox/spawn.js";
import type { WebhookControlClient } from "../sandbox/webhook/control-client.js";

export type ChaosConfig = "pipedrive-furgonetka" | "hubspot-inpost" | "webhook-furgonetka";
export const CHAOS_CONFIGS: readonly ChaosConfig[] = ["pipedrive-furgonetka", "hubspot-inpost", "webhook-furgonetka"];

export interface ChaosOptions {
	sandboxes: SpawnedSandboxes;
	config: ChaosConfig;
	seed: number;
	cycles: number;
	/** Progress lines (one per cycle); silent by default. */
	log?: (line: string) => void;
}

export interface ChaosResult {
	config: ChaosConfig;
	seed: number;
	cycles: number;
	/** Each broken invariant, with the cycle ("settle" after the fault-free runs). */
	violations: string[];
	figures: {
		runs: number;
		killed: number;
		faultsInjected: number;
		faultsHit: number;
		concurrentAttempts: number;
		ownerActionsDuringRuns: number;
		/** Times the owner reconnected Etsy because Hubsheet asked (Etsy refused the grant). */
		etsyReconnects: number;
		orders: number;
		/** Orders the owner moved to Ready to ship, parcels made, and parcels picked up with tracking on Etsy. */
		readyToShip: number;
		parcels: number;
		trackedOnEtsy: number;
	};
}

const STATUS_PATH = ["New", "Design", "Production", "Ready to ship"] as const;
const COURIER_STATUSES = ["Shipped", "Delivered"];
const TEN_MINUTES = 10 * 60_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Random {
	next(): number;
	chance(p: number): boolean;
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
}

function random(seed: number): Random {
	const next = rng(seed);
	return {
		next,
		chance: (p) => next() < p,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
	};
}

/** What the owner last wrote, per order: the cells Hubsheet must never change (Status only forward by the courier). */
interface OwnerCells {
	status: string;
	notes: string;
	phone: string;
	reachedReadyToShip: boolean;
}

type Platform = "Etsy" | "Pipedrive" | "HubSpot" | "Webhook" | "Furgonetka" | "InPost";

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
	const { sandboxes, config, seed, cycles } = options;
	const r = random(seed);
	const [crmName, courierName] = {
		"pipedrive-furgonetka": ["Pipedrive", "Furgonetka"],
		"hubspot-inpost": ["HubSpot", "InPost"],
		"webhook-furgonetka": ["Webhook", "Furgonetka"],
	}[config] as ["Pipedrive" | "HubSpot" | "Webhook", "Furgonetka" | "InPost"];
	const etsy = sandboxes.control("etsy") as EtsyControlClient;
	const pipedrive = sandboxes.control("pipedrive") as PipedriveControlClient;
	const hubspot = sandboxes.control("hubspot") as HubSpotControlClient;
	const webhook = sandboxes.control("webhook") as WebhookControlClient;
	const furgonetka = sandboxes.control("furgonetka") as FurgonetkaControlClient;
	const inpost = sandboxes.control("inpost") as InpostControlClient;
	const controlOf: Record<Platform, { addFault(spec: FaultSpec): Promise<unknown>; clearFaults(): Promise<void> }> = {
		Etsy: etsy,
		Pipedrive: pipedrive,
		HubSpot: hubspot,
		Webhook: webhook,
		Furgonetka: furgonetka,
		InPost: inpost,
	};
	const logOf = (platform: Platform) =>
		controlOf[platform] as unknown as {
			requests(): Promise<Array<{ fault?: string }>>;
			clearRequests(): Promise<void>;
		};

	// The script's clock and every platform's start together (and move together: `later`).
	const start = Date.now();
	await etsy.reset({ seed, receipts: 0, now: start, settings: { perSecond: 10_000 } });
	await pipedrive.reset({ seed, now: start, settings: { burstPerWindow: 10_000 } });
	// Limits are lifted so that 429s come only as injected faults, which a seed replays; the platforms'
	// windows and the script's waits run on one clock (local/sandbox/kit/runtime-clock.ts).
	await hubspot.reset({ now: start, settings: { perInterval: 10_000 } });
	await webhook.reset({ now: start });
	await furgonetka.reset({ now: start, settings: { perSecond: 10_000 } });
	await inpost.reset({ now: start, settings: { perSecond: 10_000 } });
	const stateDir = mkdtempSync(join(tmpdir(), `hubsheet-chaos-${config}-`));
	// A request held longer than this is a timeout for the script; the held create still lands.
	const hub = new LocalHub(sandboxes.urls, { stateDir, fetchTimeoutMs: 1_500, fresh: { clock: start } });
	hub.setUp();
	await hub.connectEtsy();
	await hub.connectCrm(crmName);
	await hub.connectCourier(courierName);
	const platforms: Platform[] = ["Etsy", crmName, courierName];

	const result: ChaosResult = {
		config,
		seed,
		cycles,
		violations: [],
		figures: {
			runs: 0,
			killed: 0,
			faultsInjected: 0,
			faultsHit: 0,
			concurrentAttempts: 0,
			ownerActionsDuringRuns: 0,
			etsyReconnects: 0,
			orders: 0,
			readyToShip: 0,
			parcels: 0,
			trackedOnEtsy: 0,
		},
	};
	const violation = (cycle: number | "settle", text: string) => {
		result.violations.push(`[${config} seed ${seed} cycle ${cycle}] ${text}`);
	};
	const owner = new Map<string, OwnerCells>();
	const receipts: string[] = [];

	const sandboxNames = ["etsy", "pipedrive", "furgonetka", "hubspot", "inpost", "webhook"];
	/**
	 * The next trigger run, minutes later: every clock moves to the same moment. The platforms' clocks
	 * follow the script's waits (kit/runtime-clock.ts) but also run in real time between runs, and a
	 * platform the script did not call since a wait has not heard of it yet: they agree again here.
	 */
	const later = async (ms = TEN_MINUTES) => {
		const clocks = await Promise.all(sandboxNames.map((name) => sandboxes.control(name).clock()));
		const ahead = Math.max(hub.runtime.state().clock, ...clocks.map((clock) => clock.now));
		const target = ahead + ms;
		hub.runtime.advanceTime(target - hub.runtime.state().clock);
		for (const name of sandboxNames) await sandboxes.control(name).setClock(target);
	};

	const newOrder = async () => {
		const n = receipts.length + 1;
		// A buyer in Poland (InPost ships only there); every fifth gives no e-mail.
		const receipt = await etsy.createReceipt({
			buyer: {
				name: `Buyer ${seed % 1000}-${n}`,
				first_line: `ul. Prosta ${n}`,
				city: "Warszawa",
				zip: "01-234",
				country_iso: "PL",
				email: n % 5 === 0 && crmName === "Pipedrive" ? "" : `buyer${n}@example.com`,
			},
		});
		receipts.push(String(receipt.receipt_id));
	};

	/** The owner's edits between runs and during one, in Apps Script calls, recorded as expected. */
	const ownerScript = (action: OwnerAction): string => {
		switch (action.kind) {
			case "sort":
				return `var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
					var header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
					var column = header.indexOf(${JSON.stringify(action.column)}) + 1;
					var last = sheet.getLastRow();
					if (column > 0 && last > 2) sheet.getRange(2, 1, last - 1, sheet.getLastColumn()).sort({ column: column, ascending: ${action.ascending} });`;
			case "insert":
				return `var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
					if (sheet.getLastRow() >= ${action.row}) sheet.insertRowBefore(${action.row});`;
			case "edit":
				return `var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders");
					var values = sheet.getDataRange().getValues();
					var header = values[0];
					for (var r = 1; r < values.length; r++) {
						if (String(values[r][header.indexOf("Order")]) !== ${JSON.stringify(action.orderId)}) continue;
						var cells = ${JSON.stringify(action.cells)};
						Object.keys(cells).forEach(function (name) { sheet.getRange(r + 1, header.indexOf(name) + 1).setValue(cells[name]); });
					}`;
		}
	};

	const readTable = (): { header: string[]; rows: unknown[][] } => {
		const values = hub.runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getValues();`,
		) as unknown[][];
		return { header: (values[0] ?? []).map(String), rows: values.slice(1) };
	};

	/** A random owner action on an order in the sheet; its effect on owner cells is recorded. */
	const ownerAction = (): OwnerAction | null => {
		const roll = r.next();
		if (roll < 0.15)
			return { kind: "sort", column: r.pick(["Order", "Buyer", "Status", "Total"]), ascending: r.chance(0.5) };
		if (roll < 0.22) return { kind: "insert", row: r.int(2, 4) };
		const known = [...owner.keys()];
		if (known.length === 0) return null;
		// Mostly orders still in work, so that many reach Ready to ship and the courier.
		const inWork = known.filter((id) => STATUS_PATH.indexOf(owner.get(id)?.status as (typeof STATUS_PATH)[number]) < 3);
		const orderId = inWork.length > 0 && r.chance(0.8) ? r.pick(inWork) : r.pick(known);
		const cells = owner.get(orderId) as OwnerCells;
		const change: Record<string, string> = {};
		if (r.chance(0.8)) {
			const at = STATUS_PATH.indexOf(cells.status as (typeof STATUS_PATH)[number]);
			if (at >= 0 && at < STATUS_PATH.length - 1) change.Status = STATUS_PATH[at + 1] as string;
		}
		if (r.chance(0.4)) change.Notes = `note ${r.int(1, 9999)} of ${orderId}`;
		if (change.Status === "Ready to ship" || r.chance(0.2)) change.Phone = `600 ${r.int(100, 999)} ${r.int(100, 999)}`;
		if (Object.keys(change).length === 0) return null;
		return { kind: "edit", orderId, cells: change };
	};
	const recordOwner = (action: OwnerAction) => {
		if (action.kind !== "edit") return;
		const cells = owner.get(action.orderId);
		if (!cells) return;
		if (action.cells.Status !== undefined) {
			cells.status = action.cells.Status;
			if (cells.status === "Ready to ship") cells.reachedReadyToShip = true;
		}
		if (action.cells.Notes !== undefined) cells.notes = action.cells.Notes;
		if (action.cells.Phone !== undefined) cells.phone = action.cells.Phone;
	};

	const runSync = async (cycle: number, faults: boolean): Promise<void> => {
		const injected: Platform[] = [];
		let held = 0;
		for (const platform of platforms) await logOf(platform).clearRequests();
		if (faults) {
			for (let i = r.int(0, 2); i > 0; i--) {
				const platform = r.pick(platforms);
				const spec = faultSpec(r, platform);
				await controlOf[platform].addFault(spec);
				if (spec.kind === "delay") held = Math.max(held, spec.ms ?? 0);
				options.log?.(`  cycle ${cycle}: fault on ${platform}: ${JSON.stringify(spec)}`);
				injected.push(platform);
				result.figures.faultsInjected++;
			}
		}
		const killAfter = faults && r.chance(0.2) ? r.int(0, 8) : null;
		const ownerAt = faults && r.chance(0.3) ? r.int(0, 6) : null;
		const concurrentAt = faults && r.chance(0.1) ? r.int(0, 4) : null;
		const during: OwnerAction | null = ownerAt === null ? null : ownerAction();
		let fetches = 0;
		let concurrent: ExecutionResult | null = null;
		const run = hub.runtime.run("syncNow", {
			options: {
				onServiceCall: (call, control) => {
					if (call.service !== "UrlFetchApp") return;
					if (during && fetches === ownerAt) {
						control.actAsOwner(ownerScript(during));
						recordOwner(during);
						result.figures.ownerActionsDuringRuns++;
					}
					if (concurrentAt !== null && fetches === concurrentAt && concurrent === null) {
						result.figures.concurrentAttempts++;
						concurrent = hub.runtime.run("syncFromTrigger");
					}
					if (killAfter !== null && fetches >= killAfter) control.kill();
					fetches++;
				},
			},
		});
		result.figures.runs++;
		// A held request still lands, seconds later in real time: before the next run, which comes
		// minutes later on the shop's clock (the platforms' search lag is far longer than the hold).
		if (held > 0) await new Promise((done) => setTimeout(done, held + 500));
		options.log?.(
			`  cycle ${cycle}: sync ${run.status}${killAfter !== null ? ` (kill after ${killAfter} fetches)` : ""}: ${JSON.stringify((run.value as { message?: string } | undefined)?.message ?? run.error ?? "")}`,
		);
		if (run.status === "killed") result.figures.killed++;
		else if (run.status !== "completed") violation(cycle, `sync ${run.status}: ${run.error}`);
		const second = concurrent as ExecutionResult | null;
		if (second && second.status === "completed") {
			const value = second.value as { status?: string; message?: string } | undefined;
			if (value?.status !== "busy") violation(cycle, `a second sync ran beside the first: ${value?.message}`);
		}
		if (options.log) {
			for (const platform of platforms) {
				for (const entry of (await logOf(platform).requests()) as Array<{
					method?: string;
					path?: string;
					status?: number;
					fault?: string;
				}>) {
					if (entry.method !== "GET") {
						options.log(
							`    ${platform} ${entry.method} ${entry.path} -> ${entry.status}${entry.fault ? ` (${entry.fault})` : ""}`,
						);
					}
				}
			}
		}
		// Every fault the platforms served shows to the owner: in this run's Sync log or its report.
		for (const platform of new Set(injected)) {
			const hit = (await logOf(platform).requests()).some((entry) => entry.fault !== undefined);
			if (!hit) continue;
			result.figures.faultsHit++;
			if (run.status !== "completed") continue;
			const runId = String((run.value as { runId?: string } | undefined)?.runId ?? "");
			const message = JSON.stringify(run.value ?? "");
			const log = hub.runtime.asOwner(
				`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`,
			) as string[][];
			const shown =
				log.some((row) => row[1] === runId && String(row[3]).includes(platform)) || message.includes(platform);
			if (!shown) violation(cycle, `a fault served by ${platform} left no trace in the Sync log or the run's report`);
		}
		for (const platform of platforms) await controlOf[platform].clearFaults();
		// Asked to reconnect Etsy (a refresh whose answer was lost leaves Etsy's rotated grant behind),
		// the owner does, as the sidebar tells them.
		if (!hub.isEtsyConnected()) {
			await hub.connectEtsy();
			result.figures.etsyReconnects++;
			options.log?.(`  cycle ${cycle}: the owner reconnects Etsy`);
		}
	};

	const checkCycle = async (cycle: number | "settle") => {
		const { header, rows } = readTable();
		const col = (name: string) => header.indexOf(name);
		const seen = new Map<string, unknown[]>();
		for (const row of rows) {
			const orderId = String(row[col("Order")] ?? "");
			if (orderId === "") continue;
			if (seen.has(orderId)) violation(cycle, `order ${orderId} is on two rows`);
			seen.set(orderId, row);
		}
		for (const [orderId, row] of seen) {
			if (!owner.has(orderId)) {
				owner.set(orderId, {
					status: String(row[col("Status")]),
					notes: String(row[col("Notes")] ?? ""),
					phone: String(row[col("Phone")] ?? ""),
					reachedReadyToShip: false,
				});
				continue;
			}
			const expected = owner.get(orderId) as OwnerCells;
			const status = String(row[col("Status")]);
			const courierMoved = expected.reachedReadyToShip && COURIER_STATUSES.includes(status);
			if (status !== expected.status && !courierMoved) {
				violation(cycle, `order ${orderId}: Status is "${status}", the owner last wrote "${expected.status}"`);
			}
			if (courierMoved) expected.status = status;
			for (const [name, value] of [
				["Notes", expected.notes],
				["Phone", expected.phone],
			] as const) {
				if (String(row[col(name)] ?? "") !== value) {
					violation(cycle, `order ${orderId}: ${name} is "${String(row[col(name)])}", the owner last wrote "${value}"`);
				}
			}
		}
		for (const orderId of receipts) {
			const deals =
				crmName === "Pipedrive"
					? (await pipedrive.dealsForOrder(orderId)).length
					: crmName === "HubSpot"
						? (await hubspot.deals({ orderId })).length
						: (await webhook.deals()).filter((deal) => deal.orderId === orderId).length;
			if (deals > 1) violation(cycle, `order ${orderId} has ${deals} deals in ${crmName}`);
			const parcels =
				courierName === "Furgonetka"
					? (await furgonetka.packages()).filter(
							(item) => item.user_reference_number === orderId && item.state !== "canceled",
						).length
					: (await inpost.shipments()).filter((item) => item.reference === orderId && item.status !== "cancelled")
							.length;
			if (parcels > 1) violation(cycle, `order ${orderId} has ${parcels} parcels in ${courierName}`);
			const { receipt } = await etsy.receipt(Number(orderId));
			if ((receipt.shipments ?? []).length > 1) {
				violation(cycle, `order ${orderId} has ${(receipt.shipments ?? []).length} shipments on Etsy`);
			}
		}
		if (courierName === "Furgonetka") {
			const ordered = new Map<string, number>();
			for (const command of await furgonetka.commands()) {
				for (const id of command.ordered) ordered.set(id, (ordered.get(id) ?? 0) + 1);
			}
			for (const [id, count] of ordered)
				if (count > 1) violation(cycle, `package ${id} was ordered for pick-up ${count} times`);
		}
		if (crmName === "Pipedrive") {
			const persons = await pipedrive.persons();
			const byName = new Map<string, number>();
			for (const person of persons) byName.set(person.name, (byName.get(person.name) ?? 0) + 1);
			for (const [name, count] of byName) {
				if (name.startsWith("Buyer ") && count > 1) violation(cycle, `${count} Pipedrive persons named "${name}"`);
			}
		}
	};

	const settleChecks = async () => {
		const { header, rows } = readTable();
		const col = (name: string) => header.indexOf(name);
		const byOrder = new Map(rows.map((row) => [String(row[col("Order")] ?? ""), row]));
		const packages = courierName === "Furgonetka" ? await furgonetka.packages() : [];
		const shipments = courierName === "InPost" ? await inpost.shipments() : [];
		const stageNames = new Map<number, string>();
		if (crmName === "Pipedrive") {
			for (const pipeline of (await pipedrive.summary()).pipelines) {
				for (const stage of pipeline.stages) stageNames.set(stage.id, stage.name);
			}
		}
		for (const orderId of receipts) {
			const row = byOrder.get(orderId);
			if (!row) {
				violation("settle", `order ${orderId} has no row`);
				continue;
			}
			const status = String(row[col("Status")]);
			if (String(row[col("CRM stage")]) !== status) {
				violation(
					"settle",
					`order ${orderId}: CRM stage "${String(row[col("CRM stage")])}" is not its Status "${status}"`,
				);
			}
			if (crmName === "Pipedrive") {
				const [deal] = await pipedrive.dealsForOrder(orderId);
				const stage = deal ? stageNames.get(deal.stage_id) : undefined;
				if (stage !== status)
					violation("settle", `order ${orderId}: Pipedrive says "${stage}", Status says "${status}"`);
			}
			if (crmName === "Webhook") {
				const deal = (await webhook.deals()).find((item) => item.orderId === orderId);
				if (deal?.stageName !== status) {
					violation(
						"settle",
						`order ${orderId}: the webhook receiver says "${deal?.stageName}", Status says "${status}"`,
					);
				}
			}
			const reached = owner.get(orderId)?.reachedReadyToShip ?? false;
			const parcel =
				courierName === "Furgonetka"
					? packages.find((item) => item.user_reference_number === orderId && item.state !== "canceled")
					: shipments.find((item) => item.reference === orderId && item.status !== "cancelled");
			if (parcel)
				options.log?.(
					`  settle: order ${orderId} parcel ${JSON.stringify("state" in parcel ? parcel.state : parcel.status)}, Status ${status}`,
				);
			if (reached) result.figures.readyToShip++;
			if (parcel) result.figures.parcels++;
			if (reached !== (parcel !== undefined)) {
				violation(
					"settle",
					`order ${orderId}: ${reached ? "reached Ready to ship but has no parcel" : "has a parcel but never reached Ready to ship"}`,
				);
			}
			// Picked up: the courier says so (Furgonetka's package view keeps "ordered"; its scans move on),
			// and Hubsheet moved Status along.
			const pickedUp =
				parcel !== undefined &&
				(COURIER_STATUSES.includes(status) ||
					("state" in parcel
						? ["collected", "delivered"].includes(String(parcel.state))
						: !["created", "offers_prepared", "confirmed"].includes(String((parcel as { status: string }).status))));
			if (pickedUp) {
				const { receipt } = await etsy.receipt(Number(orderId));
				if ((receipt.shipments ?? []).length !== 1) {
					violation("settle", `order ${orderId}: picked up, but no tracking on Etsy`);
				} else result.figures.trackedOnEtsy++;
			}
		}
		const findings = hub.run("getFindings").value as Array<{ orderId: string; kind: string }>;
		for (const finding of findings) {
			if (["push-failed", "crm-stage-differs", "courier-ahead", "tracking-not-on-etsy"].includes(finding.kind)) {
				violation(
					"settle",
					`order ${finding.orderId}: stale finding ${finding.kind}: ${(finding as { message?: string }).message ?? ""}`,
				);
			}
		}
		if (crmName === "Pipedrive") {
			const deals = await pipedrive.deals();
			const linked = new Set(deals.filter((deal) => !deal.is_deleted).map((deal) => deal.person_id));
			for (const person of await pipedrive.persons()) {
				if (person.name.startsWith("Buyer ") && !linked.has(person.id)) {
					violation("settle", `Pipedrive person ${person.id} ("${person.name}") belongs to no deal`);
				}
			}
		}
	};

	try {
		for (let cycle = 1; cycle <= cycles; cycle++) {
			if (receipts.length === 0 || r.chance(0.5)) for (let i = r.int(1, 2); i > 0; i--) await newOrder();
			for (let i = r.int(1, 4); i > 0; i--) {
				const action = ownerAction();
				if (!action) continue;
				hub.runtime.asOwner(ownerScript(action));
				recordOwner(action);
			}
			if (r.chance(0.4)) {
				if (courierName === "Furgonetka") await furgonetka.advanceAll();
				else await inpost.advanceAll();
			}
			await runSync(cycle, true);
			await checkCycle(cycle);
			await later();
			options.log?.(
				`${config} seed ${seed} cycle ${cycle}: ${receipts.length} orders, ${result.violations.length} violations`,
			);
		}
		// The settle: no faults, kills or owner, time for search lags, pick-ups and deliveries.
		for (let i = 0; i < 6; i++) {
			if (courierName === "Furgonetka") await furgonetka.advanceAll();
			else await inpost.advanceAll();
			await runSync(cycles + 1 + i, false);
			await later();
		}
		await checkCycle("settle");
		await settleChecks();
	} finally {
		result.figures.orders = receipts.length;
		rmSync(stateDir, { recursive: true, force: true });
	}
	return result;
}

type OwnerAction =
	| { kind: "sort"; column: string; ascending: boolean }
	| { kind: "insert"; row: number }
	| { kind: "edit"; orderId: string; cells: Record<string, string> };

/** One fault on a platform's API, of a kind the issue lists. */
function faultSpec(r: Random, platform: Platform): FaultSpec {
	const method = r.pick(["GET", "POST", undefined]);
	const base = { ...(method ? { method } : {}), times: r.int(1, 2), after: r.int(0, 1) };
	const kind = r.pick(["5xx", "429", "malformed", "disconnect", "revoked", "timeout"] as const);
	switch (kind) {
		case "5xx":
			return { ...base, kind: "error", status: r.pick([500, 502, 503]) };
		case "429":
			return { ...base, kind: "rate-limit", retryAfter: 1 };
		case "malformed":
			return { ...base, kind: "malformed" };
		case "disconnect":
			return { ...base, kind: "disconnect" };
		case "revoked":
			// The webhook has no token to revoke: a 401 there is a refusal like any other.
			return {
				...base,
				kind: platform === "Webhook" ? "error" : "revoked-token",
				...(platform === "Webhook" ? { status: 401 } : {}),
			};
		case "timeout":
			return { ...base, kind: "delay", ms: 2_500 };
	}
}
