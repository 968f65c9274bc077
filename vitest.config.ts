import { defineConfig } from "vitest/config";

// One project per layer, so `vitest run --project unit` gives quick feedback while `npm test` runs all.
export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: "unit",
					include: ["test/{core,platforms,sheet,engine,gas,ui,scripts}/**/*.test.ts"],
				},
			},
			{
				test: {
					name: "runtime",
					include: ["test/local/**/*.test.ts", "test/bundle/**/*.test.ts"],
					testTimeout: 30_000,
				},
			},
			{
				test: {
					name: "contract",
					include: ["test/contract/**/*.test.ts"],
					testTimeout: 30_000,
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
