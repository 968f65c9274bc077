/**
 * Builds receipts: random ones with a plausible history up to "now" (paid, shipped, delivered,
 * cancelled, refunded), and explicit ones from a spec for tests. Everything random comes from the
 * seeded Rng, so the same seed and the same clock give the same shop.
 */
import type { Rng } from "../kit/random.js";
import {
	BUYERS,
	COUNTRY_NAMES,
	GIFT_MESSAGES,
	LISTINGS,
	type Listing,
	NOTES,
	PAYMENT_METHODS,
	PERSONALISATIONS,
	PROPERTY,
	SHOP,
} from "./catalog.js";
import type {
	Address,
	ListingPropertyValue,
	Money,
	ReceiptStatus,
	ShopReceipt,
	ShopReceiptShipment,
	ShopReceiptTransaction,
	StoredReceipt,
	TransactionVariation,
} from "./types.js";

const DAY = 86_400;

export interface IdSequence {
	receipt: number;
	transaction: number;
	shipment: number;
}

export interface ItemSpec {
	/** Listing key (`standing-desk`, `chair`, `monitor-arm`, `footrest`, `organiser`) or listing_id. */
	listing?: string | number;
	/** Variation values by name, e.g. `{ Wood: "Walnut", Width: "140 cm" }`; missing ones are picked at random. */
	options?: Record<string, string>;
	quantity?: number;
	/** null for none; undefined lets the listing decide. */
	personalization?: string | null;
}

export interface ReceiptSpec {
	/** Epoch seconds; default: sandbox now. */
	created?: number;
	buyer?: Partial<Address> & { email?: string | null; buyer_user_id?: number };
	items?: ItemSpec[];
	message_from_buyer?: string | null;
	gift?: { message: string; sender: string } | false;
	/** Initial payment state; default "paid". */
	status?: "paid" | "open" | "payment processing";
	/** Ship-by date (expected_ship_date of every transaction), epoch seconds. */
	ship_by?: number;
	/** Raw wire fields applied last, for cases the spec above does not cover. */
	fields?: Partial<ShopReceipt>;
}

export function money(amount: number, currency = SHOP.currency_code): Money {
	return { amount: Math.round(amount), divisor: 100, currency_code: currency };
}

export function formatAddress(address: Address): string {
	const country = COUNTRY_NAMES[address.country_iso] ?? address.country_iso;
	const lines = [address.name, address.first_line, ...(address.second_line ? [address.second_line] : [])];
	switch (address.country_iso) {
		case "US":
			lines.push(`${address.city}, ${address.state ?? ""} ${address.zip}`.replace(/\s+/g, " "));
			break;
		case "GB":
			lines.push(address.city, address.zip);
			break;
		case "JP":
			lines.push(`${address.city}, ${address.state ?? ""} ${address.zip}`.replace(/\s+/g, " "));
			break;
		default:
			lines.push(`${address.zip} ${address.city}`);
	}
	lines.push(country);
	return lines.join("\n");
}

export function applyAddress(receipt: ShopReceipt, address: Address): void {
	receipt.name = address.name;
	receipt.first_line = address.first_line;
	receipt.second_line = address.second_line;
	receipt.city = address.city;
	receipt.state = address.state;
	receipt.zip = address.zip;
	receipt.country_iso = address.country_iso;
	receipt.formatted_address = formatAddress(address);
}

export function addressOf(receipt: ShopReceipt): Address {
	return {
		name: receipt.name,
		first_line: receipt.first_line ?? "",
		second_line: receipt.second_line,
		city: receipt.city ?? "",
		state: receipt.state,
		zip: receipt.zip ?? "",
		country_iso: receipt.country_iso ?? SHOP.origin_country_iso,
	};
}

export function findListing(ref: string | number): Listing {
	const listing = LISTINGS.find((candidate) => candidate.key === ref || candidate.listing_id === Number(ref));
	if (!listing) throw new Error(`unknown listing ${ref}; known: ${LISTINGS.map((l) => l.key).join(", ")}`);
	return listing;
}

/** Recomputes every total from the transactions, so modifications keep the money consistent. */
export function recomputeTotals(
	receipt: ShopReceipt,
	discountRate = 0,
	giftWrap = receipt.gift_wrap_price.amount,
): void {
	const itemTotal = receipt.transactions.reduce((sum, t) => sum + t.price.amount * t.quantity, 0);
	const shipping = receipt.transactions.reduce((sum, t) => sum + t.shipping_cost.amount, 0);
	const discount = Math.round(itemTotal * discountRate);
	const subtotal = itemTotal - discount;
	// Etsy collects US sales tax itself and reports it on the receipt.
	const tax = receipt.country_iso === "US" ? Math.round(subtotal * 0.0725) : 0;
	receipt.total_price = money(itemTotal);
	receipt.discount_amt = money(discount);
	receipt.subtotal = money(subtotal);
	receipt.total_shipping_cost = money(shipping);
	receipt.total_tax_cost = money(tax);
	receipt.total_vat_cost = money(0);
	receipt.gift_wrap_price = money(giftWrap);
	receipt.grandtotal = money(subtotal + shipping + tax + giftWrap);
}

function slug(text: string): string {
	return text
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.replace(/ł/g, "l")
		.replace(/Ł/g, "L")
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ".")
		.replace(/^\.|\.$/g, "");
}

function shippingMultiplier(country: string): number {
	if (country === SHOP.origin_country_iso) return 1;
	return country === "DE" || country === "FR" ? 2 : 3;
}

export function trackingCodeFor(carrier: string, rng: Rng): string {
	const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
	switch (carrier) {
		case "InPost":
			// InPost numbers are 24 digits: more than a spreadsheet number can hold.
			return `6${digits(23)}`;
		case "DPD":
			return `${digits(13)}U`;
		case "USPS":
			return `9400${digits(18)}`;
		case "UPS":
			return `1Z${digits(6)}A${digits(9)}`;
		case "Royal Mail":
			return `RM${digits(9)}GB`;
		default:
			return digits(10);
	}
}

function carrierFor(country: string, rng: Rng): string {
	if (country === "PL") return rng.pick(["InPost", "InPost", "DPD", "Poczta Polska"]);
	if (country === "DE" || country === "FR") return rng.pick(["DPD", "DHL"]);
	if (country === "US") return rng.pick(["UPS", "FedEx"]);
	return rng.pick(["DHL", "UPS"]);
}

export class ReceiptFactory {
	constructor(
		private readonly rng: Rng,
		readonly ids: IdSequence,
	) {}

	private nextReceiptId(): number {
		this.ids.receipt += this.rng.int(3, 977);
		return this.ids.receipt;
	}

	private nextTransactionId(): number {
		this.ids.transaction += this.rng.int(1, 311);
		return this.ids.transaction;
	}

	nextShipmentId(): number {
		this.ids.shipment += this.rng.int(1, 97);
		return this.ids.shipment;
	}

	/** A receipt exactly as `spec` says, random where it is silent, paid (or not) at `created`. */
	build(spec: ReceiptSpec, nowSeconds: number): StoredReceipt {
		const rng = this.rng;
		const created = spec.created ?? nowSeconds;
		const country =
			spec.buyer?.country_iso ?? rng.weighted(Object.entries(BUYERS).map(([c, b]) => [c, b.weight] as const));
		const pool = BUYERS[country] ?? BUYERS.PL;
		if (!pool) throw new Error("no buyer pool");
		const base = rng.pick(pool.addresses);
		const address: Address = {
			name: rng.pick(pool.names),
			first_line: base.first_line,
			second_line: base.second_line,
			city: base.city,
			state: base.state,
			zip: base.zip,
			country_iso: country,
			...stripUndefined({ ...spec.buyer, email: undefined, buyer_user_id: undefined }),
		};
		const buyerUserId = spec.buyer?.buyer_user_id ?? rng.int(100_000_000, 999_999_999);
		const email =
			spec.buyer?.email !== undefined
				? spec.buyer.email
				: rng.chance(0.6)
					? `${slug(address.name) || `buyer${buyerUserId}`}@example.com`
					: null;
		const status = spec.status ?? "paid";
		const paid = status === "paid";
		const receiptId = this.nextReceiptId();
		const items = spec.items ?? this.randomItems();
		const transactions = items.map((item, index) =>
			this.transaction(item, index, { receiptId, buyerUserId, created, paid, country }),
		);
		const shipBy = spec.ship_by;
		if (shipBy !== undefined) for (const t of transactions) t.expected_ship_date = shipBy;

		const gift = spec.gift === undefined ? (rng.chance(0.12) ? rng.pick(GIFT_MESSAGES) : false) : spec.gift;
		const note =
			spec.message_from_buyer !== undefined
				? spec.message_from_buyer
				: rng.chance(0.35)
					? rng.pick(NOTES[country] ?? NOTES.US ?? [])
					: null;
		const receipt: ShopReceipt = {
			receipt_id: receiptId,
			receipt_type: 0,
			seller_user_id: SHOP.user_id,
			seller_email: SHOP.seller_email,
			buyer_user_id: buyerUserId,
			buyer_email: email,
			name: address.name,
			first_line: null,
			second_line: null,
			city: null,
			state: null,
			zip: null,
			status,
			formatted_address: null,
			country_iso: null,
			payment_method: rng.weighted(PAYMENT_METHODS),
			payment_email: null,
			message_from_seller: null,
			message_from_buyer: note,
			message_from_payment: null,
			is_paid: paid,
			is_shipped: false,
			create_timestamp: created,
			created_timestamp: created,
			update_timestamp: created,
			updated_timestamp: created,
			is_gift: gift !== false,
			gift_message: gift ? gift.message : "",
			gift_sender: gift ? gift.sender : "",
			grandtotal: money(0),
			subtotal: money(0),
			total_price: money(0),
			total_shipping_cost: money(0),
			total_tax_cost: money(0),
			total_vat_cost: money(0),
			discount_amt: money(0),
			gift_wrap_price: money(0),
			shipments: [],
			transactions,
			refunds: [],
		};
		applyAddress(receipt, address);
		const giftWrap = gift && rng.chance(0.5) ? 1_900 : 0;
		recomputeTotals(receipt, rng.chance(0.1) ? 0.1 : 0, giftWrap);
		if (spec.fields) Object.assign(receipt, spec.fields);
		return { receipt, delivered: false };
	}

	/** A random order created at `created`, carried through a plausible life up to `nowSeconds`. */
	random(created: number, nowSeconds: number): StoredReceipt {
		const rng = this.rng;
		const age = nowSeconds - created;
		const status =
			age < DAY && rng.chance(0.04) ? "open" : age < DAY / 2 && rng.chance(0.04) ? "payment processing" : "paid";
		const stored = this.build({ created, status }, nowSeconds);
		if (status !== "paid") return stored;
		const { receipt } = stored;
		const maxDays = Math.max(
			...receipt.transactions.map((t) => Math.round(((t.expected_ship_date ?? created) - created) / DAY)),
		);

		if (rng.chance(0.06)) {
			const at = created + rng.int(1, 3 * DAY);
			if (at <= nowSeconds) {
				cancelReceipt(
					receipt,
					at,
					rng.pick(["Buyer requested", "Out of stock of the chosen wood", "Buyer changed their mind"]),
				);
				return stored;
			}
		}
		const shipAt = created + rng.int(Math.max(1, maxDays - 6), maxDays + 1) * DAY + rng.int(8 * 3600, 17 * 3600);
		if (shipAt <= nowSeconds) {
			const carrier = carrierFor(receipt.country_iso ?? "PL", rng);
			shipReceipt(receipt, shipAt, {
				receipt_shipping_id: this.nextShipmentId(),
				shipment_notification_timestamp: shipAt,
				carrier_name: carrier,
				tracking_code: trackingCodeFor(carrier, rng),
			});
			const deliveredAt = shipAt + rng.int(2, 7) * DAY;
			if (deliveredAt <= nowSeconds && rng.chance(0.9)) {
				stored.delivered = true;
				receipt.updated_timestamp = receipt.update_timestamp = deliveredAt;
				if (rng.chance(0.05)) {
					const refundAt = deliveredAt + rng.int(1, 5) * DAY;
					if (refundAt <= nowSeconds) {
						const partial = rng.chance(0.5);
						refundReceipt(
							receipt,
							refundAt,
							partial ? Math.round(receipt.grandtotal.amount * 0.2) : receipt.grandtotal.amount,
							partial ? "Small scratch on the top, partial refund agreed" : "Item arrived damaged",
						);
					}
				}
			}
		}
		return stored;
	}

	private randomItems(): ItemSpec[] {
		const count = this.rng.weighted([
			[1, 70],
			[2, 22],
			[3, 8],
		] as const);
		return Array.from({ length: count }, () => ({
			listing: this.rng.weighted([
				["standing-desk", 30],
				["chair", 20],
				["monitor-arm", 20],
				["footrest", 15],
				["organiser", 15],
			] as const),
			quantity: this.rng.chance(0.1) ? 2 : 1,
		}));
	}

	private transaction(
		item: ItemSpec,
		index: number,
		ctx: { receiptId: number; buyerUserId: number; created: number; paid: boolean; country: string },
	): ShopReceiptTransaction {
		const rng = this.rng;
		const listing = findListing(item.listing ?? rng.pick(LISTINGS).key);
		const variations: TransactionVariation[] = [];
		const productData: ListingPropertyValue[] = [];
		let price = listing.price;
		const skuParts = [listing.skuPrefix];
		for (const variation of listing.variations) {
			const wanted = item.options?.[variation.name];
			const option = wanted
				? variation.options.find((candidate) => candidate.value.toLowerCase() === wanted.toLowerCase())
				: rng.pick(variation.options);
			if (!option) throw new Error(`listing ${listing.key} has no ${variation.name} "${wanted}"`);
			price += option.priceDelta;
			skuParts.push(option.sku);
			variations.push({
				property_id: variation.property_id,
				value_id: option.value_id,
				formatted_name: variation.name,
				formatted_value: option.value,
			});
			productData.push({
				property_id: variation.property_id,
				property_name: variation.name,
				scale_id: null,
				scale_name: null,
				value_ids: [option.value_id],
				values: [option.value],
			});
		}
		const personalization =
			item.personalization !== undefined
				? item.personalization
				: listing.personalization === "required" || (listing.personalization === "optional" && rng.chance(0.4))
					? rng.pick(PERSONALISATIONS)
					: null;
		if (personalization !== null) {
			variations.push({
				property_id: PROPERTY.personalization,
				value_id: null,
				formatted_name: "Personalization",
				formatted_value: personalization,
			});
		}
		const quantity = item.quantity ?? 1;
		const shipping =
			(index === 0 ? listing.shipping : Math.round(listing.shipping / 2)) * shippingMultiplier(ctx.country);
		return {
			transaction_id: this.nextTransactionId(),
			title: listing.title,
			description: listing.description,
			seller_user_id: SHOP.user_id,
			buyer_user_id: ctx.buyerUserId,
			create_timestamp: ctx.created,
			created_timestamp: ctx.created,
			paid_timestamp: ctx.paid ? ctx.created : null,
			shipped_timestamp: null,
			quantity,
			listing_image_id: listing.listing_image_id,
			receipt_id: ctx.receiptId,
			is_digital: false,
			file_data: "",
			listing_id: listing.listing_id,
			transaction_type: "listing",
			product_id: listing.listing_id * 10 + variations.length,
			sku: skuParts.join("-"),
			price: money(price),
			shipping_cost: money(shipping),
			variations,
			product_data: productData,
			shipping_profile_id: listing.shipping_profile_id,
			min_processing_days: listing.min_processing_days,
			max_processing_days: listing.max_processing_days,
			shipping_method: ctx.country === SHOP.origin_country_iso ? "Standard" : "International Standard",
			shipping_upgrade: null,
			expected_ship_date: endOfDay(ctx.created + listing.max_processing_days * DAY),
			buyer_coupon: 0,
			shop_coupon: 0,
		};
	}
}

/** 23:59:59 UTC of the day containing `seconds`: Etsy's ship-by is a date. */
function endOfDay(seconds: number): number {
	return Math.floor(seconds / DAY) * DAY + DAY - 1;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function touch(receipt: ShopReceipt, at: number): void {
	receipt.updated_timestamp = at;
	receipt.update_timestamp = at;
}

export function shipReceipt(receipt: ShopReceipt, at: number, shipment: ShopReceiptShipment | undefined): void {
	receipt.is_shipped = true;
	if (receipt.status === "paid") receipt.status = "completed";
	for (const t of receipt.transactions) t.shipped_timestamp ??= at;
	if (shipment) receipt.shipments.push(shipment);
	touch(receipt, at);
}

export function cancelReceipt(receipt: ShopReceipt, at: number, reason: string): void {
	if (receipt.is_paid) {
		const refunded = receipt.refunds.reduce((sum, r) => sum + r.amount.amount, 0);
		const left = receipt.grandtotal.amount - refunded;
		if (left > 0) receipt.refunds.push(refund(left, at, reason));
	}
	receipt.status = "canceled";
	touch(receipt, at);
}

export function refundReceipt(receipt: ShopReceipt, at: number, amount: number, reason: string): void {
	receipt.refunds.push(refund(amount, at, reason));
	const refunded = receipt.refunds.reduce((sum, r) => sum + r.amount.amount, 0);
	const status: ReceiptStatus = refunded >= receipt.grandtotal.amount ? "fully refunded" : "partially refunded";
	if (receipt.status !== "canceled") receipt.status = status;
	// No touch: Etsy does not change updated_timestamp for a refund (NOTES.md, Incremental import).
}

function refund(amount: number, at: number, reason: string) {
	return { amount: money(amount), created_timestamp: at, reason, note_from_issuer: null, status: "REFUNDED" };
}
