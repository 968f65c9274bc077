/** Wire-shaped Etsy receipts (components/schemas/ShopReceipt), complete as Etsy sends them. */

export type Wire = Record<string, unknown>;

/** 2025-06-01 10:00:00 UTC in epoch seconds. */
export const T0 = 1_748_772_000;

export function money(amount: number, currency = "EUR", divisor = 100): Wire {
	return { amount, divisor, currency_code: currency };
}

export function variation(name: string, value: string, propertyId = 513): Wire {
	return {
		property_id: propertyId,
		value_id: propertyId === 54 ? null : 1001,
		formatted_name: name,
		formatted_value: value,
	};
}

export function personalization(value: string, name = "Personalization"): Wire {
	return variation(name, value, 54);
}

export function wireTransaction(overrides: Wire = {}): Wire {
	return {
		transaction_id: 9001,
		title: "Standing desk",
		seller_user_id: 111,
		buyer_user_id: 222,
		create_timestamp: T0,
		created_timestamp: T0,
		paid_timestamp: T0,
		shipped_timestamp: null,
		quantity: 1,
		listing_image_id: null,
		receipt_id: 3_000_000_001,
		is_digital: false,
		file_data: "",
		listing_id: 1_500_000_001,
		transaction_type: "listing",
		product_id: 77,
		sku: "DESK-OAK",
		price: money(89900),
		shipping_cost: money(0),
		variations: [],
		product_data: [],
		shipping_profile_id: null,
		min_processing_days: 10,
		max_processing_days: 15,
		shipping_method: null,
		shipping_upgrade: null,
		expected_ship_date: T0 + 14 * 86_400,
		buyer_coupon: 0,
		shop_coupon: 0,
		...overrides,
	};
}

export function wireReceipt(overrides: Wire = {}): Wire {
	return {
		receipt_id: 3_000_000_001,
		receipt_type: 0,
		seller_user_id: 111,
		seller_email: "shop@example.com",
		buyer_user_id: 222,
		buyer_email: "anna@example.com",
		name: "Anna Nowak",
		first_line: "ul. Długa 5",
		second_line: null,
		city: "Warszawa",
		state: null,
		zip: "01-234",
		status: "paid",
		formatted_address: "Anna Nowak\nul. Długa 5\n01-234 Warszawa\nPoland",
		country_iso: "PL",
		payment_method: "cc",
		payment_email: null,
		message_from_seller: null,
		message_from_buyer: null,
		message_from_payment: null,
		is_paid: true,
		is_shipped: false,
		create_timestamp: T0,
		created_timestamp: T0,
		update_timestamp: T0 + 60,
		updated_timestamp: T0 + 60,
		is_gift: false,
		gift_message: "",
		gift_sender: "",
		grandtotal: money(89900),
		subtotal: money(89900),
		total_price: money(89900),
		total_shipping_cost: money(0),
		total_tax_cost: money(0),
		total_vat_cost: money(0),
		discount_amt: money(0),
		gift_wrap_price: money(0),
		shipments: [],
		transactions: [wireTransaction()],
		refunds: [],
		...overrides,
	};
}
