/**
 * Stage changes go to `POST /crm/v3/objects/deals/batch/update`, at most 100 inputs a request. Two
 * pure steps around that request: grouping moves into batches, and reading a 200/207 answer back
 * into one outcome per move.
 */
import type { BatchError } from "./schemas.js";

export const MAX_BATCH_INPUTS = 100;

/**
 * Groups moves (by their position) into batches of at most `max`. HubSpot refuses a batch naming one
 * deal twice, so a deal's second move goes into a later batch: applied after the first, the last
 * move of a deal wins, as it would have one by one.
 */
export function planBatches(dealIds: readonly string[], max = MAX_BATCH_INPUTS): number[][] {
	const batches: number[][] = [];
	/** Per deal, the batch of its latest move: a later move must go into a batch after it. */
	const lastBatchOf = new Map<string, number>();
	dealIds.forEach((dealId, index) => {
		let target = (lastBatchOf.get(dealId) ?? -1) + 1;
		while (target < batches.length && (batches[target]?.length ?? 0) >= max) target++;
		const batch = batches[target] ?? [];
		if (target >= batches.length) {
			target = batches.length;
			batches.push(batch);
		}
		batch.push(index);
		lastBatchOf.set(dealId, target);
	});
	return batches;
}

export type BatchOutcome = { ok: true } | { ok: false; category: string; message: string };

/** The ids an error of a batch answer is about: `context.ids` (or `context.id`). */
export function errorIds(error: BatchError): string[] {
	const context = error.context ?? {};
	const ids: string[] = [];
	for (const key of ["ids", "id"]) {
		const value = context[key];
		if (Array.isArray(value)) ids.push(...value);
		else if (typeof value === "string") ids.push(value);
	}
	return ids;
}

/**
 * One outcome per deal of the batch. A deal HubSpot lists in `results` succeeded; one named by an
 * error failed with that error. A deal neither lists failed too on a 207 (HubSpot did not confirm
 * it), with the error that named no deal if there was one; on a 200 HubSpot says everything applied.
 */
export function batchOutcomes(
	dealIds: readonly string[],
	answer: { status: number; resultIds: readonly string[]; errors: readonly BatchError[] },
): BatchOutcome[] {
	const succeeded = new Set(answer.resultIds);
	const failedBy = new Map<string, BatchError>();
	const unattributed: BatchError[] = [];
	for (const error of answer.errors) {
		const ids = errorIds(error).filter((id) => dealIds.includes(id));
		if (ids.length === 0) unattributed.push(error);
		for (const id of ids) if (!failedBy.has(id)) failedBy.set(id, error);
	}
	return dealIds.map((dealId): BatchOutcome => {
		const error = failedBy.get(dealId);
		if (error) return { ok: false, category: error.category ?? "", message: error.message };
		if (succeeded.has(dealId) || answer.status === 200) return { ok: true };
		const general = unattributed[0];
		if (general) return { ok: false, category: general.category ?? "", message: general.message };
		return { ok: false, category: "", message: "HubSpot's answer did not confirm this change" };
	});
}
