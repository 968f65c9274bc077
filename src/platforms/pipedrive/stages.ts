/** Pipedrive's stages (and the settings' pipeline), read once per execution and again once for a new name. */

import type { Log } from "../../ports.js";
import type { PipedriveClient } from "./client.js";
import { pipedriveError } from "./errors.js";
import { listPages } from "./list-pages.js";
import type { PipedriveOperation } from "./rate-limit.js";
import { pipelineSchema, stageSchema } from "./schemas.js";
import { normalizeName, StageDirectory, type StageEntry } from "./stage-catalog.js";

const API = "/api/v2";

export class PipedriveStages {
	private directory: StageDirectory | null = null;
	/** The pipeline named in settings, once resolved. */
	private fixedPipeline: number | null = null;
	/** The pipeline chosen for ambiguous names, from the names `unknownStages` was given. */
	private home: number | null = null;
	private directoryReloaded = false;

	constructor(
		private readonly client: PipedriveClient,
		private readonly pipelineName: string | undefined,
		private readonly log?: Log,
	) {}

	/** The mapped names Pipedrive does not know; picks the pipeline ambiguous names resolve in. */
	unknownStages(stageNames: readonly string[]): string[] {
		const directory = this.load();
		const names = stageNames.filter((name) => name.trim() !== "");
		this.home = directory.homePipeline(names, this.fixedPipeline);
		const unknown: string[] = [];
		for (const name of names) {
			if (unknown.includes(name)) continue;
			if (!directory.resolve(name, this.home, this.fixedPipeline !== null)) unknown.push(name);
		}
		return unknown;
	}

	/** Stages (and the settings' pipeline), read once per execution. */
	load(): StageDirectory {
		if (this.directory) return this.directory;
		const { items: stages } = listPages(
			this.client,
			this.log,
			"getStages",
			`${API}/stages`,
			{ limit: 500 },
			stageSchema,
			20,
		);
		let pipelines: Array<{ id: number; name: string; orderNr: number }> = [];
		const wanted = this.pipelineName?.trim();
		if (wanted) {
			const { items } = listPages(
				this.client,
				this.log,
				"getPipelines",
				`${API}/pipelines`,
				{ limit: 500 },
				pipelineSchema,
				20,
			);
			pipelines = items
				.filter((p) => p.is_deleted !== true)
				.map((p) => ({ id: p.id, name: p.name, orderNr: p.order_nr ?? 0 }));
			const pipeline = pipelines.find((p) => normalizeName(p.name) === normalizeName(wanted));
			if (!pipeline) {
				throw pipedriveError(
					"getPipelines",
					"rejected",
					`Pipedrive has no pipeline named "${wanted}" (it has ${pipelines.map((p) => `"${p.name}"`).join(", ") || "none"})`,
				);
			}
			this.fixedPipeline = pipeline.id;
		}
		const entries: StageEntry[] = stages
			.filter((s) => s.is_deleted !== true)
			.map((s) => ({ id: s.id, name: s.name, pipelineId: s.pipeline_id, orderNr: s.order_nr ?? 0 }));
		this.directory = new StageDirectory(entries, pipelines);
		return this.directory;
	}

	/** The stage for a mapped name; reads the stages again once when the name is new to this execution. */
	stageFor(name: string, operation: PipedriveOperation): StageEntry {
		const find = () => {
			const directory = this.load();
			const home = this.home ?? directory.homePipeline([name], this.fixedPipeline);
			return directory.resolve(name, home, this.fixedPipeline !== null);
		};
		let stage = find();
		if (!stage && !this.directoryReloaded) {
			this.directoryReloaded = true;
			this.directory = null;
			stage = find();
		}
		if (!stage) {
			throw pipedriveError(
				operation,
				"rejected",
				`Pipedrive has no stage named "${name}"${this.pipelineName ? ` in pipeline "${this.pipelineName}"` : ""}`,
			);
		}
		return stage;
	}

	/** The stage's name as the owner sees it; reads the stages again once for an id it does not know. */
	stageName(stageId: number): string {
		let stage = this.load().byId(stageId);
		if (!stage && !this.directoryReloaded) {
			this.directoryReloaded = true;
			this.directory = null;
			stage = this.load().byId(stageId);
		}
		return stage?.name ?? `(deleted stage ${stageId})`;
	}
}
