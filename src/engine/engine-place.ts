/**
 * Where the syncs run now, for the sidebar's "Syncs run on:" line, from what the spreadsheet records:
 * the last sync (the runner marks its own), whether the runner ever synced (the lease's bookkeeping,
 * sheet/engine-lease.ts) and whether Apps Script's sync trigger is installed. The lease itself is held
 * only during a sync, so it is not read here: that would cost a Sheets call on every sidebar refresh.
 */

import type { EngineView } from "../ui/sidebar-api.js";

export interface EngineFacts {
	/** The last finished sync was the runner's. */
	lastSyncOnRunner: boolean;
	/** The runner has synced this spreadsheet at least once. */
	runnerSeen: boolean;
	/** Apps Script's sync trigger is installed. */
	triggersInstalled: boolean;
}

const APPS_SCRIPT: EngineView = { kind: "apps-script", label: "Apps Script triggers (in this spreadsheet)" };
const RUNNER: EngineView = { kind: "runner", label: "Google Cloud (runner)" };
const MANUAL: EngineView = { kind: "manual", label: "Only when you press Sync now (no schedule is set up)" };

export function engineView(facts: EngineFacts): EngineView {
	// The engine that synced last is the one at work; Sync now from the sidebar does not move the
	// schedule, so after it the runner still counts when Apps Script has no trigger.
	if (facts.lastSyncOnRunner) return RUNNER;
	if (facts.triggersInstalled) return APPS_SCRIPT;
	return facts.runnerSeen ? RUNNER : MANUAL;
}
