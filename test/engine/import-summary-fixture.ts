/** An Etsy import's summary with nothing in it, for engine tests to fill in what they need. */
import type { ImportSummary } from "../../src/engine/etsy-import.js";

export function importSummary(overrides: Partial<ImportSummary> = {}): ImportSummary {
	return {
		mode: "incremental",
		received: 0,
		created: [],
		updated: [],
		unchanged: 0,
		failed: [],
		duplicates: {},
		pulled: [],
		cut: [],
		cursorBefore: null,
		cursorAfter: null,
		...overrides,
	};
}
