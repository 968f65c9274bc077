/**
 * zod schemas of the Etsy Open API v3 answers Hubsheet reads (components/schemas of the spec).
 *
 * Strict on what Hubsheet uses (ids, status, money, timestamps, paid/shipped flags): a wrong type
 * there must fail loudly with the field's path. Lenient elsewhere: what the spec marks nullable or
 * the connector never reads may be null or absent, and unknown keys are dropped, so that Etsy adding
 * a field never breaks an import.
 */
import * as z from "../http/zod.js";

/** Etsy ids are int64 in the spec; zod's int() refuses anything past 2^53 instead of rounding it silently. */
const id = z.number().check(z.int(), z.positive());
/** Epoch seconds. */
const timestamp = z.number().check(z.int());
const optionalText = z.nullish(z.string());

export const moneySchema = z.object({
	amount: z.number().check(z.int()),
	// The spec allows 0, but a zero divisor cannot describe an amount; refusing it beats showing Infinity.
	divisor: z.number().check(z.int(), z.positive()),
	currency_code: z.string().check(z.minLength(1)),
});

export const transactionVariationSchema = z.object({
	property_id: z.nullish(z.number().check(z.int())),
	value_id: z.nullish(z.number().check(z.int())),
	formatted_name: z.string(),
	formatted_value: z.string(),
});

export const transactionSchema = z.object({
	transaction_id: z.nullish(id),
	title: optionalText,
	quantity: z.number().check(z.int(), z.nonnegative()),
	listing_id: z.nullish(z.number().check(z.int())),
	sku: optionalText,
	variations: z.nullish(z.array(transactionVariationSchema)),
	expected_ship_date: z.nullish(timestamp),
});

export const shipmentSchema = z.object({
	receipt_shipping_id: z.nullish(z.number().check(z.int())),
	shipment_notification_timestamp: z.nullish(timestamp),
	carrier_name: optionalText,
	tracking_code: optionalText,
});

export const shopReceiptSchema = z
	.object({
		receipt_id: id,
		name: z.string(),
		buyer_user_id: z.nullish(z.number().check(z.int())),
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
		create_timestamp: z.nullish(timestamp),
		created_timestamp: z.nullish(timestamp),
		update_timestamp: z.nullish(timestamp),
		updated_timestamp: z.nullish(timestamp),
		is_gift: z.nullish(z.boolean()),
		gift_message: optionalText,
		gift_sender: optionalText,
		grandtotal: moneySchema,
		shipments: z.nullish(z.array(shipmentSchema)),
		transactions: z.nullish(z.array(transactionSchema)),
	})
	.check(
		z.superRefine((receipt, context) => {
			if (receipt.created_timestamp == null && receipt.create_timestamp == null) {
				context.addIssue({
					code: "custom",
					path: ["created_timestamp"],
					message: "expected a timestamp, received none",
				});
			}
			if (receipt.updated_timestamp == null && receipt.update_timestamp == null) {
				context.addIssue({
					code: "custom",
					path: ["updated_timestamp"],
					message: "expected a timestamp, received none",
				});
			}
		}),
	);

/**
 * The envelope of getShopReceipts. Receipts are parsed one by one afterwards (see client.ts), so
 * that one odd receipt is reported on its own instead of failing its whole page forever.
 */
export const shopReceiptsEnvelopeSchema = z.object({
	count: z.number().check(z.int(), z.nonnegative()),
	results: z.array(z.unknown()),
});

export const mailClassSchema = z.object({
	mail_class_key: z.string(),
	name: z.string(),
});

export const shippingCarrierSchema = z.object({
	shipping_carrier_id: id,
	name: z.string(),
	domestic_classes: z.nullish(z.array(mailClassSchema)),
	international_classes: z.nullish(z.array(mailClassSchema)),
});

export const shippingCarriersSchema = z.object({
	count: z.nullish(z.number().check(z.int(), z.nonnegative())),
	results: z.array(shippingCarrierSchema),
});

export const selfSchema = z.object({
	user_id: id,
	// A user without a shop has none; Hubsheet then says so instead of failing to parse.
	shop_id: z.nullish(id),
});

export const tokenResponseSchema = z.object({
	access_token: z.string().check(z.minLength(1)),
	token_type: z.nullish(z.string()),
	expires_in: z.number().check(z.positive()),
	refresh_token: z.string().check(z.minLength(1)),
});

export type EtsyMoney = z.output<typeof moneySchema>;
export type EtsyTransactionVariation = z.output<typeof transactionVariationSchema>;
export type EtsyTransaction = z.output<typeof transactionSchema>;
export type EtsyShipment = z.output<typeof shipmentSchema>;
export type EtsyReceipt = z.output<typeof shopReceiptSchema>;
export type EtsyShippingCarrierWire = z.output<typeof shippingCarrierSchema>;
export type EtsySelf = z.output<typeof selfSchema>;
export type EtsyTokenResponse = z.output<typeof tokenResponseSchema>;
