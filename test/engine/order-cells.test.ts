/** The platform cells a run writes: only changed ones, links only to their platform's hosts, dates once. */
import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { RowCells } from "../../src/core/order-upsert.js";
import { type CellInputs, designFree, platformCellWrites } from "../../src/engine/order-cells.js";
import { emptyOutcome, ordersTable, sheetRows } from "./platform-phase-fakes.js";

const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
const ORIGINS = { crm: ["https://*.pipedrive.com"], courier: ["https://*.furgonetka.pl"] };
const deal = (orderId: string, stagePushed = "Design", url = `https://shop.pipedrive.com/deal/D${orderId}`) => ({
	id: `D${orderId}`,
	url,
	stagePushed,
});
const shipment = (more: Partial<NonNullable<Bookkeeping["shipment"]>> = {}) => ({
	id: "P1",
	url: "https://furgonetka.pl/p/P1",
	state: "delivered",
	service: "dpd",
	trackingNumber: "TN1",
	trackingUrl: "https://evil.example/track",
	labelUrl: "https://furgonetka.pl/label/P1",
	addressUsed: "",
	...more,
});

function cells(rows: RowCells[], books: Array<[string, Bookkeeping]>, more: Partial<CellInputs> = {}) {
	// A filled Mail cell keeps the Mail search out of the writes of tests about other columns.
	const table = ordersTable(rows.map((row) => ({ mail: "Search mail", ...row })));
	const input: CellInputs = {
		rows: sheetRows(table),
		table,
		state: { books: new Map(books) },
		outcome: emptyOutcome(),
		crmStages: new Map(),
		courierStatuses: new Map(),
		labelsSaved: [],
		foldersMade: [],
		linkOrigins: ORIGINS,
		courierPlatform: "Furgonetka",
		drive: false,
		timeZone: "Europe/Warsaw",
		now: NOW,
		...more,
	};
	return { writes: platformCellWrites(input), input };
}

describe("platformCellWrites", () => {
	it("links a deal on its CRM's hosts, writes a foreign link as text, and shows the stage read this run", () => {
		const { writes, input } = cells(
			[{ order: "1001" }, { order: "1002" }],
			[
				["1001", { deal: deal("1001") }],
				["1002", { deal: deal("1002", "Design", "https://evil.example/D1002") }],
			],
			{ crmStages: new Map([["1001", "Production"]]) },
		);
		expect(writes).toEqual([
			{ orderId: "1001", key: "crmDeal", value: { text: "D1001", url: "https://shop.pipedrive.com/deal/D1001" } },
			{ orderId: "1001", key: "crmStage", value: "Production" },
			{ orderId: "1002", key: "crmDeal", value: "D1002" },
			{ orderId: "1002", key: "crmStage", value: "Design" },
		]);
		// The rows show what the run leaves, for reconciliation to judge.
		expect(input.rows.get("1001")?.cells.crmStage).toBe("Production");
	});

	it("writes nothing for cells already showing their value, nor an old stage over a hand edit", () => {
		const outcome = emptyOutcome();
		outcome.touched.add("1001");
		const { writes } = cells(
			[{ order: "1001", crmDeal: "D1001", crmStage: "On hold" }],
			[["1001", { deal: deal("1001") }]],
			{
				outcome,
			},
		);
		expect(writes).toEqual([]);
	});

	it("writes the courier's news: status in words, tracking as text off its hosts, label at the courier without Drive, Status moved", () => {
		// The push read the parcel: it touched the order.
		const outcome = emptyOutcome();
		outcome.touched.add("1001");
		const { writes, input } = cells(
			[{ order: "1001", status: "Shipped" }],
			[["1001", { shipment: shipment(), status: "Shipped" }]],
			{
				courierStatuses: new Map([["1001", "Delivered"]]),
				outcome,
			},
		);
		expect(writes).toEqual([
			{ orderId: "1001", key: "shipment", value: { text: "P1", url: "https://furgonetka.pl/p/P1" } },
			{ orderId: "1001", key: "courierStatus", value: "Delivered" },
			{ orderId: "1001", key: "tracking", value: "TN1" },
			{ orderId: "1001", key: "label", value: { text: "Label", url: "https://furgonetka.pl/label/P1" } },
			{ orderId: "1001", key: "status", value: "Delivered" },
			{ orderId: "1001", key: "deliveredOn", value: expect.anything() },
		]);
		expect(input.state.books.get("1001")?.status).toBe("Delivered");
		expect(input.state.books.get("1001")?.reached?.Delivered).toBe(NOW);
	});

	it("with the owner's Drive, links the label only once its PDF is saved there", () => {
		const waiting = cells(
			[{ order: "1001" }],
			[["1001", { shipment: shipment({ state: "created", trackingNumber: null }) }]],
			{
				drive: true,
			},
		);
		expect(waiting.writes.map((write) => write.key)).toEqual(["shipment", "courierStatus"]);
		const labelFile = { id: "F1", url: "https://drive.google.com/file/F1" };
		const saved = cells(
			[{ order: "1001", shipment: "P1", courierStatus: "Being prepared", label: "Label" }],
			[["1001", { shipment: shipment({ state: "created", trackingNumber: null, labelFile }) }]],
			{
				drive: true,
				labelsSaved: ["1001"],
			},
		);
		expect(saved.writes).toEqual([{ orderId: "1001", key: "label", value: { text: "Label", url: labelFile.url } }]);
	});

	it("catches up a deal saved in the bookkeeping that its cell does not show yet", () => {
		const { writes } = cells([{ order: "1001" }], [["1001", { deal: deal("1001", "Production") }]]);
		expect(writes.map((write) => `${write.key}=${JSON.stringify(write.value)}`)).toEqual([
			'crmDeal={"text":"D1001","url":"https://shop.pipedrive.com/deal/D1001"}',
			'crmStage="Production"',
		]);
	});

	it("links a folder made this run in a free Design cell only, and fills Mail and Shipped on once", () => {
		const books: Array<[string, Bookkeeping]> = ["1001", "1002"].map((id) => [
			id,
			{ folder: { name: id, id: `F${id}`, url: `https://drive.google.com/F${id}` }, reached: { Shipped: NOW } },
		]);
		const { writes } = cells(
			[
				{ order: "1001", buyer: "Anna", mail: "", shippedOn: "" },
				{ order: "1002", design: "https://canva.com/mine", shippedOn: "21.11.2026" },
			],
			books,
			{ foldersMade: ["1001", "1002"] },
		);
		expect(writes.map((write) => `${write.orderId} ${write.key}`)).toEqual([
			"1001 design",
			"1001 mail",
			"1001 shippedOn",
		]);
		expect(writes[0]?.value).toEqual({ text: "Design folder", url: "https://drive.google.com/F1001" });
		expect(writes[1]?.value).toEqual({
			text: "Search mail",
			url: expect.stringMatching(/^https:\/\/mail\.google\.com\//),
		});
	});
});

describe("designFree", () => {
	it("is free when empty or showing Hubsheet's own folder link, not with the owner's link", () => {
		const rows = sheetRows(
			ordersTable([{ order: "1" }, { order: "2", design: " Design folder " }, { order: "3", design: "mine" }]),
		);
		expect(["1", "2", "3"].map((id) => designFree(rows, id))).toEqual([true, true, false]);
	});
});
