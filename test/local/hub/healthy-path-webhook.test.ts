import { afterAll, beforeAll, describe, it } from "vitest";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";
import { WALK_TIMEOUT_MS, walkHealthyPath } from "./healthy-path.js";

// One file per CRM, so vitest can walk the pairs in parallel; see healthy-path.ts.
let sandboxes: SpawnedSandboxes;
beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "webhook", "furgonetka", "inpost"] });
}, 120_000);
afterAll(() => sandboxes.stop());

describe("Webhook: a healthy order has no findings at any step", () => {
	for (const courier of ["Furgonetka", "InPost"] as const) {
		it(`with ${courier}`, () => walkHealthyPath(sandboxes, "Webhook", courier), WALK_TIMEOUT_MS);
	}
});
