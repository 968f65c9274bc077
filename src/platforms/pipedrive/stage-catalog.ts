/**
 * Stage names to Pipedrive stage ids, and back. The owner's mapping names stages ("Production");
 * Pipedrive moves deals by stage id, and the same name may exist in several pipelines (every new
 * company has a "Sales pipeline"; a shop adds its own "Orders" pipeline beside it).
 *
 * Names match ignoring case and repeated spaces. When a name exists in several pipelines, the one
 * chosen is in the "home" pipeline: the pipeline the owner named in settings, or else the one that
 * holds most of the mapping's names, so that all of an order's stages stay in one pipeline. Ties go
 * to the pipeline listed first (order_nr, then id).
 */

export interface StageEntry {
	id: number;
	name: string;
	pipelineId: number;
	orderNr: number;
}

export interface PipelineEntry {
	id: number;
	name: string;
	orderNr: number;
}

export function normalizeName(name: string): string {
	return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

export class StageDirectory {
	private readonly byName = new Map<string, StageEntry[]>();
	private readonly byIdMap = new Map<number, StageEntry>();
	private readonly pipelineOrder: Map<number, number>;

	constructor(
		stages: readonly StageEntry[],
		/** Pipelines, when they were read; without them pipelines rank by id. */
		pipelines: readonly PipelineEntry[] = [],
	) {
		this.pipelineOrder = new Map(pipelines.map((p) => [p.id, p.orderNr]));
		const sorted = [...stages].sort(
			(a, b) => this.rank(a.pipelineId) - this.rank(b.pipelineId) || a.orderNr - b.orderNr || a.id - b.id,
		);
		for (const stage of sorted) {
			this.byIdMap.set(stage.id, stage);
			const key = normalizeName(stage.name);
			const list = this.byName.get(key) ?? [];
			list.push(stage);
			this.byName.set(key, list);
		}
	}

	byId(stageId: number): StageEntry | undefined {
		return this.byIdMap.get(stageId);
	}

	/** Stages of this name in every pipeline, home-first order not applied. */
	candidates(name: string): StageEntry[] {
		return this.byName.get(normalizeName(name)) ?? [];
	}

	/**
	 * The pipeline holding most of `names` (ties: listed first), or null when none of them exists.
	 * `within`, when set, is the only pipeline considered.
	 */
	homePipeline(names: readonly string[], within: number | null = null): number | null {
		if (within !== null) return within;
		const counts = new Map<number, number>();
		for (const name of new Set(names.map(normalizeName))) {
			const pipelines = new Set(this.candidates(name).map((stage) => stage.pipelineId));
			for (const pipelineId of pipelines) counts.set(pipelineId, (counts.get(pipelineId) ?? 0) + 1);
		}
		let best: number | null = null;
		for (const [pipelineId, count] of counts) {
			const bestCount = best === null ? -1 : (counts.get(best) ?? 0);
			if (count > bestCount || (count === bestCount && best !== null && this.rank(pipelineId) < this.rank(best))) {
				best = pipelineId;
			}
		}
		return best;
	}

	/**
	 * The stage for a name: in the home pipeline when it is there, else the first pipeline that has
	 * it; with `onlyHome`, nowhere else. Undefined when no stage has the name.
	 */
	resolve(name: string, home: number | null, onlyHome = false): StageEntry | undefined {
		const candidates = this.candidates(name);
		const inHome = home === null ? undefined : candidates.find((stage) => stage.pipelineId === home);
		if (inHome || onlyHome) return inHome;
		return candidates[0];
	}

	private rank(pipelineId: number): number {
		// Pipelines without a known order come after those with one, by id.
		return this.pipelineOrder.get(pipelineId) ?? 1_000_000 + pipelineId;
	}
}
