/**
 * Query parameters with the bounds the spec declares, and v2's opaque cursors. Pipedrive has no
 * NOTES.md; the source is ../shared/specs/pipedrive/pipedrive-openapi-v2.yaml, quoted beside each rule.
 * Not in the spec: a bad value is a 400 with Pipedrive's error body, never a silently clamped value,
 * chosen so connector bugs show up locally (the connector only sends values inside the bounds).
 */
import { type Query, queryValue } from "../kit/http.js";
import { ApiError } from "./state.js";

function single(query: Query, name: string): string | undefined {
	if (Array.isArray(query[name])) throw new ApiError(400, `Parameter "${name}" must be given once`);
	return queryValue(query, name);
}

export function intQuery(query: Query, name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	if (!/^-?\d+$/.test(raw.trim())) throw new ApiError(400, `Parameter "${name}" must be an integer`);
	const value = Number(raw);
	if (bounds.min !== undefined && value < bounds.min) {
		throw new ApiError(400, `Parameter "${name}" must be greater than or equal to ${bounds.min}`);
	}
	if (bounds.max !== undefined && value > bounds.max) {
		throw new ApiError(400, `Parameter "${name}" must be less than or equal to ${bounds.max}`);
	}
	return value;
}

export function boolQuery(query: Query, name: string): boolean | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	if (raw === "true" || raw === "1") return true;
	if (raw === "false" || raw === "0") return false;
	throw new ApiError(400, `Parameter "${name}" must be a boolean`);
}

export function enumQuery<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(raw)) {
		throw new ApiError(400, `Parameter "${name}" must be one of: ${allowed.join(", ")}`);
	}
	return raw as T;
}

export function stringQuery(query: Query, name: string): string | undefined {
	return single(query, name);
}

/** A comma-separated list whose every item must be one of `allowed`. */
export function listQuery<T extends string>(query: Query, name: string, allowed: readonly T[]): T[] | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	const items = raw.split(",").map((item) => item.trim());
	for (const item of items) {
		if (!(allowed as readonly string[]).includes(item)) {
			throw new ApiError(400, `Parameter "${name}" must be a comma-separated list of: ${allowed.join(", ")}`);
		}
	}
	return items as T[];
}

/**
 * RFC 3339 date-time (`2025-01-01T10:20:00Z`), as `updated_since` takes it; epoch seconds out.
 * Spec `updated_since`: "only ... with an `update_time` later than or equal to this time are returned.
 * In RFC3339 format, e.g. 2025-01-01T10:20:00Z."
 */
export function timeQuery(query: Query, name: string): number | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw))) {
		throw new ApiError(400, `Parameter "${name}" must be an RFC3339 date-time, e.g. 2025-01-01T10:20:00Z`);
	}
	return Math.floor(Date.parse(raw) / 1000);
}

/** Spec `limit`: "If not provided, 100 items will be returned. Please note that a maximum value of 500 is allowed." */
export function limitQuery(query: Query): number {
	return intQuery(query, "limit", { min: 1, max: 500 }) ?? 100;
}

interface CursorState {
	/** The sort value and id of the last item served. */
	v: number | string;
	id: number;
	/** What the cursor was made for, so one list's cursor cannot page another. */
	f: string;
}

export function encodeCursor(state: CursorState): string {
	return Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
}

export function decodeCursor(query: Query, field: string): CursorState | undefined {
	const raw = single(query, "cursor");
	if (raw === undefined || raw === "") return undefined;
	try {
		const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<CursorState>;
		if (
			(typeof parsed.v === "number" || typeof parsed.v === "string") &&
			typeof parsed.id === "number" &&
			parsed.f === field
		) {
			return parsed as CursorState;
		}
	} catch {
		// Falls through to the 400 below.
	}
	throw new ApiError(400, 'Parameter "cursor" is invalid');
}

/**
 * Spec `cursor`: "the marker (an opaque string value) representing the first item on the next page";
 * `additional_data.next_cursor` null on the last page. Not in the spec: what the cursor holds.
 * Keyset paging as v2 does it: sorted by `field` then id, the page starts after the cursor's item,
 * so an item that changes between pages moves rather than shifting every later item.
 */
export function keysetPage<T>(
	items: T[],
	options: {
		query: Query;
		/** Names the list in its cursors. */
		list: string;
		sortValue: (item: T) => number | string;
		id: (item: T) => number;
		direction: "asc" | "desc";
	},
): { page: T[]; nextCursor: string | null } {
	const { sortValue, id, direction, list } = options;
	const limit = limitQuery(options.query);
	const cursor = decodeCursor(options.query, list);
	const sign = direction === "asc" ? 1 : -1;
	const compare = (a: number | string, aId: number, b: number | string, bId: number) =>
		sign * (a < b ? -1 : a > b ? 1 : aId - bId);
	const sorted = [...items].sort((a, b) => compare(sortValue(a), id(a), sortValue(b), id(b)));
	const start = cursor ? sorted.filter((item) => compare(sortValue(item), id(item), cursor.v, cursor.id) > 0) : sorted;
	const page = start.slice(0, limit);
	const last = page[page.length - 1];
	const nextCursor =
		start.length > limit && last !== undefined ? encodeCursor({ v: sortValue(last), id: id(last), f: list }) : null;
	return { page, nextCursor };
}
