/**
 * The courier moves the Status (picked up -> Shipped, delivered -> Delivered); the CRM follows in
 * the same run rather than one sync later, within the CRM's daily allowance.
 */

import { type CrmConnector, PlatformError } from "../core/connector-contracts.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import { followingStageMoves } from "../core/status-plan.js";
import type { Log } from "../ports.js";
import type { DailyBudgets } from "./daily-budgets.js";
import { failureOf, type PushOutcome } from "./push-outcome.js";
import type { StateRows } from "./state-rows.js";

export interface FollowingMoves {
	crm: CrmConnector | null;
	/** The Status each order moves to, by the courier's news. */
	courierStatuses: Map<string, string>;
	/** The bookkeeping of every order (state-rows.ts). */
	state: Pick<StateRows, "books">;
	mapping: MappingSettings;
	budget: Pick<DailyBudgets, "allow">;
	/** The push's outcome: each move's action is added to it. */
	outcome: PushOutcome;
	/** The stages read this run: a deal moved now shows the stage just pushed instead. */
	crmStages: Map<string, string>;
	/** Orders whose bookkeeping this phase changed after the push (saved with the push's). */
	touched: Set<string>;
	now: number;
	log: Log;
}

export function moveCrmAfterCourier(input: FollowingMoves): void {
	const { crm, courierStatuses, state, mapping, budget, outcome, crmStages, touched, now, log } = input;
	if (crm && courierStatuses.size > 0) {
		const following = followingStageMoves(courierStatuses, (orderId) => state.books.get(orderId), mapping);
		const affordable = new Set(
			budget.allow(
				crm.platform,
				"move",
				following.map((move) => move.orderId),
			),
		);
		const moves = following.filter((move) => affordable.has(move.orderId));
		if (moves.length > 0) {
			// Each move's result lands on its own order: a failed one is a finding there, never dropped.
			const moveFailed = (orderId: string, error: unknown) => {
				const books = state.books.get(orderId) ?? {};
				const message = error instanceof Error ? error.message : String(error);
				const kind = error instanceof PlatformError ? { kind: error.kind } : {};
				books.errors = { ...books.errors, [crm.platform]: { message, at: now, operation: "move-stage", ...kind } };
				state.books.set(orderId, books);
				touched.add(orderId);
				outcome.actions.push({
					orderId,
					platform: crm.platform,
					action: "move deal",
					result: message,
					outcome: "failed",
					...kind,
					...failureOf(error),
				});
			};
			try {
				crm.moveStages(moves).forEach((result, index) => {
					const move = moves[index];
					const deal = move && state.books.get(move.orderId)?.deal;
					if (!move) return;
					if (!result.ok) {
						moveFailed(move.orderId, result.error);
						return;
					}
					if (deal) {
						deal.stagePushed = move.stageName;
						deal.changes = move.change;
						// Read before this move: the stage now is the one just pushed.
						crmStages.delete(move.orderId);
						touched.add(move.orderId);
						outcome.actions.push({
							orderId: move.orderId,
							platform: crm.platform,
							action: "moved deal",
							result: move.stageName,
							outcome: "ok",
						});
					}
				});
			} catch (error) {
				log.warn(
					`Moving deals after the courier's news failed: ${error instanceof Error ? error.message : String(error)}`,
				);
				for (const move of moves) moveFailed(move.orderId, error);
			}
		}
	}
}
