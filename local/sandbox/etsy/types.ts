/** Wire shapes of the Etsy Open API v3 resources the sandbox serves (components/schemas in the spec). */

export interface Money {
	amount: number;
	divisor: number;
	currency_code: string;
}

export interface TransactionVariation {
	property_id: number;
	value_id: number | null;
	formatted_name: string;
	formatted_value: string;
}

export interface ListingPropertyValue {
	property_id: number;
	property_name: string | null;
	scale_id: number | null;
	scale_name: string | null;
	value_ids: number[];
	values: string[];
}

export interface ShopReceiptTransaction {
	transaction_id: number;
	title: string | null;
	description: string | null;
	seller_user_id: number;
	buyer_user_id: number;
	create_timestamp: number;
	created_timestamp: number;
	paid_timestamp: number | null;
	shipped_timestamp: number | null;
	quantity: number;
	listing_image_id: number | null;
	receipt_id: number;
	is_digital: boolean;
	file_data: string;
	listing_id: number | null;
	transaction_type: string;
	product_id: number | null;
	sku: string | null;
	price: Money;
	shipping_cost: Money;
	variations: TransactionVariation[];
	product_data: ListingPropertyValue[];
	shipping_profile_id: number | null;
	min_processing_days: number | null;
	max_processing_days: number | null;
	shipping_method: string | null;
	shipping_upgrade: string | null;
	expected_ship_date: number | null;
	buyer_coupon: number;
	shop_coupon: number;
}

export interface ShopReceiptShipment {
	receipt_shipping_id: number | null;
	shipment_notification_timestamp: number;
	carrier_name: string;
	tracking_code: string;
}

export interface ShopRefund {
	amount: Money;
	created_timestamp: number;
	reason: string | null;
	note_from_issuer: string | null;
	status: string | null;
}

export type ReceiptStatus =
	| "paid"
	| "completed"
	| "open"
	| "payment processing"
	| "canceled"
	| "fully refunded"
	| "partially refunded";

export interface ShopReceipt {
	receipt_id: number;
	receipt_type: number;
	seller_user_id: number;
	seller_email: string | null;
	buyer_user_id: number;
	buyer_email: string | null;
	name: string;
	first_line: string | null;
	second_line: string | null;
	city: string | null;
	state: string | null;
	zip: string | null;
	status: ReceiptStatus;
	formatted_address: string | null;
	country_iso: string | null;
	payment_method: string;
	payment_email: string | null;
	message_from_seller: string | null;
	message_from_buyer: string | null;
	message_from_payment: string | null;
	is_paid: boolean;
	is_shipped: boolean;
	create_timestamp: number;
	created_timestamp: number;
	update_timestamp: number;
	updated_timestamp: number;
	is_gift: boolean;
	gift_message: string;
	gift_sender: string;
	grandtotal: Money;
	subtotal: Money;
	total_price: Money;
	total_shipping_cost: Money;
	total_tax_cost: Money;
	total_vat_cost: Money;
	discount_amt: Money;
	gift_wrap_price: Money;
	shipments: ShopReceiptShipment[];
	transactions: ShopReceiptTransaction[];
	refunds: ShopRefund[];
}

/** A receipt as the sandbox keeps it: the wire object plus what Etsy tracks but does not return. */
export interface StoredReceipt {
	receipt: ShopReceipt;
	/** Drives `was_delivered`; Etsy marks it from carrier scans. */
	delivered: boolean;
}

export interface ShippingCarrier {
	shipping_carrier_id: number;
	name: string;
	domestic_classes: Array<{ mail_class_key: string; name: string }>;
	international_classes: Array<{ mail_class_key: string; name: string }>;
}

export interface Address {
	name: string;
	first_line: string;
	second_line: string | null;
	city: string;
	state: string | null;
	zip: string;
	country_iso: string;
}
