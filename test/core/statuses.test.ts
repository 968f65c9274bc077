import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES, statusChoices } from "../../src/core/statuses.js";

describe("statusChoices", () => {
	it("adds the owner's custom statuses after the canonical ones, once each", () => {
		expect(statusChoices([" Waiting for wood ", "shipped", "", "Waiting for wood"])).toEqual([
			...CANONICAL_STATUSES,
			"Waiting for wood",
		]);
	});
});
