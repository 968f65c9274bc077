/** The HubSpot sandbox's state shapes (what HubSpot keeps for a portal), separate from the wire format. */

export type ObjectType = "deals" | "contacts";

export interface PropertyDef {
	name: string;
	label: string;
	/** string, number, date, datetime, enumeration, bool */
	type: string;
	fieldType: string;
	groupName: string;
	description: string;
	hasUniqueValue: boolean;
	/** HubSpot's own properties cannot be deleted; read-only ones cannot be written either. */
	hubspotDefined: boolean;
	readOnlyValue: boolean;
	createdAt: number;
	updatedAt: number;
}

export interface StageDef {
	id: string;
	label: string;
	displayOrder: number;
	/** HubSpot sends both as strings. */
	isClosed: boolean;
	probability: number;
	archived: boolean;
	createdAt: number;
	updatedAt: number;
}

export interface PipelineDef {
	id: string;
	label: string;
	displayOrder: number;
	archived: boolean;
	stages: StageDef[];
	createdAt: number;
	updatedAt: number;
}

/** A state of a record as search's index saw it at a moment (search lags writes). */
export interface IndexedVersion {
	at: number;
	properties: Record<string, string>;
	archived: boolean;
}

export interface CrmRecord {
	id: string;
	type: ObjectType;
	/** Only properties that have a value; HubSpot answers null for asked-for properties without one. */
	properties: Record<string, string>;
	createdAt: number;
	updatedAt: number;
	archived: boolean;
	archivedAt: number | null;
	/** Deals: associated contact ids; contacts: associated deal ids. */
	associations: string[];
	/** Who made the last change: "integration" (the API) or "owner" (a hand edit in HubSpot). */
	lastChangedBy: "integration" | "owner";
	/** Older states kept while search's index has not caught up. */
	versions: IndexedVersion[];
}

export interface TokenRecord {
	token: string;
	scopes: string[];
	revoked: boolean;
}

export interface BatchFailure {
	dealId: string;
	category: string;
	message: string;
	remaining: number;
}

export interface HubSpotSettings {
	/** Requests per rolling window (private apps on Free/Starter: 100 per 10 s). */
	perInterval: number;
	intervalMs: number;
	perDay: number;
	/** The search endpoints' own limit per token. */
	searchPerSecond: number;
	/** How long a write takes to reach search results, in sandbox ms (HubSpot: seconds). */
	searchIndexDelayMs: number;
	/** How far `after` may page in one query (NOTES.md, Search: at most 10,000 results); lower in tests. */
	searchResultCap: number;
	/** Currencies the portal has set up; deal_currency_code must be one of them. */
	currencies: string[];
	/** Simulated business: stages someone changes by hand in HubSpot per sandbox day. */
	handEditsPerDay: number;
}

/** Whether set-up's unique order id property already exists at reset. */
export type OrderIdPropertyState = "missing" | "unique" | "not-unique";

export interface PipelineSpec {
	id: string;
	label: string;
	stages: Array<string | { id?: string; label: string; isClosed?: boolean; probability?: number }>;
}

export interface HubSpotResetOptions {
	seed?: number;
	portalId?: string;
	/** The default token's value (every scope). */
	accessToken?: string;
	orderIdProperty?: OrderIdPropertyState;
	/** Name of the order id property the sandbox seeds and recognises. */
	orderIdPropertyName?: string;
	/** Hubsheet deals (with order ids) to seed; needs the property. */
	deals?: number;
	/** Deals the owner made by hand, without an order id. */
	manualDeals?: number;
	pipelines?: PipelineSpec[];
	settings?: Partial<HubSpotSettings>;
}
