/**
 * "Adding a courier is one folder plus one line in the registry": counts, for each platform, the
 * files under src/ (the UI included) outside the platform's own folder that name it. The figures are
 * ceilings: a change that spreads a platform's name further fails here; one that gathers it into the
 * platform's folder lowers the figure (and should lower the ceiling with it). How long any file
 * under src/ may be is test/scripts/file-length.test.ts's rule.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MARKETPLACE, PLATFORMS } from "../../src/platforms/registry.js";

const SRC = new URL("../../src/", import.meta.url).pathname;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

/** The files outside src/platforms/<id>/ whose text names the platform (any case). */
function filesNaming(id: string, name: string): string[] {
	const word = new RegExp(`\\b${name}\\b`, "i");
	return files(SRC)
		.map((path) => relative(SRC, path))
		.filter((path) => !path.startsWith(`platforms/${id}/`))
		.filter((path) => word.test(readFileSync(join(SRC, path), "utf8")));
}

/**
 * The registry is the one file outside its folder that names each CRM and courier: the settings
 * dialog, the Settings rows, the mapping vocabulary and the owner words are made from descriptors
 * (test/platforms/new-courier.test.ts shows a new one appearing in each). A ceiling above 1 would
 * let a name spread again.
 */
const CEILING: Record<string, number> = {
	Pipedrive: 1,
	HubSpot: 1,
	Webhook: 1,
	Furgonetka: 1,
	InPost: 1,
};

/**
 * Etsy, the marketplace the whole sheet is built around, has its descriptor too: its secrets' keys,
 * its settings dialog part, its Settings row, its sign-in, API client and health entry come from it.
 * Its name stays in the domain's words (an "Etsy order", receipt ids, what the engine says about
 * orders to the owner) and in the engine's etsy-* files, so its ceiling is a count, not 1: it may
 * only go down (was 81 files before the descriptor).
 */
const MARKETPLACE_CEILING = 67;

describe("a platform's name outside its folder", () => {
	it(`${MARKETPLACE.name}, the marketplace: the registry names it, and at most ${MARKETPLACE_CEILING} files in all`, () => {
		const naming = filesNaming(MARKETPLACE.id, MARKETPLACE.name);
		expect(naming).toContain("platforms/registry.ts");
		expect(naming.length, naming.join("\n")).toBeLessThanOrEqual(MARKETPLACE_CEILING);
	});

	for (const descriptor of PLATFORMS) {
		it(`${descriptor.name}: the registry names it, and at most ${CEILING[descriptor.name]} files in all`, () => {
			const naming = filesNaming(descriptor.id, descriptor.name);
			expect(naming).toContain("platforms/registry.ts");
			expect(naming.length, naming.join("\n")).toBeLessThanOrEqual(CEILING[descriptor.name] ?? 1);
		});
	}
});
