/**
 * The Pipedrive API v2 endpoints Hubsheet uses: deals (list, get, add, update, search), persons
 * (get, add, search), stages, pipelines, deal fields and person fields; plus the deal page a link
 * opens. Persons carry custom field values (`custom_fields` in addPerson and in every person, as the
 * v2 spec's PersonItem has them), and `/persons/search` with `fields=custom_fields` looks into the
 * searchable types (the spec's description of `fields`), as for deals.
 */
import { type Handler, json, requiredBodyObject, type SandboxRequest, text } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import {
	boolQuery,
	decodeCursor,
	encodeCursor,
	enumQuery,
	intQuery,
	keysetPage,
	limitQuery,
	listQuery,
	stringQuery,
	timeQuery,
} from "./params.js";
import type { PipedriveSandbox } from "./sandbox.js";
import { ApiError, CURRENCIES } from "./state.js";
import {
	CREATABLE_FIELD_TYPES,
	type DealRecord,
	type DealStatus,
	type PersonRecord,
	SEARCHABLE_FIELD_TYPES,
} from "./types.js";
import {
	dealFieldWire,
	dealSearchItem,
	dealWire,
	personSearchItem,
	personWire,
	pipelineWire,
	rfc3339,
	stageWire,
} from "./wire.js";

export const API = "/api/v2";

/** The spec's `x-token-cost` of each operation the sandbox serves (checked against the spec in test/contract). */
export const TOKEN_COSTS = {
	"GET /deals": 10,
	"POST /deals": 5,
	"GET /deals/search": 20,
	"GET /deals/{id}": 1,
	"PATCH /deals/{id}": 5,
	"GET /persons/search": 20,
	"GET /persons": 10,
	"POST /persons": 5,
	"GET /persons/{id}": 1,
	"GET /stages": 5,
	"GET /pipelines": 5,
	"GET /dealFields": 10,
	"POST /dealFields": 5,
	"GET /dealFields/{field_code}": 1,
	"GET /personFields": 10,
	"POST /personFields": 5,
} as const;

const DEAL_STATUSES = ["open", "won", "lost", "deleted"] as const;
const SORT_DIRECTIONS = ["asc", "desc"] as const;

type Body = Record<string, unknown>;

function body(req: SandboxRequest): Body {
	return requiredBodyObject(req, () => new ApiError(400, "Request body must be a JSON object"));
}

function pathId(req: SandboxRequest, name = "id"): number {
	const raw = req.params[name] ?? "";
	if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ApiError(400, `Parameter "${name}" must be a positive integer`);
	return Number(raw);
}

function ok(data: unknown, additional?: Record<string, unknown>) {
	return json(200, { success: true, data, ...(additional ? { additional_data: additional } : {}) });
}

function optionalString(value: unknown, name: string, { nonEmpty = false } = {}): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== "string" || (nonEmpty && value.trim() === "")) {
		throw new ApiError(400, `"${name}" must be a${nonEmpty ? " non-empty" : ""} string`);
	}
	return value;
}

function optionalId(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
		throw new ApiError(400, `"${name}" must be a positive integer`);
	}
	return value;
}

/** The deal fields of an add or update body, checked as Pipedrive checks them. */
function dealInput(input: Body) {
	const value = input.value;
	if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
		throw new ApiError(400, '"value" must be a number');
	}
	const currency = optionalString(input.currency, "currency");
	if (currency !== undefined && !CURRENCIES.has(currency))
		throw new ApiError(400, `Currency ${currency} is not supported`);
	const status = input.status;
	if (status !== undefined && !["open", "won", "lost"].includes(String(status))) {
		throw new ApiError(400, '"status" must be one of: open, won, lost');
	}
	const personId = input.person_id === null ? null : optionalId(input.person_id, "person_id");
	const custom = input.custom_fields;
	if (custom !== undefined && (!custom || typeof custom !== "object" || Array.isArray(custom))) {
		throw new ApiError(400, '"custom_fields" must be an object');
	}
	return {
		...(input.title !== undefined ? { title: optionalString(input.title, "title", { nonEmpty: true }) as string } : {}),
		...(value !== undefined ? { value: value as number } : {}),
		...(currency !== undefined ? { currency } : {}),
		...(input.stage_id !== undefined ? { stage_id: optionalId(input.stage_id, "stage_id") as number } : {}),
		...(input.pipeline_id !== undefined ? { pipeline_id: optionalId(input.pipeline_id, "pipeline_id") as number } : {}),
		...(personId !== undefined ? { person_id: personId } : {}),
		...(status !== undefined ? { status: status as DealStatus } : {}),
		...(custom !== undefined ? { custom_fields: custom as Record<string, unknown> } : {}),
	};
}

/** Spec `custom_fields` of GET /deals: "A maximum of 15 keys is allowed." */
function customKeys(req: SandboxRequest): string[] | undefined {
	const raw = stringQuery(req.query, "custom_fields");
	if (raw === undefined) return undefined;
	const keys = raw
		.split(",")
		.map((key) => key.trim())
		.filter((key) => key !== "");
	if (keys.length > 15) throw new ApiError(400, 'Parameter "custom_fields" accepts at most 15 keys');
	return keys;
}

// Spec `term` of /deals/search and /persons/search: "Minimum 2 characters (or 1 if using `exact_match`)".
function searchTerm(req: SandboxRequest, exact: boolean): string {
	const term = stringQuery(req.query, "term");
	if (term === undefined) throw new ApiError(400, 'Parameter "term" is required');
	if (term.trim().length < (exact ? 1 : 2)) {
		throw new ApiError(400, `Parameter "term" must be at least ${exact ? 1 : 2} characters long`);
	}
	return term.trim();
}

// Not in the spec: non-exact search matches a substring (Pipedrive matches words); looser than
// Pipedrive, so a connector that checks what it found (deal-lookup.ts does) is tested harder.
function matcher(term: string, exact: boolean): (text: string) => boolean {
	const needle = term.toLowerCase();
	return (value) => (exact ? value.trim().toLowerCase() === needle : value.toLowerCase().includes(needle));
}

/** Search results page by offset inside an opaque cursor. */
function offsetPage<T>(items: T[], req: SandboxRequest, list: string): { page: T[]; nextCursor: string | null } {
	const limit = limitQuery(req.query);
	const offset = Number(decodeCursor(req.query, list)?.v ?? 0);
	const page = items.slice(offset, offset + limit);
	const next = offset + limit < items.length ? encodeCursor({ v: offset + limit, id: 0, f: list }) : null;
	return { page, nextCursor: next };
}

export function registerApiRoutes(sb: PipedriveSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const cost = (operation: keyof typeof TOKEN_COSTS) => TOKEN_COSTS[operation];

	// Registered before /deals/:id, which would otherwise take "search" for an id.
	router.get(
		`${API}/deals/search`,
		sb.endpoint(cost("GET /deals/search"), (req) => {
			const exact = boolQuery(req.query, "exact_match") ?? false;
			const term = searchTerm(req, exact);
			const fields = listQuery(req.query, "fields", ["custom_fields", "notes", "title"] as const) ?? [
				"custom_fields",
				"notes",
				"title",
			];
			const personId = intQuery(req.query, "person_id", { min: 1 });
			const organizationId = intQuery(req.query, "organization_id", { min: 1 });
			const status = enumQuery(req.query, "status", ["open", "won", "lost"] as const);
			enumQuery(req.query, "include_fields", ["deal.cc_email"] as const);
			const matches = matcher(term, exact);
			const searchable = state()
				.customFields()
				.filter((f) => SEARCHABLE_FIELD_TYPES.includes(f.field_type));
			const found: Array<{ deal: DealRecord; custom: string[]; score: number }> = [];
			for (const deal of state().indexed(state().dealIndex, sb.now())) {
				if (deal.is_deleted) continue;
				if (personId !== undefined && deal.person_id !== personId) continue;
				if (organizationId !== undefined && deal.org_id !== organizationId) continue;
				if (status !== undefined && deal.status !== status) continue;
				const custom = fields.includes("custom_fields")
					? searchable
							.map((f) => deal.custom_fields[f.field_code])
							.filter(
								(v): v is string | number => (typeof v === "string" || typeof v === "number") && matches(String(v)),
							)
							.map(String)
					: [];
				const inTitle = fields.includes("title") && matches(deal.title);
				if (custom.length === 0 && !inTitle) continue;
				found.push({ deal, custom, score: (inTitle ? 0.5 : 0) + custom.length });
			}
			found.sort((a, b) => b.score - a.score || a.deal.id - b.deal.id);
			const { page, nextCursor } = offsetPage(found, req, "deals/search");
			const items = page.map(({ deal, custom, score }) => {
				const person = deal.person_id === null ? undefined : state().persons.get(deal.person_id);
				return dealSearchItem(
					deal,
					state().stages.get(deal.stage_id)?.name ?? "",
					person ? { id: person.id, name: person.name } : null,
					custom,
					score,
				);
			});
			return ok({ items }, { next_cursor: nextCursor });
		}),
	);

	router.get(
		`${API}/deals`,
		sb.endpoint(cost("GET /deals"), (req) => {
			const q = req.query;
			const filters = {
				owner: intQuery(q, "owner_id", { min: 1 }),
				person: intQuery(q, "person_id", { min: 1 }),
				org: intQuery(q, "org_id", { min: 1 }),
				pipeline: intQuery(q, "pipeline_id", { min: 1 }),
				stage: intQuery(q, "stage_id", { min: 1 }),
				statuses: listQuery(q, "status", DEAL_STATUSES),
				since: timeQuery(q, "updated_since"),
				until: timeQuery(q, "updated_until"),
			};
			const ids = stringQuery(q, "ids");
			const idSet = ids === undefined ? undefined : new Set(ids.split(",").map((id) => Number(id.trim())));
			if (idSet && idSet.size > 100) throw new ApiError(400, 'Parameter "ids" accepts at most 100 ids');
			const sortBy = enumQuery(q, "sort_by", ["id", "update_time", "add_time"] as const) ?? "id";
			const direction = enumQuery(q, "sort_direction", SORT_DIRECTIONS) ?? "asc";
			const keys = customKeys(req);
			boolQuery(q, "include_option_labels");
			boolQuery(q, "include_labels");
			const wantDeleted = filters.statuses?.includes("deleted") ?? false;
			const statuses = filters.statuses?.filter((s) => s !== "deleted");
			const deals = [...state().deals.values()].filter(
				(d) =>
					!d.is_archived &&
					(d.is_deleted ? wantDeleted : filters.statuses === undefined || (statuses?.includes(d.status) ?? false)) &&
					(idSet === undefined || idSet.has(d.id)) &&
					(filters.owner === undefined || d.owner_id === filters.owner) &&
					(filters.person === undefined || d.person_id === filters.person) &&
					(filters.org === undefined || d.org_id === filters.org) &&
					(filters.pipeline === undefined || d.pipeline_id === filters.pipeline) &&
					(filters.stage === undefined || d.stage_id === filters.stage) &&
					(filters.since === undefined || d.update_time >= filters.since) &&
					(filters.until === undefined || d.update_time < filters.until),
			);
			const sortValue = (d: DealRecord) =>
				sortBy === "id" ? d.id : sortBy === "update_time" ? d.update_time : d.add_time;
			const { page, nextCursor } = keysetPage(deals, {
				query: q,
				list: `deals:${sortBy}:${direction}`,
				sortValue,
				id: (d) => d.id,
				direction,
			});
			return ok(
				page.map((d) => dealWire(d, keys)),
				{ next_cursor: nextCursor },
			);
		}),
	);

	router.post(
		`${API}/deals`,
		sb.endpoint(cost("POST /deals"), (req) => {
			const input = body(req);
			if (input.title === undefined) throw new ApiError(400, '"title" is required');
			const fields = dealInput(input);
			const deal = state().createDeal({ ...fields, title: fields.title as string }, sb.now());
			return ok(dealWire(deal));
		}),
	);

	router.get(
		`${API}/deals/:id`,
		sb.endpoint(cost("GET /deals/{id}"), (req) => {
			const id = pathId(req);
			const keys = customKeys(req);
			const deal = state().deals.get(id);
			if (!deal) throw new ApiError(404, "Deal not found");
			return ok(dealWire(deal, keys));
		}),
	);

	router.patch(
		`${API}/deals/:id`,
		sb.endpoint(cost("PATCH /deals/{id}"), (req) => {
			const id = pathId(req);
			const deal = state().updateDeal(id, dealInput(body(req)), sb.now());
			return ok(dealWire(deal));
		}),
	);

	router.get(
		`${API}/persons/search`,
		sb.endpoint(cost("GET /persons/search"), (req) => {
			const exact = boolQuery(req.query, "exact_match") ?? false;
			const term = searchTerm(req, exact);
			const fields = listQuery(req.query, "fields", ["custom_fields", "email", "notes", "phone", "name"] as const) ?? [
				"custom_fields",
				"email",
				"notes",
				"phone",
				"name",
			];
			const organizationId = intQuery(req.query, "organization_id", { min: 1 });
			enumQuery(req.query, "include_fields", ["person.picture"] as const);
			const matches = matcher(term, exact);
			const searchable = [...state().personFields.values()].filter(
				(f) => !f.is_deleted && SEARCHABLE_FIELD_TYPES.includes(f.field_type),
			);
			const customOf = (p: PersonRecord) =>
				fields.includes("custom_fields")
					? searchable
							.map((f) => p.custom_fields[f.field_code])
							.filter(
								(v): v is string | number => (typeof v === "string" || typeof v === "number") && matches(String(v)),
							)
							.map(String)
					: [];
			const found = state()
				.indexed(state().personIndex, sb.now())
				.filter(
					(p) =>
						!p.is_deleted &&
						(organizationId === undefined || p.org_id === organizationId) &&
						((fields.includes("email") && p.emails.some((e) => matches(e.value))) ||
							(fields.includes("phone") && p.phones.some((ph) => matches(ph.value))) ||
							(fields.includes("name") && matches(p.name)) ||
							customOf(p).length > 0),
				)
				.sort((a, b) => a.id - b.id);
			const { page, nextCursor } = offsetPage(found, req, "persons/search");
			return ok({ items: page.map((p) => personSearchItem(p, 1, customOf(p))) }, { next_cursor: nextCursor });
		}),
	);

	// The database, not the search index: a person added a moment ago is listed at once.
	router.get(
		`${API}/persons`,
		sb.endpoint(cost("GET /persons"), (req) => {
			const q = req.query;
			const since = timeQuery(q, "updated_since");
			const until = timeQuery(q, "updated_until");
			const sortBy = enumQuery(q, "sort_by", ["id", "update_time", "add_time"] as const) ?? "id";
			const direction = enumQuery(q, "sort_direction", SORT_DIRECTIONS) ?? "asc";
			const persons = [...state().persons.values()].filter(
				(p) =>
					!p.is_deleted &&
					(since === undefined || p.update_time >= since) &&
					(until === undefined || p.update_time < until),
			);
			const { page, nextCursor } = keysetPage(persons, {
				query: q,
				list: `persons:${sortBy}:${direction}`,
				sortValue: (p) => (sortBy === "id" ? p.id : sortBy === "update_time" ? p.update_time : p.add_time),
				id: (p) => p.id,
				direction,
			});
			return ok(
				page.map((p) => personWire(p)),
				{ next_cursor: nextCursor },
			);
		}),
	);

	router.post(
		`${API}/persons`,
		sb.endpoint(cost("POST /persons"), (req) => {
			const input = body(req);
			const name = optionalString(input.name, "name", { nonEmpty: true });
			if (name === undefined) throw new ApiError(400, '"name" is required');
			const emails = input.emails;
			if (emails !== undefined && !Array.isArray(emails)) throw new ApiError(400, '"emails" must be an array');
			const checked = (emails ?? []).map((email, index) => {
				const item = email as Body;
				const value = optionalString(item?.value, `emails[${index}].value`, { nonEmpty: true });
				if (value === undefined) throw new ApiError(400, `"emails[${index}].value" is required`);
				if (item.primary !== undefined && typeof item.primary !== "boolean") {
					throw new ApiError(400, `"emails[${index}].primary" must be a boolean`);
				}
				const label = optionalString(item.label, `emails[${index}].label`);
				return {
					value,
					...(typeof item.primary === "boolean" ? { primary: item.primary } : {}),
					...(label ? { label } : {}),
				};
			});
			const custom = input.custom_fields;
			if (custom !== undefined && (!custom || typeof custom !== "object" || Array.isArray(custom))) {
				throw new ApiError(400, '"custom_fields" must be an object');
			}
			const person = state().createPerson(
				{
					name,
					emails: checked,
					org_id: optionalId(input.org_id, "org_id") ?? null,
					...(custom !== undefined ? { custom_fields: custom as Record<string, unknown> } : {}),
				},
				sb.now(),
			);
			return ok(personWire(person));
		}),
	);

	router.get(
		`${API}/persons/:id`,
		sb.endpoint(cost("GET /persons/{id}"), (req) => {
			const person = state().persons.get(pathId(req));
			if (!person) throw new ApiError(404, "Person not found");
			return ok(personWire(person));
		}),
	);

	router.get(
		`${API}/stages`,
		sb.endpoint(cost("GET /stages"), (req) => {
			const pipelineId = intQuery(req.query, "pipeline_id", { min: 1 });
			const sortBy = enumQuery(req.query, "sort_by", ["id", "update_time", "add_time", "order_nr"] as const) ?? "id";
			const direction = enumQuery(req.query, "sort_direction", SORT_DIRECTIONS) ?? "asc";
			const stages = [...state().stages.values()].filter(
				(s) => !s.is_deleted && (pipelineId === undefined || s.pipeline_id === pipelineId),
			);
			const { page, nextCursor } = keysetPage(stages, {
				query: req.query,
				list: `stages:${sortBy}:${direction}`,
				sortValue: (s) => s[sortBy],
				id: (s) => s.id,
				direction,
			});
			return ok(page.map(stageWire), { next_cursor: nextCursor });
		}),
	);

	router.get(
		`${API}/pipelines`,
		sb.endpoint(cost("GET /pipelines"), (req) => {
			const sortBy = enumQuery(req.query, "sort_by", ["id", "update_time", "add_time"] as const) ?? "id";
			const direction = enumQuery(req.query, "sort_direction", SORT_DIRECTIONS) ?? "asc";
			const pipelines = [...state().pipelines.values()].filter((p) => !p.is_deleted);
			const { page, nextCursor } = keysetPage(pipelines, {
				query: req.query,
				list: `pipelines:${sortBy}:${direction}`,
				sortValue: (p) => p[sortBy],
				id: (p) => p.id,
				direction,
			});
			return ok(page.map(pipelineWire), { next_cursor: nextCursor });
		}),
	);

	// Deal and person custom fields: the same list and create, each with its own token costs.
	const fieldLists = [
		{ list: "dealFields", fields: () => state().dealFields },
		{ list: "personFields", fields: () => state().personFields },
	] as const;
	for (const { list, fields: all } of fieldLists) {
		router.get(
			`${API}/${list}`,
			sb.endpoint(cost(`GET /${list}`), (req) => {
				stringQuery(req.query, "include_fields");
				const fields = [...all().values()].filter((f) => !f.is_deleted);
				const position = new Map(fields.map((f, index) => [f.field_code, index + 1]));
				const { page, nextCursor } = keysetPage(fields, {
					query: req.query,
					list,
					sortValue: (f) => position.get(f.field_code) ?? 0,
					id: () => 0,
					direction: "asc",
				});
				return ok(page.map(dealFieldWire), { next_cursor: nextCursor });
			}),
		);

		router.post(
			`${API}/${list}`,
			sb.endpoint(cost(`POST /${list}`), (req) => {
				const input = body(req);
				const name = optionalString(input.field_name, "field_name", { nonEmpty: true });
				if (name === undefined) throw new ApiError(400, '"field_name" is required');
				if (name.length > 255) throw new ApiError(400, '"field_name" must be at most 255 characters long');
				const type = optionalString(input.field_type, "field_type");
				if (type === undefined) throw new ApiError(400, '"field_type" is required');
				if (!(CREATABLE_FIELD_TYPES as readonly string[]).includes(type)) {
					throw new ApiError(400, `"field_type" must be one of: ${CREATABLE_FIELD_TYPES.join(", ")}`);
				}
				const field =
					list === "dealFields"
						? state().addDealField(name, type, sb.now())
						: state().addPersonField(name, type, sb.now());
				const description = optionalString(input.description, "description");
				if (description !== undefined) field.description = description;
				return ok(dealFieldWire(field));
			}),
		);
	}

	router.get(
		`${API}/dealFields/:field_code`,
		sb.endpoint(cost("GET /dealFields/{field_code}"), (req) => {
			const field = state().liveField(req.params.field_code ?? "");
			if (!field) throw new ApiError(404, "Field not found");
			return ok(dealFieldWire(field));
		}),
	);

	// The page a "CRM deal" link opens. Real Pipedrive asks the owner to sign in first.
	router.get("/deal/:id", (req) => {
		const deal = state().deals.get(Number(req.params.id));
		if (!deal) return text(404, "<h1>Deal not found</h1>", "text/html; charset=utf-8");
		const stage = state().stages.get(deal.stage_id)?.name ?? "";
		const html = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
		return text(
			200,
			`<!doctype html><meta charset="utf-8"><title>${html(deal.title)}</title>` +
				`<h1>${html(deal.title)}</h1><p>Stage: ${html(stage)}</p>` +
				`<p>Value: ${deal.value} ${html(deal.currency)}</p><p>Updated: ${rfc3339(deal.update_time)}</p>`,
			"text/html; charset=utf-8",
		);
	});
}
