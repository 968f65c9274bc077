/**
 * Finding a package again: Hubsheet's package for an order, by its `user_reference_number` (the
 * newest one not cancelled), and one package by id. Package ids go into paths only as the
 * characters an id has, so a cell's text cannot change the path.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HttpResponse } from "../../ports.js";
import { parseWith } from "../http/json-edge.js";
import { withQuery } from "../http/query-string.js";
import type { FurgonetkaApi } from "./client.js";
import { createdPackagesSchema, type FurgonetkaPackage, packageListSchema, packageSchema } from "./schemas.js";
import { CANCELLED_STATES } from "./states.js";

const LIST_LIMIT = 100;

/** Hubsheet's package for the order: the newest one not cancelled, by `user_reference_number`. */
export function lookupPackage(api: FurgonetkaApi, orderId: string, maxPages: number): FurgonetkaPackage | null {
	const endpoint = "GET /packages";
	const matches: FurgonetkaPackage[] = [];
	let lastPackageId: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const response = api.call({
			method: "get",
			path: withQuery("/packages", {
				query: orderId,
				list_type: "all",
				limit: LIST_LIMIT,
				last_package_id: lastPackageId,
			}),
			endpoint,
			idempotent: true,
		});
		if (response.status < 200 || response.status >= 300) throw api.unexpected(endpoint, response);
		const { packages } = api.parse(packageListSchema, endpoint, response);
		packages.forEach((raw, index) => {
			// The search is Furgonetka's full-text `query`; only an exact reference counts.
			if (readField(raw, "user_reference_number") !== orderId) return;
			matches.push(parseWith(packageSchema, api.edge(endpoint, 200), raw, ["packages", index]));
		});
		const last = packages[packages.length - 1];
		const lastId = readField(last, "package_id");
		if (packages.length < LIST_LIMIT || lastId === null) break;
		lastPackageId = lastId;
	}
	const live = matches.filter((pkg) => !CANCELLED_STATES.has(pkg.state));
	live.sort((a, b) => compareIds(b.package_id, a.package_id));
	return live[0] ?? null;
}

/** One package as it stands now, or null when Furgonetka does not know it. */
export function readPackage(api: FurgonetkaApi, packageId: string): FurgonetkaPackage | null {
	const endpoint = "GET /packages/{id}";
	const response = api.call({
		method: "get",
		path: `/packages/${pathId(packageId, endpoint)}`,
		endpoint,
		idempotent: true,
	});
	if (response.status === 404) return null;
	if (response.status < 200 || response.status >= 300) throw api.unexpected(endpoint, response);
	return api.parse(packageSchema, endpoint, response);
}

/**
 * The answer to `POST /packages`. NOTES.md "Package body": "Create response: CL reads top-level
 * `package_id`; SP's stub returns `{packages:[{package_id, parcels}]}`. Which is real is UNCONFIRMED:
 * accept both". The wrapped answer holds no state, so that package is read by its id.
 */
export function parseCreatedPackage(api: FurgonetkaApi, endpoint: string, response: HttpResponse): FurgonetkaPackage {
	try {
		return api.parse(packageSchema, endpoint, response);
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		let created: FurgonetkaPackage | null = null;
		try {
			const [first] = api.parse(createdPackagesSchema, endpoint, response).packages;
			created = first ? readPackage(api, first.package_id) : null;
		} catch {
			// Neither reading: the first error says what is wrong with the answer.
		}
		if (!created) throw error;
		return created;
	}
}

/** Package ids go into paths: only the characters an id has, so a cell's text cannot change the path. */
export function pathId(id: string, endpoint: string): string {
	const text = id.trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) {
		throw new PlatformError(
			"Furgonetka",
			endpoint,
			"rejected",
			`"${text.slice(0, 40)}" is not a Furgonetka package id`,
		);
	}
	return encodeURIComponent(text);
}

function readField(raw: unknown, field: string): string | null {
	if (raw === null || typeof raw !== "object") return null;
	const value = (raw as Record<string, unknown>)[field];
	return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

function compareIds(a: string, b: string): number {
	if (/^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
	return a < b ? -1 : a > b ? 1 : 0;
}
