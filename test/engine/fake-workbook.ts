import type { CellBlock, LinkCell, RawCell, Workbook } from "../../src/sheet/workbook.js";

/** An in-memory Workbook that records its calls: unit tests of the engine, no emulator. */
export class FakeWorkbook implements Workbook {
	readonly timeZone = "Europe/Warsaw";
	readonly sheets = new Map<string, RawCell[][]>();
	readonly links = new Map<string, string>();
	calls: string[] = [];

	constructor(initial: Record<string, RawCell[][]> = {}) {
		for (const [name, values] of Object.entries(initial))
			this.sheets.set(
				name,
				values.map((row) => [...row]),
			);
	}

	readSheets(names: readonly string[]) {
		this.calls.push("readSheets");
		return Object.fromEntries(names.map((name) => [name, this.sheets.get(name)?.map((row) => [...row]) ?? null]));
	}

	readKeyColumn(sheet: string, column: number) {
		this.calls.push("readKeyColumn");
		const values = this.sheets.get(sheet) ?? [];
		return { header: [...(values[0] ?? [])], keys: values.map((row) => row[column - 1] ?? "") };
	}

	private cell(sheet: string, row: number, column: number, value: RawCell) {
		const values = this.sheets.get(sheet) ?? [];
		this.sheets.set(sheet, values);
		while (values.length < row) values.push([]);
		const line = values[row - 1] as RawCell[];
		while (line.length < column) line.push("");
		line[column - 1] = value;
	}

	writeBlocks(blocks: readonly CellBlock[]) {
		this.calls.push("writeBlocks");
		for (const block of blocks) {
			block.values.forEach((line, r) => {
				line.forEach((value, c) => {
					this.cell(block.sheet, block.row + r, block.column + c, value);
				});
			});
		}
	}

	appendRows(sheet: string, rows: readonly RawCell[][]) {
		this.calls.push("appendRows");
		const first = (this.sheets.get(sheet)?.length ?? 0) + 1;
		rows.forEach((line, index) => {
			line.forEach((value, c) => {
				this.cell(sheet, first + index, c + 1, value);
			});
		});
		return first;
	}

	writeLinks(sheet: string, links: readonly LinkCell[]) {
		this.calls.push("writeLinks");
		for (const link of links) {
			this.cell(sheet, link.row, link.column, link.text);
			this.links.set(`${sheet}!${link.row},${link.column}`, link.url);
		}
	}

	values(sheet: string): RawCell[][] {
		return this.sheets.get(sheet) ?? [];
	}
}
