/**
 * The CRM v3 endpoints Hubsheet uses: deal pipelines, deal properties, deals (create, read and
 * update by id or by a unique property, archive, search, batch update and read) and contacts (read
 * by id or email, create, search).
 */
import {
	type Handler,
	json,
	queryValue,
	requiredBodyObject,
	type SandboxRequest,
	type SandboxResponse,
} from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { type ErrorDetail, HubSpotApiError, invalidInput, notFound } from "./errors.js";
import type { HubSpotSandbox } from "./sandbox.js";
import { search } from "./search.js";
import type { CrmRecord, ObjectType, PropertyDef } from "./types.js";
import { iso, objectToWire, pipelineToWire, propertyToWire, requestedProperties, writtenToWire } from "./wire.js";

const DEALS = "/crm/v3/objects/deals";
const CONTACTS = "/crm/v3/objects/contacts";
// NOTES.md "Batch": "Max 100 inputs per batch (carried over; UNCONFIRMED this pass)". A lower real cap
// would answer 400 for the whole batch; the connector then sends each move on its own (stage-moves.ts),
// so either reading is survived.
export const MAX_BATCH_INPUTS = 100;
/** HubSpot-defined association type ids between deals and contacts. */
const DEAL_TO_CONTACT = 3;
const PROPERTY_TYPES = ["string", "number", "date", "datetime", "enumeration", "bool"];
const DEAL_GROUPS = ["dealinformation", "deal_activity"];
const CONTACT_GROUPS = ["contactinformation"];

const SCOPE = {
	dealsRead: "crm.objects.deals.read",
	dealsWrite: "crm.objects.deals.write",
	schemasRead: "crm.schemas.deals.read",
	schemasWrite: "crm.schemas.deals.write",
	contactSchemasRead: "crm.schemas.contacts.read",
	contactSchemasWrite: "crm.schemas.contacts.write",
	contactsRead: "crm.objects.contacts.read",
	contactsWrite: "crm.objects.contacts.write",
	currenciesRead: "settings.currencies.read",
};

function bodyObject(req: SandboxRequest): Record<string, unknown> {
	return requiredBodyObject(req, () => invalidInput("Invalid input JSON: expected an object"));
}

function propertiesOf(input: Record<string, unknown>, where = "properties"): Record<string, unknown> {
	const properties = input.properties;
	if (properties === undefined) return {};
	if (properties === null || typeof properties !== "object" || Array.isArray(properties)) {
		throw invalidInput(`${where} must be an object of property names to values`);
	}
	return properties as Record<string, unknown>;
}

export function registerApiRoutes(sb: HubSpotSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const now = () => sb.clock.now();
	const known = (type: ObjectType) => new Set(state().properties[type].keys());

	// ---------------------------------------------------------------- pipelines

	router.get(
		"/crm/v3/pipelines/deals",
		sb.endpoint({ scope: SCOPE.dealsRead }, () =>
			json(200, {
				results: state()
					.pipelines.filter((p) => !p.archived)
					.map(pipelineToWire),
			}),
		),
	);
	router.get(
		"/crm/v3/pipelines/deals/:pipelineId",
		sb.endpoint({ scope: SCOPE.dealsRead }, (req) => {
			const pipeline = state().pipeline(req.params.pipelineId ?? "");
			if (!pipeline) throw notFound(`Unable to find pipeline ${req.params.pipelineId}`);
			return json(200, pipelineToWire(pipeline));
		}),
	);

	// ---------------------------------------------------------------- currencies

	// The company currency is the portal's first currency; `id` holds its code (NOTES.md, [CURAPI]).
	router.get(
		"/settings/currencies/2026-03/company-currency",
		sb.endpoint({ scope: SCOPE.currenciesRead }, () =>
			json(200, { id: state().settings.currencies[0] ?? "USD", createdAt: iso(0) }),
		),
	);

	// ---------------------------------------------------------------- properties

	router.get(
		"/crm/v3/properties/deals",
		sb.endpoint({ scope: SCOPE.schemasRead }, () =>
			json(200, { results: [...state().properties.deals.values()].map((p) => propertyToWire(p)) }),
		),
	);
	// Deal and contact properties: read one, create one (the buyer id Hubsheet keeps on a contact is
	// one, unique).
	const propertyKinds = [
		{ kind: "deals", typeId: "0-3", read: SCOPE.schemasRead, write: SCOPE.schemasWrite, groups: DEAL_GROUPS },
		{
			kind: "contacts",
			typeId: "0-1",
			read: SCOPE.contactSchemasRead,
			write: SCOPE.contactSchemasWrite,
			groups: CONTACT_GROUPS,
		},
	] as const;
	for (const { kind, typeId, read, write, groups } of propertyKinds) {
		router.get(
			`/crm/v3/properties/${kind}/:name`,
			sb.endpoint({ scope: read }, (req) => {
				const property = state().properties[kind].get(req.params.name ?? "");
				if (!property) throw notFound(`Unable to find property with name ${req.params.name} for object type ${typeId}`);
				return json(200, propertyToWire(property));
			}),
		);
		router.post(
			`/crm/v3/properties/${kind}`,
			sb.endpoint({ scope: write }, (req) => {
				const property = newProperty(bodyObject(req), now(), groups);
				if (state().properties[kind].has(property.name)) {
					throw new HubSpotApiError(
						409,
						"OBJECT_ALREADY_EXISTS",
						`A property named '${property.name}' already exists.`,
					);
				}
				state().properties[kind].set(property.name, property);
				return json(201, propertyToWire(property));
			}),
		);
	}

	// ---------------------------------------------------------------- deals

	router.post(
		DEALS,
		sb.endpoint({ scope: SCOPE.dealsWrite }, (req) => {
			const input = bodyObject(req);
			const contactIds = associationTargets(input.associations, (id) => state().get("contacts", id) !== undefined);
			const deal = state().create("deals", propertiesOf(input), now());
			for (const contactId of contactIds) state().associate(deal, contactId);
			return json(201, writtenToWire(deal, known("deals")));
		}),
	);
	router.get(
		`${DEALS}/:dealId`,
		sb.endpoint({ scope: SCOPE.dealsRead }, (req) => {
			const record = readOne(sb, "deals", req);
			return json(200, objectToWire(record, requestedProperties(req.query.properties), known("deals"), record));
		}),
	);
	router.patch(
		`${DEALS}/:dealId`,
		sb.endpoint({ scope: SCOPE.dealsWrite }, (req) => {
			const record = readOne(sb, "deals", req);
			state().update(record, propertiesOf(bodyObject(req)), now());
			return json(200, writtenToWire(record, known("deals")));
		}),
	);
	router.delete(
		`${DEALS}/:dealId`,
		sb.endpoint({ scope: SCOPE.dealsWrite }, (req) => {
			const record = state().get("deals", req.params.dealId ?? "");
			// HubSpot answers 204 for an id it does not know, too.
			if (record) state().archive(record, now());
			return { status: 204, text: "" };
		}),
	);
	router.post(
		`${DEALS}/search`,
		sb.endpoint({ scope: SCOPE.dealsRead, search: true }, (req) =>
			json(200, search(state(), "deals", req.body, now())),
		),
	);
	router.post(
		`${DEALS}/batch/update`,
		sb.endpoint({ scope: SCOPE.dealsWrite }, (req) => batchUpdate(sb, bodyObject(req))),
	);
	router.post(
		`${DEALS}/batch/read`,
		sb.endpoint({ scope: SCOPE.dealsRead }, (req) => batchRead(sb, bodyObject(req))),
	);

	// ---------------------------------------------------------------- contacts

	router.post(
		CONTACTS,
		sb.endpoint({ scope: SCOPE.contactsWrite }, (req) => {
			const input = bodyObject(req);
			const dealIds = associationTargets(input.associations, (id) => state().get("deals", id) !== undefined);
			const contact = state().create("contacts", propertiesOf(input), now());
			for (const dealId of dealIds) {
				const deal = state().get("deals", dealId);
				if (deal) state().associate(deal, contact.id);
			}
			return json(201, writtenToWire(contact, known("contacts")));
		}),
	);
	router.get(
		`${CONTACTS}/:contactId`,
		sb.endpoint({ scope: SCOPE.contactsRead }, (req) => {
			const record = readOne(sb, "contacts", req);
			return json(200, objectToWire(record, requestedProperties(req.query.properties), known("contacts"), record));
		}),
	);
	router.post(
		`${CONTACTS}/search`,
		sb.endpoint({ scope: SCOPE.contactsRead, search: true }, (req) =>
			json(200, search(state(), "contacts", req.body, now())),
		),
	);
}

/** `GET|PATCH .../{id}` with optional `idProperty` and `archived`; 404 when nothing matches. */
function readOne(sb: HubSpotSandbox, type: ObjectType, req: SandboxRequest): CrmRecord {
	const id = (type === "deals" ? req.params.dealId : req.params.contactId) ?? "";
	const idProperty = queryValue(req.query, "idProperty");
	const archived = queryValue(req.query, "archived") === "true";
	const record = sb.state.findBy(type, id, idProperty, archived);
	if (!record) throw notFound("resource not found", [id]);
	return record;
}

/** Ids to associate a new object with; only the deal <-> contact type HubSpot defines is supported. */
function associationTargets(raw: unknown, exists: (id: string) => boolean): string[] {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) throw invalidInput("associations must be an array");
	return raw.map((association, index) => {
		const { to, types } = (association ?? {}) as { to?: { id?: unknown }; types?: unknown };
		const id = to?.id === undefined ? "" : String(to.id);
		if (id === "") throw invalidInput(`associations[${index}].to.id is required`);
		const typeList = Array.isArray(types)
			? (types as Array<{ associationCategory?: unknown; associationTypeId?: unknown }>)
			: [];
		const supported = typeList.some(
			(type) => type.associationCategory === "HUBSPOT_DEFINED" && Number(type.associationTypeId) === DEAL_TO_CONTACT,
		);
		if (!supported) {
			throw invalidInput(
				`associations[${index}].types: the sandbox supports HUBSPOT_DEFINED type ${DEAL_TO_CONTACT} (deal to contact) only`,
			);
		}
		if (!exists(id)) {
			throw new HubSpotApiError(400, "VALIDATION_ERROR", `No object with id ${id} exists to associate with`, {
				errors: [{ message: `No object with id ${id}`, code: "INVALID_OBJECT_ID", in: `associations[${index}]` }],
			});
		}
		return id;
	});
}

function batchInputs(input: Record<string, unknown>): Array<Record<string, unknown>> {
	const inputs = input.inputs;
	if (!Array.isArray(inputs)) throw invalidInput("inputs must be an array");
	if (inputs.length === 0 || inputs.length > MAX_BATCH_INPUTS) {
		throw invalidInput(`Batch input must contain between 1 and ${MAX_BATCH_INPUTS} inputs, not ${inputs.length}.`);
	}
	const ids = inputs.map((item, index) => {
		const id = (item as { id?: unknown } | null)?.id;
		if (typeof id !== "string" && typeof id !== "number") throw invalidInput(`inputs[${index}].id is required`);
		return String(id);
	});
	const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
	if (duplicates.length > 0) {
		throw invalidInput(
			`Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(", ")}]. IDs must be unique`,
		);
	}
	return inputs as Array<Record<string, unknown>>;
}

interface BatchError {
	status: "error";
	category: string;
	message: string;
	context: Record<string, string[]>;
	errors?: ErrorDetail[];
	links: Record<string, string>;
}

// NOTES.md "Batch": "**update**: 200 when all succeed, **207 Multi-Status** when one or more fail (no more
// 204) [B207]"; response `{status, results[], errors:[{status, category, message, context, ...}], numErrors,
// ...}` [BREF]; "read with `idProperty`: 207 with `results` for found ids and `errors` for missing ones".
function batchAnswer(startedAt: number, results: unknown[], errors: BatchError[]): SandboxResponse {
	const body = {
		status: "COMPLETE",
		results,
		...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
		startedAt: iso(startedAt),
		completedAt: iso(startedAt),
	};
	return json(errors.length > 0 ? 207 : 200, body);
}

function notFoundError(ids: string[]): BatchError {
	return {
		status: "error",
		category: "OBJECT_NOT_FOUND",
		message: "Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid.",
		context: { ids },
		links: {},
	};
}

/**
 * Each input applies or fails on its own; a 207 lists the failures with the ids they concern.
 * Deals named in `POST /__sandbox/hubspot/batch-failures` fail without being applied.
 */
function batchUpdate(sb: HubSpotSandbox, input: Record<string, unknown>): SandboxResponse {
	const state = sb.state;
	const nowMs = sb.clock.now();
	const inputs = batchInputs(input);
	const results: unknown[] = [];
	const errors: BatchError[] = [];
	const missing: string[] = [];
	const known = new Set(state.properties.deals.keys());
	inputs.forEach((item, index) => {
		const id = String(item.id);
		const idProperty = typeof item.idProperty === "string" ? item.idProperty : undefined;
		const record = state.findBy("deals", id, idProperty);
		if (!record) {
			missing.push(id);
			return;
		}
		const injected = state.batchFailures.find((failure) => failure.dealId === record.id && failure.remaining > 0);
		if (injected) {
			injected.remaining--;
			errors.push({
				status: "error",
				category: injected.category,
				message: injected.message,
				context: { ids: [id] },
				links: {},
			});
			return;
		}
		try {
			state.update(record, propertiesOf(item, `inputs[${index}].properties`), nowMs);
			results.push(writtenToWire(record, known));
		} catch (error) {
			if (!(error instanceof HubSpotApiError)) throw error;
			errors.push({
				status: "error",
				category: error.category,
				message: error.message,
				context: { ids: [id] },
				...(error.extra.errors ? { errors: error.extra.errors } : {}),
				links: {},
			});
		}
	});
	state.batchFailures = state.batchFailures.filter((failure) => failure.remaining > 0);
	if (missing.length > 0) errors.push(notFoundError(missing));
	return batchAnswer(nowMs, results, errors);
}

function batchRead(sb: HubSpotSandbox, input: Record<string, unknown>): SandboxResponse {
	const state = sb.state;
	const inputs = batchInputs(input);
	const idProperty = typeof input.idProperty === "string" ? input.idProperty : undefined;
	const requested = Array.isArray(input.properties) ? requestedProperties(input.properties.map(String)) : null;
	const known = new Set(state.properties.deals.keys());
	const results: unknown[] = [];
	const missing: string[] = [];
	for (const item of inputs) {
		const record = state.findBy("deals", String(item.id), idProperty);
		if (record) results.push(objectToWire(record, requested, known));
		else missing.push(String(item.id));
	}
	return batchAnswer(sb.clock.now(), results, missing.length > 0 ? [notFoundError(missing)] : []);
}

function newProperty(input: Record<string, unknown>, nowMs: number, groups = DEAL_GROUPS): PropertyDef {
	const problems: ErrorDetail[] = [];
	const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : "");
	const name = text("name");
	if (!/^[a-z][a-z0-9_]{0,99}$/.test(name)) {
		problems.push({
			message: "name must start with a letter and hold only lower-case letters, digits and _",
			in: "name",
		});
	}
	if (text("label") === "") problems.push({ message: "label is required", in: "label" });
	if (!PROPERTY_TYPES.includes(text("type")))
		problems.push({ message: `type must be one of ${PROPERTY_TYPES.join(", ")}`, in: "type" });
	if (text("fieldType") === "") problems.push({ message: "fieldType is required", in: "fieldType" });
	if (!groups.includes(text("groupName"))) {
		problems.push({ message: `groupName must be an existing group: ${groups.join(", ")}`, in: "groupName" });
	}
	if (input.hasUniqueValue !== undefined && typeof input.hasUniqueValue !== "boolean") {
		problems.push({ message: "hasUniqueValue must be a boolean", in: "hasUniqueValue" });
	}
	if (problems.length > 0) throw invalidInput(`Invalid input: ${problems.map((p) => p.message).join("; ")}`, problems);
	return {
		name,
		label: text("label"),
		type: text("type"),
		fieldType: text("fieldType"),
		groupName: text("groupName"),
		description: text("description"),
		hasUniqueValue: input.hasUniqueValue === true,
		hubspotDefined: false,
		readOnlyValue: false,
		createdAt: nowMs,
		updatedAt: nowMs,
	};
}
