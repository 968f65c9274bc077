/**
 * zod schemas of the Etsy Open API v3 answers Hubsheet reads (components/schemas of the spec).
 *
 * Strict on what Hubsheet uses (ids, status, money, timestamps, paid/shipped flags): a wrong type
 * there must fail loudly with the field's path. Lenient elsewhere: what the spec marks nullable or
 * the connector never reads may be null or absent, and unknown keys are dropped, so that Etsy adding
 * a field never breaks an import.
 */
import { z } from "zod";

/** Etsy ids are int64 in the spec; zod's int() refuses anything past 2^53 instead of rounding it silently. */
const id = z.number().int().positive();
/** Epoch seconds. */
const timestamp = z.number().int();
const optionalText = z.string().nullish();

export const moneySchema = z.object({
	amount: z.number().int(),
	// The spec allows 0, but a zero divisor cannot describe an amount; refusing it beats showing Infinity.
	divisor: z.number().int().positive(),
	currency_code: z.string().min(1),
});

export const transactionVariationSchema = z.object({
	property_id: z.number().int().nullish(),
	value_id: z.number().int().nullish(),
	formatted_name: z.string(),
	formatted_value: z.string(),
});

export const transactionSchema = z.object({
	transaction_id: id.nullish(),
	title: optionalText,
	quantity: z.number().int().nonnegative(),
	listing_id: z.number().int().nullish(),
	sku: optionalText,
	variations: z.array(transactionVariationSchema).nullish(),
	expected_ship_date: timestamp.nullish(),
});

export const shipmentSchema = z.object({
	receipt_shipping_id: z.number().int().nullish(),
	shipment_notification_timestamp: timestamp.nullish(),
	carrier_name: optionalText,
	tracking_code: optionalText,
});

export const shopReceiptSchema = z
	.object({
		receipt_id: id,
		name: z.string(),
		buyer_email: optionalText,
		first_line: optionalText,
		second_line: optionalText,
		city: optionalText,
		state: optionalText,
		zip: optionalText,
		country_iso: optionalText,
		formatted_address: optionalText,
		// Not an enum: a status Etsy adds later should show up in the sheet, not stop the import.
		status: z.string(),
		message_from_buyer: optionalText,
		is_paid: z.boolean(),
		is_shipped: z.boolean(),
		// The spec lists both spellings of each timestamp; Etsy sends both, either is enough.
		create_timestamp: timestamp.nullish(),
		created_timestamp: timestamp.nullish(),
		update_timestamp: timestamp.nullish(),
		updated_timestamp: timestamp.nullish(),
		is_gift: z.boolean().nullish(),
		gift_message: optionalText,
		gift_sender: optionalText,
		grandtotal: moneySchema,
		shipments: z.array(shipmentSchema).nullish(),
		transactions: z.array(transactionSchema).nullish(),
	})
	.superRefine((receipt, context) => {
		if (receipt.created_timestamp == null && receipt.create_timestamp == null) {
			context.addIssue({ code: "custom", path: ["created_timestamp"], message: "expected a timestamp, received none" });
		}
		if (receipt.updated_timestamp == null && receipt.update_timestamp == null) {
			context.addIssue({ code: "custom", path: ["updated_timestamp"], message: "expected a timestamp, received none" });
		}
	});

/**
 * The envelope of getShopReceipts. Receipts are parsed one by one afterwards (see client.ts), so
 * that one odd receipt is reported on its own instead of failing its whole page forever.
 */
export const shopReceiptsEnvelopeSchema = z.object({
	count: z.number().int().nonnegative(),
	results: z.array(z.unknown()),
});

export const mailClassSchema = z.object({
	mail_class_key: z.string(),
	name: z.string(),
});

export const shippingCarrierSchema = z.object({
	shipping_carrier_id: id,
	name: z.string(),
	domestic_classes: z.array(mailClassSchema).nullish(),
	international_classes: z.array(mailClassSchema).nullish(),
});

export const shippingCarriersSchema = z.object({
	count: z.number().int().nonnegative().nullish(),
	results: z.array(shippingCarrierSchema),
});

export const selfSchema = z.object({
	user_id: id,
	// A user without a shop has none; Hubsheet then says so instead of failing to parse.
	shop_id: id.nullish(),
});

export const tokenResponseSchema = z.object({
	access_token: z.string().min(1),
	token_type: z.string().nullish(),
	expires_in: z.number().positive(),
	refresh_token: z.string().min(1),
});

export type EtsyMoney = z.output<typeof moneySchema>;
export type EtsyTransactionVariation = z.output<typeof transactionVariationSchema>;
export type EtsyTransaction = z.output<typeof transactionSchema>;
export type EtsyShipment = z.output<typeof shipmentSchema>;
export type EtsyReceipt = z.output<typeof shopReceiptSchema>;
export type EtsyShippingCarrierWire = z.output<typeof shippingCarrierSchema>;
export type EtsySelf = z.output<typeof selfSchema>;
export type EtsyTokenResponse = z.output<typeof tokenResponseSchema>;
