import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	buildCode,
	buildManifest,
	buildSidebar,
	entryPointFooter,
	findModuleSyntax,
	findModuleSyntaxInBundle,
	listEntryPoints,
} from "../../scripts/build.js";

describe("findModuleSyntax", () => {
	it("flags import, export, require and dynamic import", () => {
		expect(findModuleSyntax('import { a } from "b";')).toEqual(["import statement"]);
		expect(findModuleSyntax("export const a = 1;")).toEqual(["export statement"]);
		expect(findModuleSyntax('const fs = require("fs");')).toEqual(["require() call"]);
		expect(findModuleSyntax('const m = import("x");')).toEqual(["dynamic import()"]);
	});

	it("accepts an iife bundle whose strings merely mention the words", () => {
		expect(findModuleSyntax('var Hubsheet = (() => { const note = "please export this"; return {}; })();')).toEqual([]);
	});
});

describe("entry points", () => {
	it("lists the functions exported by the bundle's global", () => {
		const bundle = "var Hubsheet = (() => ({ onOpen() {}, syncNow() {}, VERSION: '1' }))();";
		expect(listEntryPoints(bundle)).toEqual(["onOpen", "syncNow"]);
	});

	it("makes one top-level function per entry point that forwards its arguments", () => {
		const footer = entryPointFooter(["onOpen", "syncNow"]);
		expect(footer.split("\n")).toHaveLength(2);
		const forwarded = new Function("Hubsheet", `${footer}\nreturn syncNow(1, "two");`)({
			syncNow: (...args: unknown[]) => args,
		});
		expect(forwarded).toEqual([1, "two"]);
	});
});

describe("push set", () => {
	it("inlines the client script and CSS into one Sidebar.html", async () => {
		const html = await buildSidebar();
		expect(html).not.toContain("/*INLINE_JS*/");
		expect(html).not.toContain("/*INLINE_CSS*/");
		expect(html).toContain("getSidebarState");
		expect(html).not.toMatch(/<script[^>]+src=/);
	});

	it("keeps the manifest on V8 with explicit least-privilege scopes", () => {
		const manifest = JSON.parse(buildManifest()) as { runtimeVersion: string; oauthScopes: string[] };
		expect(manifest.runtimeVersion).toBe("V8");
		// The Sheets values API (one call per read, RAW writes) needs the spreadsheets scope; nothing more.
		expect(manifest.oauthScopes).toEqual([
			"https://www.googleapis.com/auth/spreadsheets",
			"https://www.googleapis.com/auth/script.container.ui",
			"https://www.googleapis.com/auth/script.scriptapp",
			"https://www.googleapis.com/auth/script.external_request",
			// Only the label files Hubsheet itself saves (engine/label-files.ts).
			"https://www.googleapis.com/auth/drive.file",
			// Alert e-mails (engine/alerts.ts), plain text, to the owner's own address (Session.getEffectiveUser).
			"https://www.googleapis.com/auth/script.send_mail",
			"https://www.googleapis.com/auth/userinfo.email",
		]);
	});

	it("writes a Code.js without module syntax (run `npm run build` first)", async () => {
		const code = readFileSync(join("dist", "Code.js"), "utf8");
		expect(await findModuleSyntaxInBundle(code)).toEqual([]);
		expect(await findModuleSyntaxInBundle(`${code}\nrequire("fs");`)).toEqual(["require() call"]);
		expect(code).toMatch(/^function onOpen\(\.\.\.args\)/m);
	});
});

describe("the bundle's size", () => {
	it("keeps Code.js minified, with zod's English messages only, under 450 KiB", async () => {
		const { code } = await buildCode();
		expect(Buffer.byteLength(code) / 1024).toBeLessThanOrEqual(450);
		// zod's default (English) message is there; another locale's is not.
		expect(code).toContain("Invalid input");
		expect(code).not.toContain("Nieprawidłowe dane wejściowe");
		// zod/mini only (src/platforms/http/zod.ts): classic zod's schemas cannot be tree-shaken (~150 KiB).
		expect(code).toContain('"ZodMiniObject"');
		expect(code).not.toContain('"ZodObject"');
	});
});
