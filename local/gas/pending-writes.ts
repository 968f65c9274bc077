/**
 * SpreadsheetApp's write cache, as it shows to the Sheets API. On Google, SpreadsheetApp writes may
 * stay pending until `SpreadsheetApp.flush()`, the next SpreadsheetApp read, or the end of the
 * execution; a read through the Sheets API is not such a read, so it can miss them
 * (../../shared/apps-script-behaviours.md, "Pending writes"). Locally every write applies at once,
 * so the Sheets API is shown a copy of the workbook taken before the first pending write, until a
 * commit point drops it.
 *
 * The call classes follow the modeled clock's (cost-model.ts): Range/Sheet reads and structural
 * changes commit; Spreadsheet metadata reads and handles (getRange) do not; anything else on a
 * Range, Sheet or Spreadsheet is a queued write. A Sheets API write commits first (an
 * approximation: on Google the pending SpreadsheetApp writes would land after it).
 */
import type { WorkbookState } from "./spreadsheet/workbook-state.js";

const HANDLES = new Set(["getRange", "getRangeList", "offset", "getCell"]);
const STRUCTURAL = /^(insert|delete)(Row|Column|Sheet)|^(sort|duplicate|moveRows|moveColumns)|^appendRow$/;

export type SpreadsheetCallKind = "commit" | "write" | "neutral";

/** How one counted SpreadsheetApp call ("Range.setValues") acts on the write cache. */
export function spreadsheetCallKind(call: string): SpreadsheetCallKind {
	const [className = "", method = ""] = call.split(".");
	if (className === "SpreadsheetApp") return method === "flush" ? "commit" : "neutral";
	if (className !== "Range" && className !== "Sheet" && className !== "Spreadsheet") return "neutral";
	if (HANDLES.has(method)) return "neutral";
	if (STRUCTURAL.test(method)) return "commit";
	// Reading what the object already names (its id, name, position) needs no flush; reading cells does.
	if (
		/^(getSheetId|getIndex|getType|getName|getSheetName|getParent|getA1Notation|getRow|getColumn|getNumRows|getNumColumns)$/.test(
			method,
		)
	)
		return "neutral";
	if (/^(get|is)/.test(method)) return className === "Spreadsheet" ? "neutral" : "commit";
	return "write";
}

export class PendingWrites {
	private committedView: WorkbookState | undefined;
	/** While the owner edits inside a running execution: their edits are another user's, seen at once. */
	private ownerEditing = false;

	constructor(private readonly live: () => WorkbookState) {}

	/** Runs the owner's edits: committed before and after, never queued. */
	asOwner<T>(body: () => T): T {
		this.commit();
		this.ownerEditing = true;
		try {
			return body();
		} finally {
			this.ownerEditing = false;
			this.commit();
		}
	}

	/** Called before each counted SpreadsheetApp call takes effect. */
	beforeSpreadsheetCall(call: string): void {
		if (this.ownerEditing) return;
		const kind = spreadsheetCallKind(call);
		if (kind === "commit") this.commit();
		else if (kind === "write" && this.committedView === undefined) this.committedView = structuredClone(this.live());
	}

	/** What the Sheets API reads now: the workbook without the SpreadsheetApp writes still pending. */
	sheetsApiView(): WorkbookState {
		return this.committedView ?? this.live();
	}

	/** flush(), a SpreadsheetApp read, a Sheets API write, the owner editing, the end of the execution. */
	commit(): void {
		this.committedView = undefined;
	}

	get pending(): boolean {
		return this.committedView !== undefined;
	}
}
