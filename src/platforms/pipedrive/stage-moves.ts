/**
 * Moving deals to other stages: one PATCH each (Pipedrive has no bulk update), sent a few at a time
 * with fetchAll; a deal gone from Pipedrive, a stage it does not have or a refusal fails only that move.
 */
import { PlatformError, type StageMove, type StageMoveResult } from "../../core/connector-contracts.js";
import type { CallSpec, PipedriveClient } from "./client.js";
import { pipedriveError } from "./errors.js";
import type { PipedriveStages } from "./stages.js";

export function moveDealStages(
	client: PipedriveClient,
	stages: PipedriveStages,
	moves: readonly StageMove[],
	parallel: number,
): StageMoveResult[] {
	const results: StageMoveResult[] = [];
	try {
		stages.load();
	} catch (error) {
		if (!(error instanceof PlatformError)) throw error;
		return moves.map((move) => ({ orderId: move.orderId, ok: false, error }));
	}
	const pending: Array<{ index: number; move: StageMove; spec: CallSpec }> = [];
	moves.forEach((move, index) => {
		try {
			const dealId = checkDealId(move.dealId, move.orderId);
			const stage = stages.stageFor(move.stageName, "updateDeal");
			pending.push({
				index,
				move,
				spec: {
					operation: "updateDeal",
					method: "patch",
					path: `/api/v2/deals/${dealId}`,
					body: { stage_id: stage.id },
					idempotent: true,
				},
			});
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			results[index] = { orderId: move.orderId, ok: false, error };
		}
	});
	const answers = client.callAll(
		pending.map((p) => p.spec),
		parallel,
	);
	answers.forEach((answer, i) => {
		const { index, move } = pending[i] as (typeof pending)[number];
		if (answer instanceof PlatformError) results[index] = { orderId: move.orderId, ok: false, error: answer };
		else if (answer.status >= 200 && answer.status < 300) results[index] = { orderId: move.orderId, ok: true };
		else if (answer.status === 404 || answer.status === 410) {
			results[index] = {
				orderId: move.orderId,
				ok: false,
				error: pipedriveError(
					"updateDeal",
					"rejected",
					`Pipedrive updateDeal: deal ${move.dealId} of order ${move.orderId} no longer exists in Pipedrive (deleted?)`,
					{ status: answer.status },
				),
			};
		} else results[index] = { orderId: move.orderId, ok: false, error: client.refused("updateDeal", answer) };
	});
	return results;
}

/** Digits only: a deal id from a sheet cell must not be able to change the path. */
function checkDealId(dealId: string, orderId: string): string {
	const text = dealId.trim();
	if (!/^\d+$/.test(text) || /^0+$/.test(text)) {
		throw pipedriveError(
			"updateDeal",
			"rejected",
			`Pipedrive updateDeal: "${text.slice(0, 40)}" (order ${orderId}) is not a Pipedrive deal id`,
		);
	}
	return text;
}
