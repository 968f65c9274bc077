/**
 * The decisions about an order's Status that follow from what the platforms report, as plain data:
 * the order of statuses, which Status a courier's state means, when the courier's news may move the
 * Status, the CRM moves that follow it in the same run ("the courier moved, move the CRM too"), and
 * which deals someone moved by hand in the CRM. The engine carries the plans out.
 */
import type { Bookkeeping } from "./bookkeeping.js";
import type { MappingSettings } from "./mapping-settings.js";
import { stageFor } from "./push-plan.js";
import { CANONICAL_STATUSES } from "./statuses.js";

/** Statuses the courier never moves an order into or out of: the owner's. */
const OWNERS = ["on hold", "cancelled"];

/**
 * Whether the courier's news may move Status from `from` to `to`: only forward along the canonical
 * path. A custom status the owner chose, On hold or Cancelled is theirs, and stays.
 */
export function isForward(from: string, to: string): boolean {
	const order = (CANONICAL_STATUSES as readonly string[]).map((status) => status.toLowerCase());
	const a = order.indexOf(from.trim().toLowerCase());
	const b = order.indexOf(to.trim().toLowerCase());
	if (a === -1 || b === -1 || OWNERS.includes(order[a] as string)) return false;
	return b > a && !OWNERS.includes(order[b] as string);
}

/** The Status a courier's state means by Settings (any case), or undefined when it means none. */
export function statusForCourierState(state: string, mapping: MappingSettings): string | undefined {
	const key = Object.keys(mapping.courierStateToStatus).find(
		(candidate) => candidate.toLowerCase() === state.toLowerCase(),
	);
	return key === undefined ? undefined : mapping.courierStateToStatus[key];
}

/** Of the Statuses the courier's news suggests, those that move the order forward from its Status now. */
export function courierStatusMoves(
	suggested: Iterable<[orderId: string, status: string]>,
	statusNow: (orderId: string) => string,
): Map<string, string> {
	const moves = new Map<string, string>();
	for (const [orderId, status] of suggested) {
		if (isForward(statusNow(orderId), status)) moves.set(orderId, status);
	}
	return moves;
}

export interface FollowingStageMove {
	orderId: string;
	dealId: string;
	stageName: string;
	/** The number of this stage change of the order (an event-based CRM's event ids are unique per change). */
	change: number;
}

/**
 * The CRM moves that follow the courier's Status moves in the same run, rather than one sync later:
 * one per order that has a deal whose stage the new Status maps to and that is not there yet.
 */
export function followingStageMoves(
	statusMoves: ReadonlyMap<string, string>,
	books: (orderId: string) => Bookkeeping | undefined,
	mapping: MappingSettings,
): FollowingStageMove[] {
	return [...statusMoves].flatMap(([orderId, status]) => {
		const deal = books(orderId)?.deal;
		const stageName = stageFor(status, mapping);
		return deal && stageName && deal.stagePushed !== stageName
			? [{ orderId, dealId: deal.id, stageName, change: (deal.changes ?? 0) + 1 }]
			: [];
	});
}

/** Whether a deal's stage in the CRM was changed by hand: it is not the stage Hubsheet last pushed. */
export function isHandEdit(stageInCrm: string, books: Bookkeeping | undefined): boolean {
	return books?.deal?.stagePushed !== stageInCrm;
}

/**
 * What the CRM stage cell shows: the stage this run read from the CRM, else the stage this run
 * pushed; undefined (the cell stays) otherwise, so that a stage read in an earlier run (a hand edit
 * the owner has not chosen about yet) is never overwritten by the last one pushed.
 */
export function crmStageShown(
	readThisRun: string | undefined,
	pushedThisRun: boolean,
	books: Bookkeeping | undefined,
): string | undefined {
	return readThisRun ?? (pushedThisRun ? books?.deal?.stagePushed : undefined);
}
