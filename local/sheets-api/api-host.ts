/**
 * An ExecutionHost for one request to the local Sheets REST server: no script, no vm realm, no time
 * limit. It lets the server run the emulator's own Sheets values code (local/gas/sheets-advanced.ts)
 * over the same persisted workbook the emulated SpreadsheetApp keeps, so both see one spreadsheet.
 */
import type { ExecutionHost, StatePart } from "../gas/host.js";
import { defaultRuntimeOptions } from "../gas/runtime.js";
import type { LocalState } from "../gas/state.js";

export interface ApiHost extends ExecutionHost {
	readonly dirty: Set<StatePart>;
}

export function apiHost(state: LocalState, stateDir: string): ApiHost {
	const dirty = new Set<StatePart>();
	return {
		executionId: "sheets-api",
		state,
		dirty,
		options: defaultRuntimeOptions({ stateDir }),
		realm: {
			newDate: (epochMs) => new Date(epochMs),
			// Responses are serialised to JSON at once: no realm to copy into.
			adopt: (value) => value,
			exception: (message) => new Error(message),
		},
		// The spreadsheet's clock is the local one the sandboxes and the emulator share.
		now: () => state.clock,
		advance: () => {},
		touch: () => {},
		resize: () => {},
		markDirty: (part) => dirty.add(part),
		log: () => {},
		readPushFile: () => undefined,
		evaluate: () => {
			throw new Error("The Sheets API runs no script code.");
		},
		ui: {
			record: () => {},
			answer: () => ({ button: "OK" }),
		},
	};
}
