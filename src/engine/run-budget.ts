/**
 * A run's time and what it leaves behind, decided the same way by the Apps Script trigger run and
 * the runner: how long it may work, whether it has run out (once out, it stays out: later phases
 * must not start because one step was quick), whether it left work the next run should not wait an
 * hour for, and whether a continuation is due.
 */

/** Apps Script stops an execution at 6 minutes; a run saves its place well before. */
export const APPS_SCRIPT_TIME_BUDGET_MS = 4.5 * 60_000;
/** A continuation (when `continuationDue`) starts a minute after the run that left work. */
export const CONTINUATION_AFTER_MS = 60_000;

export interface RunBudget {
	/** True from the first time it is asked past the budget on (remembered, so `outOfTime` says so after). */
	overBudget(): boolean;
	/** Past the budget right now, without marking the run out of time (the platform phase's own check). */
	pastBudget(): boolean;
	/** Whether `overBudget` has said so. */
	readonly outOfTime: boolean;
}

export function runBudget(nowMs: () => number, startedAt: number, budgetMs: number): RunBudget {
	let out = false;
	const past = () => nowMs() - startedAt > budgetMs;
	return {
		overBudget() {
			out ||= past();
			return out;
		},
		pastBudget: past,
		get outOfTime() {
			return out;
		},
	};
}

/** What a full run saw, for deciding what comes after it. */
export interface RunLeftovers {
	outOfTime: boolean;
	/** The marketplace had more changes than one run reads. */
	moreWaiting: boolean;
	/** Orders the marketplace sent that could not be read. */
	failedOrders: number;
	/** Requests the platform phase made or tried (deals, moves, shipments, tracking). */
	platformActions: number;
}

/** Whether the run did, tried or left something: then the next trigger run is a full one, not a quiet one. */
export function leftWork(run: RunLeftovers): boolean {
	return run.outOfTime || run.moreWaiting || run.failedOrders > 0 || run.platformActions > 0;
}

/** Whether a continuation should follow in a minute instead of waiting for the next trigger. */
export function continuationDue(run: Pick<RunLeftovers, "outOfTime" | "moreWaiting">): boolean {
	return run.outOfTime || run.moreWaiting;
}
