/**
 * Embedded charts: Sheet.newChart() gives an EmbeddedChartBuilder (asBarChart, asColumnChart,
 * asLineChart… return the same builder, as their typed builders share these methods), build() makes
 * an EmbeddedChart that belongs to no sheet until Sheet.insertChart; getCharts() lists a sheet's
 * charts, updateChart() saves a chart edited through modify(), removeChart() deletes one. A chart
 * keeps its source ranges, not their values: it follows whatever the cells hold when drawn (the
 * playground draws it as an SVG). Builders and the chart objects are value objects (not counted);
 * the Sheet methods that read or change the sheet are.
 */
import type { AppContext } from "./app-context.js";
import { signatureMismatch } from "./errors.js";
import { RangeImpl } from "./range.js";
import type { GridRange } from "./workbook-state.js";

/** Charts.ChartType names. */
export type ChartTypeName = "AREA" | "BAR" | "COLUMN" | "COMBO" | "HISTOGRAM" | "LINE" | "PIE" | "SCATTER" | "TABLE";

export interface ChartState {
	chartId: number;
	type: ChartTypeName;
	/** Source ranges in order: the first column of the first is the domain (categories). */
	ranges: Array<{ sheetId: number } & GridRange>;
	/** setOption values, as JSON. */
	options: Record<string, unknown>;
	stacked: boolean;
	numHeaders: number;
	transpose: boolean;
	/** The anchor cell (1-based) and the offset in pixels from its top left corner. */
	position: { row: number; column: number; offsetX: number; offsetY: number };
}

/** What a builder or an unsaved chart holds: a chart state whose id is set once inserted. */
type Draft = Omit<ChartState, "chartId"> & { chartId: number | null };

function copy(draft: Draft): Draft {
	return JSON.parse(JSON.stringify(draft)) as Draft;
}

export function newDraft(): Draft {
	return {
		chartId: null,
		type: "COLUMN",
		ranges: [],
		options: {},
		stacked: false,
		numHeaders: -1,
		transpose: false,
		position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
	};
}

export class EmbeddedChartBuilderImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly draft: Draft,
	) {}

	private as(type: ChartTypeName): EmbeddedChartBuilderImpl {
		this.draft.type = type;
		return this;
	}
	asAreaChart() {
		return this.as("AREA");
	}
	asBarChart() {
		return this.as("BAR");
	}
	asColumnChart() {
		return this.as("COLUMN");
	}
	asComboChart() {
		return this.as("COMBO");
	}
	asHistogramChart() {
		return this.as("HISTOGRAM");
	}
	asLineChart() {
		return this.as("LINE");
	}
	asPieChart() {
		return this.as("PIE");
	}
	asScatterChart() {
		return this.as("SCATTER");
	}
	asTableChart() {
		return this.as("TABLE");
	}
	setChartType(type: unknown) {
		return this.as(String(type) as ChartTypeName);
	}
	getChartType(): string {
		return this.draft.type;
	}

	addRange(range: unknown): EmbeddedChartBuilderImpl {
		if (!(range instanceof RangeImpl))
			this.ctx.fail(signatureMismatch("SpreadsheetApp.EmbeddedChartBuilder.addRange", [range]));
		this.draft.ranges.push({ sheetId: range.sheetId, ...range.grid });
		return this;
	}
	removeRange(range: unknown): EmbeddedChartBuilderImpl {
		if (range instanceof RangeImpl) {
			const at = this.draft.ranges.findIndex(
				(held) =>
					held.sheetId === range.sheetId &&
					JSON.stringify({ ...held, sheetId: 0 }) === JSON.stringify({ sheetId: 0, ...range.grid }),
			);
			if (at >= 0) this.draft.ranges.splice(at, 1);
		}
		return this;
	}
	clearRanges(): EmbeddedChartBuilderImpl {
		this.draft.ranges = [];
		return this;
	}
	getRanges(): RangeImpl[] {
		return rangesOf(this.ctx, this.draft);
	}
	setOption(option: string, value: unknown): EmbeddedChartBuilderImpl {
		this.draft.options[String(option)] = value === undefined ? null : JSON.parse(JSON.stringify(value));
		return this;
	}
	setStacked(): EmbeddedChartBuilderImpl {
		this.draft.stacked = true;
		return this;
	}
	setNumHeaders(headers: number): EmbeddedChartBuilderImpl {
		this.draft.numHeaders = Math.trunc(Number(headers));
		return this;
	}
	setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilderImpl {
		this.draft.transpose = Boolean(transpose);
		return this;
	}
	setTitle(title: string): EmbeddedChartBuilderImpl {
		return this.setOption("title", String(title));
	}
	setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderImpl {
		this.draft.position = {
			row: Math.trunc(anchorRowPos),
			column: Math.trunc(anchorColPos),
			offsetX: Math.trunc(offsetX),
			offsetY: Math.trunc(offsetY),
		};
		return this;
	}
	build(): EmbeddedChartImpl {
		return new EmbeddedChartImpl(this.ctx, copy(this.draft));
	}
}

function rangesOf(ctx: AppContext, draft: Draft): RangeImpl[] {
	return ctx.array(draft.ranges.map(({ sheetId, ...grid }) => new RangeImpl(ctx, sheetId, grid)));
}

export class EmbeddedChartImpl {
	constructor(
		private readonly ctx: AppContext,
		readonly draft: Draft,
	) {}

	/** Null until the chart is inserted in a sheet (Apps Script: "null if not yet inserted"). */
	getChartId(): number | null {
		return this.draft.chartId;
	}
	getRanges(): RangeImpl[] {
		return rangesOf(this.ctx, this.draft);
	}
	getNumHeaders(): number {
		return this.draft.numHeaders;
	}
	getTransposeRowsAndColumns(): boolean {
		return this.draft.transpose;
	}
	getOptions() {
		const options = this.draft.options;
		const ctx = this.ctx;
		return { get: (option: string) => (option in options ? ctx.adopt(options[option]) : null) };
	}
	getContainerInfo() {
		const position = this.draft.position;
		return {
			getAnchorRow: () => position.row,
			getAnchorColumn: () => position.column,
			getOffsetX: () => position.offsetX,
			getOffsetY: () => position.offsetY,
		};
	}
	modify(): EmbeddedChartBuilderImpl {
		return new EmbeddedChartBuilderImpl(this.ctx, copy(this.draft));
	}
	toString(): string {
		return "EmbeddedChart";
	}
}

export function chartStateOf(draft: Draft, chartId: number): ChartState {
	return { ...copy(draft), chartId };
}

export function chartFromState(ctx: AppContext, state: ChartState): EmbeddedChartImpl {
	return new EmbeddedChartImpl(ctx, copy(state));
}
