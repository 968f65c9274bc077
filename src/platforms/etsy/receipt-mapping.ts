/**
 * An Etsy receipt in Hubsheet's terms (EtsyOrder). Text is kept exactly as Etsy sent it: no
 * trimming, no unescaping, no "cleaning" — a buyer note that starts with `=` or a postcode `01-234`
 * must reach the sheet gateway unchanged, which is where it is protected from Sheets' parsing.
 */
import type { EtsyOrder, OrderItem, PostalAddress, Shipment } from "../../core/order.js";
import type { EtsyMoney, EtsyReceipt, EtsyTransaction, EtsyTransactionVariation } from "./schemas.js";

/** The seller's page of one order. */
export function etsyOrderUrl(receiptId: string): string {
	return `https://www.etsy.com/your/orders/sold?order_id=${encodeURIComponent(receiptId)}`;
}

/** Etsy's personalisation shows up as a variation with this property id. */
export const PERSONALIZATION_PROPERTY_ID = 54;
/** What Etsy puts in the personalisation variation when the buyer wrote nothing; noise in a cell. */
const NOT_REQUESTED = "Not requested on this item.";

export function receiptToOrder(receipt: EtsyReceipt): EtsyOrder {
	const orderId = String(receipt.receipt_id);
	const transactions = receipt.transactions ?? [];
	const itemLines = transactions.map(transactionToItem);
	return {
		orderId,
		orderUrl: etsyOrderUrl(orderId),
		orderedAt: secondsToMs(receipt.created_timestamp ?? receipt.create_timestamp ?? 0),
		updatedAt: secondsToMs(receipt.updated_timestamp ?? receipt.update_timestamp ?? 0),
		buyer: receipt.name,
		...(receipt.buyer_user_id != null ? { buyerId: String(receipt.buyer_user_id) } : {}),
		email: receipt.buyer_email ?? "",
		shipTo: receipt.formatted_address ?? "",
		address: receiptAddress(receipt),
		items: itemLines.map(formatItemLine).join("\n"),
		itemLines,
		buyerNote: receipt.message_from_buyer ?? "",
		total: moneyAmount(receipt.grandtotal),
		currency: receipt.grandtotal.currency_code,
		shipBy: earliestShipBy(transactions),
		etsyStatus: etsyStatusInWords(receipt.status),
		isPaid: receipt.is_paid,
		isShipped: receipt.is_shipped,
		isGift: receipt.is_gift ?? false,
		giftMessage: receipt.gift_message ?? "",
		shipments: (receipt.shipments ?? []).map(
			(shipment): Shipment => ({ carrier: shipment.carrier_name ?? "", trackingCode: shipment.tracking_code ?? "" }),
		),
	};
}

/** Etsy sends `{amount: 12345, divisor: 100}`; the sheet shows 123.45. */
export function moneyAmount(money: EtsyMoney): number {
	return money.amount / money.divisor;
}

/**
 * "paid" -> "Paid", "fully refunded" -> "Fully refunded". Lower-cased first, so an answer that
 * capitalises differently ("Paid", "Fully Refunded") reads the same in the sheet and in comparisons.
 */
export function etsyStatusInWords(status: string): string {
	const lower = status.toLowerCase();
	// One spelling on the sheet: Etsy's "canceled" reads as the Status list's "Cancelled".
	if (lower === "canceled" || lower === "cancelled") return "Cancelled";
	return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "2 x Standing desk (oak, 140 cm, Personalization: Für Anna)". */
export function formatItemLine(item: OrderItem): string {
	const options = item.options.length > 0 ? ` (${item.options.join(", ")})` : "";
	return `${item.quantity} x ${item.title}${options}`;
}

function transactionToItem(transaction: EtsyTransaction): OrderItem {
	return {
		listingId: transaction.listing_id == null ? "" : String(transaction.listing_id),
		sku: transaction.sku ?? "",
		title: transaction.title ?? "",
		quantity: transaction.quantity,
		options: (transaction.variations ?? []).flatMap(variationOption),
	};
}

/**
 * A variation shows its value ("oak"); personalisation shows its label too, since the buyer's text
 * ("Für Anna") alone would read like a variation.
 */
function variationOption(variation: EtsyTransactionVariation): string[] {
	if (!isPersonalization(variation)) return [variation.formatted_value];
	if (variation.formatted_value === NOT_REQUESTED || variation.formatted_value === "") return [];
	return [`${variation.formatted_name}: ${variation.formatted_value}`];
}

function isPersonalization(variation: EtsyTransactionVariation): boolean {
	return variation.property_id === PERSONALIZATION_PROPERTY_ID;
}

function earliestShipBy(transactions: EtsyTransaction[]): number | null {
	let earliest: number | null = null;
	for (const transaction of transactions) {
		const date = transaction.expected_ship_date;
		if (date != null && (earliest === null || date < earliest)) earliest = date;
	}
	return earliest === null ? null : secondsToMs(earliest);
}

function receiptAddress(receipt: EtsyReceipt): PostalAddress {
	return {
		name: receipt.name,
		firstLine: receipt.first_line ?? "",
		secondLine: receipt.second_line ?? "",
		city: receipt.city ?? "",
		state: receipt.state ?? "",
		zip: receipt.zip ?? "",
		countryIso: receipt.country_iso ?? "",
	};
}

function secondsToMs(seconds: number): number {
	return seconds * 1000;
}
