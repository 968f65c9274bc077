/**
 * `POST /crm/v3/objects/{type}/search` as ../shared/specs/hubspot/NOTES.md "Search" describes it.
 * NOTES.md "Search": "Body `{filterGroups:[{filters:[{propertyName, operator, value|values}]}], properties,
 * sorts, limit, after}`; response `{total, results:[{id, properties, updatedAt}], paging:{next:{after}}}`".
 * NOTES.md "Search": "up to **5 filterGroups**, **10 filters per group**, **25 filters** in all (since
 * 2024-08-26) [SFLT]" (this sandbox said 6 and 18 before the 2024 change; the note wins).
 * NOTES.md "Search": "Max **10,000 results** per query, beyond that 400 [AWS Glue doc, secondary]".
 * NOTES.md "Search": "Page size ≤ 200 (carried over, UNCONFIRMED this pass)": SEARCH_MAX_LIMIT; the
 * connector asks for 200 and follows `paging.next.after` whatever a page holds.
 * Not in NOTES: chosen because a connector must survive them, and a real index is not instant:
 * - the lagging index (`searchIndexDelayMs`, default 0): the connector never looks a deal up by
 *   search (it reads `?idProperty=`), so any lag, or none, is tolerated;
 * - one sort at most, ties by id, `after` as a plain offset, `query` matching any value, the texts
 *   of the 400s.
 */
import { invalidInput } from "./errors.js";
import type { HubSpotState } from "./state.js";
import type { CrmRecord, ObjectType } from "./types.js";
import { objectToWire, requestedProperties } from "./wire.js";

export const SEARCH_MAX_LIMIT = 200;
// NOTES.md "Search" [SFLT]: 5 groups, 10 filters per group, 25 in all.
export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 10;
export const MAX_FILTERS = 25;
// NOTES.md "Search": "Operators EQ NEQ GT GTE LT LTE BETWEEN IN NOT_IN HAS_PROPERTY NOT_HAS_PROPERTY
// CONTAINS_TOKEN NOT_CONTAINS_TOKEN (carried over)".
const OPERATORS = [
	"EQ",
	"NEQ",
	"LT",
	"LTE",
	"GT",
	"GTE",
	"BETWEEN",
	"IN",
	"NOT_IN",
	"HAS_PROPERTY",
	"NOT_HAS_PROPERTY",
	"CONTAINS_TOKEN",
	"NOT_CONTAINS_TOKEN",
] as const;
type Operator = (typeof OPERATORS)[number];

interface Filter {
	propertyName: string;
	operator: Operator;
	value?: string;
	highValue?: string;
	values?: string[];
}

interface SearchRequest {
	groups: Filter[][];
	sort: { propertyName: string; descending: boolean } | null;
	properties: string[] | null;
	limit: number;
	offset: number;
	query: string | null;
}

const DATE_PROPERTIES = new Set(["createdate", "hs_lastmodifieddate", "lastmodifieddate", "closedate"]);
const NUMBER_PROPERTIES = new Set(["amount", "hs_object_id"]);

export function search(state: HubSpotState, type: ObjectType, body: unknown, nowMs: number) {
	const request = parseSearch(body, state.settings.searchResultCap);
	const known = new Set(state.properties[type].keys());
	for (const filter of request.groups.flat()) {
		if (!known.has(filter.propertyName)) {
			throw invalidInput(`There was a problem with the request. Unknown property: ${filter.propertyName}`);
		}
	}
	const views: Array<{ record: CrmRecord; view: { properties: Record<string, string>; archived: boolean } }> = [];
	for (const record of state.records[type].values()) {
		const view = state.indexed(record, nowMs);
		if (!view || view.archived) continue;
		const matches =
			(request.groups.length === 0 ||
				request.groups.some((group) => group.every((filter) => test(filter, view.properties)))) &&
			(request.query === null || matchesQuery(request.query, view.properties));
		if (matches) views.push({ record, view });
	}
	const sort = request.sort;
	views.sort((a, b) => {
		if (sort) {
			const order = compare(
				sort.propertyName,
				a.view.properties[sort.propertyName],
				b.view.properties[sort.propertyName],
			);
			if (order !== 0) return sort.descending ? -order : order;
		}
		return Number(a.record.id) - Number(b.record.id);
	});
	const page = views.slice(request.offset, request.offset + request.limit);
	const next = request.offset + request.limit;
	return {
		total: views.length,
		results: page.map(({ record, view }) => objectToWire(record, request.properties, known, view)),
		...(next < views.length ? { paging: { next: { after: String(next), link: `?after=${next}` } } } : {}),
	};
}

function parseSearch(body: unknown, cap: number): SearchRequest {
	if (body === undefined) body = {};
	if (body === null || typeof body !== "object" || Array.isArray(body))
		throw invalidInput("Invalid input JSON: expected an object");
	const input = body as Record<string, unknown>;
	const groupsRaw = input.filterGroups ?? [];
	if (!Array.isArray(groupsRaw)) throw invalidInput("filterGroups must be an array");
	if (groupsRaw.length > MAX_FILTER_GROUPS) {
		throw invalidInput(`Too many filter groups (${groupsRaw.length}); the maximum is ${MAX_FILTER_GROUPS}.`);
	}
	const groups = groupsRaw.map((group, index) => {
		const filters = (group as { filters?: unknown })?.filters;
		if (!Array.isArray(filters)) throw invalidInput(`filterGroups[${index}].filters must be an array`);
		if (filters.length > MAX_FILTERS_PER_GROUP) {
			throw invalidInput(
				`Too many filters in filterGroups[${index}] (${filters.length}); the maximum is ${MAX_FILTERS_PER_GROUP}.`,
			);
		}
		return filters.map((filter, f) => parseFilter(filter, `filterGroups[${index}].filters[${f}]`));
	});
	const total = groups.reduce((sum, group) => sum + group.length, 0);
	if (total > MAX_FILTERS) {
		throw invalidInput(`Too many filters (${total}); the maximum is ${MAX_FILTERS} across all groups.`);
	}

	const sortsRaw = input.sorts ?? [];
	if (!Array.isArray(sortsRaw)) throw invalidInput("sorts must be an array");
	if (sortsRaw.length > 1) throw invalidInput("Only one sort is supported.");
	let sort: SearchRequest["sort"] = null;
	const first = sortsRaw[0];
	if (typeof first === "string") {
		sort = { propertyName: first.replace(/^-/, ""), descending: first.startsWith("-") };
	} else if (first && typeof first === "object") {
		const { propertyName, direction } = first as { propertyName?: unknown; direction?: unknown };
		if (typeof propertyName !== "string") throw invalidInput("sorts[0].propertyName must be a string");
		if (direction !== undefined && direction !== "ASCENDING" && direction !== "DESCENDING") {
			throw invalidInput(`sorts[0].direction must be ASCENDING or DESCENDING, not ${String(direction)}`);
		}
		sort = { propertyName, descending: direction === "DESCENDING" };
	}

	const limit = input.limit ?? 10;
	if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT) {
		throw invalidInput(`limit must be an integer from 1 to ${SEARCH_MAX_LIMIT}, not ${JSON.stringify(limit)}`);
	}
	const afterRaw = input.after;
	let offset = 0;
	if (afterRaw !== undefined && afterRaw !== null) {
		offset = Number(afterRaw);
		if (!Number.isInteger(offset) || offset < 0)
			throw invalidInput(`after must be a paging cursor, not ${JSON.stringify(afterRaw)}`);
	}
	if (offset >= cap) {
		throw invalidInput(
			`The search can page through at most ${cap} results; after=${offset} is past that. Narrow the query instead.`,
		);
	}
	const properties = Array.isArray(input.properties) ? requestedProperties(input.properties.map(String)) : null;
	const query = typeof input.query === "string" && input.query.trim() !== "" ? input.query.trim().toLowerCase() : null;
	return { groups, sort, properties, limit, offset, query };
}

function parseFilter(raw: unknown, where: string): Filter {
	if (!raw || typeof raw !== "object") throw invalidInput(`${where} must be an object`);
	const { propertyName, operator, value, highValue, values } = raw as Record<string, unknown>;
	if (typeof propertyName !== "string" || propertyName === "") throw invalidInput(`${where}.propertyName is required`);
	if (typeof operator !== "string" || !OPERATORS.includes(operator as Operator)) {
		throw invalidInput(`${where}.operator must be one of ${OPERATORS.join(", ")}`);
	}
	const filter: Filter = { propertyName, operator: operator as Operator };
	if (value !== undefined && value !== null) filter.value = String(value);
	if (highValue !== undefined && highValue !== null) filter.highValue = String(highValue);
	if (Array.isArray(values)) filter.values = values.map(String);
	const needsValue = !["HAS_PROPERTY", "NOT_HAS_PROPERTY", "IN", "NOT_IN"].includes(operator);
	if (needsValue && filter.value === undefined) throw invalidInput(`${where}.value is required for ${operator}`);
	if (operator === "BETWEEN" && filter.highValue === undefined)
		throw invalidInput(`${where}.highValue is required for BETWEEN`);
	if ((operator === "IN" || operator === "NOT_IN") && !filter.values) {
		throw invalidInput(`${where}.values is required for ${operator}`);
	}
	return filter;
}

function test(filter: Filter, properties: Record<string, string>): boolean {
	const actual = properties[filter.propertyName];
	const has = actual !== undefined && actual !== "";
	switch (filter.operator) {
		case "HAS_PROPERTY":
			return has;
		case "NOT_HAS_PROPERTY":
			return !has;
		case "IN":
			return has && (filter.values ?? []).some((value) => compare(filter.propertyName, actual, value) === 0);
		case "NOT_IN":
			return !has || (filter.values ?? []).every((value) => compare(filter.propertyName, actual, value) !== 0);
		case "CONTAINS_TOKEN":
			return has && containsToken(actual, filter.value ?? "");
		case "NOT_CONTAINS_TOKEN":
			return !has || !containsToken(actual, filter.value ?? "");
		default:
			break;
	}
	if (!has) return filter.operator === "NEQ";
	const order = compare(filter.propertyName, actual, filter.value);
	switch (filter.operator) {
		case "EQ":
			return order === 0;
		case "NEQ":
			return order !== 0;
		case "LT":
			return order < 0;
		case "LTE":
			return order <= 0;
		case "GT":
			return order > 0;
		case "GTE":
			return order >= 0;
		case "BETWEEN":
			return order >= 0 && compare(filter.propertyName, actual, filter.highValue) <= 0;
		default:
			return false;
	}
}

/** Dates compare as instants (epoch ms or ISO), numbers as numbers, text without regard to case. */
function compare(propertyName: string, a: string | undefined, b: string | undefined): number {
	if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
	if (DATE_PROPERTIES.has(propertyName)) return toMs(a) - toMs(b);
	if (NUMBER_PROPERTIES.has(propertyName)) return Number(a) - Number(b);
	return a.toLowerCase().localeCompare(b.toLowerCase());
}

function toMs(value: string): number {
	return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}

function containsToken(text: string, token: string): boolean {
	const pattern = new RegExp(
		`^${token
			.toLowerCase()
			.replace(/[.+?^${}()|[\]\\]/g, "\\$&")
			.replace(/\*/g, ".*")}$`,
	);
	return text
		.toLowerCase()
		.split(/[^\p{L}\p{N}@.*_-]+/u)
		.some((word) => pattern.test(word));
}

function matchesQuery(query: string, properties: Record<string, string>): boolean {
	return Object.values(properties).some((value) => value.toLowerCase().includes(query));
}
