/**
 * An order as Etsy describes it, in Hubsheet's own terms: what the Order column group mirrors.
 * Platform connectors map their responses to this; nothing here knows about Etsy's JSON.
 */

export interface PostalAddress {
	name: string;
	firstLine: string;
	secondLine: string;
	city: string;
	state: string;
	zip: string;
	countryIso: string;
}

export interface OrderItem {
	listingId: string;
	sku: string;
	title: string;
	quantity: number;
	/** Variation and personalisation values, e.g. ["oak", "140 cm"]. */
	options: string[];
}

export interface Shipment {
	carrier: string;
	trackingCode: string;
}

export interface EtsyOrder {
	/** Etsy's receipt_id as text: ids are keys, never numbers to add up. */
	orderId: string;
	orderUrl: string;
	/** Epoch milliseconds. */
	orderedAt: number;
	updatedAt: number;
	buyer: string;
	/**
	 * Etsy's buyer_user_id as text: always shared, so the CRM finds a buyer whose email Etsy
	 * withholds by it. Absent in orders recorded before Hubsheet kept it.
	 */
	buyerId?: string;
	/** Empty when Etsy does not share the buyer's email. */
	email: string;
	/** Etsy's formatted address, lines joined by newlines. */
	shipTo: string;
	address: PostalAddress;
	/** Human-readable lines such as "2 x Standing desk (oak, 140 cm)", joined by newlines. */
	items: string;
	itemLines: OrderItem[];
	buyerNote: string;
	/** The grand total in major units of `currency`. */
	total: number;
	currency: string;
	/** Epoch ms of the earliest expected ship date, or null when Etsy gives none. */
	shipBy: number | null;
	/** Etsy's status in words: Paid, Completed, Open, Payment processing, Cancelled, Fully refunded, Partially refunded. */
	etsyStatus: string;
	isPaid: boolean;
	isShipped: boolean;
	isGift: boolean;
	giftMessage: string;
	shipments: Shipment[];
}
