/**
 * The Pipedrive sandbox's state: one company with its API token, pipelines and stages, deal fields,
 * persons and deals, and a search index that lags behind writes as Pipedrive's does. Every write
 * stamps `update_time` with sandbox now. Bad input throws ApiError, which the routes turn into
 * Pipedrive's error body.
 */
import { Rng } from "../kit/random.js";
import type {
	DealFieldRecord,
	DealRecord,
	DealStatus,
	IndexedVersion,
	PersonRecord,
	PipelineRecord,
	StageRecord,
} from "./types.js";

const DAY = 86_400;

/** A refusal with Pipedrive's status and `error` text. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface PipedriveCompany {
	/** `<domain>.pipedrive.com`. */
	domain: string;
	name: string;
	/** The personal API token of the company's only user (40 hex characters, like Pipedrive's). */
	apiToken: string;
	userId: number;
}

export const DEFAULT_COMPANY: PipedriveCompany = {
	domain: "ergodrewno",
	name: "ErgoDrewno Studio",
	apiToken: "5b1f2c3d4e5f60718293a4b5c6d7e8f901234567",
	userId: 13_270_001,
};

export interface PipedriveSettings {
	/** Tokens per UTC day of sandbox time: 30,000 base tokens x plan multiplier x seats (Lite, one seat). */
	dailyTokens: number;
	/** Requests per token in a rolling 2-second window of real time. */
	burstPerWindow: number;
	/** Sandbox seconds before a write is visible to the search endpoints. */
	searchLagSeconds: number;
	/** Simulated business: deals whose stage someone moves by hand in Pipedrive, per sandbox day. */
	handEditsPerDay: number;
}

export const DEFAULT_SETTINGS: PipedriveSettings = {
	// Not in the spec (no NOTES.md for Pipedrive; see token-budget.ts): Pipedrive's help page figures.
	dailyTokens: 30_000,
	burstPerWindow: 20,
	// Not in the spec: Pipedrive states no search lag; 5 s so the connector's read-after-write path
	// (recent-creations.ts, deal-lookup.ts) is exercised; a setting, 0 serves "no lag".
	searchLagSeconds: 5,
	handEditsPerDay: 0,
};

export interface PipedriveResetOptions {
	seed?: number;
	/** Deals that were in the CRM before Hubsheet (B2B enquiries in the Sales pipeline). */
	deals?: number;
	/** Create the "Etsy order" deal field up front, as if Hubsheet had run before. */
	orderField?: boolean;
	company?: Partial<PipedriveCompany>;
	settings?: Partial<PipedriveSettings>;
}

export const ORDER_FIELD_NAME = "Etsy order";

/** Pipedrive's new-company pipeline, and the pipeline a shop using Hubsheet would set up. */
const SEED_PIPELINES: Array<{ name: string; stages: string[] }> = [
	{
		name: "Sales pipeline",
		stages: ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"],
	},
	{
		name: "Orders",
		stages: ["New", "Design", "Production", "Ready to ship", "Shipped", "Delivered", "On hold", "Cancelled"],
	},
];

const SYSTEM_DEAL_FIELDS: Array<[code: string, name: string, type: string]> = [
	["title", "Title", "varchar"],
	["creator_user_id", "Creator", "user"],
	["owner_id", "Owner", "user"],
	["value", "Value", "monetary"],
	["currency", "Currency", "varchar_options"],
	["org_id", "Organization", "org"],
	["person_id", "Contact person", "people"],
	["pipeline_id", "Pipeline", "double"],
	["stage_id", "Stage", "stage"],
	["status", "Status", "status"],
	["probability", "Probability", "double"],
	["expected_close_date", "Expected close date", "date"],
	["add_time", "Deal created", "date"],
	["update_time", "Update time", "date"],
	["stage_change_time", "Last stage change", "date"],
	["close_time", "Deal closed on", "date"],
	["won_time", "Won time", "date"],
	["lost_time", "Lost time", "date"],
	["lost_reason", "Lost reason", "varchar_options"],
	["visible_to", "Visible to", "visible_to"],
	["label_ids", "Label", "set"],
];

/** Currencies a Pipedrive company can use out of the box (a subset; enough for an Etsy shop). */
export const CURRENCIES = new Set([
	"PLN",
	"EUR",
	"USD",
	"GBP",
	"CHF",
	"CZK",
	"SEK",
	"NOK",
	"DKK",
	"CAD",
	"AUD",
	"JPY",
	"HUF",
	"RON",
]);

const FIRST_NAMES = ["Anna", "Piotr", "Katarzyna", "Tomasz", "Julia", "Marek", "Agnieszka", "Paweł", "Ewa", "Jan"];
const LAST_NAMES = ["Nowak", "Kowalska", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski", "Zielińska", "Szymański"];
const COMPANIES = ["Biuro Rachunkowe Nowak", "Kancelaria Lex", "Studio Forma", "CoWork Kraków", "Fintech Sp. z o.o."];

export class PipedriveState {
	company: PipedriveCompany;
	settings: PipedriveSettings;
	readonly rng: Rng;
	readonly pipelines = new Map<number, PipelineRecord>();
	readonly stages = new Map<number, StageRecord>();
	readonly dealFields = new Map<string, DealFieldRecord>();
	readonly persons = new Map<number, PersonRecord>();
	/** Person custom fields (`/personFields`): the same shape as deal fields. */
	readonly personFields = new Map<string, DealFieldRecord>();
	readonly deals = new Map<number, DealRecord>();
	/** What the search index knows, per object, oldest version first. */
	readonly dealIndex = new Map<number, Array<IndexedVersion<DealRecord>>>();
	readonly personIndex = new Map<number, Array<IndexedVersion<PersonRecord>>>();
	/** Every token that worked once; a regenerated token answers 401. */
	readonly oldTokens = new Set<string>();
	private readonly ids = { pipeline: 1, stage: 1, deal: 1, person: 1 };
	private lastTick: number;
	private editCarry = 0;

	constructor(options: PipedriveResetOptions, nowSeconds: number) {
		this.company = { ...DEFAULT_COMPANY, ...options.company };
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.rng = new Rng(options.seed ?? 1);
		this.lastTick = nowSeconds;
		// The company was set up a year ago; everything seeded is older than now.
		const setUp = nowSeconds - 365 * DAY;
		for (const [index, pipeline] of SEED_PIPELINES.entries()) {
			const record = this.addPipeline(pipeline.name, setUp + index);
			for (const name of pipeline.stages) this.addStage(record.id, name, setUp + index);
		}
		for (const [code, name, type] of SYSTEM_DEAL_FIELDS) {
			this.dealFields.set(code, {
				field_code: code,
				field_name: name,
				field_type: type,
				description: null,
				is_custom_field: false,
				is_deleted: false,
				add_time: setUp,
			});
		}
		this.addDealField("Source", "varchar", setUp);
		if (options.orderField) this.addDealField(ORDER_FIELD_NAME, "varchar", setUp + 1);
		this.seedDeals(options.deals ?? 6, nowSeconds);
	}

	// --- pipelines, stages, fields ---

	addPipeline(name: string, at: number): PipelineRecord {
		const order = [...this.pipelines.values()].filter((p) => !p.is_deleted).length + 1;
		const record: PipelineRecord = {
			id: this.ids.pipeline++,
			name,
			order_nr: order,
			is_deleted: false,
			is_deal_probability_enabled: false,
			add_time: at,
			update_time: at,
		};
		this.pipelines.set(record.id, record);
		return record;
	}

	addStage(pipelineId: number, name: string, at: number): StageRecord {
		const pipeline = this.pipelines.get(pipelineId);
		if (!pipeline || pipeline.is_deleted) throw new ApiError(400, `Pipeline ${pipelineId} not found`);
		const order = this.stagesOf(pipelineId).length + 1;
		const record: StageRecord = {
			id: this.ids.stage++,
			order_nr: order,
			name,
			is_deleted: false,
			deal_probability: 100,
			pipeline_id: pipelineId,
			is_deal_rot_enabled: false,
			days_to_rotten: null,
			add_time: at,
			update_time: at,
		};
		this.stages.set(record.id, record);
		return record;
	}

	stagesOf(pipelineId: number): StageRecord[] {
		return [...this.stages.values()]
			.filter((s) => s.pipeline_id === pipelineId && !s.is_deleted)
			.sort((a, b) => a.order_nr - b.order_nr);
	}

	liveStage(stageId: number): StageRecord | undefined {
		const stage = this.stages.get(stageId);
		return stage && !stage.is_deleted ? stage : undefined;
	}

	/** A stage by id or by name (first pipeline first), for control calls. */
	findStage(ref: string | number, pipelineId?: number): StageRecord {
		const stages = [...this.stages.values()]
			.filter((s) => !s.is_deleted && (pipelineId === undefined || s.pipeline_id === pipelineId))
			.sort((a, b) => a.pipeline_id - b.pipeline_id || a.order_nr - b.order_nr);
		const found =
			typeof ref === "number" || /^\d+$/.test(ref)
				? stages.find((s) => s.id === Number(ref))
				: stages.find((s) => s.name.toLowerCase() === ref.toLowerCase());
		if (!found) throw new Error(`no stage ${ref}`);
		return found;
	}

	addDealField(name: string, type: string, at: number): DealFieldRecord {
		const record = this.newCustomField(name, type, at, (code) => this.dealFields.has(code));
		this.dealFields.set(record.field_code, record);
		for (const deal of this.deals.values()) deal.custom_fields[record.field_code] = null;
		return record;
	}

	/** A person custom field (POST /personFields): a 40-character hash code, as for deal fields. */
	addPersonField(name: string, type: string, at: number): DealFieldRecord {
		const record = this.newCustomField(
			name,
			type,
			at,
			(code) => this.personFields.has(code) || this.dealFields.has(code),
		);
		this.personFields.set(record.field_code, record);
		return record;
	}

	/** A custom field as POST /dealFields and /personFields make it: a 40-character hash code not `taken`. */
	private newCustomField(name: string, type: string, at: number, taken: (code: string) => boolean): DealFieldRecord {
		let code = "";
		do {
			code = Array.from({ length: 40 }, () => "0123456789abcdef"[this.rng.int(0, 15)]).join("");
		} while (taken(code));
		return {
			field_code: code,
			field_name: name,
			field_type: type,
			description: null,
			is_custom_field: true,
			is_deleted: false,
			add_time: at,
		};
	}

	customFields(): DealFieldRecord[] {
		return [...this.dealFields.values()].filter((f) => f.is_custom_field && !f.is_deleted);
	}

	liveField(code: string): DealFieldRecord | undefined {
		const field = this.dealFields.get(code);
		return field && !field.is_deleted ? field : undefined;
	}

	/** The owner deletes a custom field in Pipedrive's settings: its values go with it. */
	deleteDealField(code: string): DealFieldRecord {
		const field = this.liveField(code);
		if (!field?.is_custom_field) throw new Error(`no custom deal field ${code}`);
		field.is_deleted = true;
		for (const deal of this.deals.values()) delete deal.custom_fields[code];
		return field;
	}

	orderField(): DealFieldRecord | undefined {
		return this.customFields().find((f) => f.field_name === ORDER_FIELD_NAME);
	}

	// --- persons ---

	createPerson(
		input: {
			name: string;
			emails?: Array<{ value: string; primary?: boolean; label?: string }>;
			org_id?: number | null;
			custom_fields?: Record<string, unknown>;
		},
		at: number,
	): PersonRecord {
		for (const code of Object.keys(input.custom_fields ?? {})) {
			const field = this.personFields.get(code);
			if (!field || field.is_deleted) throw new ApiError(400, `Custom field "${code}" does not exist`);
		}
		const name = input.name.trim();
		const [first, ...rest] = name.split(/\s+/);
		const emails = (input.emails ?? []).map((email, index) => ({
			value: email.value,
			primary: email.primary ?? index === 0,
			label: email.label ?? "work",
		}));
		const record: PersonRecord = {
			id: this.ids.person++,
			name,
			first_name: first ?? name,
			last_name: rest.length > 0 ? rest.join(" ") : null,
			owner_id: this.company.userId,
			org_id: input.org_id ?? null,
			add_time: at,
			update_time: at,
			emails,
			phones: [],
			is_deleted: false,
			visible_to: 3,
			label_ids: [],
			notes: null,
			job_title: null,
			custom_fields: { ...input.custom_fields },
		};
		this.persons.set(record.id, record);
		this.indexPerson(record, at);
		return record;
	}

	livePerson(id: number): PersonRecord | undefined {
		const person = this.persons.get(id);
		return person && !person.is_deleted ? person : undefined;
	}

	deletePerson(id: number, at: number): PersonRecord {
		const person = this.livePerson(id);
		if (!person) throw new Error(`no person ${id}`);
		person.is_deleted = true;
		person.update_time = at;
		this.indexPerson(person, at);
		return person;
	}

	// --- deals ---

	createDeal(
		input: {
			title: string;
			value?: number;
			currency?: string;
			stage_id?: number;
			pipeline_id?: number;
			person_id?: number | null;
			status?: DealStatus;
			custom_fields?: Record<string, unknown>;
		},
		at: number,
	): DealRecord {
		const stage = this.stageFor(input.stage_id, input.pipeline_id);
		if (input.person_id != null && !this.livePerson(input.person_id)) {
			throw new ApiError(400, `Person with id ${input.person_id} does not exist`);
		}
		const custom: Record<string, unknown> = {};
		for (const field of this.customFields()) custom[field.field_code] = null;
		Object.assign(custom, this.checkCustomFields(input.custom_fields ?? {}));
		const status = input.status ?? "open";
		const record: DealRecord = {
			id: this.ids.deal++,
			title: input.title,
			owner_id: this.company.userId,
			person_id: input.person_id ?? null,
			org_id: null,
			pipeline_id: stage.pipeline_id,
			stage_id: stage.id,
			value: input.value ?? 0,
			currency: input.currency ?? "PLN",
			add_time: at,
			update_time: at,
			stage_change_time: null,
			is_deleted: false,
			is_archived: false,
			status,
			probability: null,
			lost_reason: null,
			visible_to: 3,
			close_time: status === "open" ? null : at,
			won_time: status === "won" ? at : null,
			lost_time: status === "lost" ? at : null,
			expected_close_date: null,
			label_ids: [],
			origin: "API",
			origin_id: null,
			channel: null,
			channel_id: null,
			custom_fields: custom,
		};
		this.deals.set(record.id, record);
		this.indexDeal(record, at);
		return record;
	}

	liveDeal(id: number): DealRecord | undefined {
		const deal = this.deals.get(id);
		return deal && !deal.is_deleted ? deal : undefined;
	}

	updateDeal(
		id: number,
		changes: {
			title?: string;
			value?: number;
			currency?: string;
			stage_id?: number;
			pipeline_id?: number;
			person_id?: number | null;
			status?: DealStatus;
			custom_fields?: Record<string, unknown>;
		},
		at: number,
	): DealRecord {
		const deal = this.liveDeal(id);
		if (!deal) throw new ApiError(404, "Deal not found");
		if (changes.stage_id !== undefined || changes.pipeline_id !== undefined) {
			const stage = this.stageFor(
				changes.stage_id,
				changes.pipeline_id ?? (changes.stage_id ? undefined : deal.pipeline_id),
			);
			if (stage.id !== deal.stage_id) {
				deal.stage_id = stage.id;
				deal.pipeline_id = stage.pipeline_id;
				deal.stage_change_time = at;
			}
		}
		if (changes.person_id !== undefined) {
			if (changes.person_id !== null && !this.livePerson(changes.person_id)) {
				throw new ApiError(400, `Person with id ${changes.person_id} does not exist`);
			}
			deal.person_id = changes.person_id;
		}
		if (changes.custom_fields) Object.assign(deal.custom_fields, this.checkCustomFields(changes.custom_fields));
		if (changes.title !== undefined) deal.title = changes.title;
		if (changes.value !== undefined) deal.value = changes.value;
		if (changes.currency !== undefined) deal.currency = changes.currency;
		if (changes.status !== undefined && changes.status !== deal.status) {
			deal.status = changes.status;
			deal.won_time = changes.status === "won" ? at : null;
			deal.lost_time = changes.status === "lost" ? at : null;
			deal.close_time = changes.status === "open" ? null : at;
		}
		deal.update_time = at;
		this.indexDeal(deal, at);
		return deal;
	}

	/** Someone drags the deal to another stage in Pipedrive's pipeline view. */
	moveByHand(id: number, stage: string | number, at: number): DealRecord {
		const deal = this.liveDeal(id);
		if (!deal) throw new Error(`no deal ${id}`);
		const target =
			typeof stage === "number" || /^\d+$/.test(stage)
				? this.findStage(stage)
				: this.findStage(stage, deal.pipeline_id);
		return this.updateDeal(id, { stage_id: target.id }, at);
	}

	deleteDeal(id: number, at: number): DealRecord {
		const deal = this.liveDeal(id);
		if (!deal) throw new Error(`no deal ${id}`);
		deal.is_deleted = true;
		deal.update_time = at;
		this.indexDeal(deal, at);
		return deal;
	}

	archiveDeal(id: number, at: number): DealRecord {
		const deal = this.liveDeal(id);
		if (!deal) throw new Error(`no deal ${id}`);
		deal.is_archived = true;
		deal.update_time = at;
		this.indexDeal(deal, at);
		return deal;
	}

	/** The deal Hubsheet made for an order, by the "Etsy order" field (control API and tests). */
	dealsForOrder(orderId: string): DealRecord[] {
		const field = this.orderField();
		if (!field) return [];
		return [...this.deals.values()].filter((d) => !d.is_deleted && d.custom_fields[field.field_code] === orderId);
	}

	private stageFor(stageId: number | undefined, pipelineId: number | undefined): StageRecord {
		if (stageId !== undefined) {
			const stage = this.liveStage(stageId);
			if (!stage) throw new ApiError(400, `Stage with id ${stageId} does not exist`);
			if (pipelineId !== undefined && stage.pipeline_id !== pipelineId) {
				throw new ApiError(400, `Stage ${stageId} does not belong to pipeline ${pipelineId}`);
			}
			return stage;
		}
		// Without a stage, Pipedrive puts the deal in the first stage of the pipeline (or of the first pipeline).
		const pipeline =
			pipelineId !== undefined
				? this.pipelines.get(pipelineId)
				: [...this.pipelines.values()].filter((p) => !p.is_deleted).sort((a, b) => a.order_nr - b.order_nr)[0];
		if (!pipeline || pipeline.is_deleted) throw new ApiError(400, `Pipeline with id ${pipelineId} does not exist`);
		const first = this.stagesOf(pipeline.id)[0];
		if (!first) throw new ApiError(400, `Pipeline ${pipeline.id} has no stages`);
		return first;
	}

	private checkCustomFields(values: Record<string, unknown>): Record<string, unknown> {
		const checked: Record<string, unknown> = {};
		for (const [code, value] of Object.entries(values)) {
			const field = this.liveField(code);
			if (!field?.is_custom_field) throw new ApiError(400, `Custom field "${code}" does not exist`);
			if (value !== null && ["varchar", "varchar_auto", "text", "phone"].includes(field.field_type)) {
				if (typeof value !== "string") throw new ApiError(400, `Custom field "${code}" must be a string`);
				if (field.field_type !== "text" && value.length > 255) {
					throw new ApiError(400, `Custom field "${code}" is longer than 255 characters`);
				}
			}
			checked[code] = value;
		}
		return checked;
	}

	// --- search index ---

	private indexDeal(deal: DealRecord, at: number): void {
		const versions = this.dealIndex.get(deal.id) ?? [];
		versions.push({ at: at + this.settings.searchLagSeconds, doc: structuredClone(deal) });
		this.dealIndex.set(deal.id, versions);
	}

	private indexPerson(person: PersonRecord, at: number): void {
		const versions = this.personIndex.get(person.id) ?? [];
		versions.push({ at: at + this.settings.searchLagSeconds, doc: structuredClone(person) });
		this.personIndex.set(person.id, versions);
	}

	/** What the search index shows at `nowSeconds`: the latest version indexed by then. */
	indexed<T>(index: Map<number, Array<IndexedVersion<T>>>, nowSeconds: number): T[] {
		const docs: T[] = [];
		for (const versions of index.values()) {
			let latest: T | undefined;
			for (const version of versions) if (version.at <= nowSeconds) latest = version.doc;
			if (latest !== undefined) docs.push(latest);
		}
		return docs;
	}

	// --- seed and simulated business ---

	private seedDeals(count: number, nowSeconds: number): void {
		const sales = [...this.pipelines.values()].find((p) => p.name === "Sales pipeline");
		if (!sales) return;
		const stages = this.stagesOf(sales.id);
		for (let i = 0; i < count; i++) {
			const at = nowSeconds - this.rng.int(2 * DAY, 120 * DAY);
			const first = this.rng.pick(FIRST_NAMES);
			const last = this.rng.pick(LAST_NAMES);
			const company = this.rng.pick(COMPANIES);
			const person = this.createPerson(
				{
					name: `${first} ${last}`,
					emails: [{ value: `${ascii(first)}.${ascii(last)}@${ascii(company).replace(/\s+/g, "")}.pl`.toLowerCase() }],
				},
				at,
			);
			const desks = this.rng.int(4, 30);
			this.createDeal(
				{
					title: `${company}: ${desks} standing desks`,
					value: desks * this.rng.int(1800, 3200),
					currency: "PLN",
					stage_id: this.rng.pick(stages).id,
					person_id: person.id,
				},
				at,
			);
		}
	}

	/** Simulated business: hand edits of stages, in proportion to the sandbox time that passed. */
	tick(nowSeconds: number): DealRecord[] {
		const from = this.lastTick;
		if (nowSeconds <= from) return [];
		this.lastTick = nowSeconds;
		if (this.settings.handEditsPerDay <= 0) return [];
		const expected = (this.settings.handEditsPerDay * (nowSeconds - from)) / DAY + this.editCarry;
		const count = Math.floor(expected);
		this.editCarry = expected - count;
		const moved: DealRecord[] = [];
		// Hubsheet's deals are the ones whose hand edits matter; the others are left alone.
		const field = this.orderField();
		const candidates = [...this.deals.values()].filter(
			(d) => !d.is_deleted && d.status === "open" && field !== undefined && d.custom_fields[field.field_code] != null,
		);
		for (let i = 0; i < count && candidates.length > 0; i++) {
			const deal = this.rng.pick(candidates);
			const stages = this.stagesOf(deal.pipeline_id);
			const index = stages.findIndex((s) => s.id === deal.stage_id);
			const next = stages[Math.min(index + 1, stages.length - 1)];
			if (next && next.id !== deal.stage_id) {
				moved.push(this.updateDeal(deal.id, { stage_id: next.id }, this.rng.int(from + 1, nowSeconds)));
			}
		}
		return moved;
	}

	/** A new API token: the old one answers 401 from now on. */
	regenerateToken(): string {
		this.oldTokens.add(this.company.apiToken);
		this.company.apiToken = Array.from({ length: 40 }, () => "0123456789abcdef"[this.rng.int(0, 15)]).join("");
		return this.company.apiToken;
	}
}

function ascii(text: string): string {
	return text
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.replace(/ł/g, "l")
		.replace(/Ł/g, "L");
}
