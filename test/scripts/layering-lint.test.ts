/**
 * The layering rule of `npm run lint` (biome.json's overrides: noRestrictedImports per folder,
 * noRestrictedGlobals outside src/gas/) run on deliberate violations. Each fixture is linted with the
 * project's own biome.json in a scratch copy of the tree's shape, so the real src/ stays untouched;
 * each case also has its allowed twin, so the rule is shown to fail and to pass.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const biome = createRequire(import.meta.url).resolve(`@biomejs/cli-${process.platform}-${process.arch}/biome`);

let scratch = "";
beforeAll(() => {
	scratch = mkdtempSync(join(tmpdir(), "hubsheet-layering-"));
	copyFileSync(join(root, "biome.json"), join(scratch, "biome.json"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lints one file at `path` (relative to the tree's root) and returns Biome's messages for it. */
function lint(path: string, source: string): { ok: boolean; output: string } {
	const file = join(scratch, path);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, source);
	const result = spawnSync(
		biome,
		["lint", "--vcs-enabled=false", "--only=style/noRestrictedImports", "--only=style/noRestrictedGlobals", path],
		{ cwd: scratch, encoding: "utf8" },
	);
	rmSync(file);
	return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

describe("layering rule", () => {
	it("core imports nothing of the project outside core", () => {
		const bad = lint("src/core/bad.ts", 'import type { X } from "../platforms/http/x.js";\nexport type Y = X;\n');
		expect(bad.ok).toBe(false);
		expect(bad.output).toContain("src/core/ is pure");
		const nested = lint(
			"src/core/reconcile/bad.ts",
			'import type { X } from "../../engine/x.js";\nexport type Y = X;\n',
		);
		expect(nested.ok).toBe(false);
		expect(
			lint("src/core/reconcile/good.ts", 'import type { X } from "../findings.js";\nexport type Y = X;\n').ok,
		).toBe(true);
	});

	it("a platform imports only core, the shared kit and the ports", () => {
		const other = lint(
			"src/platforms/hubspot/bad.ts",
			'import { f } from "../etsy/rate-limit.js";\nexport const g = f;\n',
		);
		expect(other.ok).toBe(false);
		expect(other.output).toContain("never another platform");
		const kit = lint(
			"src/platforms/http/bad.ts",
			'import { f } from "../etsy/response-parsing.js";\nexport const g = f;\n',
		);
		expect(kit.ok).toBe(false);
		const engine = lint(
			"src/platforms/inpost/bad.ts",
			'import { f } from "../../engine/sync-run.js";\nexport const g = f;\n',
		);
		expect(engine.ok).toBe(false);
		const good = lint(
			"src/platforms/inpost/good.ts",
			[
				'import type { CourierConnector } from "../../core/connector-contracts.js";',
				'import type { Http } from "../../ports.js";',
				'import { f } from "../http/retry-after.js";',
				'import { h } from "./mapping.js";',
				"export type C = CourierConnector | Http;",
				"export const g = [f, h];",
				"",
			].join("\n"),
		);
		expect(good.ok, good.output).toBe(true);
	});

	it("the sheet gateway imports only core and the ports", () => {
		expect(lint("src/sheet/bad.ts", 'import { f } from "../engine/x.js";\nexport const g = f;\n').ok).toBe(false);
		expect(lint("src/sheet/good.ts", 'import { f } from "../core/x.js";\nexport const g = f;\n').ok).toBe(true);
	});

	it("only the Apps Script shell touches Apps Script globals or imports src/gas/", () => {
		const global = lint("src/engine/bad.ts", "export const read = () => PropertiesService.getScriptProperties();\n");
		expect(global.ok).toBe(false);
		expect(global.output).toContain("Only src/gas/ touches Apps Script");
		expect(lint("src/engine/bad.ts", 'import { f } from "../gas/main.js";\nexport const g = f;\n').ok).toBe(false);
		// The runner is the other engine: it shares sheet/ and engine/ with Apps Script, never src/gas/.
		expect(lint("src/runner/bad.ts", 'import { f } from "../gas/findings-store.js";\nexport const g = f;\n').ok).toBe(
			false,
		);
		expect(lint("src/runner/good.ts", 'import { f } from "../sheet/findings-rows.js";\nexport const g = f;\n').ok).toBe(
			true,
		);
		expect(lint("src/gas/good.ts", "export const read = () => PropertiesService.getScriptProperties();\n").ok).toBe(
			true,
		);
	});
});
