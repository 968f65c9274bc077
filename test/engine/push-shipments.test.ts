import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import { createShipments, formatAddress, shipmentBook } from "../../src/engine/push-shipments.js";
import { FakeCourier, pushRun, shipment } from "./push-fakes.js";

const NOW = 1_800_000_000_000;

describe("createShipments", () => {
	it("saves each intent before its create, then the shipment with its address and next read", () => {
		const courier = new FakeCourier();
		const books = new Map<string, Bookkeeping>();
		const seen: string[] = [];
		const { run } = pushRun(
			{
				courier,
				saveBookkeeping: (ids) =>
					void seen.push(`${ids.join(",")}: ${courier.creates} made, intent ${!!books.get("1")?.intents?.shipment}`),
			},
			books,
		);
		createShipments(run, courier, ["1"]);
		expect(seen).toEqual(["1: 0 made, intent true", "1: 1 made, intent false"]);
		const made = books.get("1")?.shipment;
		expect(made).toMatchObject({ id: "S1", state: "waiting_for_pickup", stateSince: NOW });
		expect(made?.addressUsed).toContain("01-234 Warszawa");
		expect(made?.nextPollAt).toBeGreaterThan(NOW);
	});

	it("looks for the shipment an earlier run may have made instead of creating a second one", () => {
		const courier = new FakeCourier();
		courier.made.set("1", shipment("1", "waiting_for_pickup"));
		const books = new Map<string, Bookkeeping>([["1", { intents: { shipment: { key: "k", at: 1 } } }]]);
		const { run } = pushRun({ courier }, books);
		createShipments(run, courier, ["1"]);
		expect(courier.creates).toBe(0);
		expect(books.get("1")?.shipment?.id).toBe("S1");
		expect(run.outcome.actions.map((action) => action.action)).toEqual(["found shipment"]);
	});

	it("asks Etsy's allowance for the fresh reads: what it cannot pay for is not read, validated or intended", () => {
		const courier = new FakeCourier();
		const read: string[] = [];
		const asked: string[] = [];
		const budget = {
			allow: (platform: string, work: string, ids: readonly string[]) => {
				asked.push(`${platform} ${work}`);
				return ids.slice(0, 1);
			},
		};
		const { run, books, all } = pushRun({ courier, budget });
		const order = all.etsy.order;
		all.etsy.order = (orderId) => {
			read.push(orderId);
			return order(orderId);
		};
		createShipments(run, courier, ["1", "2"]);
		expect(asked).toEqual(["Etsy create"]);
		expect(read).toEqual(["1"]);
		expect(books.has("2")).toBe(false);
	});

	it("records no intent for a shipment the courier's validation refuses, and clears Etsy's old error", () => {
		const courier = new FakeCourier();
		courier.validate = () => [{ field: "receiver.postcode", message: "Invalid postcode." }];
		const books = new Map<string, Bookkeeping>([["1", { errors: { Etsy: { message: "HTTP 503", at: 1 } } }]]);
		const { run, saved } = pushRun({ courier }, books);
		createShipments(run, courier, ["1"]);
		expect(courier.creates).toBe(0);
		expect(books.get("1")?.intents?.shipment).toBeUndefined();
		expect(books.get("1")?.errors).toEqual({
			Furgonetka: expect.objectContaining({ kind: "rejected", operation: "create-shipment" }),
		});
		// Saved once, after the group, for the finding: no intent went before it.
		expect(saved).toEqual([["1"]]);
	});

	it("puts a failed fresh read on Etsy, not on the courier", () => {
		const courier = new FakeCourier();
		const { run, books, all } = pushRun({ courier });
		all.etsy.order = () => {
			throw new Error("Etsy getShopReceipt failed with HTTP 503");
		};
		createShipments(run, courier, ["1"]);
		expect(Object.keys(books.get("1")?.errors ?? {})).toEqual(["Etsy"]);
		expect(run.outcome.actions).toEqual([
			expect.objectContaining({ platform: "Etsy", action: "read order for shipment", outcome: "failed" }),
		]);
	});

	it("asks for the Phone cell before the courier is asked anything", () => {
		const courier = new FakeCourier();
		let validated = 0;
		courier.validate = () => {
			validated++;
			return [];
		};
		// Order 2's Phone cell is empty (push-fakes.ts).
		const { run, books } = pushRun({ courier });
		createShipments(run, courier, ["2"]);
		expect(validated + courier.creates).toBe(0);
		expect(books.get("2")?.errors?.Furgonetka?.message).toMatch(/^The Phone cell is empty/);
	});
});

describe("formatAddress and shipmentBook", () => {
	it("writes an address on one line, skipping empty parts", () => {
		const address = {
			name: "Anna",
			firstLine: "ul. Długa 1",
			secondLine: "",
			city: "Kraków",
			state: "",
			zip: "30-001",
			countryIso: "PL",
		};
		expect(formatAddress(address)).toBe("Anna, ul. Długa 1, 30-001 Kraków, PL");
	});

	it("keeps what the courier said of the shipment", () => {
		expect(shipmentBook(shipment("1", "collected", "T1"))).toEqual({
			id: "S1",
			url: "https://courier/S1",
			state: "collected",
			service: "dpd",
			trackingNumber: "T1",
			trackingUrl: null,
			labelUrl: "https://courier/label/S1",
		});
	});
});
