/**
 * The columns of the Orders sheet: found by header text, never by position, because owners insert
 * their own columns, sort and filter. Each column has one owner, the source of truth for it. The columns Hubsheet keeps from
 * the CRM, the courier and the sync are in kept-columns.ts.
 */

import { KEPT_COLUMNS } from "./kept-columns.js";

export type ColumnGroup = "Order" | "Work" | "CRM" | "Courier" | "Dates" | "Sync";
export type ColumnOwner = "etsy" | "owner" | "crm" | "courier" | "hubsheet";
/** How values are stored and formatted: text is never parsed by Sheets; dates are serial numbers. */
export type ColumnKind = "text" | "link" | "datetime" | "date" | "money" | "status";

export interface ColumnSpec {
	key: string;
	header: string;
	group: ColumnGroup;
	owner: ColumnOwner;
	kind: ColumnKind;
	/** Pixels. */
	width: number;
	/**
	 * Required columns hold what cannot be rebuilt (the order key, the owner's Status). If one is
	 * missing, set-up reports it instead of making an empty one that would silently lose the link
	 * between rows and orders.
	 */
	required: boolean;
	note: string;
}

const ETSY_NOTE =
	"Mirrored from Etsy by Hubsheet. Edits here are overwritten at the next sync: change the order on Etsy.";
const OWNER_NOTE = "Yours: Hubsheet never overwrites this column.";

export const ORDER_COLUMNS = [
	{
		key: "order",
		header: "Order",
		group: "Order",
		owner: "etsy",
		kind: "link",
		width: 110,
		required: true,
		note: `Etsy order number, linked to the order on Etsy. Hubsheet finds each order's row by this column. ${ETSY_NOTE}`,
	},
	{
		key: "ordered",
		header: "Ordered",
		group: "Order",
		owner: "etsy",
		kind: "datetime",
		width: 130,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "buyer",
		header: "Buyer",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 150,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "email",
		header: "Email",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 180,
		required: false,
		note: `Empty when Etsy does not share the buyer's email. ${ETSY_NOTE}`,
	},
	{
		key: "shipTo",
		header: "Ship to",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 220,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "items",
		header: "Items",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 260,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "buyerNote",
		header: "Buyer note",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 220,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "total",
		header: "Total",
		group: "Order",
		owner: "etsy",
		kind: "money",
		width: 90,
		required: false,
		note: `Grand total, in the order's currency. ${ETSY_NOTE}`,
	},
	{
		key: "currency",
		header: "Currency",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 70,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "shipBy",
		header: "Ship by",
		group: "Order",
		owner: "etsy",
		kind: "date",
		width: 100,
		required: false,
		note: `The earliest expected ship date Etsy gave the buyer. ${ETSY_NOTE}`,
	},
	{
		key: "etsyStatus",
		header: "Etsy status",
		group: "Order",
		owner: "etsy",
		kind: "text",
		width: 110,
		required: false,
		note: ETSY_NOTE,
	},
	{
		key: "status",
		header: "Status",
		group: "Work",
		owner: "owner",
		kind: "status",
		width: 120,
		required: true,
		note: "Where the order stands: yours to change, and the CRM and the courier follow it. Hubsheet writes it only when it adds the row (New; Shipped or Cancelled for orders Etsy already closed) and when the courier reports the parcel picked up (Shipped) or delivered (Delivered), never backwards.",
	},
	{
		key: "design",
		header: "Design",
		group: "Work",
		owner: "owner",
		kind: "text",
		width: 160,
		required: false,
		note: `Link to the CAD file or Drive folder. When the order reaches Design and this cell is empty, Hubsheet makes the order's folder in your Drive (Hubsheet orders) and links it here; the courier's label is saved there too. A link of your own here is kept and no folder is made. Hubsheet never overwrites what you type.`,
	},
	{
		key: "mail",
		header: "Mail",
		group: "Work",
		owner: "hubsheet",
		kind: "link",
		width: 90,
		required: false,
		note: "Opens your Gmail searching for this order's number or the buyer's name (a link only: Hubsheet never reads your mail). Kept by Hubsheet.",
	},
	{
		key: "notes",
		header: "Notes",
		group: "Work",
		owner: "owner",
		kind: "text",
		width: 220,
		required: false,
		note: OWNER_NOTE,
	},
	{
		key: "phone",
		header: "Phone",
		group: "Work",
		owner: "owner",
		kind: "text",
		width: 120,
		required: false,
		note: `The buyer's phone number for the courier: Etsy does not share it. ${OWNER_NOTE}`,
	},
	{
		key: "shipToOverride",
		header: "Ship to (yours)",
		group: "Work",
		owner: "owner",
		kind: "text",
		width: 200,
		required: false,
		note: `The shipping address, typed by you when Etsy does not share it (Etsy withholds addresses from apps in some countries) or to send the parcel elsewhere: name, street, postcode and city, country, one per line or separated by commas. When filled, the shipment goes here instead of to Ship to. ${OWNER_NOTE}`,
	},
	...KEPT_COLUMNS,
] as const satisfies readonly ColumnSpec[];

export type OrderColumnKey = (typeof ORDER_COLUMNS)[number]["key"];
export type EtsyColumnKey = Extract<(typeof ORDER_COLUMNS)[number], { owner: "etsy" }>["key"];

export const ETSY_COLUMN_KEYS = ORDER_COLUMNS.filter((column) => column.owner === "etsy").map(
	(column) => column.key,
) as EtsyColumnKey[];

export const GROUP_COLOURS: Record<ColumnGroup, string> = {
	Order: "#fce8b2",
	Work: "#b7e1cd",
	CRM: "#c9daf8",
	Courier: "#f4cccc",
	Dates: "#d9ead3",
	Sync: "#d9d9d9",
};

export function columnSpec(key: OrderColumnKey): ColumnSpec {
	const spec = ORDER_COLUMNS.find((column) => column.key === key);
	if (!spec) throw new Error(`Unknown Orders column "${key}"`);
	return spec;
}

/** Headers are matched ignoring case and surrounding spaces: "ship to " is still Ship to. */
export function normaliseHeader(header: unknown): string {
	return String(header ?? "")
		.trim()
		.replace(/\s+/g, " ")
		.toLowerCase();
}
