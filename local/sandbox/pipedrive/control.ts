/**
 * Control endpoints under `/__sandbox/pipedrive`: inspect state, do what a person does in
 * Pipedrive's web app (move a deal by hand, delete it, rename or delete a stage, delete a field,
 * regenerate the API token), and change limits and simulated business. Bad arguments throw; the
 * kit turns that into a 400 with the reason.
 */
import { bodyObject, type Handler, json, type SandboxRequest } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import type { PipedriveSandbox } from "./sandbox.js";
import type { PipedriveSettings } from "./state.js";
import type { DealRecord } from "./types.js";
import { dealFieldWire, dealWire, personWire, pipelineWire, stageWire } from "./wire.js";

function id(req: SandboxRequest): number {
	const value = Number(req.params.id);
	if (!Number.isSafeInteger(value)) throw new Error(`invalid id ${req.params.id}`);
	return value;
}

function requiredString(value: unknown, name: string): string {
	if (typeof value !== "string" || value.trim() === "") throw new Error(`${name} must be a non-empty string`);
	return value;
}

function optionalNumber(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
	return value;
}

function stageRef(value: unknown): string | number {
	if (typeof value === "number" || (typeof value === "string" && value.trim() !== "")) return value;
	throw new Error("stage must be a stage id or name");
}

export function registerControlRoutes(sb: PipedriveSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const deal = (record: DealRecord) => json(200, dealWire(record));

	router
		.get("/", () =>
			json(200, {
				company: { domain: state().company.domain, name: state().company.name, userId: state().company.userId },
				apiToken: state().company.apiToken,
				settings: state().settings,
				tokensSpentToday: sb.budget.spentToday(),
				pipelines: [...state().pipelines.values()]
					.filter((p) => !p.is_deleted)
					.map((p) => ({ ...pipelineWire(p), stages: state().stagesOf(p.id).map(stageWire) })),
				orderField: state().orderField()?.field_code ?? null,
				deals: state().deals.size,
				persons: state().persons.size,
				clock: sb.clock.describe(),
			}),
		)
		.get("/deals", () => json(200, { deals: [...state().deals.values()].map((d) => dealWire(d)) }))
		.get("/deals/:id", (req) => {
			const record = state().deals.get(id(req));
			if (!record) throw new Error(`no deal ${req.params.id}`);
			return deal(record);
		})
		.get("/orders/:orderId/deals", (req) =>
			json(200, {
				deals: state()
					.dealsForOrder(req.params.orderId ?? "")
					.map((d) => dealWire(d)),
			}),
		)
		.post("/deals", (req) => {
			// A deal someone adds by hand; with `orderId`, one that looks like Hubsheet made it.
			const { title, stage, value, currency, orderId, person } = bodyObject(req);
			const target = stage === undefined ? undefined : state().findStage(stageRef(stage));
			let personId: number | null = null;
			if (person && typeof person === "object") {
				const { name, email } = person as Record<string, unknown>;
				personId = state().createPerson(
					{ name: requiredString(name, "person.name"), emails: typeof email === "string" ? [{ value: email }] : [] },
					sb.now(),
				).id;
			}
			let custom: Record<string, unknown> | undefined;
			if (orderId !== undefined) {
				const field = state().orderField() ?? state().addDealField("Etsy order", "varchar", sb.now());
				custom = { [field.field_code]: String(orderId) };
			}
			const record = state().createDeal(
				{
					title: requiredString(title, "title"),
					...(target ? { stage_id: target.id } : {}),
					...(optionalNumber(value, "value") !== undefined ? { value: value as number } : {}),
					...(typeof currency === "string" ? { currency } : {}),
					person_id: personId,
					...(custom ? { custom_fields: custom } : {}),
				},
				sb.now(),
			);
			return json(201, dealWire(record));
		})
		.post("/deals/:id/stage", (req) => deal(state().moveByHand(id(req), stageRef(bodyObject(req).stage), sb.now())))
		.patch("/deals/:id", (req) => {
			const { fields, bump } = bodyObject(req);
			if (!fields || typeof fields !== "object") throw new Error("fields must be an object of deal fields");
			const record = state().deals.get(id(req));
			if (!record) throw new Error(`no deal ${req.params.id}`);
			const before = record.update_time;
			Object.assign(record, fields);
			record.update_time = bump === false ? before : sb.now();
			return deal(record);
		})
		.post("/deals/:id/delete", (req) => deal(state().deleteDeal(id(req), sb.now())))
		.post("/deals/:id/archive", (req) => deal(state().archiveDeal(id(req), sb.now())))
		.get("/persons", () => json(200, { persons: [...state().persons.values()].map(personWire) }))
		.post("/persons", (req) => {
			const { name, email } = bodyObject(req);
			const person = state().createPerson(
				{ name: requiredString(name, "name"), emails: typeof email === "string" ? [{ value: email }] : [] },
				sb.now(),
			);
			return json(201, personWire(person));
		})
		.post("/persons/:id/delete", (req) => json(200, personWire(state().deletePerson(id(req), sb.now()))))
		.post("/pipelines", (req) => {
			const { name, stages } = bodyObject(req);
			const pipeline = state().addPipeline(requiredString(name, "name"), sb.now());
			for (const stage of Array.isArray(stages) ? stages : []) {
				state().addStage(pipeline.id, requiredString(stage, "stage name"), sb.now());
			}
			return json(201, { ...pipelineWire(pipeline), stages: state().stagesOf(pipeline.id).map(stageWire) });
		})
		.post("/stages", (req) => {
			const { pipeline, name } = bodyObject(req);
			const pipelineRecord = [...state().pipelines.values()].find(
				(p) => !p.is_deleted && (p.id === pipeline || p.name === pipeline),
			);
			if (!pipelineRecord) throw new Error(`no pipeline ${String(pipeline)}`);
			return json(201, stageWire(state().addStage(pipelineRecord.id, requiredString(name, "name"), sb.now())));
		})
		.patch("/stages/:id", (req) => {
			const stage = state().findStage(id(req));
			stage.name = requiredString(bodyObject(req).name, "name");
			stage.update_time = sb.now();
			return json(200, stageWire(stage));
		})
		.delete("/stages/:id", (req) => {
			const stage = state().findStage(id(req));
			stage.is_deleted = true;
			stage.update_time = sb.now();
			return json(200, stageWire(stage));
		})
		.get("/deal-fields", () => json(200, { fields: [...state().dealFields.values()].map(dealFieldWire) }))
		.post("/deal-fields", (req) => {
			const { name, type } = bodyObject(req);
			const field = state().addDealField(
				requiredString(name, "name"),
				typeof type === "string" ? type : "varchar",
				sb.now(),
			);
			return json(201, dealFieldWire(field));
		})
		.delete("/deal-fields/:code", (req) => json(200, dealFieldWire(state().deleteDealField(req.params.code ?? ""))))
		.post("/token/regenerate", () => json(200, { api_token: state().regenerateToken() }))
		.get("/settings", () => json(200, { ...state().settings, tokensSpentToday: sb.budget.spentToday() }))
		.post("/settings", (req) => {
			const changes = bodyObject(req);
			const settings = state().settings;
			for (const key of ["dailyTokens", "burstPerWindow", "searchLagSeconds", "handEditsPerDay"] as const) {
				const value = optionalNumber(changes[key], key);
				if (value !== undefined) {
					if (value < 0) throw new Error(`${key} must not be negative`);
					settings[key] = value;
				}
			}
			sb.applySettings();
			const spent = optionalNumber(changes.tokensUsedToday, "tokensUsedToday");
			if (spent !== undefined) sb.budget.consume(spent);
			return json(200, { ...(settings satisfies PipedriveSettings), tokensSpentToday: sb.budget.spentToday() });
		});
}
