/**
 * Control endpoints under `/__sandbox/hubspot`: inspect the portal, edit deals as the owner would in
 * HubSpot (stage changes by hand, archiving, new deals), change pipelines and properties, inject
 * per-deal batch failures (207), manage tokens and limits. Bad arguments throw; the kit answers 400.
 */
import { bodyObject, type Handler, json, type SandboxRequest } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { HubSpotApiError } from "./errors.js";
import type { HubSpotSandbox } from "./sandbox.js";
import { ALL_SCOPES } from "./seed.js";
import { DEFAULT_SETTINGS } from "./state.js";
import type { CrmRecord, HubSpotSettings, ObjectType, PropertyDef, StageDef } from "./types.js";
import { iso, propertyToWire } from "./wire.js";

function text(value: unknown, name: string): string {
	if (typeof value !== "string" || value.trim() === "") throw new Error(`${name} must be a non-empty string`);
	return value;
}

function optionalNumber(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
		throw new Error(`${name} must be a non-negative number`);
	return value;
}

/** A record as the control API shows it: every property, associations, who changed it last. */
export function recordView(record: CrmRecord) {
	return {
		id: record.id,
		properties: { ...record.properties },
		createdAt: iso(record.createdAt),
		updatedAt: iso(record.updatedAt),
		archived: record.archived,
		associations: [...record.associations],
		lastChangedBy: record.lastChangedBy,
	};
}

/** Runs a state change; HubSpot's own validation errors become control errors with HubSpot's words. */
function attempt<T>(change: () => T): T {
	try {
		return change();
	} catch (error) {
		if (error instanceof HubSpotApiError) throw new Error(`${error.category}: ${error.message}`);
		throw error;
	}
}

export function registerControlRoutes(sb: HubSpotSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const now = () => sb.clock.now();
	const deal = (req: SandboxRequest): CrmRecord => {
		const record = state().records.deals.get(req.params.id ?? "");
		if (!record) throw new Error(`no deal ${req.params.id}`);
		return record;
	};
	const list = (type: ObjectType, req: SandboxRequest) => {
		const archived = req.query.archived === "true" ? true : req.query.archived === "all" ? undefined : false;
		return [...state().records[type].values()].filter(
			(record) => archived === undefined || record.archived === archived,
		);
	};

	router
		.get("/", () =>
			json(200, {
				portalId: state().portalId,
				orderIdProperty: {
					name: state().orderIdPropertyName,
					state: orderIdState(sb),
				},
				pipelines: state().pipelines.map((pipeline) => ({
					id: pipeline.id,
					label: pipeline.label,
					stages: pipeline.stages
						.filter((stage) => !stage.archived)
						.map((stage) => ({ id: stage.id, label: stage.label })),
				})),
				deals: state().list("deals").length,
				contacts: state().list("contacts").length,
				tokens: [...state().tokens.values()].filter((token) => !token.revoked).map((token) => token.token),
				settings: state().settings,
				batchFailures: state().batchFailures,
				clock: sb.clock.describe(),
			}),
		)
		// ------------------------------------------------------------ deals
		.get("/deals", (req) => {
			const orderId = typeof req.query.orderId === "string" ? req.query.orderId : undefined;
			const name = state().orderIdPropertyName;
			const deals = list("deals", req).filter((record) => orderId === undefined || record.properties[name] === orderId);
			return json(200, { results: deals.map(recordView) });
		})
		.get("/deals/:id", (req) => json(200, recordView(deal(req))))
		.post("/deals", (req) => {
			// A deal the owner makes in HubSpot by hand.
			const { properties, contactIds } = bodyObject(req);
			const record = attempt(() =>
				state().create("deals", (properties ?? {}) as Record<string, unknown>, now(), "owner"),
			);
			if (Array.isArray(contactIds)) for (const id of contactIds) attempt(() => state().associate(record, String(id)));
			return json(201, recordView(record));
		})
		.post("/deals/generate", (req) => {
			const count = optionalNumber(bodyObject(req).count, "count") ?? 1;
			if (!Number.isInteger(count) || count > 10_000) throw new Error("count must be an integer 0..10000");
			return json(201, { results: state().generateDeals(count, now()).map(recordView) });
		})
		.patch("/deals/:id", (req) => {
			const { properties } = bodyObject(req);
			if (!properties || typeof properties !== "object") throw new Error("properties must be an object");
			const record = deal(req);
			attempt(() => state().update(record, properties as Record<string, unknown>, now(), "owner"));
			return json(200, recordView(record));
		})
		.post("/deals/:id/stage", (req) => {
			const { stage, pipeline } = bodyObject(req);
			const record = deal(req);
			attempt(() =>
				state().handEditStage(
					record,
					text(stage, "stage"),
					now(),
					pipeline === undefined ? undefined : text(pipeline, "pipeline"),
				),
			);
			return json(200, recordView(record));
		})
		.post("/deals/:id/archive", (req) => {
			const record = deal(req);
			if (!record.archived) state().archive(record, now());
			return json(200, recordView(record));
		})
		.post("/deals/:id/restore", (req) => {
			const record = deal(req);
			if (record.archived) attempt(() => state().restore(record, now()));
			return json(200, recordView(record));
		})
		.get("/contacts", (req) => json(200, { results: list("contacts", req).map(recordView) }))
		// ------------------------------------------------------------ pipelines and properties
		.get("/pipelines", () => json(200, { results: state().pipelines }))
		.post("/pipelines", (req) => {
			const { id, label, stages } = bodyObject(req);
			const pipelineId = id === undefined ? state().newStageId() : text(id, "id");
			if (state().pipelines.some((pipeline) => pipeline.id === pipelineId))
				throw new Error(`pipeline ${pipelineId} exists`);
			const nowMs = now();
			const stageList = Array.isArray(stages) ? stages : [];
			state().pipelines.push({
				id: pipelineId,
				label: text(label, "label"),
				displayOrder: state().pipelines.length,
				archived: false,
				createdAt: nowMs,
				updatedAt: nowMs,
				stages: stageList.map(
					(stageLabel, index): StageDef => ({
						id: state().newStageId(),
						label: text(stageLabel, `stages[${index}]`),
						displayOrder: index,
						isClosed: false,
						probability: 0.5,
						archived: false,
						createdAt: nowMs,
						updatedAt: nowMs,
					}),
				),
			});
			return json(201, state().pipelines[state().pipelines.length - 1]);
		})
		.post("/pipelines/:pipelineId/stages", (req) => {
			const pipeline = state().pipeline(req.params.pipelineId ?? "");
			if (!pipeline) throw new Error(`no pipeline ${req.params.pipelineId}`);
			const { id, label, isClosed, probability } = bodyObject(req);
			const nowMs = now();
			const stage: StageDef = {
				id: id === undefined ? state().newStageId() : text(id, "id"),
				label: text(label, "label"),
				displayOrder: pipeline.stages.length,
				isClosed: isClosed === true,
				probability: optionalNumber(probability, "probability") ?? 0.5,
				archived: false,
				createdAt: nowMs,
				updatedAt: nowMs,
			};
			if (pipeline.stages.some((existing) => existing.id === stage.id)) throw new Error(`stage ${stage.id} exists`);
			pipeline.stages.push(stage);
			pipeline.updatedAt = nowMs;
			return json(201, stage);
		})
		.patch("/pipelines/:pipelineId/stages/:stageId", (req) => {
			// The owner renames or deletes a stage in HubSpot's settings.
			const pipeline = state().pipeline(req.params.pipelineId ?? "");
			const stage = pipeline?.stages.find((candidate) => candidate.id === req.params.stageId);
			if (!pipeline || !stage) throw new Error(`no stage ${req.params.stageId} in pipeline ${req.params.pipelineId}`);
			const { label, archived } = bodyObject(req);
			if (label !== undefined) stage.label = text(label, "label");
			if (archived !== undefined) stage.archived = archived === true;
			stage.updatedAt = now();
			return json(200, stage);
		})
		.get("/properties", () =>
			json(200, { results: [...state().properties.deals.values()].map((p) => propertyToWire(p)) }),
		)
		.post("/properties", (req) => {
			// A property made by hand, e.g. an order id property without unique values.
			const { name, hasUniqueValue, label } = bodyObject(req);
			const propertyName = text(name, "name");
			const nowMs = now();
			const property: PropertyDef = {
				name: propertyName,
				label: typeof label === "string" ? label : propertyName,
				type: "string",
				fieldType: "text",
				groupName: "dealinformation",
				description: "",
				hasUniqueValue: hasUniqueValue === true,
				hubspotDefined: false,
				readOnlyValue: false,
				createdAt: nowMs,
				updatedAt: nowMs,
			};
			state().properties.deals.set(propertyName, property);
			return json(201, propertyToWire(property));
		})
		.delete("/properties/:name", (req) => {
			const property = state().properties.deals.get(req.params.name ?? "");
			if (!property) throw new Error(`no property ${req.params.name}`);
			if (property.hubspotDefined) throw new Error(`${property.name} is HubSpot's own property`);
			state().properties.deals.delete(property.name);
			for (const record of state().records.deals.values()) delete record.properties[property.name];
			return json(200, { deleted: property.name });
		})
		// ------------------------------------------------------------ faults, tokens, settings
		.get("/batch-failures", () => json(200, { batchFailures: state().batchFailures }))
		.post("/batch-failures", (req) => {
			const { dealIds, category, message, times } = bodyObject(req);
			if (!Array.isArray(dealIds) || dealIds.length === 0) throw new Error("dealIds must be a non-empty array");
			const remaining = optionalNumber(times, "times") ?? 1;
			for (const id of dealIds) {
				state().batchFailures.push({
					dealId: String(id),
					category: typeof category === "string" ? category : "VALIDATION_ERROR",
					message:
						typeof message === "string"
							? message
							: `Property values were not valid: [{"isValid":false,"message":"The deal ${String(id)} is locked by another process","error":"INVALID_OPTION","name":"dealstage"}]`,
					remaining,
				});
			}
			return json(201, { batchFailures: state().batchFailures });
		})
		.delete("/batch-failures", () => {
			state().batchFailures = [];
			return json(200, { batchFailures: [] });
		})
		.post("/tokens", (req) => {
			const { scopes } = bodyObject(req);
			const list = Array.isArray(scopes) ? scopes.map(String) : [...ALL_SCOPES];
			return json(201, state().issueToken(list));
		})
		.post("/tokens/revoke", (req) => {
			const { token } = bodyObject(req);
			let revoked = 0;
			for (const record of state().tokens.values()) {
				if ((token === undefined || record.token === token) && !record.revoked) {
					record.revoked = true;
					revoked++;
				}
			}
			return json(200, { revoked });
		})
		.get("/settings", () => json(200, state().settings))
		.post("/settings", (req) => {
			const changes = bodyObject(req);
			const settings = state().settings;
			const numeric = [
				"perInterval",
				"intervalMs",
				"perDay",
				"searchPerSecond",
				"searchIndexDelayMs",
				"searchResultCap",
				"handEditsPerDay",
			] as const;
			for (const key of numeric) {
				const value = optionalNumber(changes[key], key);
				if (value !== undefined) settings[key] = value;
			}
			if (changes.currencies !== undefined) {
				if (!Array.isArray(changes.currencies)) throw new Error("currencies must be an array of codes");
				settings.currencies = changes.currencies.map(String);
			}
			const usedToday = optionalNumber(changes.usedToday, "usedToday");
			if (usedToday !== undefined) sb.limiter.consume(usedToday);
			return json(200, settings satisfies HubSpotSettings);
		})
		.get("/settings/defaults", () => json(200, DEFAULT_SETTINGS));
}

function orderIdState(sb: HubSpotSandbox): "missing" | "unique" | "not-unique" {
	const property = sb.state.properties.deals.get(sb.state.orderIdPropertyName);
	if (!property) return "missing";
	return property.hasUniqueValue ? "unique" : "not-unique";
}
