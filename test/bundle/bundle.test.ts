import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../local/gas/runtime.js";
import { findModuleSyntaxInBundle, listEntryPoints } from "../../scripts/build.js";

// The built push set (npm test builds before it runs the tests).
const code = readFileSync(join("dist", "Code.js"), "utf8");
let runtime: LocalRuntime;

beforeAll(() => {
	runtime = new LocalRuntime({ stateDir: mkdtempSync(join(tmpdir(), "hubsheet-bundle-")) });
});

/** Arguments an owner, a trigger or the sidebar would pass; unlisted entry points take none. */
const ARGUMENTS: Record<string, unknown[]> = {
	onOpen: [{ authMode: "LIMITED" }],
	syncFromTrigger: [{ triggerUid: "1" }],
	fullPassFromTrigger: [{ triggerUid: "2" }],
	saveEtsySettings: [{ keystring: "", sharedSecret: "", shopId: "" }],
	selectOrder: ["3100000001"],
	applyFix: ["3100000001", "mark-cancelled"],
	installTriggers: [15],
	etsyOAuthCallback: [{ parameter: { error: "access_denied", error_description: "The user denied the request" } }],
};

/** Entry points that must refuse what they were given, with a message that says what is wrong. */
const REFUSALS: Record<string, RegExp> = {
	saveEtsySettings: /Etsy keystring/,
	// No finding offers it: a stale sidebar cannot apply a fix.
	applyFix: /offers this fix/,
};

describe("dist/Code.js", () => {
	it("holds no import, export or require", async () => {
		expect(await findModuleSyntaxInBundle(code)).toEqual([]);
	});

	it("loads in a bare vm context and exposes each entry point as a top-level function", () => {
		const context = vm.createContext({});
		vm.runInContext(code, context);
		const entryPoints = listEntryPoints(code);
		expect(entryPoints).toEqual(
			expect.arrayContaining(["onOpen", "onInstall", "syncNow", "setupSheets", "etsyOAuthCallback"]),
		);
		for (const name of entryPoints) expect(vm.runInContext(`typeof ${name}`, context), name).toBe("function");
	});

	it("runs every entry point by name in the emulated Apps Script runtime", () => {
		expect(runtime.run("setupSheets").status).toBe("completed");
		const outcomes = listEntryPoints(code).map((name) => {
			const result = runtime.run(name, { args: ARGUMENTS[name] ?? [] });
			return { name, status: result.status, error: result.error ?? "" };
		});
		for (const { name, status, error } of outcomes) {
			const refusal = REFUSALS[name];
			if (refusal) {
				expect(status, name).toBe("failed");
				expect(error, name).toMatch(refusal);
			} else {
				expect({ name, status, error }).toEqual({ name, status: "completed", error: "" });
			}
		}
	});

	it("shows the Hubsheet menu when the spreadsheet opens", () => {
		const [open] = runtime.openSpreadsheet();
		const menu = open?.uiEvents.find((event) => event.kind === "menu");
		expect(menu?.title).toBe("Hubsheet");
		expect(menu?.items?.filter((item) => item !== null).map((item) => item?.functionName)).toEqual([
			"openSidebar",
			"syncNowFromMenu",
			"setupSheets",
			"openSettings",
			"fullPassFromMenu",
			"installTriggersFromMenu",
			"removeTriggersFromMenu",
		]);
	});

	it("installs its triggers once however often it is asked", () => {
		runtime.run("installTriggersFromMenu");
		runtime.run("installTriggers", { args: [30] });
		const handlers = runtime
			.state()
			.triggers.map((trigger) => trigger.handlerFunction)
			.sort();
		expect(handlers).toEqual(["fullPassFromTrigger", "markSheetChanged", "syncFromTrigger"]);
		runtime.run("removeTriggersFromMenu");
		expect(runtime.state().triggers).toEqual([]);
	});
});
