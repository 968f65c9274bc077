/**
 * Files of one concern stay readable in one go (issue 10, item 8): no .ts file under src/ is longer
 * than the ceiling. A file that grows past it is split along its concerns (as Etsy's sign-in became
 * oauth.ts, oauth-sign-in.ts, oauth-token.ts and oauth-store.ts, or the runner's sync became its
 * context, sign-in, Sheets writes and the run), not the ceiling raised.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = new URL("../../src/", import.meta.url).pathname;
const LINE_CEILING = 300;

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
	);
}

/** Every .ts file under src/, by its path inside src/, with its line count (as `wc -l` counts). */
function fileLengths(): Map<string, number> {
	return new Map(tsFiles(SRC).map((path) => [relative(SRC, path), readFileSync(path, "utf8").split("\n").length - 1]));
}

describe("every .ts file under src/", () => {
	const lengths = fileLengths();

	it("is seen, in every layer", () => {
		// Guards the guard: it must read each layer's files, down to the platform folders.
		for (const path of ["core/orders-layout.ts", "engine/after-run.ts", "gas/sync.ts", "runner/runner-sync.ts"]) {
			expect(lengths.has(path), path).toBe(true);
		}
		for (const path of [
			"sheet/workbook.ts",
			"ui/sidebar.ts",
			"platforms/etsy/oauth.ts",
			"platforms/http/transport.ts",
		]) {
			expect(lengths.has(path), path).toBe(true);
		}
	});

	it(`is at most ${LINE_CEILING} lines`, () => {
		const over = [...lengths].filter(([, lines]) => lines > LINE_CEILING).map(([path, lines]) => `${path}: ${lines}`);
		expect(over, `over ${LINE_CEILING} lines; split along concerns`).toEqual([]);
	});
});
