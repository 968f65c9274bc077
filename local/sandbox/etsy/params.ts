/**
 * Parameter parsing with the bounds the spec declares (../shared/specs/etsy/etsy-openapi-v3.json,
 * getShopReceipts' parameters; test/contract/etsy-sandbox.test.ts checks each case against it); a bad
 * value is a 400 with Etsy's `{"error": "..."}` body. The one exception NOTES.md makes: "`limit` max
 * 100 (higher values clamp to 100) [MIG]" (api.ts). Not in NOTES: the wording of the 400s.
 */
import { type Query, queryValue } from "../kit/http.js";

export class ParamError extends Error {}

function single(query: Query, name: string): string | undefined {
	const value = query[name];
	if (Array.isArray(value)) throw new ParamError(`Parameter '${name}' must be given once.`);
	return queryValue(query, name);
}

export function intParam(
	raw: string | undefined,
	name: string,
	bounds: { min?: number; max?: number } = {},
): number | undefined {
	if (raw === undefined) return undefined;
	if (!/^-?\d+$/.test(raw.trim())) throw new ParamError(`Parameter '${name}' must be an integer, got '${raw}'.`);
	const value = Number(raw);
	if (!Number.isSafeInteger(value)) throw new ParamError(`Parameter '${name}' is out of range.`);
	if (bounds.min !== undefined && value < bounds.min) {
		throw new ParamError(`Parameter '${name}' must be greater than or equal to ${bounds.min}, got ${value}.`);
	}
	if (bounds.max !== undefined && value > bounds.max) {
		throw new ParamError(`Parameter '${name}' must be less than or equal to ${bounds.max}, got ${value}.`);
	}
	return value;
}

export function intQuery(query: Query, name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
	return intParam(single(query, name), name, bounds);
}

export function boolValue(raw: unknown, name: string): boolean | undefined {
	if (raw === undefined) return undefined;
	if (raw === true || raw === "true" || raw === "1") return true;
	if (raw === false || raw === "false" || raw === "0") return false;
	throw new ParamError(`Parameter '${name}' must be a boolean, got '${String(raw)}'.`);
}

export function boolQuery(query: Query, name: string): boolean | undefined {
	return boolValue(single(query, name), name);
}

export function enumQuery<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
	const raw = single(query, name);
	if (raw === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(raw)) {
		throw new ParamError(`Parameter '${name}' must be one of ${allowed.join(", ")}, got '${raw}'.`);
	}
	return raw as T;
}

export function stringQuery(query: Query, name: string): string | undefined {
	return single(query, name);
}
