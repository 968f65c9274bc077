/**
 * The modeled Apps Script clock: what each counted service call would cost on Google, from the
 * proposal in `../shared/apps-script-costs.md` Part B (B.2 constants, B.3 profiles). The runtime
 * advances its virtual clock by these costs when `costProfile` is set, so the 6-minute kill and the
 * engine's time budget bite locally as they would on Google; the bench folds the same call list
 * through each profile to print modeled seconds.
 *
 * Where Part B gives no figure the constant says so (ASSUMED) and follows the brief: 250 ms per
 * request to another system (a platform, Drive, Mail).
 */
import type { ServiceCall } from "./host.js";

export type CostProfileName = "optimistic" | "default" | "pessimistic";

export const COST_PROFILES: readonly CostProfileName[] = ["optimistic", "default", "pessimistic"];

export interface CostProfile {
	/** T_start: an execution starting (trigger, menu, google.script.run). */
	start: number;
	/** The first SpreadsheetApp touch of an execution (getActive*, openById + first round trip). */
	firstSpreadsheet: number;
	/** Range handles and local getters. */
	handle: number;
	/** Cheap metadata accessors (getSheets, getSheetByName, getSpreadsheetTimeZone, menus). */
	metadata: number;
	/** R0 + per cell + per row: a read round trip. */
	readBase: number;
	readCell: number;
	readRow: number;
	/** Extra per cell for format, note and rich-text reads. */
	formatReadCell: number;
	/** W: a queued write call; its cells are paid at the next commit. */
	writeCall: number;
	/** Commit F: explicit flush, a read while writes are pending, and the end of the execution. */
	commitBase: number;
	commitValueCell: number;
	commitRow: number;
	commitFormatCell: number;
	commitRichCell: number;
	appendRow: number;
	/** insertRows, deleteRows, sort, insertSheet: no direct measurement (Part B). */
	structural: number;
	sheetsApiRead: number;
	sheetsApiWrite: number;
	sheetsApiMeta: number;
	/** UrlFetchApp overhead per fetch (U4 floor). */
	fetchBase: number;
	/** ASSUMED: the time a platform takes to answer one request (the brief's 250 ms). */
	remote: number;
	/** fetchAll: per request on top of one base and one remote time (U1, U2). */
	fetchAllPerRequest: number;
	propertyGet: number;
	propertySet: number;
	cacheGet: number;
	cachePut: number;
	/** ASSUMED (no data): LockService round trip, priced like a property read. */
	lock: number;
	/** ASSUMED (no data): trigger listing like a read round trip, creating or deleting like a remote call. */
	triggerList: number;
	triggerChange: number;
	/** Utilities, Blob, HTTPResponse: local work inside Apps Script. */
	local: number;
	/** Logger.log (S9: console.log ≈4 ms). */
	log: number;
}

const DEFAULT_PROFILE: CostProfile = {
	start: 1000,
	firstSpreadsheet: 150,
	handle: 0.3,
	metadata: 5,
	readBase: 100,
	readCell: 0.008,
	readRow: 0.003,
	formatReadCell: 0.02,
	writeCall: 1,
	commitBase: 30,
	commitValueCell: 0.055,
	commitRow: 0.025,
	commitFormatCell: 0.1,
	commitRichCell: 0.15,
	appendRow: 110,
	structural: 150,
	sheetsApiRead: 200,
	sheetsApiWrite: 250,
	sheetsApiMeta: 300,
	fetchBase: 70,
	remote: 250,
	fetchAllPerRequest: 20,
	propertyGet: 30,
	propertySet: 65,
	cacheGet: 10,
	cachePut: 80,
	lock: 30,
	triggerList: 100,
	triggerChange: 250,
	local: 0.3,
	log: 4,
};

/** B.3: the profiles differ in W, R0, T_start and the commit base; everything else is B.2. */
export const PROFILES: Record<CostProfileName, CostProfile> = {
	optimistic: { ...DEFAULT_PROFILE, writeCall: 1, readBase: 30, start: 400, commitBase: 30 },
	default: DEFAULT_PROFILE,
	pessimistic: { ...DEFAULT_PROFILE, writeCall: 250, readBase: 150, start: 3000, commitBase: 100 },
};

const VALUE_WRITES = new Set([
	"setValue",
	"setValues",
	"setFormula",
	"setFormulas",
	"clearContent",
	"clearContents",
	"clear",
]);
const RICH_WRITES = new Set([
	"setRichTextValue",
	"setRichTextValues",
	"setNote",
	"setNotes",
	"clearNote",
	"clearNotes",
]);
const VALUE_READS = new Set([
	"getValue",
	"getValues",
	"getDisplayValue",
	"getDisplayValues",
	"getFormula",
	"getFormulas",
	"isBlank",
	"getSheetValues",
]);
const STRUCTURAL = /^(insert|delete)(Row|Column|Sheet)|^(sort|duplicate|moveRows|moveColumns)/;
const HANDLES = new Set(["getRange", "getRangeList", "offset", "getCell"]);

/** Counts a run's modeled milliseconds call by call, keeping the write cache's pending commit. */
export class CostMeter {
	private pending = { writes: 0, valueCells: 0, rows: 0, formatCells: 0, richCells: 0 };
	private spreadsheetTouched = false;

	constructor(readonly profile: CostProfile) {}

	/** The cost of one call (including a commit it forces). */
	charge(call: ServiceCall): number {
		const p = this.profile;
		const [className, method] = splitMethod(call);
		switch (call.service) {
			case "SpreadsheetApp":
				return this.spreadsheet(className, method, call.cells ?? 0, call.rows ?? 0);
			case "Sheets": {
				const commit = this.commit();
				const base = /Values\.(get|batchGet)$/.test(method)
					? p.sheetsApiRead
					: /Values\./.test(method)
						? p.sheetsApiWrite
						: p.sheetsApiMeta;
				return commit + base + this.sizeCost(call);
			}
			case "UrlFetchApp":
				if (method === "fetch") return p.fetchBase + p.remote;
				if (method === "fetchAll")
					return (call.batch !== undefined ? p.fetchBase + p.remote : 0) + p.fetchAllPerRequest;
				return p.local;
			case "Properties":
				return /^(get)/.test(method) ? p.propertyGet : p.propertySet;
			case "Cache":
				return /^get/.test(method) ? p.cacheGet : p.cachePut;
			case "Lock":
				return method === "hasLock" ? p.local : p.lock;
			case "ScriptApp":
				if (/getProjectTriggers|getUserTriggers/.test(method)) return p.triggerList;
				if (/create$|deleteTrigger/.test(method)) return p.triggerChange;
				return p.local;
			case "MailApp":
			case "DriveApp":
				return /getRemaining/.test(method) ? p.metadata : p.remote;
			case "Logger":
				return p.log;
			case "Session":
			case "User":
			case "HtmlService":
			case "HtmlOutput":
			case "HtmlTemplate":
			case "FileIterator":
			case "FolderIterator":
				return p.metadata;
			case "File":
			case "Folder":
				// Creating, listing, reading content and changing an item are requests to Drive;
				// getters of a handle already fetched are metadata.
				return /^(create|getFiles|getFolders|getParents|getBlob|getAs|set|moveTo)/.test(method) ? p.remote : p.metadata;
			default:
				// PropertiesService, CacheService, LockService (handles), Utilities, Blob, HTTPResponse.
				return p.local;
		}
	}

	/** The per-cell, per-row and per-range part of a Sheets API call (A1, A2, A7). */
	sizeCost(call: ServiceCall): number {
		if (call.service !== "Sheets") return 0;
		const cells = call.cells ?? 0;
		const rows = call.rows ?? 0;
		const extraRanges = Math.max(0, (call.ranges ?? 1) - 1);
		if (/Values\.(get|batchGet)$/.test(call.method)) return 0.003 * cells + 0.005 * rows + 0.4 * extraRanges;
		if (/Values\./.test(call.method)) return 0.007 * cells + 0.04 * rows + 0.65 * extraRanges;
		return 0;
	}

	/** The commit at the end of the execution (writes still queued). */
	end(): number {
		return this.commit();
	}

	private spreadsheet(className: string, method: string, cells: number, rows: number): number {
		const p = this.profile;
		if (className === "SpreadsheetApp") {
			if (method === "flush") return this.commit();
			if (/^(getActive|getActiveSpreadsheet|openById|openByUrl)$/.test(method)) {
				const first = !this.spreadsheetTouched;
				this.spreadsheetTouched = true;
				return first ? p.firstSpreadsheet : p.metadata;
			}
			return p.metadata;
		}
		if (className === "Range" || className === "Sheet" || className === "Spreadsheet") {
			if (HANDLES.has(method)) return p.handle;
			if (method === "appendRow") return this.commit() + p.appendRow;
			if (STRUCTURAL.test(method)) return this.commit() + p.structural;
			if (/^(get|is)/.test(method)) {
				if (className === "Spreadsheet" || /^(getSheetId|getIndex|getType)$/.test(method)) return p.metadata;
				const perCell = VALUE_READS.has(method) || className === "Sheet" ? p.readCell : p.readCell + p.formatReadCell;
				return this.commit() + p.readBase + perCell * cells + p.readRow * rows;
			}
			// A write (set*, clear*, hide*, protect, ...): queued, paid at the next commit.
			this.pending.writes++;
			if (VALUE_WRITES.has(method)) {
				this.pending.valueCells += cells;
				this.pending.rows += rows;
			} else if (RICH_WRITES.has(method)) this.pending.richCells += cells;
			else this.pending.formatCells += cells;
			return p.writeCall;
		}
		// Menus, Ui, Protection, Filter.
		return p.metadata;
	}

	private commit(): number {
		const pending = this.pending;
		if (pending.writes === 0) return 0;
		const p = this.profile;
		const cost =
			p.commitBase +
			p.commitValueCell * pending.valueCells +
			p.commitRow * pending.rows +
			p.commitFormatCell * pending.formatCells +
			p.commitRichCell * pending.richCells;
		this.pending = { writes: 0, valueCells: 0, rows: 0, formatCells: 0, richCells: 0 };
		return cost;
	}
}

function splitMethod(call: ServiceCall): [string, string] {
	const dot = call.method.indexOf(".");
	if (call.service !== "SpreadsheetApp" || dot < 0) return [call.service, call.method];
	return [call.method.slice(0, dot), call.method.slice(dot + 1)];
}

/**
 * Modeled milliseconds of one execution under a profile: start, every call in order with the
 * commits it forces, the end commit, and the time the script slept or waited (`waitedMs`).
 */
export function modeledMs(calls: readonly ServiceCall[], profile: CostProfileName, waitedMs = 0): number {
	const meter = new CostMeter(PROFILES[profile]);
	let total = meter.profile.start + waitedMs;
	for (const call of calls) total += meter.charge(call);
	return total + meter.end();
}
