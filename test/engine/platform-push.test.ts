import { describe, expect, it } from "vitest";
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import {
	PlatformError,
	type ShipmentRequest,
	type StageMove,
	type StageMoveResult,
} from "../../src/core/connector-contracts.js";
import { runPlatformPush } from "../../src/engine/platform-push.js";
import { sampleOrder } from "../core/sample-order.js";
import { deps, EMPTY, FakeCourier, FakeCrm, mapping, ORDERS, SENDER } from "./push-fakes.js";

describe("runPlatformPush", () => {
	it("saves every intent before the first create, then records the deal and clears the intent", () => {
		const crm = new FakeCrm();
		const books = new Map<string, Bookkeeping>();
		const { all, saved } = deps({
			crm,
			saveBookkeeping: (ids) => void saved.push([...ids, `deals so far: ${crm.created.length}`]),
		});
		runPlatformPush({ ...EMPTY, createDeals: [{ orderId: "1", stageName: "New order" }] }, books, ORDERS, all);
		// The intent before the create, the deal right after it.
		expect(saved).toEqual([
			["1", "deals so far: 0"],
			["1", "deals so far: 1"],
		]);
		expect(books.get("1")?.deal).toEqual({ id: "D1", url: "https://crm/D1", stagePushed: "New order" });
		expect(books.get("1")?.intents).toEqual({});
		expect(crm.created[0]).toMatchObject({
			title: "Etsy 1 · Anna",
			value: 100,
			currency: "EUR",
			person: { email: "anna@example.com" },
		});
	});

	it("saves what it made every few creates, and stops at the time budget with no intent left unsent", () => {
		const crm = new FakeCrm();
		const books = new Map<string, Bookkeeping>();
		const orders = new Map(
			Array.from({ length: 25 }, (_, index) => [
				String(index + 1),
				{ buyer: "B", email: `b${index}@example.com`, total: 1, currency: "EUR", phone: "" },
			]),
		);
		let budgetLeft = 2;
		const { all, saved } = deps({
			crm,
			saveEvery: 10,
			// Two groups fit in the budget; the third waits for the continuation.
			overBudget: () => budgetLeft-- <= 0,
			saveBookkeeping: (ids) => void saved.push([`${ids.length} saved, deals so far: ${crm.created.length}`]),
		});
		const outcome = runPlatformPush(
			{ ...EMPTY, createDeals: [...orders.keys()].map((orderId) => ({ orderId, stageName: "New order" })) },
			books,
			orders,
			all,
		);
		expect(saved.flat()).toEqual([
			"10 saved, deals so far: 0",
			"10 saved, deals so far: 10",
			"10 saved, deals so far: 10",
			"10 saved, deals so far: 20",
		]);
		expect(outcome.outOfTime).toBe(true);
		expect(crm.created).toHaveLength(20);
		// The orders never reached have no intent: the continuation creates them without a look-up.
		expect([...books.values()].filter((entry) => entry.intents?.deal)).toHaveLength(0);
		expect(books.has("21")).toBe(false);
	});

	it("finds the deal a killed run made instead of creating a second one", () => {
		const crm = new FakeCrm();
		crm.madeEarlier("1");
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "hubsheet:1:deal", at: 1 } } }]]);
		runPlatformPush(
			{ ...EMPTY, createDeals: [{ orderId: "1", stageName: "New order" }] },
			books,
			ORDERS,
			deps({ crm }).all,
		);
		expect(crm.created).toHaveLength(1);
		expect(books.get("1")?.deal?.id).toBe("D1");
	});

	it("records a failure on its order and goes on with the others", () => {
		const crm = new FakeCrm();
		crm.failFor.add("1");
		const books = new Map<string, Bookkeeping>();
		const outcome = runPlatformPush(
			{
				...EMPTY,
				createDeals: [
					{ orderId: "1", stageName: "New order" },
					{ orderId: "2", stageName: "New order" },
				],
			},
			books,
			ORDERS,
			deps({ crm }).all,
		);
		expect(books.get("1")?.errors?.Pipedrive?.message).toBe("HTTP 503");
		// The request went out: it may have applied, so the next run looks up before creating.
		expect(books.get("1")?.intents?.deal).toBeDefined();
		expect(books.get("2")?.deal?.id).toBe("D2");
		expect(outcome.actions.map((action) => action.result)).toEqual(["HTTP 503", "D2"]);
		// Typed per item, never read from the action's words.
		expect(outcome.actions.map((action) => [action.orderId, action.outcome, action.connectionFailed])).toEqual([
			["1", "failed", "Pipedrive"],
			["2", "ok", undefined],
		]);
	});

	it("puts a shipment the courier could not read on exactly its own row; the others move on", () => {
		const courier = new FakeCourier();
		const books = new Map<string, Bookkeeping>();
		const { all } = deps({ courier });
		const withPhones = new Map(
			["1", "2", "3"].map((id) => [
				id,
				{ buyer: `B${id}`, email: `b${id}@example.com`, total: 1, currency: "PLN", phone: "600100200" },
			]),
		);
		runPlatformPush({ ...EMPTY, createShipments: ["1", "2", "3"] }, books, withPhones, all);
		expect([...books.values()].filter((entry) => entry.shipment)).toHaveLength(3);
		for (const id of ["S1", "S2", "S3"]) courier.states.set(id, "collected");
		courier.failing.add("S2");
		courier.unknown.add("S3");
		const outcome = runPlatformPush(
			{
				...EMPTY,
				track: ["1", "2", "3"].map((orderId) => ({ orderId, shipmentId: `S${orderId}` })),
			},
			books,
			withPhones,
			all,
		);
		expect([...outcome.statusChanges]).toEqual([["1", "Shipped"]]);
		expect(books.get("1")?.errors?.Furgonetka).toBeUndefined();
		expect(books.get("2")?.errors?.Furgonetka).toMatchObject({
			message: "HTTP 503 on S2",
			kind: "unavailable",
			operation: "track-shipment",
		});
		expect(books.get("3")?.errors?.Furgonetka).toMatchObject({ kind: "rejected", operation: "track-shipment" });
		expect(books.get("3")?.errors?.Furgonetka?.message).toContain("does not know shipment S3");
		expect(outcome.actions.map((action) => [action.orderId, action.outcome, action.connectionFailed])).toEqual([
			["2", "failed", "Furgonetka"],
			["3", "failed", undefined],
		]);
	});

	it("blames Etsy, not the courier, when the fresh receipt for a shipment cannot be read", () => {
		const courier = new FakeCourier();
		const books = new Map<string, Bookkeeping>();
		const { all } = deps({
			courier,
			etsy: {
				order: () => {
					throw new Error("Etsy getShopReceipt failed with HTTP 503 after 3 attempts");
				},
				submitTracking: () => ({ ok: true }),
			},
		});
		const outcome = runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, all);
		expect(courier.creates).toBe(0);
		expect(books.get("1")?.errors?.Etsy?.message).toMatch(/HTTP 503/);
		expect(books.get("1")?.errors?.Furgonetka).toBeUndefined();
		expect(outcome.actions).toEqual([
			expect.objectContaining({ orderId: "1", platform: "Etsy", action: "read order for shipment" }),
		]);
		// Etsy answers at the next sync: its error on the order clears, and the shipment is made.
		runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, deps({ courier }).all);
		expect(books.get("1")?.errors?.Etsy).toBeUndefined();
		expect(courier.creates).toBe(1);
	});

	it("creates a shipment once, follows it to delivery and turns courier states into statuses", () => {
		const courier = new FakeCourier();
		const books = new Map<string, Bookkeeping>();
		const { all } = deps({ courier });
		runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, all);
		expect(books.get("1")?.shipment).toMatchObject({
			id: "S1",
			state: "waiting_for_pickup",
			labelUrl: "https://courier/label/S1",
		});
		expect(books.get("1")?.shipment?.addressUsed).toContain("01-234 Warszawa");
		courier.states.set("S1", "collected");
		const picked = runPlatformPush({ ...EMPTY, track: [{ orderId: "1", shipmentId: "S1" }] }, books, ORDERS, all);
		expect(picked.statusChanges.get("1")).toBe("Shipped");
		expect(books.get("1")?.shipment?.trackingNumber).toBe("123456789012345678901234");
		expect(courier.creates).toBe(1);
	});

	it("clears the courier's last error on the next good read of the parcel", () => {
		const courier = new FakeCourier();
		const books = new Map<string, Bookkeeping>();
		const { all } = deps({ courier });
		runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, all);
		const entry = books.get("1") as Bookkeeping;
		entry.errors = { Furgonetka: { message: "HTTP 503 on GET /packages/S1", at: 1 } };
		runPlatformPush({ ...EMPTY, track: [{ orderId: "1", shipmentId: "S1" }] }, books, ORDERS, all);
		expect(books.get("1")?.errors?.Furgonetka).toBeUndefined();
	});

	it("numbers each stage change, keeping the number for a retry of the same change", () => {
		const moved: Array<{ stageName: string; change?: number }> = [];
		let fail = false;
		const crm = new FakeCrm();
		crm.moveStages = ((moves: readonly StageMove[]): StageMoveResult[] =>
			moves.map((move) => {
				moved.push({ stageName: move.stageName, ...(move.change === undefined ? {} : { change: move.change }) });
				return fail
					? {
							orderId: move.orderId,
							ok: false as const,
							error: new PlatformError("Webhook", "x", "unavailable", "503"),
						}
					: { orderId: move.orderId, ok: true as const };
			})) as unknown as FakeCrm["moveStages"];
		const books = new Map<string, Bookkeeping>([["1", { deal: { id: "D1", url: "u", stagePushed: "New" } }]]);
		const { all } = deps({ crm });
		const move = (stageName: string) =>
			runPlatformPush({ ...EMPTY, moveStages: [{ orderId: "1", dealId: "D1", stageName }] }, books, ORDERS, all);
		move("Design");
		move("Production");
		fail = true;
		move("Design");
		fail = false;
		move("Design");
		expect(moved.map((entry) => entry.change)).toEqual([1, 2, 3, 3]);
	});

	it("reports the courier's own validation problems in the sheet's words instead of creating", () => {
		const courier = new FakeCourier();
		courier.validate = () => [
			{ field: "receiver.postcode", message: "Invalid postcode. Expected format: NN-NNN." },
			{ field: "parcels[0].weight", message: "Too heavy for this service." },
		];
		const books = new Map<string, Bookkeeping>();
		runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, deps({ courier }).all);
		expect(courier.creates).toBe(0);
		expect(books.get("1")?.errors?.Furgonetka).toMatchObject({
			message:
				"Furgonetka does not accept the Ship to address (postcode): Invalid postcode. Expected format: NN-NNN. Furgonetka does not accept the parcel size: check Settings > Parcel sizes (Too heavy for this service.).",
			details:
				"receiver.postcode: Invalid postcode. Expected format: NN-NNN.; parcels[0].weight: Too heavy for this service.",
			kind: "rejected",
			operation: "create-shipment",
		});
	});

	it("checks the Phone cell and Settings > Sender before asking the courier anything", () => {
		const courier = new FakeCourier();
		let validated = 0;
		courier.validate = () => {
			validated++;
			return [];
		};
		const books = new Map<string, Bookkeeping>();
		const emptySender = { ...SENDER, name: "", firstLine: "", phone: "" };
		const all = deps({ courier, mapping: { ...mapping, sender: emptySender } }).all;
		runPlatformPush({ ...EMPTY, createShipments: ["1", "2"] }, books, ORDERS, all);
		expect(validated + courier.creates).toBe(0);
		expect(books.get("1")?.errors?.Furgonetka?.message).toBe(
			"Fill in your address in Settings > Sender (Name, Street, Phone are empty): Furgonetka needs it on every shipment.",
		);
		expect(books.get("2")?.errors?.Furgonetka?.message).toMatch(
			/^The Phone cell is empty: Furgonetka needs the buyer's phone\. Fill in your address in Settings > Sender/,
		);
	});

	it("puts a courier's refusal at create time in the sheet's words, keeping its own words as details", () => {
		const courier = new FakeCourier();
		courier.createShipment = () => {
			throw new PlatformError("Furgonetka", "POST /packages", "rejected", "Furgonetka refused the package: …", {
				status: 400,
				problems: [
					{ field: "receiver.phone", message: "This value should not be blank." },
					{ field: "pickup.name", message: "This value should not be blank." },
					{ field: "sender.name", message: "This value should not be blank." },
				],
			});
		};
		const books = new Map<string, Bookkeeping>();
		runPlatformPush({ ...EMPTY, createShipments: ["1"] }, books, ORDERS, deps({ courier }).all);
		expect(books.get("1")?.errors?.Furgonetka).toMatchObject({
			message:
				"The Phone cell is empty: Furgonetka needs the buyer's phone. Fill in your address in Settings > Sender: Furgonetka needs it on every shipment.",
			details:
				"receiver.phone: This value should not be blank.; pickup.name: This value should not be blank.; sender.name: This value should not be blank.",
			kind: "rejected",
		});
	});

	it("submits tracking once, and after a crash checks Etsy before submitting again", () => {
		const books = new Map<string, Bookkeeping>();
		const { all, submitted } = deps();
		runPlatformPush(
			{ ...EMPTY, pushTracking: [{ orderId: "1", trackingNumber: "T1", carrier: "dpd" }] },
			books,
			ORDERS,
			all,
		);
		expect(submitted).toEqual(["1:T1"]);
		expect(books.get("1")?.etsyTracking?.code).toBe("T1");
		const crashed = new Map<string, Bookkeeping>([["2", { intents: { tracking: { key: "k", at: 1 } } }]]);
		const etsyHasIt = deps({
			etsy: {
				order: (orderId) => sampleOrder({ orderId, shipments: [{ carrier: "dpd", trackingCode: "T2" }] }),
				submitTracking: () => {
					throw new Error("must not submit twice");
				},
			},
		});
		runPlatformPush(
			{ ...EMPTY, pushTracking: [{ orderId: "2", trackingNumber: "T2", carrier: "dpd" }] },
			crashed,
			ORDERS,
			etsyHasIt.all,
		);
		expect(crashed.get("2")?.etsyTracking?.code).toBe("T2");
	});

	it("keeps the intent when the look-up after a crash fails, so no later run creates blindly", () => {
		const crm = new FakeCrm();
		crm.findDeal = () => {
			throw new PlatformError("Pipedrive", "findDeal", "unavailable", "HTTP 503");
		};
		const books = new Map<string, Bookkeeping>([["1", { intents: { deal: { key: "hubsheet:1:deal", at: 1 } } }]]);
		runPlatformPush({ ...EMPTY, createDeals: [{ orderId: "1", stageName: "New" }] }, books, ORDERS, deps({ crm }).all);
		expect(crm.created).toHaveLength(0);
		expect(books.get("1")?.intents?.deal?.key).toBe("hubsheet:1:deal");
	});
});

describe("buyer text sent downstream", () => {
	it("is made inert the OWASP CSV way in free-text fields, and emails and phones stay exact", () => {
		const crm = new FakeCrm();
		let received: ShipmentRequest | null = null;
		const courier = new (class extends FakeCourier {
			override createShipment(request: ShipmentRequest) {
				received = request;
				return super.createShipment(request);
			}
		})();
		const hostile = {
			name: '=HYPERLINK("https://evil.example","Anna")',
			firstLine: "+cmd|' /C calc'!A0",
			secondLine: "@SUM(1+1)",
			city: "\tWarszawa",
			state: "-2+3",
			zip: "01-234",
			countryIso: "PL",
		};
		const { all } = deps({
			crm,
			courier,
			etsy: {
				order: (orderId) => sampleOrder({ orderId, address: hostile, email: "anna@example.com" }),
				submitTracking: () => ({ ok: true }),
			},
		});
		const orders = new Map([
			[
				"1",
				{
					buyer: '=HYPERLINK("https://evil.example")',
					email: "anna@example.com",
					total: 1,
					currency: "PLN",
					phone: "+48600100200",
				},
			],
		]);
		runPlatformPush(
			{ ...EMPTY, createDeals: [{ orderId: "1", stageName: "New" }], createShipments: ["1"] },
			new Map(),
			orders,
			all,
		);
		expect(crm.created[0]?.person).toEqual({
			name: '\'=HYPERLINK("https://evil.example")',
			email: "anna@example.com",
			buyerId: "",
		});
		expect(crm.created[0]?.title).toBe('Etsy 1 · =HYPERLINK("https://evil.example")');
		expect(received).toMatchObject({
			receiver: {
				name: '\'=HYPERLINK("https://evil.example","Anna")',
				firstLine: "'+cmd|' /C calc'!A0",
				secondLine: "'@SUM(1+1)",
				city: "'\tWarszawa",
				state: "'-2+3",
				zip: "01-234",
				email: "anna@example.com",
				phone: "+48600100200",
			},
		});
	});
});
