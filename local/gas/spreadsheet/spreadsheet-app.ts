/**
 * The `SpreadsheetApp` global of one execution. The script is bound to one spreadsheet, the local
 * workbook; opening any other id fails as it does for a file the user cannot open.
 */
import type { ExecutionHost } from "../host.js";
import { emulatesClass } from "../not-emulated.js";
import { AppContext } from "./app-context.js";
import { ConditionalFormatRuleBuilderImpl } from "./conditional-format.js";
import { DataValidationBuilderImpl } from "./data-validation.js";
import {
	BooleanCriteria,
	BorderStyle,
	DataValidationCriteria,
	Dimension,
	ProtectionType,
	SheetType,
	ValueType,
	WrapStrategy,
} from "./enums.js";
import { MESSAGES, signatureMismatch } from "./errors.js";
import { FilterCriteriaBuilderImpl } from "./filter.js";
import { RangeImpl } from "./range.js";
import { RichTextValueBuilderImpl } from "./rich-text.js";
import { activeGrid, SheetImpl } from "./sheet.js";
import { SpreadsheetImpl } from "./spreadsheet.js";
import { UiImpl } from "./ui.js";

export class SpreadsheetAppImpl {
	readonly ProtectionType = ProtectionType;
	readonly DataValidationCriteria = DataValidationCriteria;
	readonly BooleanCriteria = BooleanCriteria;
	readonly BorderStyle = BorderStyle;
	readonly WrapStrategy = WrapStrategy;
	readonly Dimension = Dimension;
	readonly SheetType = SheetType;
	readonly ValueType = ValueType;

	constructor(private readonly ctx: AppContext) {}

	getActiveSpreadsheet(): SpreadsheetImpl {
		this.ctx.touch("SpreadsheetApp", "getActiveSpreadsheet");
		return new SpreadsheetImpl(this.ctx);
	}

	getActive(): SpreadsheetImpl {
		this.ctx.touch("SpreadsheetApp", "getActive");
		return new SpreadsheetImpl(this.ctx);
	}

	openById(id: string): SpreadsheetImpl {
		this.ctx.touch("SpreadsheetApp", "openById");
		if (id !== this.ctx.workbook.id) this.ctx.fail(MESSAGES.openById);
		return new SpreadsheetImpl(this.ctx);
	}

	openByUrl(url: string): SpreadsheetImpl {
		this.ctx.touch("SpreadsheetApp", "openByUrl");
		if (typeof url !== "string" || !url.includes(`/d/${this.ctx.workbook.id}`)) this.ctx.fail(MESSAGES.openByUrl);
		return new SpreadsheetImpl(this.ctx);
	}

	getActiveSheet(): SheetImpl {
		this.ctx.touch("SpreadsheetApp", "getActiveSheet");
		return new SheetImpl(this.ctx, this.ctx.activeSheetState().sheetId);
	}

	setActiveSheet(sheet: SheetImpl): SheetImpl {
		this.ctx.touch("SpreadsheetApp", "setActiveSheet");
		if (!(sheet instanceof SheetImpl)) this.ctx.fail(signatureMismatch("SpreadsheetApp.setActiveSheet", [sheet]));
		this.ctx.sheetState(sheet.sheetId);
		this.ctx.workbook.activeSheetId = sheet.sheetId;
		this.ctx.dirty();
		return sheet;
	}

	/** The active sheet's selection; A1 when nothing was selected (UNCONFIRMED for trigger runs). */
	getActiveRange(): RangeImpl {
		this.ctx.touch("SpreadsheetApp", "getActiveRange");
		const sheet = this.ctx.activeSheetState();
		return new RangeImpl(this.ctx, sheet.sheetId, activeGrid(sheet));
	}

	getCurrentCell(): RangeImpl {
		this.ctx.touch("SpreadsheetApp", "getCurrentCell");
		const sheet = this.ctx.activeSheetState();
		const grid = activeGrid(sheet);
		return new RangeImpl(this.ctx, sheet.sheetId, { row: grid.row, column: grid.column, numRows: 1, numColumns: 1 });
	}

	setActiveRange(range: RangeImpl): RangeImpl {
		this.ctx.touch("SpreadsheetApp", "setActiveRange");
		if (!(range instanceof RangeImpl)) this.ctx.fail(signatureMismatch("SpreadsheetApp.setActiveRange", [range]));
		this.ctx.sheetState(range.sheetId).activeRange = { ...range.grid };
		this.ctx.workbook.activeSheetId = range.sheetId;
		this.ctx.dirty();
		return range;
	}

	getUi(): UiImpl {
		this.ctx.touch("SpreadsheetApp", "getUi");
		if (this.ctx.host.options.uiAvailable === false) {
			throw this.ctx.host.realm.exception("Cannot call SpreadsheetApp.getUi() from this context.");
		}
		return new UiImpl(this.ctx);
	}

	/** Writes are applied at once locally, so there is nothing to flush; the call is still counted. */
	flush(): void {
		this.ctx.touch("SpreadsheetApp", "flush");
	}

	// ----- builders: local objects, not counted -----

	newRichTextValue(): RichTextValueBuilderImpl {
		return new RichTextValueBuilderImpl((message) => this.ctx.fail(message));
	}

	newDataValidation(): DataValidationBuilderImpl {
		return new DataValidationBuilderImpl(this.ctx);
	}

	newConditionalFormatRule(): ConditionalFormatRuleBuilderImpl {
		return new ConditionalFormatRuleBuilderImpl(this.ctx);
	}

	newFilterCriteria(): FilterCriteriaBuilderImpl {
		return new FilterCriteriaBuilderImpl(this.ctx);
	}

	toString(): string {
		return "SpreadsheetApp";
	}
}

/**
 * Creates the `SpreadsheetApp` global for one execution. The emulator's classes implement the part
 * of the Apps Script interfaces listed in COVERAGE.md; the cast gives scripts and tests the official
 * types for that part.
 */
export function createSpreadsheetApp(host: ExecutionHost): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
	return new SpreadsheetAppImpl(new AppContext(host)) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

emulatesClass(SpreadsheetAppImpl, "SpreadsheetApp");
