/**
 * src/gas/README.md is the reviewer's table of the Apps Script shell: one row per file, saying what
 * Apps Script thing it adapts and which decision, if any, is still left in it. The table only helps
 * a reviewer while it is true, so this test holds it to the folder: every file has a row, every row a
 * file, and no row says a decision is left in src/gas/ (decisions live in src/engine/ or src/core/).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const gas = join(dirname(new URL(import.meta.url).pathname), "..", "..", "src", "gas");

/** The table's rows as [file, adapts, decisions left], read from the README's Markdown table. */
function tableRows(): string[][] {
	return readFileSync(join(gas, "README.md"), "utf8")
		.split("\n")
		.filter((line) => /^\| `[^`]+\.ts` \|/.test(line))
		.map((line) =>
			line
				.slice(1, -1)
				.split(" | ")
				.map((cell) => cell.trim()),
		);
}

describe("src/gas/README.md, the reviewer's table", () => {
	const rows = tableRows();
	const listed = rows.map(([file]) => (file ?? "").replaceAll("`", ""));

	it("has one row for every file in src/gas/ and none for a file that is gone", () => {
		const files = readdirSync(gas).filter((name) => name.endsWith(".ts"));
		expect(files.length).toBeGreaterThan(20);
		expect([...listed].sort()).toEqual([...files].sort());
	});

	it("says what each file adapts", () => {
		for (const [file, adapts] of rows) expect(adapts, file).toMatch(/\w{3,}/);
	});

	it("leaves no decision in any file of the shell", () => {
		const left = rows.filter(([, , decisions]) => !/^none\b/.test(decisions ?? "")).map(([file]) => file);
		expect(left).toEqual([]);
	});
});
