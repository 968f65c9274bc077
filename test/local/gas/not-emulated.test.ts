/**
 * A method Apps Script has and the local runtime lacks fails with an error naming the method and
 * pointing to the table of what is emulated (local/gas/README.md), not V8's bare
 * `TypeError: … is not a function`; methods that exist and probes such as `await` are unchanged.
 */
import { describe, expect, it } from "vitest";
import { emulatesClass, emulatesObject, NotEmulatedError } from "../../../local/gas/not-emulated.js";
import { runtimeWithScript } from "./runtime-fixture.js";

describe("a method the emulator does not have", () => {
	it("names the service and the method and points to local/gas/README.md, in a real execution", () => {
		const runtime = runtimeWithScript(`
			function bandings() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange("A1").getBandings(); }
			function mailQuota() { return MailApp.getRemainingDailyQuota() >= 0 && PropertiesService.getScriptProperties().getKeys().length; }
			function installationSource() { return ScriptApp.getInstallationSource(); }
			function sheetsValuesBatchGetByDataFilter() { return Sheets.Spreadsheets.Values.batchGetByDataFilter({}, "id"); }`);
		const result = runtime.run("bandings");
		expect(result.status).toBe("failed");
		expect(String(result.error)).toContain("Range.getBandings is not emulated");
		expect(String(result.error)).toContain("local/gas/README.md");
		expect(String(result.error)).not.toContain("is not a function");

		expect(String(runtime.run("installationSource").error)).toContain(
			"ScriptApp.getInstallationSource is not emulated",
		);
		expect(String(runtime.run("sheetsValuesBatchGetByDataFilter").error)).toContain(
			"Sheets.Spreadsheets.Values.batchGetByDataFilter is not emulated",
		);
		// Methods that are emulated still work.
		expect(runtime.run("mailQuota").status).toBe("completed");
	});

	it("keeps probes undefined, identity and private fields intact", async () => {
		class Thing {
			readonly #secret = 7;
			reveal(): number {
				return this.#secret;
			}
		}
		emulatesClass(Thing, "Thing");
		const thing = new Thing() as Thing & Record<string, unknown>;
		expect(thing.reveal()).toBe(7);
		expect(thing.then).toBeUndefined();
		expect(thing.toJSON).toBeUndefined();
		expect(thing._internal).toBeUndefined();
		expect(await Promise.resolve(thing)).toBe(thing);
		expect(() => (thing.getFoo as () => void)()).toThrow(NotEmulatedError);
		expect(() => (thing.getFoo as () => void)()).toThrow("Thing.getFoo is not emulated");

		const service = emulatesObject({ Nested: { read: () => 1 }, Enum: { A: "A" }, ping: () => "pong" }, "Service");
		const loose = service as unknown as Record<string, Record<string, () => unknown>>;
		expect(service.ping()).toBe("pong");
		expect(() => loose.Nested?.write?.()).toThrow("Service.Nested.write is not emulated");
		// An enum (no functions) is left plain: an unknown member reads as undefined, as in Apps Script.
		expect(loose.Enum?.B).toBeUndefined();
	});
});
