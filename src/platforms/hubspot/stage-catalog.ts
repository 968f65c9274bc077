/**
 * Deal stages by name. The owner names stages in Settings as HubSpot shows them ("Ready to ship");
 * HubSpot's API wants stage ids, which need not resemble the label (a relabelled default stage keeps
 * its id `appointmentscheduled`; a new one gets a number). The catalog is read once per execution
 * from `GET /crm/v3/pipelines/deals`.
 */
import { PlatformError } from "../../core/connector-contracts.js";
import type { HubSpotPipeline } from "./schemas.js";

export const PIPELINES_ENDPOINT = "GET /crm/v3/pipelines/deals";

/** Case, outer spaces and runs of spaces do not make a different stage for an owner typing a name. */
export function normaliseStageName(name: string): string {
	return name.trim().replace(/\s+/g, " ").toLowerCase();
}

export class StageCatalog {
	private readonly labels = new Map<string, string>();

	constructor(
		readonly all: readonly HubSpotPipeline[],
		readonly pipelineId: string,
	) {
		// Labels of every pipeline's stages: a deal moved by hand into another pipeline still shows a name.
		for (const pipeline of all) {
			for (const stage of pipeline.stages) if (!this.labels.has(stage.id)) this.labels.set(stage.id, stage.label);
		}
	}

	/** The pipeline Hubsheet works in; `rejected` naming the ones that exist when it is gone. */
	pipeline(): HubSpotPipeline {
		const found = this.all.find((pipeline) => pipeline.id === this.pipelineId && pipeline.archived !== true);
		if (found) return found;
		const known = this.all
			.filter((pipeline) => pipeline.archived !== true)
			.map((pipeline) => `"${pipeline.label}" (id ${pipeline.id})`)
			.join(", ");
		throw new PlatformError(
			"HubSpot",
			PIPELINES_ENDPOINT,
			"rejected",
			`HubSpot has no deal pipeline with id "${this.pipelineId}". Set the HubSpot pipeline id in Hubsheet's settings to one of: ${known || "(none)"}.`,
		);
	}

	/** Ids of the pipelines that are not archived, in HubSpot's display order. */
	pipelineIds(): string[] {
		return [...this.all]
			.filter((pipeline) => pipeline.archived !== true)
			.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
			.map((pipeline) => pipeline.id);
	}

	pipelineLabel(pipelineId: string): string {
		return this.all.find((pipeline) => pipeline.id === pipelineId)?.label ?? pipelineId;
	}

	/** The id of the stage named `name` in Hubsheet's pipeline, or null. An exact label wins over a loose match. */
	stageId(name: string): string | null {
		const stages = this.pipeline().stages.filter((stage) => stage.archived !== true);
		const exact = stages.find((stage) => stage.label === name);
		if (exact) return exact.id;
		const wanted = normaliseStageName(name);
		return stages.find((stage) => normaliseStageName(stage.label) === wanted)?.id ?? null;
	}

	/** The label HubSpot shows for a stage id; the id itself for a stage no pipeline lists any more. */
	stageLabel(stageId: string | null | undefined): string {
		if (!stageId) return "";
		return this.labels.get(stageId) ?? stageId;
	}

	unknown(names: readonly string[]): string[] {
		const unknown: string[] = [];
		for (const name of names) {
			if (this.stageId(name) === null && !unknown.includes(name)) unknown.push(name);
		}
		return unknown;
	}

	/** The stage labels of Hubsheet's pipeline in display order, for messages and the settings dialog. */
	stageNames(): string[] {
		return [...this.pipeline().stages]
			.filter((stage) => stage.archived !== true)
			.sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
			.map((stage) => stage.label);
	}

	/** The id of a stage of Hubsheet's pipeline, or `rejected` naming the stages it has. */
	requireStageId(stageName: string, endpoint: string): string {
		const id = this.stageId(stageName);
		if (id === null) throw this.unknownStageError(stageName, endpoint);
		return id;
	}

	unknownStageError(stageName: string, endpoint: string): PlatformError {
		return new PlatformError(
			"HubSpot",
			endpoint,
			"rejected",
			`HubSpot's pipeline "${this.pipeline().label}" has no stage named "${stageName}" (its stages: ${this.stageNames().join(", ")}). Fix the stage name in Hubsheet's settings or add the stage in HubSpot.`,
		);
	}
}
