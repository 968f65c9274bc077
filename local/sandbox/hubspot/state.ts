/**
 * What the HubSpot sandbox remembers: pipelines, property definitions, deals and contacts with their
 * associations, access tokens, injected batch failures and settings. Writes validate as HubSpot does
 * (property names, types, options, read-only and unique values) and throw HubSpotApiError; every
 * write stamps `hs_lastmodifieddate` and keeps the previous state for search's lagging index.
 */
import { Rng } from "../kit/random.js";
import { HubSpotApiError, notFound, propertyError } from "./errors.js";
import {
	ALL_SCOPES,
	BUYERS,
	buildPipelines,
	contactProperties,
	DEFAULT_ACCESS_TOKEN,
	DEFAULT_PIPELINES,
	DEFAULT_PORTAL_ID,
	dealProperties,
	MANUAL_DEALS,
	ORDER_ID_PROPERTY,
	orderIdPropertyDef,
} from "./seed.js";
import type {
	BatchFailure,
	CrmRecord,
	HubSpotResetOptions,
	HubSpotSettings,
	ObjectType,
	PipelineDef,
	PropertyDef,
	TokenRecord,
} from "./types.js";

export const DEFAULT_SETTINGS: HubSpotSettings = {
	// NOTES.md "Rate limits": "Free/Starter 250,000/day and 100 per 10 s".
	perInterval: 100,
	intervalMs: 10_000,
	perDay: 250_000,
	// NOTES.md "Search": "**4 requests/s per token** [SRL]" (the sandbox said 5; the note wins).
	searchPerSecond: 4,
	// Not in NOTES: HubSpot states no search lag; 0 by default, a setting so tests can serve one.
	searchIndexDelayMs: 0,
	searchResultCap: 10_000,
	currencies: ["PLN", "EUR", "USD", "GBP"],
	handEditsPerDay: 0,
};

const DAY_MS = 86_400_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The modification-time property of each object type. */
export const MODIFIED_PROPERTY: Record<ObjectType, string> = {
	deals: "hs_lastmodifieddate",
	contacts: "lastmodifieddate",
};

export type WriteValue = string | number | boolean | null;

export class HubSpotState {
	readonly portalId: string;
	readonly orderIdPropertyName: string;
	readonly settings: HubSpotSettings;
	readonly rng: Rng;
	pipelines: PipelineDef[];
	readonly properties: Record<ObjectType, Map<string, PropertyDef>>;
	readonly records: Record<ObjectType, Map<string, CrmRecord>>;
	readonly tokens = new Map<string, TokenRecord>();
	batchFailures: BatchFailure[] = [];
	private nextObjectId: number;
	private nextStageId = 1_043_529_000;
	/** Fractional hand edits carried over between ticks. */
	private handEditCarry = 0;
	private lastTickMs: number;

	constructor(options: HubSpotResetOptions, nowMs: number) {
		this.rng = new Rng(options.seed ?? 1);
		this.portalId = options.portalId ?? DEFAULT_PORTAL_ID;
		this.orderIdPropertyName = options.orderIdPropertyName ?? ORDER_ID_PROPERTY;
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.nextObjectId = 15_000_000_000 + this.rng.int(0, 999) * 1000;
		this.lastTickMs = nowMs;
		this.pipelines = buildPipelines(options.pipelines ?? DEFAULT_PIPELINES, nowMs, () => this.newStageId());
		this.properties = {
			deals: new Map(dealProperties().map((p) => [p.name, p])),
			contacts: new Map(contactProperties().map((p) => [p.name, p])),
		};
		const orderIdState = options.orderIdProperty ?? "missing";
		if (orderIdState !== "missing") {
			this.properties.deals.set(
				this.orderIdPropertyName,
				orderIdPropertyDef(this.orderIdPropertyName, orderIdState === "unique", nowMs),
			);
		}
		this.records = { deals: new Map(), contacts: new Map() };
		this.tokens.set(options.accessToken ?? DEFAULT_ACCESS_TOKEN, {
			token: options.accessToken ?? DEFAULT_ACCESS_TOKEN,
			scopes: [...ALL_SCOPES],
			revoked: false,
		});
		this.seedManualDeals(options.manualDeals ?? 3, nowMs);
		if ((options.deals ?? 0) > 0) this.generateDeals(options.deals ?? 0, nowMs);
	}

	// ------------------------------------------------------------------ ids and tokens

	newObjectId(): string {
		this.nextObjectId += this.rng.int(1, 97);
		return String(this.nextObjectId);
	}

	newStageId(): string {
		return String(this.nextStageId++);
	}

	issueToken(scopes: readonly string[]): TokenRecord {
		const hex = (n: number) => Array.from({ length: n }, () => this.rng.int(0, 15).toString(16)).join("");
		const token = `pat-eu1-${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
		const record = { token, scopes: [...scopes], revoked: false };
		this.tokens.set(token, record);
		return record;
	}

	// ------------------------------------------------------------------ pipelines

	pipeline(id: string): PipelineDef | undefined {
		return this.pipelines.find((pipeline) => pipeline.id === id && !pipeline.archived);
	}

	/** A stage by id or by label (labels are what hand edits in the control API use). */
	findStage(pipeline: PipelineDef, idOrLabel: string) {
		return (
			pipeline.stages.find((stage) => stage.id === idOrLabel && !stage.archived) ??
			pipeline.stages.find((stage) => stage.label.toLowerCase() === idOrLabel.toLowerCase() && !stage.archived)
		);
	}

	// ------------------------------------------------------------------ records

	list(type: ObjectType, options: { archived?: boolean } = {}): CrmRecord[] {
		return [...this.records[type].values()].filter((record) => record.archived === (options.archived ?? false));
	}

	get(type: ObjectType, id: string, archived = false): CrmRecord | undefined {
		const record = this.records[type].get(id);
		return record && record.archived === archived ? record : undefined;
	}

	require(type: ObjectType, id: string): CrmRecord {
		const record = this.records[type].get(id);
		if (!record) throw notFound(`No ${type === "deals" ? "deal" : "contact"} with id ${id}`);
		return record;
	}

	/** `GET .../{id}?idProperty=...`: the property must exist and require unique values. */
	findBy(type: ObjectType, id: string, idProperty: string | undefined, archived = false): CrmRecord | undefined {
		if (idProperty === undefined || idProperty === "hs_object_id") return this.get(type, id, archived);
		const definition = this.properties[type].get(idProperty);
		if (!definition) {
			throw new HubSpotApiError(400, "VALIDATION_ERROR", `Property ${idProperty} does not exist`, {
				errors: [{ message: `Property ${idProperty} does not exist`, code: "PROPERTY_DOESNT_EXIST" }],
			});
		}
		// Contacts' email is unique by HubSpot's own rule.
		if (!definition.hasUniqueValue && !(type === "contacts" && idProperty === "email")) {
			throw new HubSpotApiError(400, "VALIDATION_ERROR", `${idProperty} is not a unique identifier property`, {
				errors: [{ message: `${idProperty} is not a unique identifier property`, code: "INVALID_ID_PROPERTY" }],
			});
		}
		const wanted = idProperty === "email" ? id.toLowerCase() : id;
		return this.list(type, { archived }).find((record) => {
			const value = record.properties[idProperty];
			return value !== undefined && (idProperty === "email" ? value.toLowerCase() : value) === wanted;
		});
	}

	create(
		type: ObjectType,
		input: Record<string, unknown>,
		nowMs: number,
		by: CrmRecord["lastChangedBy"] = "integration",
	): CrmRecord {
		const values = this.validate(type, input, null);
		if (type === "deals") {
			if (!values.dealname) throw propertyError([requiredProblem("dealname")]);
			values.pipeline ??= "default";
			if (!values.dealstage) throw propertyError([requiredProblem("dealstage")]);
			this.checkStage(values.pipeline, values.dealstage);
		}
		if (type === "contacts" && values.email !== undefined) values.email = values.email.toLowerCase();
		this.checkUnique(type, values, null);
		const id = this.newObjectId();
		const iso = new Date(nowMs).toISOString();
		const record: CrmRecord = {
			id,
			type,
			properties: { ...values, createdate: iso, [MODIFIED_PROPERTY[type]]: iso, hs_object_id: id },
			createdAt: nowMs,
			updatedAt: nowMs,
			archived: false,
			archivedAt: null,
			associations: [],
			lastChangedBy: by,
			versions: [],
		};
		this.records[type].set(id, record);
		return record;
	}

	update(
		record: CrmRecord,
		input: Record<string, unknown>,
		nowMs: number,
		by: CrmRecord["lastChangedBy"] = "integration",
	): CrmRecord {
		const values = this.validate(record.type, input, record);
		if (record.type === "deals" && (values.pipeline !== undefined || values.dealstage !== undefined)) {
			const pipeline = values.pipeline ?? record.properties.pipeline ?? "default";
			const stage = values.dealstage ?? record.properties.dealstage ?? "";
			this.checkStage(pipeline, stage);
		}
		this.checkUnique(record.type, values, record);
		this.remember(record, nowMs);
		for (const [name, value] of Object.entries(values)) {
			if (value === "") delete record.properties[name];
			else record.properties[name] = value;
		}
		this.touch(record, nowMs, by);
		return record;
	}

	archive(record: CrmRecord, nowMs: number): void {
		this.remember(record, nowMs);
		record.archived = true;
		record.archivedAt = nowMs;
		this.touch(record, nowMs, record.lastChangedBy);
	}

	restore(record: CrmRecord, nowMs: number): void {
		this.checkUnique(record.type, record.properties, record);
		this.remember(record, nowMs);
		record.archived = false;
		record.archivedAt = null;
		this.touch(record, nowMs, "owner");
	}

	associate(deal: CrmRecord, contactId: string): void {
		const contact = this.get("contacts", contactId);
		if (!contact) {
			throw new HubSpotApiError(400, "VALIDATION_ERROR", `No contact with id ${contactId} exists to associate`, {
				errors: [{ message: `No contact with id ${contactId}`, code: "INVALID_OBJECT_ID", in: "associations" }],
			});
		}
		if (!deal.associations.includes(contactId)) deal.associations.push(contactId);
		if (!contact.associations.includes(deal.id)) contact.associations.push(deal.id);
	}

	/** The record as search's index sees it now: its newest state at least `searchIndexDelayMs` old. */
	indexed(record: CrmRecord, nowMs: number): { properties: Record<string, string>; archived: boolean } | null {
		const horizon = nowMs - this.settings.searchIndexDelayMs;
		if (record.updatedAt <= horizon) return { properties: record.properties, archived: record.archived };
		for (let i = record.versions.length - 1; i >= 0; i--) {
			const version = record.versions[i];
			if (version && version.at <= horizon) return version;
		}
		return null;
	}

	// ------------------------------------------------------------------ simulated business

	/** Someone in HubSpot moves a deal's stage by hand. */
	handEditStage(deal: CrmRecord, stageIdOrLabel: string, nowMs: number, pipelineId?: string): CrmRecord {
		const pipeline = this.pipeline(pipelineId ?? deal.properties.pipeline ?? "default");
		if (!pipeline) throw new Error(`no pipeline ${pipelineId ?? deal.properties.pipeline}`);
		const stage = this.findStage(pipeline, stageIdOrLabel);
		if (!stage) throw new Error(`pipeline ${pipeline.id} has no stage ${stageIdOrLabel}`);
		return this.update(deal, { pipeline: pipeline.id, dealstage: stage.id }, nowMs, "owner");
	}

	tick(nowMs: number): void {
		const elapsed = nowMs - this.lastTickMs;
		this.lastTickMs = Math.max(this.lastTickMs, nowMs);
		if (elapsed <= 0 || this.settings.handEditsPerDay <= 0) return;
		this.handEditCarry += (elapsed / DAY_MS) * this.settings.handEditsPerDay;
		const deals = this.list("deals").filter((deal) => deal.properties[this.orderIdPropertyName] !== undefined);
		while (this.handEditCarry >= 1 && deals.length > 0) {
			this.handEditCarry -= 1;
			const deal = this.rng.pick(deals);
			const pipeline = this.pipeline(deal.properties.pipeline ?? "default");
			const others = pipeline?.stages.filter((stage) => !stage.archived && stage.id !== deal.properties.dealstage);
			if (pipeline && others && others.length > 0) {
				this.handEditStage(deal, this.rng.pick(others).id, nowMs, pipeline.id);
			}
		}
	}

	/** Hubsheet-style deals with order ids, created over the past 30 days. */
	generateDeals(count: number, nowMs: number): CrmRecord[] {
		if (!this.properties.deals.has(this.orderIdPropertyName)) {
			throw new Error(`the ${this.orderIdPropertyName} property does not exist; reset with orderIdProperty "unique"`);
		}
		const pipeline = this.pipeline("default") ?? this.pipelines[0];
		if (!pipeline) throw new Error("no pipeline to put deals in");
		const created: CrmRecord[] = [];
		for (let i = 0; i < count; i++) {
			const [name, email] = this.rng.pick(BUYERS);
			let orderId = "";
			do orderId = String(3_100_000_000 + this.rng.int(1, 899_999_999));
			while (this.findBy("deals", orderId, this.orderIdPropertyName));
			const at = nowMs - this.rng.int(0, 30 * DAY_MS);
			const stage = this.rng.pick(pipeline.stages.filter((s) => !s.archived));
			const deal = this.create(
				"deals",
				{
					dealname: `Etsy ${orderId} · ${name}`,
					amount: String(this.rng.int(30, 600) * 10),
					pipeline: pipeline.id,
					dealstage: stage.id,
					deal_currency_code: "PLN",
					[this.orderIdPropertyName]: orderId,
				},
				at,
			);
			const contact = this.findBy("contacts", email, "email") ?? this.seedContact(name, email, at);
			this.associate(deal, contact.id);
			created.push(deal);
		}
		return created;
	}

	// ------------------------------------------------------------------ internals

	private seedManualDeals(count: number, nowMs: number): void {
		const wholesale = this.pipelines.find((pipeline) => pipeline.id !== "default") ?? this.pipelines[0];
		for (let i = 0; i < Math.min(count, MANUAL_DEALS.length); i++) {
			const [name, amount] = MANUAL_DEALS[i] as readonly [string, number];
			const pipeline = i % 2 === 0 && wholesale ? wholesale : (this.pipeline("default") ?? this.pipelines[0]);
			const stage = pipeline?.stages[0];
			if (!pipeline || !stage) continue;
			this.create(
				"deals",
				{ dealname: name, amount: String(amount), pipeline: pipeline.id, dealstage: stage.id },
				nowMs - this.rng.int(5, 60) * DAY_MS,
				"owner",
			);
		}
	}

	private seedContact(name: string, email: string, at: number): CrmRecord {
		const [firstname = "", ...rest] = name.split(" ");
		return this.create("contacts", { email, firstname, lastname: rest.join(" ") }, at);
	}

	private remember(record: CrmRecord, nowMs: number): void {
		record.versions.push({ at: record.updatedAt, properties: { ...record.properties }, archived: record.archived });
		// Only states search could still show are worth keeping.
		const horizon = nowMs - this.settings.searchIndexDelayMs;
		while (record.versions.length > 1 && (record.versions[1]?.at ?? Number.POSITIVE_INFINITY) <= horizon) {
			record.versions.shift();
		}
	}

	private touch(record: CrmRecord, nowMs: number, by: CrmRecord["lastChangedBy"]): void {
		record.updatedAt = nowMs;
		record.properties[MODIFIED_PROPERTY[record.type]] = new Date(nowMs).toISOString();
		record.lastChangedBy = by;
	}

	/** Property values as HubSpot stores them (strings), or a 400 listing every problem. */
	private validate(type: ObjectType, input: Record<string, unknown>, existing: CrmRecord | null) {
		const values: Record<string, string> = {};
		const problems: Array<{ name: string; error: string; message: string }> = [];
		for (const [name, raw] of Object.entries(input)) {
			const definition = this.properties[type].get(name);
			if (!definition) {
				problems.push({ name, error: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` });
				continue;
			}
			if (definition.readOnlyValue) {
				problems.push({
					name,
					error: "READ_ONLY_VALUE",
					message: `"${name}" is a read only property; its value cannot be set.`,
				});
				continue;
			}
			if (raw === null || raw === undefined) {
				values[name] = "";
				continue;
			}
			if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
				problems.push({
					name,
					error: "INVALID_VALUE",
					message: `${JSON.stringify(raw)} is not a valid value for ${name}`,
				});
				continue;
			}
			const value = String(raw);
			const problem = this.checkValue(type, definition, value, existing);
			if (problem) problems.push({ name, ...problem });
			else values[name] = value;
		}
		if (problems.length > 0) throw propertyError(problems);
		return values;
	}

	private checkValue(
		type: ObjectType,
		definition: PropertyDef,
		value: string,
		_existing: CrmRecord | null,
	): { error: string; message: string } | null {
		if (value === "") return null;
		if (definition.type === "number" && !Number.isFinite(Number(value))) {
			return { error: "INVALID_FLOAT", message: `${value} was not a valid number.` };
		}
		if (definition.type === "datetime" || definition.type === "date") {
			const ok = /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
			if (!ok) return { error: "INVALID_DATE", message: `${value} was not a valid date or datetime.` };
		}
		if (type === "deals" && definition.name === "deal_currency_code" && !this.settings.currencies.includes(value)) {
			return {
				// HubSpot's wording since its 2023 currency validation (NOTES.md, Deals, [CUR]).
				error: "INVALID_OPTION",
				message: `"${value}" is not a part of the current effective currency codes for portal ${this.portalId}`,
			};
		}
		if (type === "contacts" && definition.name === "email" && !EMAIL.test(value)) {
			return { error: "INVALID_EMAIL", message: `Email address ${value} is invalid` };
		}
		return null;
	}

	private checkStage(pipelineId: string, stageId: string): void {
		const pipeline = this.pipeline(pipelineId);
		if (!pipeline) {
			throw propertyError([
				{
					name: "pipeline",
					error: "INVALID_OPTION",
					message: `${pipelineId} was not one of the allowed options: [${this.pipelines.map((p) => p.id).join(", ")}]`,
				},
			]);
		}
		if (!pipeline.stages.some((stage) => stage.id === stageId && !stage.archived)) {
			throw propertyError([
				{
					name: "dealstage",
					error: "INVALID_OPTION",
					message: `${stageId} is not a valid stage of pipeline ${pipelineId}; allowed options: [${pipeline.stages
						.filter((stage) => !stage.archived)
						.map((stage) => stage.id)
						.join(", ")}]`,
				},
			]);
		}
	}

	/**
	 * A unique property's value may be held by one live record. UNCONFIRMED: HubSpot's status and
	 * wording for this conflict; the sandbox answers 409 CONFLICT naming the existing id, as HubSpot
	 * does for a contact's duplicate email.
	 */
	private checkUnique(type: ObjectType, values: Record<string, string>, self: CrmRecord | null): void {
		for (const [name, value] of Object.entries(values)) {
			if (value === "") continue;
			const definition = this.properties[type].get(name);
			const unique = definition?.hasUniqueValue === true || (type === "contacts" && name === "email");
			if (!unique) continue;
			const holder = this.list(type).find(
				(record) =>
					record !== self &&
					(name === "email"
						? record.properties[name]?.toLowerCase() === value.toLowerCase()
						: record.properties[name] === value),
			);
			if (!holder) continue;
			if (type === "contacts") {
				throw new HubSpotApiError(409, "CONFLICT", `Contact already exists. Existing ID: ${holder.id}`);
			}
			throw new HubSpotApiError(
				409,
				"CONFLICT",
				`A deal with ${name} "${value}" already exists: ${name} requires unique values. Existing ID: ${holder.id}`,
				{ context: { id: [holder.id], propertyName: [name] } },
			);
		}
	}
}

function requiredProblem(name: string) {
	return { name, error: "REQUIRED_PROPERTY", message: `${name} is required` };
}
