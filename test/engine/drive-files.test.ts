/** The Drive step: a folder once for each order in Design whose Design cell is free, and labels only with the owner's Drive. */
import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { CourierConnector } from "../../src/core/connector-contracts.js";
import type { RowCells } from "../../src/core/order-upsert.js";
import { type DriveFilesInput, saveDriveFiles } from "../../src/engine/drive-files.js";
import { memoryDrive } from "./memory-drive.js";
import { MemoryLog } from "./memory-store.js";
import { bookedShipment, ordersTable, sheetRows } from "./platform-phase-fakes.js";

const ROWS: RowCells[] = [
	{ order: "1001", buyer: "Anna", status: "Design", design: "" },
	{ order: "1002", buyer: "Jan", status: " Design ", design: "https://canva.com/my-own" },
	{ order: "1003", buyer: "Ola", status: "New", design: "" },
	{ order: "1004", buyer: "Piotr", status: "Design", design: "Design folder" },
];

const labelCourier = (asked: string[]) =>
	({
		labelPdf: (id: string) => {
			asked.push(id);
			return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
		},
	}) as unknown as CourierConnector;

function run(
	books: Map<string, Bookkeeping>,
	more: Partial<DriveFilesInput> & { drop?: string[] } = {},
): ReturnType<typeof saveDriveFiles> & { saved: string[] } {
	const table = ordersTable(ROWS, more.drop);
	const saved: string[] = [];
	const result = saveDriveFiles({
		log: new MemoryLog(),
		saveBooks: (ids) => void saved.push(...ids),
		overBudget: () => false,
		state: { books },
		rows: sheetRows(table),
		table,
		courier: null,
		...more,
	});
	return { ...result, saved };
}

describe("saveDriveFiles", () => {
	it("makes a folder for each order in Design unless the owner linked a design of their own, once", () => {
		const { drive, paths } = memoryDrive();
		const books = new Map<string, Bookkeeping>();
		const first = run(books, { drive });
		expect(first.foldersMade).toEqual(["1001", "1004"]);
		// Each name is saved before its folder is made: a run killed in between looks it up, not makes another.
		expect(first.saved).toEqual(["1001", "1004"]);
		expect(books.get("1001")?.folder?.url).toMatch(/^https:\/\/drive\.google\.com\//);
		expect(books.has("1002")).toBe(false);
		expect(books.has("1003")).toBe(false);

		const again = run(books, { drive });
		expect(again.foldersMade).toEqual([]);
		expect(paths().filter((path) => path.includes("/"))).toHaveLength(2);
	});

	it("makes no folder without the owner's Drive or without a Design column", () => {
		const books = new Map<string, Bookkeeping>();
		expect(run(books).foldersMade).toEqual([]);
		const { drive, calls } = memoryDrive();
		expect(run(books, { drive, drop: ["design"] }).foldersMade).toEqual([]);
		expect(calls).toEqual([]);
		expect(books.size).toBe(0);
	});

	it("saves a waiting parcel's label PDF only with both a courier and the owner's Drive", () => {
		const shipment = bookedShipment("P1");
		const books = new Map<string, Bookkeeping>([["1003", { status: "Ready to ship", shipment }]]);
		const asked: string[] = [];
		expect(run(books, { courier: labelCourier(asked) }).labelsSaved).toEqual([]);
		expect(asked).toEqual([]);
		const { drive } = memoryDrive();
		expect(run(books, { courier: labelCourier(asked), drive }).labelsSaved).toEqual(["1003"]);
		expect(asked).toEqual(["P1"]);
		expect(run(books, { courier: labelCourier(asked), drive }).labelsSaved).toEqual([]);
		expect(asked).toEqual(["P1"]);
	});
});
