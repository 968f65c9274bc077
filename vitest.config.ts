import { defineConfig } from "vitest/config";

// One project per layer, so `vitest run --project unit` gives quick feedback while `npm test` runs all.
// Time limits are generous on purpose: they catch a hang, not slowness. On a loaded 2-core machine a
// whole-order path in the emulator took 24 s where it takes 6 s idle; no test asserts on elapsed time.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: "unit",
					include: ["test/{core,platforms,sheet,engine,gas,ui,scripts}/**/*.test.ts"],
					testTimeout: 30_000,
				},
			},
			{
				test: {
					name: "runtime",
					include: ["test/local/**/*.test.ts", "test/bundle/**/*.test.ts"],
					testTimeout: 120_000,
					hookTimeout: 120_000,
				},
			},
			{
				test: {
					name: "contract",
					include: ["test/contract/**/*.test.ts"],
					testTimeout: 120_000,
					hookTimeout: 120_000,
				},
			},
			{
				test: {
					name: "e2e",
					include: ["test/e2e/**/*.test.ts"],
					testTimeout: 120_000,
					hookTimeout: 120_000,
					fileParallelism: false,
				},
			},
		],
	},
});
