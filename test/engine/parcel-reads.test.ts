/**
 * Sync now and the daily allowance of courier reads (core/parcel-polling.ts): pressing Sync now makes
 * parcels due before their time, but every read still comes out of the allowance the trigger runs
 * spend, so a shop with hundreds of parcels in flight never reads more in a day than it allows.
 */
import { describe, expect, it } from "vitest";
import { compactEtsyOrder } from "../../src/core/bookkeeping.js";
import type { CourierConnector, TrackResult } from "../../src/core/connector-contracts.js";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import { PARCEL_READS_PER_DAY } from "../../src/core/parcel-polling.js";
import { PARCEL_READS_KEY } from "../../src/engine/parcel-reads.js";
import { runPlatformSync } from "../../src/engine/platform-sync.js";
import type { Clock, Log } from "../../src/ports.js";
import { sampleOrder } from "../core/sample-order.js";
import { FakeWorkbook } from "./fake-workbook.js";
import { MemoryStore } from "./memory-store.js";

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const log: Log = { info: () => {}, warn: () => {}, error: () => {} };

/** A shop with `count` parcels awaiting pick-up, each next due an hour after START. */
function shop(count: number) {
	const header = ORDER_COLUMNS.map((column) => column.header);
	const orderAt = ORDER_COLUMNS.findIndex((column) => column.key === "order");
	const statusAt = ORDER_COLUMNS.findIndex((column) => column.key === "status");
	const orders: unknown[][] = [header];
	const state: unknown[][] = [["Order", "Bookkeeping"]];
	for (let index = 0; index < count; index++) {
		const orderId = String(3_000_000_000 + index);
		const row: unknown[] = header.map(() => "");
		row[orderAt] = orderId;
		row[statusAt] = "Ready to ship";
		orders.push(row);
		const books = {
			etsy: compactEtsyOrder(sampleOrder({ orderId })),
			status: "Ready to ship",
			statusSince: START - HOUR,
			shipment: {
				id: `S${orderId}`,
				url: "",
				state: "ordered",
				service: "dpd",
				trackingNumber: null,
				trackingUrl: null,
				labelUrl: null,
				addressUsed: "",
				stateSince: START - HOUR,
				nextPollAt: START + HOUR,
			},
		};
		state.push([orderId, JSON.stringify(books)]);
	}
	return new FakeWorkbook({ Orders: orders, Settings: [["Setting", "Value"]], "Hubsheet state": state } as never);
}

function courier(reads: string[]): CourierConnector {
	return {
		platform: "Furgonetka",
		validate: () => [],
		findShipment: () => null,
		createShipment: () => {
			throw new Error("not in this test");
		},
		track: () => [],
		trackEach: (ids): TrackResult[] => {
			reads.push(...ids);
			return ids.map((shipmentId) => ({
				shipmentId,
				kind: "found",
				shipment: {
					shipmentId,
					orderId: "",
					url: "",
					state: "ordered",
					service: "dpd",
					trackingNumber: null,
					trackingUrl: null,
					labelUrl: null,
				},
			}));
		},
	} as CourierConnector;
}

function sync(workbook: FakeWorkbook, store: MemoryStore, at: number, syncNow: boolean, reads: string[]) {
	const clock: Clock = { now: () => new Date(at), sleep: () => {} };
	return runPlatformSync({
		workbook,
		connect: () => ({
			crm: null,
			courier: courier(reads),
			etsy: { order: () => null, submitTracking: () => ({ ok: true }), carriers: () => null },
			problems: [],
		}),
		pulled: [],
		store,
		clock,
		log,
		...(syncNow ? { parcelsDueEarly: true } : {}),
	});
}

describe("Sync now and the parcel-read allowance", () => {
	it("reads parcels before they are due on Sync now, but no more than the allowance holds", () => {
		const workbook = shop(300);
		const store = new MemoryStore();
		const reads: string[] = [];
		// A trigger run at START: nothing is due for another hour, so the courier is asked nothing.
		sync(workbook, store, START, false, reads);
		expect(reads).toEqual([]);
		// Sync now at the same moment: parcels are read early, as many as the allowance holds (two hours' worth).
		sync(workbook, store, START, true, reads);
		expect(reads.length).toBe(PARCEL_READS_PER_DAY / 12);
		expect(new Set(reads).size).toBe(reads.length);
		// Pressed again a minute later: the allowance has refilled by less than one read, so none is made.
		sync(workbook, store, START + MINUTE, true, reads);
		expect(reads.length).toBe(PARCEL_READS_PER_DAY / 12);
		expect(JSON.parse(store.get(PARCEL_READS_KEY) ?? "{}").left).toBeLessThan(1);
	});

	it("keeps a day of Sync now every half hour with 100 parcels within the day's allowance", () => {
		const workbook = shop(100);
		const store = new MemoryStore();
		const reads: string[] = [];
		for (let at = START; at < START + 24 * HOUR; at += 30 * MINUTE) sync(workbook, store, at, true, reads);
		// Were Sync now to read every parcel in flight, 48 presses would read 4,800.
		expect(reads.length).toBeLessThanOrEqual(PARCEL_READS_PER_DAY + PARCEL_READS_PER_DAY / 12);
		expect(reads.length).toBeGreaterThan(PARCEL_READS_PER_DAY * 0.9);
	});
});
