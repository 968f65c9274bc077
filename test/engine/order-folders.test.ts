import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { ensureOrderFolders, ORDERS_FOLDER } from "../../src/engine/order-folders.js";
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
