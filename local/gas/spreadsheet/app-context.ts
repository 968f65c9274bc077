/**
 * What every SpreadsheetApp object of one execution shares: the workbook, the call counter, and the
 * conversion of criteria arguments (Dates, Ranges) to and from their JSON form in the state.
 */
import type { CallSize, ExecutionHost } from "../host.js";
import { CellReader, isDateObject } from "./cell-values.js";
import { RangeImpl } from "./range.js";
import { WorkbookAccess } from "./workbook-access.js";
import type { CriteriaArg } from "./workbook-state.js";

/**
 * The call-counting rule (COVERAGE.md): a method is counted when it needs the document (reads or
 * writes state that can change, or validates against it); it is not counted when it only reads what
 * its object already holds (a sheet's id, a range's coordinates) or belongs to a builder or value
 * object (RichTextValue, DataValidation, ConditionalFormatRule, FilterCriteria, PromptResponse).
 */
export class AppContext extends WorkbookAccess {
	constructor(host: ExecutionHost) {
		super(host);
	}

	/** Counts one call as "SpreadsheetApp" / "<Class>.<method>"; may throw when the execution is killed. */
	touch(className: string, method: string, size?: CallSize): void {
		this.host.touch("SpreadsheetApp", `${className}.${method}`, size);
		this.host.pendingWrites?.beforeSpreadsheetCall(`${className}.${method}`);
	}

	reader(): CellReader {
		return new CellReader(this);
	}

	encodeArg(value: unknown): CriteriaArg {
		if (value === null || value === undefined) return null;
		if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
		if (isDateObject(value)) return { $date: value.getTime() };
		if (Array.isArray(value)) return value.map((item) => this.encodeArg(item));
		if (value instanceof RangeImpl) return { $range: { sheetId: value.sheetId, ...value.grid } };
		return String(value);
	}

	decodeArg(value: CriteriaArg): unknown {
		if (value === null || typeof value !== "object") return value;
		if (Array.isArray(value)) return this.array(value.map((item) => this.decodeArg(item)));
		if ("$date" in value) return this.host.realm.newDate(value.$date);
		const { sheetId, ...grid } = value.$range;
		return new RangeImpl(this, sheetId, grid);
	}

	decodeArgs(values: readonly CriteriaArg[]): unknown[] {
		return this.array(values.map((value) => this.decodeArg(value)));
	}
}
