import { describe, expect, it } from "vitest";
import { CARRIER_LIST_MAX_AGE_MS } from "../../src/core/etsy-carriers.js";
import {
	CARRIERS_KEY,
	carrierDropdown,
	carrierOrigin,
	carriersAfterConnect,
	etsyShipping,
	knownEtsyCarriers,
	offeringFreshCarriers,
	senderCarrierOrigin,
	storedCarriersToOffer,
} from "../../src/engine/etsy-shipping.js";
import type { EtsyShipping } from "../../src/engine/platform-push.js";
import { shopReceiptSchema } from "../../src/platforms/etsy/schemas.js";
import { wireReceipt } from "../platforms/etsy/receipt-fixtures.js";
import { MemoryStore } from "./memory-store.js";

type Api = Parameters<typeof etsyShipping>[0];
type Submitted = ReturnType<Api["createReceiptShipment"]>;

/** A plain stand-in for Etsy's client: answers as told, and notes what was asked. */
function fakeApi(answers: { submitted?: Submitted; carriers?: () => Array<{ name: string }> } = {}) {
	const asked: string[] = [];
	const receipt = shopReceiptSchema.parse(
		wireReceipt({ shipments: [{ carrier_name: "InPost", tracking_code: "620 123 456" }] }),
	);
	const api = {
		quota: { limitPerSecond: 10, remainingThisSecond: 9, limitPerDay: 10_000, remainingToday: 9_876 },
		getShopReceipt(shopId: unknown, receiptId: unknown) {
			asked.push(`receipt ${shopId} ${receiptId}`);
			return String(receiptId) === "404" ? null : receipt;
		},
		createReceiptShipment(
			shopId: unknown,
			receiptId: unknown,
			shipment: { trackingCode: string; carrierName: string },
		) {
			asked.push(`ship ${shopId} ${receiptId} ${shipment.trackingCode} ${shipment.carrierName}`);
			return answers.submitted ?? { kind: "created", receipt, problem: null };
		},
		getShippingCarriers(origin: string) {
			asked.push(`carriers ${origin}`);
			return (answers.carriers ?? (() => [{ name: "DPD" }, { name: "InPost" }]))();
		},
	};
	return { api: api as unknown as Api, asked };
}

describe("Etsy's shipping side", () => {
	it("reads an order's receipt from the shop, and null for one Etsy does not know", () => {
		const { api, asked } = fakeApi();
		const shipping = etsyShipping(api, "777");
		expect(shipping.order("3000000001")?.orderId).toBe("3000000001");
		expect(shipping.order("404")).toBeNull();
		expect(asked).toEqual(["receipt 777 3000000001", "receipt 777 404"]);
	});

	it("says whether Etsy's answer to a tracking submission holds the code, spaces and case aside", () => {
		const { api, asked } = fakeApi();
		const shipping = etsyShipping(api, "777");
		expect(shipping.submitTracking("3000000001", "620123456", "InPost")).toEqual({ ok: true, kept: true });
		expect(shipping.submitTracking("3000000001", "999", "Acme")).toEqual({ ok: true, kept: false });
		expect(asked).toEqual(["ship 777 3000000001 620123456 InPost", "ship 777 3000000001 999 Acme"]);
	});

	it("takes an unreadable answer as taken, and words a refusal", () => {
		const unreadable = etsyShipping(
			fakeApi({ submitted: { kind: "created", receipt: null, problem: "bad" } }).api,
			"1",
		);
		expect(unreadable.submitTracking("1", "X", "DPD")).toEqual({ ok: true });
		const refused = etsyShipping(fakeApi({ submitted: { kind: "conflict", message: "already shipped" } }).api, "1");
		expect(refused.submitTracking("1", "X", "DPD")).toEqual({
			ok: false,
			message: "Etsy did not take the tracking number: already shipped",
		});
	});

	it("passes on the daily allowance Etsy last reported, or null before it did", () => {
		expect(etsyShipping(fakeApi().api, "1").dailyAllowance?.()).toEqual({ left: 9_876, perDay: 10_000 });
		const { api } = fakeApi();
		(api as { quota: unknown }).quota = null;
		expect(etsyShipping(api, "1").dailyAllowance?.()).toBeNull();
	});

	it("lists the carriers' names, and null when Etsy would not say", () => {
		expect(etsyShipping(fakeApi().api, "1").carriers?.("PL")).toEqual(["DPD", "InPost"]);
		const failing = fakeApi({
			carriers: () => {
				throw new Error("503");
			},
		});
		expect(etsyShipping(failing.api, "1").carriers?.("PL")).toBeNull();
	});
});

/** Etsy's carriers side alone, counting its reads. */
function carriersSide(names: string[] | null = ["DPD", "InPost"]) {
	const reads: string[] = [];
	return {
		reads,
		etsy: {
			carriers(origin: string) {
				reads.push(origin);
				return names;
			},
		},
	};
}

const NOW = 1_800_000_000_000;

describe("Etsy's carriers for the sender's country", () => {
	it("reads them once and keeps them, then answers from the store for a week", () => {
		const store = new MemoryStore();
		const { etsy, reads } = carriersSide();
		expect(knownEtsyCarriers(store, etsy, "Poland", NOW)).toEqual({ origin: "PL", at: NOW, names: ["DPD", "InPost"] });
		expect(JSON.parse(store.values.get(CARRIERS_KEY) ?? "")).toEqual({
			origin: "PL",
			at: NOW,
			names: ["DPD", "InPost"],
		});
		expect(knownEtsyCarriers(store, etsy, "PL", NOW + CARRIER_LIST_MAX_AGE_MS)?.at).toBe(NOW);
		expect(reads).toEqual(["PL"]);
		expect(knownEtsyCarriers(store, etsy, "PL", NOW + CARRIER_LIST_MAX_AGE_MS + 1)?.at).toBe(
			NOW + CARRIER_LIST_MAX_AGE_MS + 1,
		);
		expect(reads).toEqual(["PL", "PL"]);
	});

	it("reads again for another country, and asks nothing without a country or a way to ask", () => {
		const store = new MemoryStore({ [CARRIERS_KEY]: JSON.stringify({ origin: "PL", at: NOW, names: ["DPD"] }) });
		const { etsy, reads } = carriersSide(["Royal Mail"]);
		expect(knownEtsyCarriers(store, etsy, "GB", NOW)?.names).toEqual(["Royal Mail"]);
		expect(knownEtsyCarriers(store, etsy, "", NOW)).toBeNull();
		expect(knownEtsyCarriers(store, etsy, "Atlantis", NOW)).toBeNull();
		expect(knownEtsyCarriers(store, {}, "PL", NOW)).toBeNull();
		expect(reads).toEqual(["GB"]);
	});

	it("keeps nothing when Etsy would not say or lists none", () => {
		const store = new MemoryStore();
		expect(knownEtsyCarriers(store, carriersSide(null).etsy, "PL", NOW)).toBeNull();
		expect(knownEtsyCarriers(store, carriersSide([]).etsy, "PL", NOW)).toBeNull();
		expect(store.values.has(CARRIERS_KEY)).toBe(false);
	});

	it("takes the origin as an ISO code, from a country's name or code", () => {
		expect(carrierOrigin("Poland")).toBe("PL");
		expect(carrierOrigin(" pl ")).toBe("PL");
		expect(carrierOrigin("")).toBeNull();
		expect(carrierOrigin("Atlantis")).toBeNull();
	});
});

/** A Settings sheet's values: a setting row, the Sender table with this country, the carrier table. */
function settingsValues(
	country: string,
	carrierRows: string[][] = [
		["InPost", ""],
		["DPD", ""],
	],
): string[][] {
	return [
		["Setting", "Value", "About"],
		["CRM", "None", ""],
		[""],
		["Sender"],
		["Field", "Value"],
		["Country", country],
		[""],
		["Courier service → Etsy carrier"],
		["Courier service", "Etsy carrier"],
		...carrierRows,
		[""],
	];
}

describe("the sender's country on the Settings sheet", () => {
	it("is the origin Etsy's list is read for", () => {
		expect(senderCarrierOrigin(settingsValues("Poland"))).toBe("PL");
		expect(senderCarrierOrigin(settingsValues("DE"))).toBe("DE");
		expect(senderCarrierOrigin(settingsValues(""))).toBeNull();
	});
});

describe("after Etsy is connected", () => {
	it("reads the list for the sender's country at once", () => {
		const store = new MemoryStore();
		const { etsy, reads } = carriersSide();
		expect(carriersAfterConnect(store, "PL", () => etsy, NOW)?.names).toEqual(["DPD", "InPost"]);
		expect(reads).toEqual(["PL"]);
	});

	it("asks Etsy nothing, nor makes its client, without a sender country", () => {
		let made = 0;
		const make = () => {
			made++;
			return carriersSide().etsy;
		};
		expect(carriersAfterConnect(new MemoryStore(), null, make, NOW)).toBeNull();
		expect(made).toBe(0);
	});
});

describe("the list set-up offers from the store", () => {
	const kept = JSON.stringify({ origin: "PL", at: 1, names: ["DPD", 7] });

	it("is the kept list of any age, for the sender's current country only", () => {
		expect(storedCarriersToOffer(kept, () => "PL")).toEqual({ origin: "PL", names: ["DPD", "7"] });
		expect(storedCarriersToOffer(kept, () => "DE")).toBeNull();
		expect(storedCarriersToOffer(kept, () => null)).toBeNull();
	});

	it("is nothing without a readable list, and then the sheet is not read for the country", () => {
		let asked = 0;
		const origin = () => {
			asked++;
			return "PL";
		};
		expect(storedCarriersToOffer(null, origin)).toBeNull();
		expect(storedCarriersToOffer("{", origin)).toBeNull();
		expect(asked).toBe(0);
		expect(storedCarriersToOffer(JSON.stringify({ origin: "PL", names: "DPD" }), () => "PL")).toBeNull();
	});
});

describe("the carrier dropdown", () => {
	it("covers the carrier table's Etsy carrier cells and offers Etsy's names and other, once each", () => {
		expect(carrierDropdown(settingsValues("PL"), ["DPD", "InPost", "DPD"], "PL")).toEqual({
			row: 10,
			rows: 2,
			column: 2,
			choices: ["DPD", "InPost", "other"],
			helpText:
				'Etsy\'s carriers for parcels from PL. Etsy drops the tracking number sent with a carrier it does not list; "other" keeps it.',
		});
		expect(carrierDropdown(settingsValues("PL"), ["other", "DPD"], "PL")?.choices).toEqual(["other", "DPD"]);
	});

	it("is not made without the table, without its rows, or without a name", () => {
		expect(carrierDropdown([["Setting", "Value", "About"]], ["DPD"], "PL")).toBeNull();
		expect(carrierDropdown(settingsValues("PL", []), ["DPD"], "PL")).toBeNull();
		expect(carrierDropdown(settingsValues("PL"), [], "PL")).toBeNull();
	});
});

describe("a sync's fresh carrier lists", () => {
	const base: EtsyShipping = {
		order: () => null,
		submitTracking: () => ({ ok: true }),
	};

	it("also go to the dropdown when they name a carrier, and to the sync unchanged", () => {
		const offered: string[] = [];
		const etsy = offeringFreshCarriers(
			{ ...base, carriers: (origin) => (origin === "PL" ? ["DPD"] : []) },
			(names, o) => offered.push(`${o}: ${names.join(", ")}`),
		);
		expect(etsy.carriers?.("PL")).toEqual(["DPD"]);
		expect(etsy.carriers?.("DE")).toEqual([]);
		expect(offered).toEqual(["PL: DPD"]);
	});

	it("leave a shipping side that cannot list carriers as it is", () => {
		expect(offeringFreshCarriers(base, () => undefined)).toBe(base);
	});
});
