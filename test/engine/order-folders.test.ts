import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import {
	type DesignFolderSheet,
	ensureOrderFolders,
	makeSelectedDesignFolder,
	ORDERS_FOLDER,
} from "../../src/engine/order-folders.js";
import { memoryDrive } from "./memory-drive.js";
import { MemoryLog } from "./memory-store.js";

describe("order folders in Drive", () => {
	it("records the folder's name before making it, makes it once, and asks Drive nothing for a known folder", () => {
		const { drive, calls, paths } = memoryDrive();
		const books = new Map<string, Bookkeeping>([["1001", { status: "Design" }]]);
		const saved: Array<Bookkeeping | undefined> = [];
		const deps = {
			drive,
			log: new MemoryLog(),
			saveBooks: (ids: readonly string[]) => saved.push(...ids.map((id) => structuredClone(books.get(id)))),
		};
		expect(ensureOrderFolders(books, [{ orderId: "1001", buyer: "Anna Kowalska" }], deps)).toEqual(["1001"]);
		expect(saved).toEqual([{ status: "Design", folder: { name: "Order 1001 - Anna Kowalska" } }]);
		// A first create looks up only the parent.
		expect(calls).toEqual([
			`folderNamed ${ORDERS_FOLDER}`,
			`createFolder ${ORDERS_FOLDER}`,
			"createFolder Order 1001 - Anna Kowalska",
		]);
		expect(books.get("1001")?.folder).toEqual({
			name: "Order 1001 - Anna Kowalska",
			id: "folder-2",
			url: "https://drive.google.com/folder-2",
		});
		calls.length = 0;
		expect(ensureOrderFolders(books, [{ orderId: "1001", buyer: "Anna Kowalska" }], deps)).toEqual([]);
		expect(calls).toEqual([]);
		expect(paths()).toEqual([ORDERS_FOLDER, `${ORDERS_FOLDER}/Order 1001 - Anna Kowalska`]);
	});

	it("after a run killed between making the folder and saving its id, finds it by the recorded name", () => {
		const { drive, calls, paths } = memoryDrive();
		const books = new Map<string, Bookkeeping>([["1001", {}]]);
		let afterIntent: Bookkeeping | undefined;
		const deps = {
			drive,
			log: new MemoryLog(),
			saveBooks: () => (afterIntent = structuredClone(books.get("1001"))),
		};
		ensureOrderFolders(books, [{ orderId: "1001", buyer: "Anna" }], deps);
		const made = books.get("1001")?.folder?.id;
		// The next run starts from what was saved: the name, no id. The buyer's name changed on Etsy since.
		const next = new Map<string, Bookkeeping>([["1001", afterIntent as Bookkeeping]]);
		calls.length = 0;
		expect(ensureOrderFolders(next, [{ orderId: "1001", buyer: "Anna Nowak" }], deps)).toEqual(["1001"]);
		expect(next.get("1001")?.folder?.id).toBe(made);
		expect(calls).toEqual([`folderNamed ${ORDERS_FOLDER}`, "folderNamed Order 1001 - Anna"]);
		expect(paths()).toEqual([ORDERS_FOLDER, `${ORDERS_FOLDER}/Order 1001 - Anna`]);
	});

	it("keeps the name when Drive fails, so the next run looks before it makes", () => {
		const { drive } = memoryDrive();
		const log = new MemoryLog();
		const books = new Map<string, Bookkeeping>([["1001", {}]]);
		const failing = {
			...drive,
			createFolder: () => {
				throw new Error("Service error: Drive");
			},
		};
		expect(
			ensureOrderFolders(books, [{ orderId: "1001", buyer: "Anna" }], { drive: failing, log, saveBooks: () => {} }),
		).toEqual([]);
		expect(books.get("1001")?.folder).toEqual({ name: "Order 1001 - Anna" });
		expect(log.lines.join("\n")).toMatch(/Drive folder of order 1001 failed/);
	});
});

/** A fake spreadsheet for "Make the Design folder": one order's row on Orders, its bookkeeping, the lock. */
function designSheet(overrides: Partial<DesignFolderSheet> = {}) {
	const events: string[] = [];
	const written: Bookkeeping[] = [];
	const sheet: DesignFolderSheet = {
		selection: () => ({ sheet: "Orders", row: 2 }),
		orderIdOnRow: () => " 1001 ",
		tryLock: () => {
			events.push("lock");
			return true;
		},
		releaseLock: () => events.push("unlock"),
		orderCells: () => ({ design: "", buyer: "Anna" }),
		readBooks: () => ({ status: "Design" }),
		writeBooks: (_orderId, books) => {
			written.push(structuredClone(books));
		},
		linkDesign: (url) => events.push(`link ${url}`),
		...overrides,
	};
	return { sheet, events, written };
}

describe("the sidebar's Make the Design folder", () => {
	it("makes the selected order's folder once, records it and links it from Design, under the lock", () => {
		const { drive, paths } = memoryDrive();
		const { sheet, events, written } = designSheet();
		expect(makeSelectedDesignFolder(sheet, { drive, log: new MemoryLog() })).toEqual({
			made: true,
			url: "https://drive.google.com/folder-2",
			message: `Order 1001's Design folder is in your Drive: ${ORDERS_FOLDER} > Order 1001 - Anna. The Design cell links it.`,
		});
		// The name before the create, then the id: a run killed between them finds the folder by name.
		expect(written).toEqual([
			{ status: "Design", folder: { name: "Order 1001 - Anna" } },
			{
				status: "Design",
				folder: { name: "Order 1001 - Anna", id: "folder-2", url: "https://drive.google.com/folder-2" },
			},
		]);
		expect(events).toEqual(["lock", "link https://drive.google.com/folder-2", "unlock"]);
		expect(paths()).toEqual([ORDERS_FOLDER, `${ORDERS_FOLDER}/Order 1001 - Anna`]);
	});

	it("redoes the link of a Design cell Hubsheet wrote, without a second folder", () => {
		const { drive, calls } = memoryDrive();
		const known = { name: "Order 1001 - Anna", id: "folder-9", url: "https://drive.google.com/folder-9" };
		const { sheet, events } = designSheet({
			orderCells: () => ({ design: " Design folder ", buyer: "Anna" }),
			readBooks: () => ({ folder: known }),
		});
		expect(makeSelectedDesignFolder(sheet, { drive, log: new MemoryLog() })).toMatchObject({
			made: true,
			url: known.url,
		});
		expect(calls).toEqual([]);
		expect(events).toContain(`link ${known.url}`);
	});

	it("keeps a link the owner typed in Design and makes no folder", () => {
		const { drive, calls } = memoryDrive();
		const { sheet, events, written } = designSheet({
			orderCells: () => ({ design: "https://www.dropbox.com/mine", buyer: "Anna" }),
		});
		expect(makeSelectedDesignFolder(sheet, { drive, log: new MemoryLog() })).toEqual({
			made: false,
			message: "Order 1001 already has your own link in Design: kept, no folder made.",
		});
		expect(calls).toEqual([]);
		expect(written).toEqual([]);
		expect(events).toEqual(["lock", "unlock"]);
	});

	it("counts the folder as made only when Drive answered with a Drive link", () => {
		const { drive } = memoryDrive();
		const elsewhere = { ...drive, createFolder: () => ({ id: "x", url: "https://evil.example/x" }) };
		const { sheet, events } = designSheet();
		expect(makeSelectedDesignFolder(sheet, { drive: elsewhere, log: new MemoryLog() })).toEqual({
			made: false,
			message: "Google Drive did not make the folder this time: try again in a minute.",
		});
		const failing = {
			...drive,
			createFolder: () => {
				throw new Error("Service error: Drive");
			},
		};
		expect(makeSelectedDesignFolder(designSheet().sheet, { drive: failing, log: new MemoryLog() }).made).toBe(false);
		expect(events.some((event) => event.startsWith("link"))).toBe(false);
	});

	it("asks to select an order's row first, and takes no lock for it", () => {
		const { drive } = memoryDrive();
		const selectFirst = "Click a cell in an order's row on the Orders sheet first, then press the button again.";
		for (const overrides of [
			{ selection: () => null },
			{ selection: () => ({ sheet: "Settings", row: 5 }) },
			{ selection: () => ({ sheet: "Orders", row: 1 }) },
			{ orderIdOnRow: () => "  " },
		] satisfies Array<Partial<DesignFolderSheet>>) {
			const { sheet, events } = designSheet(overrides);
			expect(makeSelectedDesignFolder(sheet, { drive, log: new MemoryLog() })).toEqual({
				made: false,
				message: selectFirst,
			});
			expect(events).toEqual([]);
		}
	});

	it("says why nothing was made: a sync running, the order gone, no Design column", () => {
		const { drive } = memoryDrive();
		const log = new MemoryLog();
		expect(makeSelectedDesignFolder(designSheet({ tryLock: () => false }).sheet, { drive, log }).message).toBe(
			"A sync is running right now: try again in a minute.",
		);
		const gone = designSheet({ orderCells: () => null });
		expect(makeSelectedDesignFolder(gone.sheet, { drive, log }).message).toBe("Order 1001 is not on the Orders sheet.");
		expect(gone.events).toEqual(["lock", "unlock"]);
		expect(
			makeSelectedDesignFolder(designSheet({ orderCells: () => ({ design: null, buyer: "" }) }).sheet, { drive, log })
				.message,
		).toBe('The Orders sheet has no "Design" column: run Hubsheet > Set up sheets.');
	});

	it("refuses an order no sync has recorded yet, and lets go of the lock", () => {
		const { drive, calls } = memoryDrive();
		const { sheet, events } = designSheet({ readBooks: () => null });
		expect(() => makeSelectedDesignFolder(sheet, { drive, log: new MemoryLog() })).toThrow(
			"Hubsheet has no record of order 1001 yet: press Sync now first.",
		);
		expect(calls).toEqual([]);
		expect(events).toEqual(["lock", "unlock"]);
	});
});
