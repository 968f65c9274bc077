import { describe, expect, it } from "vitest";
import type { ServiceCall } from "../../../local/gas/host.js";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import { runtimeWithScript } from "./runtime-fixture.js";

// A sidebar polls a running sync's progress from another execution: what the sync puts must be
// readable before the sync ends, as with Apps Script's shared cache.
const SCRIPT = `
function putThenWork() {
	var cache = CacheService.getScriptCache();
	cache.put("progress", "Reading changes from Etsy…", 60);
	Utilities.sleep(1);
	cache.remove("progress");
	Utilities.sleep(1);
	return "done";
}`;

describe("CacheService write-through", () => {
	it("makes a put visible to another execution while this one still runs, and a remove too", () => {
		const runtime = runtimeWithScript(SCRIPT);
		runtime.state(); // a saved state, as every local run has
		const seen: Array<string | null> = [];
		const other = new LocalRuntime({ stateDir: runtime.options.stateDir, pushDir: runtime.options.pushDir });
		const result = runtime.run("putThenWork", {
			options: {
				onServiceCall(call: ServiceCall) {
					if (call.service === "Utilities") seen.push(other.state().cache.script.progress?.value ?? null);
				},
			},
		});
		expect(result.status).toBe("completed");
		expect(seen).toEqual(["Reading changes from Etsy…", null]);
	});

	it("keeps the expiry it was given", () => {
		const runtime = runtimeWithScript(SCRIPT);
		const clock = runtime.state().clock;
		let expiresAt: number | undefined;
		runtime.run("putThenWork", {
			options: {
				onServiceCall(call: ServiceCall) {
					if (call.service === "Utilities" && expiresAt === undefined)
						expiresAt = new LocalRuntime({ stateDir: runtime.options.stateDir }).state().cache.script.progress
							?.expiresAt;
				},
			},
		});
		expect(expiresAt).toBeGreaterThanOrEqual(clock + 60_000);
		expect(expiresAt).toBeLessThan(clock + 70_000);
	});
});
