/** A temporary push set and state folder, so runtime tests run small scripts of their own. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalRuntime, type LocalRuntimeOptions } from "../../../local/gas/runtime.js";

export function runtimeWithScript(code: string, options: LocalRuntimeOptions = {}): LocalRuntime {
	const pushDir = mkdtempSync(join(tmpdir(), "hubsheet-push-"));
	writeFileSync(join(pushDir, "Code.js"), code);
	writeFileSync(join(pushDir, "appsscript.json"), JSON.stringify({ timeZone: "Europe/Warsaw", runtimeVersion: "V8" }));
	return new LocalRuntime({
		pushDir,
		stateDir: mkdtempSync(join(tmpdir(), "hubsheet-state-")),
		fresh: { clock: Date.UTC(2026, 10, 22, 8, 0, 0) },
		...options,
	});
}
