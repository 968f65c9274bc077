/**
 * Moving deals to other stages: batches of up to 100 (`stage-batches.ts` plans them so a deal never
 * appears twice in one), a 207 answer failing only the deals it names, a batch refused as a whole
 * sent again deal by deal, and an auth or rate-limit refusal sparing the batches after it.
 */
import { PlatformError, type StageMove, type StageMoveResult } from "../../core/connector-contracts.js";
import { percentEncode } from "../http/query-string.js";
import type { HubSpotClient } from "./client.js";
import { batchResponseSchema, crmObjectSchema } from "./schemas.js";
import { batchOutcomes, MAX_BATCH_INPUTS, planBatches } from "./stage-batches.js";
import type { StageCatalog } from "./stage-catalog.js";

export const BATCH_UPDATE = "POST /crm/v3/objects/deals/batch/update";
const PATCH_DEAL = "PATCH /crm/v3/objects/deals/{dealId}";

export interface MoveOptions {
	pipelineId: string;
	batchSize?: number | undefined;
	/** The pipeline's stages, read once per execution. */
	stages: () => StageCatalog;
	/** The error for a stage name the pipeline does not have. */
	unknownStage: (stageName: string) => PlatformError;
}

export function moveDealStages(
	client: HubSpotClient,
	moves: readonly StageMove[],
	options: MoveOptions,
): StageMoveResult[] {
	const results: Array<StageMoveResult | undefined> = new Array(moves.length);
	const fail = (index: number, error: PlatformError) => {
		results[index] = { orderId: moves[index]?.orderId ?? "", ok: false, error };
	};

	let catalog: StageCatalog;
	try {
		catalog = options.stages();
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		return moves.map((move) => ({ orderId: move.orderId, ok: false, error }));
	}

	const sendable: Array<{ index: number; dealId: string; stageId: string }> = [];
	moves.forEach((move, index) => {
		const stageId = catalog.stageId(move.stageName);
		if (stageId === null) fail(index, options.unknownStage(move.stageName));
		else if (!/^\d+$/.test(move.dealId.trim())) {
			fail(
				index,
				new PlatformError(
					"HubSpot",
					BATCH_UPDATE,
					"rejected",
					`"${move.dealId.slice(0, 40)}" is not a HubSpot deal id`,
				),
			);
		} else sendable.push({ index, dealId: move.dealId.trim(), stageId });
	});

	const size = Math.min(Math.max(1, options.batchSize ?? MAX_BATCH_INPUTS), MAX_BATCH_INPUTS);
	let stopAll: PlatformError | null = null;
	for (const batchIndexes of planBatches(
		sendable.map((item) => item.dealId),
		size,
	)) {
		const batch = batchIndexes.map((i) => sendable[i] as (typeof sendable)[number]);
		if (stopAll) {
			for (const item of batch) fail(item.index, stopAll);
			continue;
		}
		try {
			sendBatch(client, options.pipelineId, batch, results, moves);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			for (const item of batch) fail(item.index, error);
			// Every later batch would meet the same refusal; spare the quota and the run's time.
			if (error.kind === "auth" || error.kind === "rate-limit") stopAll = error;
		}
	}
	return results.map(
		(result, index) =>
			result ?? {
				orderId: moves[index]?.orderId ?? "",
				ok: false,
				error: new PlatformError("HubSpot", BATCH_UPDATE, "malformed", "HubSpot gave no outcome for this change"),
			},
	);
}

function sendBatch(
	client: HubSpotClient,
	pipelineId: string,
	batch: ReadonlyArray<{ index: number; dealId: string; stageId: string }>,
	results: Array<StageMoveResult | undefined>,
	moves: readonly StageMove[],
): void {
	const response = client.call({
		method: "post",
		path: "/crm/v3/objects/deals/batch/update",
		template: BATCH_UPDATE,
		body: {
			// The pipeline goes along: a deal moved by hand into another pipeline comes back to Hubsheet's.
			inputs: batch.map((item) => ({
				id: item.dealId,
				properties: { pipeline: pipelineId, dealstage: item.stageId },
			})),
		},
		// Setting a stage twice is harmless: safe to repeat after a 5xx.
		idempotent: true,
	});
	if (response.status === 400 && batch.length > 1) {
		// A batch refused as a whole (one bad input can do that): send each on its own so only the bad one fails.
		for (const item of batch) results[item.index] = moveOne(client, pipelineId, item, moves[item.index]?.orderId ?? "");
		return;
	}
	const answer = client.parse(batchResponseSchema, BATCH_UPDATE, response);
	const outcomes = batchOutcomes(
		batch.map((item) => item.dealId),
		{ status: response.status, resultIds: answer.results.map((deal) => deal.id), errors: answer.errors ?? [] },
	);
	batch.forEach((item, position) => {
		const orderId = moves[item.index]?.orderId ?? "";
		const outcome = outcomes[position];
		if (!outcome || outcome.ok) {
			results[item.index] = { orderId, ok: true };
			return;
		}
		results[item.index] = {
			orderId,
			ok: false,
			error: new PlatformError(
				"HubSpot",
				BATCH_UPDATE,
				"rejected",
				batchFailureText(client, item.dealId, outcome.category, outcome.message),
				{ status: response.status },
			),
		};
	});
}

function moveOne(
	client: HubSpotClient,
	pipelineId: string,
	item: { dealId: string; stageId: string },
	orderId: string,
): StageMoveResult {
	try {
		const response = client.call({
			method: "patch",
			path: `/crm/v3/objects/deals/${percentEncode(item.dealId)}`,
			template: PATCH_DEAL,
			body: { properties: { pipeline: pipelineId, dealstage: item.stageId } },
			idempotent: true,
		});
		if (response.status === 404) {
			return {
				orderId,
				ok: false,
				error: new PlatformError(
					"HubSpot",
					PATCH_DEAL,
					"rejected",
					batchFailureText(client, item.dealId, "OBJECT_NOT_FOUND", ""),
					{
						status: 404,
					},
				),
			};
		}
		client.parse(crmObjectSchema, PATCH_DEAL, response);
		return { orderId, ok: true };
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		return { orderId, ok: false, error };
	}
}

function batchFailureText(client: HubSpotClient, dealId: string, category: string, message: string): string {
	const safe = client.said({ status: 0, headers: {}, body: message });
	if (category === "OBJECT_NOT_FOUND") {
		return `HubSpot has no deal ${dealId} any more (deleted or merged in HubSpot)${safe ? `: ${safe}` : ""}`;
	}
	return `HubSpot refused the stage change of deal ${dealId}${safe ? `: ${safe}` : ""}${category ? ` (${category})` : ""}`;
}
