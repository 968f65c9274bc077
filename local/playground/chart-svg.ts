/**
 * Draws an embedded chart of the local workbook as an SVG image, from the cells its ranges point at
 * now, as Sheets redraws a chart when its cells change: bars (horizontal), columns (stacked or side
 * by side), lines (a blank cell is a gap), and anything else as columns. Every text is escaped: a
 * title or a category is the owner's text, and the page shows the result as an <img>.
 */

import type { ChartState } from "../gas/spreadsheet/charts.js";
import { sheetDisplayValues } from "../gas/spreadsheet/display-values.js";
import { getCell } from "../gas/spreadsheet/grid.js";
import type { WorkbookState } from "../gas/spreadsheet/workbook-state.js";

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;
const COLOURS = ["#4285f4", "#db4437", "#f4b400", "#0f9d58", "#ab47bc", "#00acc1"];

export interface ChartData {
	categories: string[];
	series: Array<{ name: string; values: Array<number | null> }>;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The chart's columns as categories (the first column) and series (the others), headers as names. */
export function chartData(workbook: WorkbookState, chart: ChartState, now: number): ChartData {
	const columns: Array<{ display: string[]; numbers: Array<number | null> }> = [];
	for (const range of chart.ranges) {
		const sheet = workbook.sheets.find((candidate) => candidate.sheetId === range.sheetId);
		if (!sheet) continue;
		const display = sheetDisplayValues(workbook, sheet, {
			rows: range.row + range.numRows - 1,
			columns: range.column + range.numColumns - 1,
			now,
		});
		for (let column = range.column; column < range.column + range.numColumns; column++) {
			const text: string[] = [];
			const numbers: Array<number | null> = [];
			for (let row = range.row; row < range.row + range.numRows; row++) {
				text.push(display[row - 1]?.[column - 1] ?? "");
				const value = getCell(sheet, row, column)?.value;
				numbers.push(typeof value === "number" ? value : null);
			}
			columns.push({ display: text, numbers });
		}
	}
	const [domain, ...rest] = columns;
	if (!domain) return { categories: [], series: [] };
	// Auto headers (-1): a first row of text over numbers is the header row, as Sheets guesses.
	const headers =
		chart.numHeaders >= 0
			? chart.numHeaders
			: rest.some((column) => column.numbers[0] === null && column.display[0] !== "")
				? 1
				: 0;
	return {
		categories: domain.display.slice(headers),
		series: rest.map((column, index) => ({
			name: headers > 0 ? (column.display[0] ?? "") : `Series ${index + 1}`,
			values: column.numbers.slice(headers),
		})),
	};
}

/** The axis's top: four round steps (1, 2 or 5 times a power of ten) that reach the value. */
function niceMax(value: number): number {
	if (value <= 0) return 4;
	const quarter = value / 4;
	const power = 10 ** Math.floor(Math.log10(quarter));
	const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= quarter) ?? quarter;
	return step * 4;
}

export function chartSvg(chart: Pick<ChartState, "type" | "stacked" | "options">, data: ChartData): string {
	const title = typeof chart.options.title === "string" ? chart.options.title : "";
	const parts: string[] = [];
	const left = 70;
	const top = 40;
	const right = CHART_WIDTH - 20;
	const bottom = CHART_HEIGHT - 60;
	const n = Math.max(1, data.categories.length);
	const stacked = chart.stacked && chart.type !== "LINE";
	const totals = data.categories.map((_, index) =>
		stacked
			? data.series.reduce((sum, series) => sum + Math.max(0, series.values[index] ?? 0), 0)
			: Math.max(0, ...data.series.map((series) => series.values[index] ?? 0)),
	);
	const max = niceMax(Math.max(0, ...totals));
	parts.push(`<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#fff" stroke="#dadce0"/>`);
	parts.push(
		`<text x="${CHART_WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
	);
	const horizontal = chart.type === "BAR";
	const plotLength = horizontal ? right - left - 60 : bottom - top;
	const scale = (value: number) => (value / max) * plotLength;
	// Axis with five steps.
	for (let step = 0; step <= 4; step++) {
		const value = (max * step) / 4;
		const label = Number.isInteger(value) ? String(value) : value.toFixed(1);
		if (horizontal) {
			const x = left + 60 + scale(value);
			parts.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}" stroke="#eee"/>`);
			parts.push(`<text x="${x}" y="${bottom + 14}" text-anchor="middle" font-size="10">${label}</text>`);
		} else {
			const y = bottom - scale(value);
			parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#eee"/>`);
			parts.push(`<text x="${left - 6}" y="${y + 3}" text-anchor="end" font-size="10">${label}</text>`);
		}
	}
	const band = (horizontal ? bottom - top : right - left) / n;
	data.categories.forEach((category, index) => {
		const start = (horizontal ? top : left) + band * index;
		const label = escapeXml(category.length > 14 ? `${category.slice(0, 13)}…` : category);
		if (horizontal)
			parts.push(`<text x="${left + 54}" y="${start + band / 2 + 4}" text-anchor="end" font-size="10">${label}</text>`);
		else if (index % Math.ceil(n / 6) === 0)
			parts.push(`<text x="${start + band / 2}" y="${bottom + 14}" text-anchor="middle" font-size="9">${label}</text>`);
	});
	if (chart.type === "LINE") {
		data.series.forEach((series, seriesIndex) => {
			const colour = COLOURS[seriesIndex % COLOURS.length];
			let path = "";
			series.values.forEach((value, index) => {
				if (value === null) {
					path += " ";
					return;
				}
				const x = left + band * index + band / 2;
				const y = bottom - scale(value);
				path += `${path.endsWith(" ") || path === "" ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)} `;
				parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${colour}"/>`);
			});
			if (path.trim() !== "") parts.push(`<path d="${path.trim()}" fill="none" stroke="${colour}" stroke-width="2"/>`);
		});
	} else {
		const count = stacked ? 1 : Math.max(1, data.series.length);
		data.categories.forEach((_, index) => {
			let offset = 0;
			data.series.forEach((series, seriesIndex) => {
				const value = Math.max(0, series.values[index] ?? 0);
				const length = scale(value);
				const thickness = (band * 0.7) / count;
				const across = band * 0.15 + (stacked ? 0 : thickness * seriesIndex);
				const colour = COLOURS[seriesIndex % COLOURS.length];
				const [x, y, w, h] = horizontal
					? [left + 60 + offset, top + band * index + across, length, thickness]
					: [left + band * index + across, bottom - offset - length, thickness, length];
				if (length > 0)
					parts.push(
						`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"><title>${escapeXml(`${data.categories[index] ?? ""}: ${series.name} ${value}`)}</title></rect>`,
					);
				if (stacked) offset += length;
			});
		});
	}
	// The legend under the plot, one entry per series.
	data.series.forEach((series, index) => {
		const x = left + index * 170;
		parts.push(
			`<rect x="${x}" y="${CHART_HEIGHT - 22}" width="10" height="10" fill="${COLOURS[index % COLOURS.length]}"/>`,
		);
		parts.push(`<text x="${x + 14}" y="${CHART_HEIGHT - 13}" font-size="10">${escapeXml(series.name)}</text>`);
	});
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="Arial, sans-serif" role="img" aria-label="${escapeXml(title)}">${parts.join("")}</svg>`;
}
