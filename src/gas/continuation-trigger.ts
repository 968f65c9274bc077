/**
 * The continuation of a run that ran out of time or left changes unread: a one-time
 * `ScriptApp` trigger a minute on that calls `continueSync` (main.ts). Whether one is due is the
 * engine's (`engine/run-budget.ts` continuationDue).
 */

export const CONTINUATION_HANDLER = "continueSync";

/** One continuation at a time: a one-time trigger a minute from now, unless one is waiting. */
export function scheduleContinuation(): void {
	const waiting = ScriptApp.getProjectTriggers().some(
		(trigger) => trigger.getHandlerFunction() === CONTINUATION_HANDLER,
	);
	if (!waiting) ScriptApp.newTrigger(CONTINUATION_HANDLER).timeBased().after(60_000).create();
}

/** A fired one-time trigger stays listed until deleted: the continuation removes itself. */
export function removeContinuation(triggerUid?: string): void {
	for (const trigger of ScriptApp.getProjectTriggers()) {
		if (trigger.getHandlerFunction() !== CONTINUATION_HANDLER) continue;
		if (triggerUid === undefined || trigger.getUniqueId() === triggerUid) ScriptApp.deleteTrigger(trigger);
	}
}
