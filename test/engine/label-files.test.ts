import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { CourierConnector } from "../../src/core/connector-contracts.js";
import { saveLabelFiles } from "../../src/engine/label-files.js";
import { ORDERS_FOLDER } from "../../src/engine/order-folders.js";
import { memoryDrive } from "./memory-drive.js";
import { MemoryLog } from "./memory-store.js";
import { bookedShipment as shipment } from "./platform-phase-fakes.js";

const folders = (drive: ReturnType<typeof memoryDrive>["drive"], saved: string[] = []) => ({
	drive,
	log: new MemoryLog(),
	saveBooks: (orderIds: readonly string[]) => {
		saved.push(...orderIds);
	},
	buyerOf: () => "Anna Kowalska",
});

function courierWithLabels(asked: string[]): CourierConnector {
	return {
		labelPdf: (id: string) => {
			asked.push(id);
			return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
		},
	} as unknown as CourierConnector;
}

describe("label files in Drive", () => {
	it("saves a waiting parcel's label once, and never asks for the label of an order already shipped, delivered or cancelled", () => {
		const books = new Map<string, Bookkeeping>([
			["1001", { status: "Ready to ship", shipment: shipment("P1") }],
			["1002", { status: "Shipped", shipment: shipment("P2") }],
			["1003", { status: "Delivered", shipment: shipment("P3") }],
			["1004", { status: "Cancelled", shipment: shipment("P4") }],
			["1005", { status: "Ready to ship" }],
		]);
		const asked: string[] = [];
		const { drive, items, paths } = memoryDrive();
		const saved = saveLabelFiles(books, courierWithLabels(asked), folders(drive), () => false);
		expect(saved).toEqual(["1001"]);
		expect(asked).toEqual(["P1"]);
		expect(books.get("1001")?.shipment?.labelFile?.id).toMatch(/^file-/);
		expect(paths()).toEqual([
			ORDERS_FOLDER,
			`${ORDERS_FOLDER}/Order 1001 - Anna Kowalska`,
			"Order 1001 - Anna Kowalska/Label P1.pdf",
		]);

		// The next run: the label is known, nothing is asked or made again.
		expect(saveLabelFiles(books, courierWithLabels(asked), folders(drive), () => false)).toEqual([]);
		expect(asked).toEqual(["P1"]);
		expect(items.size).toBe(3);
	});

	it("finds the folder and the file a killed run made instead of making a second", () => {
		const { drive, items } = memoryDrive();
		const first = new Map<string, Bookkeeping>([["1001", { status: "Ready to ship", shipment: shipment("P1") }]]);
		// What reached the state sheet: the folder's name, saved before the folder was made.
		let savedBooks: Bookkeeping | undefined;
		saveLabelFiles(
			first,
			courierWithLabels([]),
			{ ...folders(drive), saveBooks: () => (savedBooks = structuredClone(first.get("1001"))) },
			() => false,
		);
		expect(items.size).toBe(3);
		expect(savedBooks?.folder).toEqual({ name: "Order 1001 - Anna Kowalska" });
		// The killed run's bookkeeping never got the folder's id or the file.
		const again = new Map<string, Bookkeeping>([["1001", savedBooks as Bookkeeping]]);
		saveLabelFiles(again, courierWithLabels([]), folders(drive), () => false);
		expect(items.size).toBe(3);
		expect(again.get("1001")?.shipment?.labelFile).toEqual(first.get("1001")?.shipment?.labelFile);
	});
});
