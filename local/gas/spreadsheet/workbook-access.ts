/**
 * Per-execution access to the one workbook, shared by SpreadsheetApp and the Sheets advanced service:
 * both read and write `host.state.workbook` through this, so a value written by one is read back the
 * same way by the other.
 */
import type { ExecutionHost } from "../host.js";
import { MESSAGES } from "./errors.js";
import { type LocaleInfo, localeInfo } from "./locale.js";
import { yearInZone } from "./serial-dates.js";
import { type SheetState, upgradeWorkbookState, type WorkbookState } from "./workbook-state.js";

export class WorkbookAccess {
	private upgraded = false;

	/** `sheets-api`: the Sheets advanced service, which does not see SpreadsheetApp's pending writes. */
	constructor(
		readonly host: ExecutionHost,
		private readonly view: "spreadsheet-app" | "sheets-api" = "spreadsheet-app",
	) {}

	get workbook(): WorkbookState {
		const workbook =
			this.view === "sheets-api" && this.host.pendingWrites
				? this.host.pendingWrites.sheetsApiView()
				: this.host.state.workbook;
		if (!this.upgraded) {
			upgradeWorkbookState(workbook);
			this.upgraded = true;
		}
		return workbook;
	}

	get locale(): LocaleInfo {
		return localeInfo(this.workbook.locale);
	}

	get timeZone(): string {
		return this.workbook.timeZone;
	}

	currentYear(): number {
		return yearInZone(this.host.now(), this.timeZone);
	}

	/** An Apps Script exception in the script's realm ("Exception: ..."). */
	fail(message: string): never {
		throw this.host.realm.exception(message);
	}

	dirty(): void {
		this.host.markDirty("workbook");
	}

	findSheet(sheetId: number): SheetState | undefined {
		return this.workbook.sheets.find((sheet) => sheet.sheetId === sheetId);
	}

	sheetState(sheetId: number): SheetState {
		return this.findSheet(sheetId) ?? this.fail(MESSAGES.sheetDeleted);
	}

	/** Sheet names are unique regardless of case, and looked up the same way (UNCONFIRMED for lookup). */
	sheetByName(name: string): SheetState | undefined {
		const wanted = name.toLowerCase();
		return this.workbook.sheets.find((sheet) => sheet.name.toLowerCase() === wanted);
	}

	activeSheetState(): SheetState {
		const workbook = this.workbook;
		const active = workbook.sheets.find((sheet) => sheet.sheetId === workbook.activeSheetId);
		return active ?? workbook.sheets.find((sheet) => !sheet.hidden) ?? (workbook.sheets[0] as SheetState);
	}

	/**
	 * A new id that looks like Google's (large, not sequential), derived from a persisted seed so
	 * runs are reproducible. Scripts that assume sheet ids follow tab order break here as in Sheets.
	 */
	nextId(taken: (id: number) => boolean): number {
		const workbook = this.workbook;
		for (;;) {
			const seed = workbook.idSeed;
			workbook.idSeed = seed + 1;
			const id = (seed * 1_103_515_245 + 12_345) % 2_147_483_647;
			if (id > 0 && !taken(id)) return id;
		}
	}

	/** A script-realm array holding emulator objects (adopt would copy them into plain objects). */
	array<T>(items: readonly T[]): T[] {
		const out = this.host.realm.adopt([] as T[]);
		for (const item of items) out.push(item);
		return out;
	}

	/** A script-realm 2-D array of emulator objects. */
	objectGrid<T>(rows: readonly (readonly T[])[]): T[][] {
		return this.array(rows.map((row) => this.array(row)));
	}

	/** A script-realm copy of plain data: primitives, arrays, plain objects and dates. */
	adopt<T>(value: T): T {
		return this.host.realm.adopt(value);
	}
}
