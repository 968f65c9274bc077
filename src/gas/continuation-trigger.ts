/**
 * The continuation of a run that ran out of time or left changes unread: a one-time
 * `ScriptApp` trigger that calls `continueSync` (main.ts). Whether one is due and when it starts are
 * the engine's (`engine/run-budget.ts` continuationDue, CONTINUATION_AFTER_MS).
 */
import { CONTINUATION_AFTER_MS } from "../engine/run-budget.js";

export const CONTINUATION_HANDLER = "continueSync";

/** One continuation at a time: a one-time trigger, unless one is waiting. */
export function scheduleContinuation(): void {
	const waiting = ScriptApp.getProjectTriggers().some(
		(trigger) => trigger.getHandlerFunction() === CONTINUATION_HANDLER,
	);
	if (!waiting) ScriptApp.newTrigger(CONTINUATION_HANDLER).timeBased().after(CONTINUATION_AFTER_MS).create();
}

/** A fired one-time trigger stays listed until deleted: the continuation removes itself. */
export function removeContinuation(triggerUid?: string): void {
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if (trigger.getHandlerFunction() !== CONTINUATION_HANDLER) continue;
		if (triggerUid === undefined || trigger.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(trigger);
	}
}
