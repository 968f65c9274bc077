import { describe, expect, it } from "vitest";
import { CANONICAL_STATUSES, initialStatus, statusChoices } from "../../src/core/statuses.js";

describe("statusChoices", () => {
	it("adds the owner's custom statuses after the canonical ones, once each", () => {
		expect(statusChoices([" Waiting for wood ", "shipped", "", "Waiting for wood"])).toEqual([
			...CANONICAL_STATUSES,
			"Waiting for wood",
		]);
	});
});

describe("initialStatus", () => {
	it("starts a paid order New and a historic one where Etsy says it is", () => {
		expect(initialStatus({ isShipped: false, etsyStatus: "Paid" })).toBe("New");
		expect(initialStatus({ isShipped: true, etsyStatus: "Completed" })).toBe("Shipped");
		expect(initialStatus({ isShipped: false, etsyStatus: "Canceled" })).toBe("Cancelled");
		expect(initialStatus({ isShipped: false, etsyStatus: "Fully refunded" })).toBe("Cancelled");
		expect(initialStatus({ isShipped: false, etsyStatus: "Partially refunded" })).toBe("New");
	});
});
