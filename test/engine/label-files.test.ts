import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { CourierConnector } from "../../src/core/connector-contracts.js";
import { LABELS_FOLDER, saveLabelFiles } from "../../src/engine/label-files.js";
import type { Drive, DriveItem } from "../../src/ports.js";
import { MemoryLog } from "./memory-store.js";

/** A Drive of plain maps: folders and files by parent and name. */
function memoryDrive() {
	const items = new Map<string, { parent: string | null; name: string; kind: "folder" | "file" }>();
	const item = (id: string): DriveItem => ({ id, url: `https://drive.google.com/${id}` });
	const find = (parent: string | null, name: string, kind: "folder" | "file") => {
		for (const [id, it] of items) if (it.parent === parent && it.name === name && it.kind === kind) return item(id);
		return null;
	};
	const make = (parent: string | null, name: string, kind: "folder" | "file") => {
		const id = `${kind}-${items.size + 1}`;
		items.set(id, { parent, name, kind });
		return item(id);
	};
	const drive: Drive = {
		folder: (id) => (items.get(id)?.kind === "folder" ? item(id) : null),
		folderNamed: (parent, name) => find(parent, name, "folder"),
		createFolder: (parent, name) => make(parent, name, "folder"),
		fileNamed: (folder, name) => find(folder, name, "file"),
		createFile: (folder, file) => make(folder, file.name, "file"),
	};
	return { drive, items };
}

function courierWithLabels(asked: string[]): CourierConnector {
	return {
		labelPdf: (id: string) => {
			asked.push(id);
			return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
		},
	} as unknown as CourierConnector;
}

const shipment = (id: string): NonNullable<Bookkeeping["shipment"]> => ({
	id,
	url: "",
	state: "created",
	service: "dpd",
	trackingNumber: null,
	trackingUrl: null,
	labelUrl: null,
	addressUsed: "",
});

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
		const { drive, items } = memoryDrive();
		const saved = saveLabelFiles(books, courierWithLabels(asked), drive, new MemoryLog(), () => false);
		expect(saved).toEqual(["1001"]);
		expect(asked).toEqual(["P1"]);
		expect(books.get("1001")?.shipment?.labelFile?.id).toMatch(/^file-/);
		expect([...items.values()].map((it) => it.name)).toEqual([LABELS_FOLDER, "Order 1001", "Label P1.pdf"]);

		// The next run: the label is known, nothing is asked or made again.
		expect(saveLabelFiles(books, courierWithLabels(asked), drive, new MemoryLog(), () => false)).toEqual([]);
		expect(asked).toEqual(["P1"]);
		expect(items.size).toBe(3);
	});

	it("finds the file a killed run made instead of making a second", () => {
		const { drive, items } = memoryDrive();
		const first = new Map<string, Bookkeeping>([["1001", { status: "Ready to ship", shipment: shipment("P1") }]]);
		saveLabelFiles(first, courierWithLabels([]), drive, new MemoryLog(), () => false);
		// The killed run's bookkeeping never got the file.
		const again = new Map<string, Bookkeeping>([["1001", { status: "Ready to ship", shipment: shipment("P1") }]]);
		saveLabelFiles(again, courierWithLabels([]), drive, new MemoryLog(), () => false);
		expect(items.size).toBe(3);
		expect(again.get("1001")?.shipment?.labelFile).toEqual(first.get("1001")?.shipment?.labelFile);
	});
});
