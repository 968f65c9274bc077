import { describe, expect, it } from "vitest";
import { normalizeName, StageDirectory, type StageEntry } from "../../../src/platforms/pipedrive/stage-catalog.js";

const stage = (id: number, name: string, pipelineId: number, orderNr = id): StageEntry => ({
	id,
	name,
	pipelineId,
	orderNr,
});

describe("StageDirectory", () => {
	const directory = new StageDirectory(
		[
			stage(1, "Qualified", 1),
			stage(2, "Production", 1),
			stage(10, "New", 2),
			stage(11, "Production", 2),
			stage(12, "Shipped", 2),
			stage(20, "New", 3),
		],
		[
			{ id: 1, name: "Sales pipeline", orderNr: 1 },
			{ id: 2, name: "Orders", orderNr: 2 },
			{ id: 3, name: "Old orders", orderNr: 3 },
		],
	);

	it("normalizes names for matching", () => {
		expect(normalizeName("  Ready \t to  SHIP ")).toBe("ready to ship");
	});

	it("picks the pipeline holding most of the names, ties to the one listed first", () => {
		expect(directory.homePipeline(["New", "Production", "Shipped"])).toBe(2);
		expect(directory.homePipeline(["New"])).toBe(2);
		expect(directory.homePipeline(["Production"])).toBe(1);
		expect(directory.homePipeline(["Sanding"])).toBeNull();
		expect(directory.homePipeline(["New"], 3)).toBe(3);
	});

	it("resolves in the home pipeline first, elsewhere unless told not to", () => {
		expect(directory.resolve("production", 2)?.id).toBe(11);
		expect(directory.resolve("Qualified", 2)?.id).toBe(1);
		expect(directory.resolve("Qualified", 2, true)).toBeUndefined();
		expect(directory.resolve("Production", null)?.id).toBe(2);
		expect(directory.resolve("Sanding", 2)).toBeUndefined();
		expect(directory.byId(12)?.name).toBe("Shipped");
	});

	it("ranks pipelines by id when their order is unknown", () => {
		const bare = new StageDirectory([stage(5, "New", 9), stage(6, "New", 4)]);
		expect(bare.resolve("New", null)?.id).toBe(6);
	});
});
