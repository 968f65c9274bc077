import type { EtsyOrder } from "../../src/core/order.js";

/** An order as the Etsy mapping would produce it; override what a test cares about. */
export function sampleOrder(overrides: Partial<EtsyOrder> = {}): EtsyOrder {
	const orderId = overrides.orderId ?? "3100000001";
	return {
		orderId,
		orderUrl: `https://www.etsy.com/your/orders/sold?order_id=${orderId}`,
		orderedAt: Date.UTC(2026, 10, 1, 10, 30, 0),
		updatedAt: Date.UTC(2026, 10, 1, 10, 31, 0),
		buyer: "Anna Kowalska",
		email: "anna@example.com",
		shipTo: "Anna Kowalska\nul. Prosta 1\n01-234 Warszawa\nPoland",
		address: {
			name: "Anna Kowalska",
			firstLine: "ul. Prosta 1",
			secondLine: "",
			city: "Warszawa",
			state: "",
			zip: "01-234",
			countryIso: "PL",
		},
		items: "1 x Standing desk (oak, 140 cm)",
		itemLines: [
			{ listingId: "1501", sku: "DESK-OAK-140", title: "Standing desk", quantity: 1, options: ["oak", "140 cm"] },
		],
		buyerNote: "",
		total: 1249.5,
		currency: "EUR",
		shipBy: Date.UTC(2026, 10, 15, 0, 0, 0),
		etsyStatus: "Paid",
		isPaid: true,
		isShipped: false,
		isGift: false,
		giftMessage: "",
		shipments: [],
		...overrides,
	};
}
