/**
 * The bookkeeping Apps Script and the runner share, kept in the spreadsheet itself (a hidden sheet
 * "Hubsheet engine", one key and value per row) so the owner can move the engine between them and
 * back without losing a cursor or a half-made deal: the marketplace's and the CRM's cursors, the last run's
 * summary, each connection's health, the CRM's recent creations. Secrets and tokens never go there:
 * they stay in each side's own store (script properties; the runner's environment or secrets file),
 * and Apps Script's own trigger bookkeeping stays in script properties.
 */
import { ENGINE_HEADER, ENGINE_SHEET } from "../core/sheet-names.js";
import type { Store } from "../ports.js";

/** Named in core/sheet-names.ts with every sheet Hubsheet owns; re-exported for this module's importers. */
export { ENGINE_HEADER, ENGINE_SHEET };

/** Apps Script's own trigger bookkeeping: about this script's triggers, not the shared engine. */
const APPS_SCRIPT_ONLY = "hubsheet.triggers.";
/** Connectors' bookkeeping (a CRM's recent creations and order field, a property made once). */
const CONNECTOR_BOOKKEEPING = /\.(recentCreations|orderField|orderIdPropertyReady)$/;

/**
 * True for bookkeeping both engines read and write; false for secrets, tokens and per-side settings.
 * An allowlist: a key not named here never reaches a cell.
 */
export function isSharedKey(key: string): boolean {
	return (key.startsWith("hubsheet.") && !key.startsWith(APPS_SCRIPT_ONLY)) || CONNECTOR_BOOKKEEPING.test(key);
}

/** How one side reads and writes the engine sheet (SpreadsheetApp, or the Sheets API). */
export interface EngineSheetAccess {
	/** The sheet's rows, header first; null when the sheet does not exist. */
	readRows(): string[][] | null;
	/** Makes the hidden sheet with its header (text-formatted, so values stay exactly as written). */
	create(): void;
	/** Writes one row (1-based), growing the sheet if needed. */
	writeRow(row: number, key: string, value: string): void;
	/** Writes rows first..first+n-1 in one call (deferred writes, flushed together). */
	writeRows?(first: number, rows: string[][]): void;
}

/** A Store over the engine sheet: read once per run, each change written through at once. */
export class EngineSheetStore implements Store {
	private rows: Map<string, { row: number; value: string }> | undefined;
	private lastRow = 1;
	private exists = false;
	/** Rows changed while writes are deferred (a sync run: one write at its end). */
	private pending: Set<number> | null = null;

	constructor(private readonly access: EngineSheetAccess) {}

	/**
	 * Holds writes until `flush`: a sync run changes a few keys (cursors, health, last run) and pays
	 * one call for all of them. A run killed before it flushes loses only these (the cursors are
	 * read again from where they were, which is safe: every write to the sheet is by order id).
	 */
	deferWrites(): void {
		if (this.access.writeRows) this.pending ??= new Set();
	}

	flush(): void {
		const pending = this.pending;
		this.pending = null;
		if (!pending || pending.size === 0 || !this.rows) return;
		const first = Math.min(...pending);
		const last = Math.max(...pending);
		const byRow = new Map([...this.rows].map(([key, entry]) => [entry.row, [key, entry.value]]));
		const rows: string[][] = [];
		for (let row = first; row <= last; row++) rows.push(byRow.get(row) ?? ["", ""]);
		this.access.writeRows?.(first, rows);
	}

	private write(row: number, key: string, value: string): void {
		if (this.pending) this.pending.add(row);
		else this.access.writeRow(row, key, value);
	}

	private load(): Map<string, { row: number; value: string }> {
		if (this.rows) return this.rows;
		const rows = new Map<string, { row: number; value: string }>();
		const values = this.access.readRows();
		this.exists = values !== null;
		(values ?? []).forEach((line, index) => {
			const key = String(line[0] ?? "");
			if (index === 0 || key === "") return;
			rows.set(key, { row: index + 1, value: String(line[1] ?? "") });
		});
		this.lastRow = Math.max(1, values?.length ?? 1);
		this.rows = rows;
		return rows;
	}

	get(key: string): string | null {
		const entry = this.load().get(key);
		return entry && entry.value !== "" ? entry.value : null;
	}

	set(key: string, value: string): void {
		const rows = this.load();
		const entry = rows.get(key);
		if (entry?.value === value) return;
		if (!this.exists) {
			this.access.create();
			this.exists = true;
		}
		const row = entry?.row ?? ++this.lastRow;
		rows.set(key, { row, value });
		this.write(row, key, value);
	}

	delete(key: string): void {
		const entry = this.load().get(key);
		if (!entry || entry.value === "") return;
		entry.value = "";
		this.write(entry.row, key, "");
	}

	/** Every key with a value, for listings by prefix (connection health). */
	entries(): Array<[string, string]> {
		return [...this.load()].filter(([, entry]) => entry.value !== "").map(([key, entry]) => [key, entry.value]);
	}
}

/**
 * The store an engine run uses: shared keys in the spreadsheet, the rest in the side's own store.
 * A shared key found only in the own store (saved before the spreadsheet kept it) moves over on
 * first read, so an existing installation loses nothing when it upgrades.
 */
export function splitStore(shared: EngineSheetStore, own: Store): Store {
	return {
		get(key) {
			if (!isSharedKey(key)) return own.get(key);
			const value = shared.get(key);
			if (value !== null) return value;
			const old = own.get(key);
			if (old !== null) {
				shared.set(key, old);
				own.delete(key);
			}
			return old;
		},
		set(key, value) {
			if (isSharedKey(key)) shared.set(key, value);
			else own.set(key, value);
		},
		delete(key) {
			if (isSharedKey(key)) {
				shared.delete(key);
				own.delete(key);
			} else own.delete(key);
		},
	};
}
