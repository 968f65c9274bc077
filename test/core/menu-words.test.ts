import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { MENU_BOX_TITLES, MENU_CAPTIONS, MENU_ORDER, TOAST_SECONDS } from "../../src/core/menu-words.js";
import * as entryPoints from "../../src/gas/main.js";

const src = join(dirname(new URL(import.meta.url).pathname), "..", "..", "src");

function sourceFiles(folder: string): string[] {
	return readdirSync(folder).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.(ts|html)$/.test(name) ? [path] : [];
	});
}

describe("the Hubsheet menu's words", () => {
	it("lists every item once, in the order the owner sees, each running an entry point of main.ts", () => {
		expect(MENU_ORDER.map((entry) => (entry === null ? "—" : MENU_CAPTIONS[entry]))).toEqual([
			"Open Hubsheet",
			"Sync now",
			"—",
			"Set up sheets",
			"Settings",
			"Re-read all open orders",
			"—",
			"Install triggers",
			"Remove triggers",
		]);
		const exported = Object.entries(entryPoints)
			.filter(([, value]) => typeof value === "function")
			.map(([name]) => name);
		for (const entry of MENU_ORDER) if (entry) expect(exported, entry).toContain(entry);
	});

	it("every message that sends the owner to 'Hubsheet > …' names an item the menu has", () => {
		const captions = Object.values(MENU_CAPTIONS);
		const pointers = sourceFiles(src).flatMap((path) =>
			[...readFileSync(path, "utf8").matchAll(/Hubsheet > ([A-Z][A-Za-z -]*)/g)].map((match) => ({
				path,
				words: match[1] ?? "",
			})),
		);
		expect(pointers.length).toBeGreaterThan(10);
		for (const { path, words } of pointers)
			expect(
				captions.some((caption) => words.startsWith(caption)),
				`${path}: Hubsheet > ${words}`,
			).toBe(true);
	});

	it("titles what the items show, and a sync's toast stays ten seconds", () => {
		expect(MENU_BOX_TITLES).toMatchObject({ settings: "Hubsheet settings", sync: "Hubsheet sync" });
		expect(TOAST_SECONDS).toBe(10);
	});
});
